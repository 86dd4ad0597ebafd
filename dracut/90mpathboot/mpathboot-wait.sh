#!/bin/sh
# pre-mount hook 10: the root device exists; hold the pivot until the maps under it have
# mpathboot.min_paths paths (default 2), for at most mpathboot.wait seconds (default 10).
# Fewer paths at the end: boot degraded with a warning (mpathboot says so). A root that is
# not on multipath costs no wait. Then settle udev so the mount sees the map's links.
# Hooks are sourced by init: the work runs in a subshell to keep init's variables as they are.
. /lib/mpathboot-lib.sh

if [ ! -e "$MPATHBOOT_STATE/disabled" ]; then
    (
        set -- --cmdline
        t=$(mpathboot_arg mpathboot.wait) && set -- "$@" --timeout "$t"
        n=$(mpathboot_arg mpathboot.min_paths) && set -- "$@" --min-paths "$n"
        spec=${root:-$(getarg root=)}
        mpathboot_wait_root "${spec#block:}" "$@" 2>&1 | vinfo
    )
    udevadm settle --timeout=10 > /dev/null 2>&1
fi
