# shellcheck shell=sh
# tests/vm/guest/guest-lib.sh: how every test guest's /init starts, in one place. Put into
# each initramfs image as /lib/guest-lib.sh by vm_build_initramfs (tests/vm/lib.sh) and
# sourced (busybox sh, POSIX). The caller defines say().
#
#   guest_mounts [run] [quiet]   /proc, /sys and /dev (devtmpfs), then the console reopened
#                                from devtmpfs (the kernel opened it from the cpio); `run`:
#                                also a tmpfs on /run; `quiet`: kernel messages off the
#                                console, so they cannot cut into lines the host parses
#   guest_load_modules [SDEBUG]  every module of /lib/modules/mpt/load.list in its order
#                                (dependencies first), scsi_debug only when parameters are
#                                given (it makes LUNs as soon as it loads); says how many
#                                loaded and which failed (not fatal: crc32c-intel needs
#                                SSE4.2, the generic one is used)

guest_mounts() {
    mount -t proc proc /proc
    mount -t sysfs sysfs /sys
    mount -t devtmpfs devtmpfs /dev
    for option in "$@"; do
        [ "$option" = run ] && mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
    done
    exec </dev/console >/dev/console 2>&1
    for option in "$@"; do
        [ "$option" = quiet ] && echo 1 > /proc/sys/kernel/printk
    done
}

guest_load_modules() {
    dir=/lib/modules/mpt
    n=0
    failed=
    while read -r ko; do
        [ -n "$ko" ] || continue
        [ "$ko" = scsi_debug.ko ] && continue
        if err=$(insmod "$dir/$ko" 2>&1); then
            n=$((n + 1))
        else
            failed="$failed ${ko%.ko}(${err##*: })"
        fi
    done < "$dir/load.list"
    say "loaded $n modules for $(cat $dir/kver)"
    [ -z "$failed" ] || say "insmod failed:$failed"
    [ -n "${1:-}" ] || return 0
    # shellcheck disable=SC2086  # a word list
    if insmod $dir/scsi_debug.ko $1; then
        say "scsi_debug loaded: $1"
    else
        say "insmod scsi_debug $1 failed"
    fi
}
