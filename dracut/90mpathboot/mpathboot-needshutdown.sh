#!/bin/sh
# cleanup hook 80: there is no daemon to stop. If a map queues I/O when all paths are gone
# (queue_if_no_path), ask for dracut's shutdown initramfs, whose shutdown hook switches
# the maps to fail_if_no_path so the final unmount cannot hang.
. /lib/mpathboot-lib.sh

if [ ! -e "$MPATHBOOT_STATE/disabled" ] && command -v dmsetup > /dev/null 2>&1; then
    case "$(dmsetup table --target multipath 2> /dev/null)" in
        *queue_if_no_path*) need_shutdown ;;
    esac
fi
