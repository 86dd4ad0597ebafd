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
#   guest_lio_two_paths          one LIO ramdisk LUN through two tcm_loop targets (two
#                                paths, port groups 0 and 2: active/optimized, and
#                                active/non-optimized with the PREF bit); needs the tcm_loop
#                                module loaded; says what LIO's groups were set to

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

# LIO through configfs, in the order targetcli uses (target_core_mod, tcm_loop): ramdisk
# rd_mcp_0/lun0 (16 MiB, fixed unit serial, so a fixed WWID), port group "pref" (id 2,
# PREF bit, active/non-optimized) besides default_tg_pt_gp (id 0, active/optimized), then
# one tcm_loop target per path, its I_T nexus before its LUN (linking the LUN adds the SCSI
# device, which needs the nexus). A LUN joins a group only once linked, so the second
# path's disk first appears in the default group: it is rescanned after the move (the
# kernel reads VPD 0x83 again and scsi_dh_alua takes the new group), and the wait is for
# the kernel's first state of group 2.
guest_lio_two_paths() {
    cfg=/sys/kernel/config
    mount -t configfs configfs $cfg || say "mount configfs failed"
    core=$cfg/target/core/rd_mcp_0/lun0
    mkdir -p $core
    echo rd_pages=4096 > $core/control
    echo 1 > $core/enable
    echo 5f1b2e4c-7a90-4d3e-9c1a-00000000b007 > $core/wwn/vpd_unit_serial
    mkdir $core/alua/pref
    echo 2 > $core/alua/pref/tg_pt_gp_id
    echo 1 > $core/alua/pref/preferred
    echo 1 > $core/alua/pref/alua_access_state
    for i in 1 2; do
        tpg=$cfg/target/loopback/naa.500140500000000$i/tpgt_1
        mkdir -p $tpg
        echo naa.500140500000010$i > $tpg/nexus || say "LIO: no I_T nexus for $tpg"
        mkdir $tpg/lun/lun_0
        ln -s $core $tpg/lun/lun_0/lun0
    done
    echo pref > $cfg/target/loopback/naa.5001405000000002/tpgt_1/lun/lun_0/alua_tg_pt_gp
    for f in "$core"/alua/*/alua_access_state "$core"/alua/*/preferred "$core"/alua/*/tg_pt_gp_id; do
        say "LIO: ${f#"$core"/alua/} $(cat "$f")"
    done
    for r in /sys/class/scsi_device/*/device/rescan; do
        [ -e "$r" ] && echo 1 > "$r"
    done
    i=0
    while ! dmesg | grep -q 'alua: port group 02 state' && [ $i -lt 50 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    say "LIO: SCSI hosts $(echo /sys/class/scsi_host/* | sed 's|/sys/class/scsi_host/||g'); group 2 state known after $((i / 5)).$((i % 5 * 2)) s"
}
