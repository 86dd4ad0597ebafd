#!/bin/sh
# shutdown hook 20 (from /run/initramfs at power-off): no queueing map may block the last
# unmount once its paths are gone.
/sbin/mpathboot fail-if-no-path
