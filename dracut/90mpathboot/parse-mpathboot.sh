#!/bin/sh
# cmdline hook 30: honour the off switches before udevd starts. With multipath off the udev
# rule is removed from the image (/ of the initramfs is writable), so no path is hidden
# from blkid, and a flag file tells the other hooks to do nothing. Root is then mounted from
# whatever device the root= spec finds, a raw path if the disk has several.
. /lib/mpathboot-lib.sh

if mpathboot_disabled; then
    info "mpathboot: multipath disabled on the kernel command line"
    mkdir -p "$MPATHBOOT_STATE"
    : > "$MPATHBOOT_STATE/disabled"
    rm -f /lib/udev/rules.d/56-mpathboot.rules /usr/lib/udev/rules.d/56-mpathboot.rules
fi
