#!/bin/sh
# initqueue/settled hook 50 (no --onetime): runs whenever udev's queue is empty in the main
# loop. Assembles all maps, and again each time a path device came or went: re-running adds
# late paths to existing maps by table reload and creates missing maps. After a failure
# it tries again, up to 3 times, then waits for a device to come or go.
. /lib/mpathboot-lib.sh

if [ ! -e "$MPATHBOOT_STATE/disabled" ] && mpathboot_paths_changed; then
    "$MPATHBOOT" assemble --cmdline --kmsg
    _mpb_rc=$?
    case $_mpb_rc in
        0 | 2) mpathboot_assemble_ok ;;
        *)
            warn "mpathboot: assemble exited $_mpb_rc"
            mpathboot_assemble_failed
            ;;
    esac
    unset _mpb_rc
fi
