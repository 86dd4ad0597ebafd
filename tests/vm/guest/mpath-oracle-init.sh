#!/bin/sh
# tests/vm/guest/mpath-oracle-init.sh: /init of the map oracle initramfs (busybox sh).
#
# Builds dm-multipath maps twice on the same devices in one boot, or lets multipathd adopt
# mpathboot's maps, and prints what the kernel holds, for tests/vm/mpath-oracle.sh:
#
#   MPO-DISKS <sd> ...         the disks found
#   MPO-PATH <sd> <maj:min> <H:C:T:L> dh=<handler> access=<ALUA state>   just before
#                              mpathboot runs (MPO-PATH-END: the same at the end)
#   MPO-CONF <file>: <line>    the /etc files of the scenario
#   MPB-EXIT <status>, MPB-LOG <line>   `mpathboot -v3` (assemble)
# mode=tables (proof 1: mpathboot's maps against multipath-tools' own, same /etc)
#   MPB-DM <name> <uuid>       every dm device after mpathboot (dmsetup info, sorted by name)
#   MPB-TABLE <name> <line>    its `dmsetup table` (the kernel's readback)
#   then all maps are removed (dmsetup remove_all), udev is started with Debian's rules
#   (sg3-utils, dm, multipath, kpartx), and Debian's multipath runs with the same /etc:
#   MPT-EXIT, MPT-LOG <line>   `multipath -v4` lines of interest (create, alias, blacklist ...)
#   MPT-SET <line>             its "(setting: ...)" lines
#   MPT-PLAN <name> <params>   "assembled map" lines: the table multipath loaded (before the
#                              kernel's readback clamps or rewrites anything)
#   MPT-DM, MPT-TABLE          as above, after multipath and `kpartx -a -p -part` on each map
# mode=adopt (proof 2: multipathd takes over mpathboot's maps)
#   ADB-DM <name> <uuid> <events>, ADB-TABLE ...   after mpathboot, before udev
#   MPO-UDEVDB <dm-N> <db lines>                   mpt.trigger=udevdb: the udev db written
#   MPO-PHASE <coldplug|trigger|multipathd|end> <uptime>
#   ADU-<when> <dm-N> <name> KEY=VALUE ...          udev db of the dm devices (after coldplug,
#                                                   after the trigger, at the end); ADU-links
#   UEV <uptime> <dm-N> <name> <action> cookie=<c>  kernel uevents of dm devices from udev's
#                                                   start on (a "change" with a cookie is a
#                                                   resume: after a reload, a rename, or a
#                                                   plain suspend/resume)
#   MPD-MAPS / MPD-PATH / MPD-TOPO <line>           multipathd show maps / paths / topology
#   MPD-LOG <line>                                  multipathd -v3 lines about reload, rename,
#                                                   wwid, udev, ACT_ decisions
#   ADA-DM <name> <uuid> <events>, ADA-TABLE ...   after multipathd settled
#   MPO-DMDEV <dm-N> <name>, MPO-LINK <link> -> <target>   udev's links to dm devices
#   MPO-DMESG <line>           the kernel's device-mapper and ALUA messages (and LIO's)
#   MPO-END
#
# Kernel command line:
#   mpt.case=NAME        echoed
#   mpt.mode=tables|adopt
#   mpt.conf=DIR         /mpt-conf/DIR/{multipath.conf,wwids,bindings} become /etc's
#   mpt.disks=N          wait (up to 30 s) until N sd disks exist
#   mpt.sdebug=A,B       insmod scsi_debug with these parameters (commas become spaces)
#   mpt.aluawait=0|1     wait until scsi_dh_alua knows every ALUA disk's state (default 1)
#   mpt.lio=1            one LIO ramdisk LUN exported through two tcm_loop targets (two
#                        paths), the second path's port group active/non-optimized with
#                        the PREF bit, the first's (LIO's default group) active/optimized
#   mpt.trigger=none|change|resume|udevdb   adopt only:
#                        change: after udev's coldplug, `echo change > /sys/block/dm-N/uevent`
#                          for every dm device;
#                        resume: after the coldplug, `dmsetup suspend --noflush` + `dmsetup
#                          resume` of every multipath map (the resume uevent has a cookie);
#                        udevdb: before udevd starts, write /run/udev/data/b<maj>:<min> for
#                          every dm device, as an initramfs with udev would leave it
#   mpt.maps=N           adopt: how many multipath maps multipathd must list
#
# No `set -e`: if /init exits, the kernel panics and the output is lost.

export PATH=/sbin:/bin:/usr/sbin:/usr/bin:/lib/udev
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/lib:/usr/lib/x86_64-linux-gnu:/usr/lib

say() { echo "mpo: [$(cut -d ' ' -f 1 /proc/uptime)] $*"; }
# shellcheck source=guest-lib.sh
. /lib/guest-lib.sh
now() { cut -d ' ' -f 1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

read_cmdline() {
    CASE=- MODE=tables CONF=- DISKS=1 SDEBUG='' TRIGGER=none MAPS=0 ALUAWAIT=1 LIO=0
    # shellcheck disable=SC2013  # one line of words
    for word in $(cat /proc/cmdline); do
        case $word in
            mpt.case=*) CASE=${word#*=} ;;
            mpt.mode=*) MODE=${word#*=} ;;
            mpt.conf=*) CONF=${word#*=} ;;
            mpt.disks=*) DISKS=${word#*=} ;;
            mpt.sdebug=*) SDEBUG=$(echo "${word#*=}" | tr , ' ') ;;
            mpt.trigger=*) TRIGGER=${word#*=} ;;
            mpt.maps=*) MAPS=${word#*=} ;;
            mpt.aluawait=*) ALUAWAIT=${word#*=} ;;
            mpt.lio=*) LIO=${word#*=} ;;
        esac
    done
}

disk_list() {
    for d in /sys/block/sd*; do
        [ -e "$d" ] && echo "${d##*/}"
    done
}

wait_for_disks() {
    i=0
    while [ "$(disk_list | wc -l)" -lt "$DISKS" ] && [ $i -lt 150 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    echo "MPO-DISKS $(disk_list | tr '\n' ' ')"
    say "disks after $((i / 5)).$((i % 5 * 2)) s (wanted $DISKS)"
}

write_conf() {
    src=/mpt-conf/$CONF
    mkdir -p /etc/multipath
    if [ -d "$src" ]; then
        [ ! -f "$src/multipath.conf" ] || cp "$src/multipath.conf" /etc/multipath.conf
        [ ! -f "$src/wwids" ] || cp "$src/wwids" /etc/multipath/wwids
        [ ! -f "$src/bindings" ] || cp "$src/bindings" /etc/multipath/bindings
    else
        say "no configuration folder $src"
    fi
    for f in /etc/multipath.conf /etc/multipath/wwids /etc/multipath/bindings; do
        [ -f "$f" ] && sed "s|^|MPO-CONF $f: |" "$f"
    done
}

run_mpathboot() {
    t0=$(now)
    /sbin/mpathboot -v3 > /tmp/mpb.log 2>&1
    rc=$?
    say "mpathboot -v3 exit $rc after $(since "$t0") s"
    echo "MPB-EXIT $rc"
    sed 's/^/MPB-LOG /' /tmp/mpb.log
}

# Every dm device: name and uuid (and the event counter with EVENTS=1), then each table,
# sorted by name. dmsetup says "No devices found" when there is none.
record() { # TAG [EVENTS]
    fields=name,uuid
    [ "${2:-0}" = 1 ] && fields=name,uuid,events
    dmsetup info -c --noheadings --separator ' ' -o "$fields" 2>/dev/null |
        grep -v '^No devices found' | sort | sed "s/^/$1-DM /"
    for n in $(dmsetup info -c --noheadings -o name 2>/dev/null | grep -v '^No devices found' | sort); do
        dmsetup table "$n" | sed "s/^/$1-TABLE $n /"
    done
}

remove_all_maps() {
    dmsetup remove_all
    left=$(dmsetup info -c --noheadings -o name 2>/dev/null | grep -vc '^No devices found')
    say "dmsetup remove_all: $left dm devices left"
    echo "MPO-LEFT $left"
    # The /dev/mapper nodes mpathboot made (libdm removes its own).
    for f in /dev/mapper/*; do
        [ "${f##*/}" = control ] || rm -f "$f"
    done
}

start_udev() {
    /lib/systemd/systemd-udevd --daemon --resolve-names=never
    sleep 0.2
    t0=$(now)
    udevadm trigger --action=add
    udevadm settle --timeout=120
    say "udev (trigger --action=add, settle) in $(since "$t0") s"
}

# multipath -v4: the "assembled map" lines are the tables it loads, the rest is context.
run_multipath() {
    t0=$(now)
    multipath -v4 > /tmp/mpt.log 2>&1
    rc=$?
    say "multipath -v4 exit $rc after $(since "$t0") s"
    echo "MPT-EXIT $rc"
    sed -n 's/^.*[[:space:]]\([^[:space:]]*\): assembled map \[\(.*\)\]$/MPT-PLAN \1 \2/p' /tmp/mpt.log
    grep -E '^(create|reload|rename|switchpg):|: set ACT_|alias =|binding|blacklist|wwid .* not in|queue_if_no_path|ERROR|fail|error' \
        /tmp/mpt.log | grep -v 'assembled map' |
        awk '!/\(setting: / || / alias = /' | head -n 80 | sed 's/^/MPT-LOG /'
    # Its settings and their origins, to set beside mpathboot's -v3 "(setting: ...)" lines.
    grep ' (setting: ' /tmp/mpt.log | grep -v 'marginal_\|san_path_err' | sed 's/^[0-9.]* | /MPT-SET /'
    # Debian's initramfs script (scripts/local-top/multipath) does this after multipath.
    t0=$(now)
    dmsetup ls --target multipath --exec "kpartx -a -p -part" > /tmp/kpartx.log 2>&1
    echo "MPT-KPARTX exit $? after $(since "$t0") s"
    sed 's/^/MPT-LOG kpartx: /' /tmp/kpartx.log
    udevadm settle --timeout=30
}

# The udev database of every dm device, the properties that decide adoption.
print_dm_udev() { # WHEN
    for d in /sys/block/dm-*; do
        [ -e "$d" ] || continue
        k=${d##*/}
        udevadm info --query=property --name="/dev/$k" > "/tmp/udev.$k" 2>&1
        props=
        for key in DM_UDEV_RULES DM_UDEV_DISABLE_OTHER_RULES_FLAG DM_UDEV_PRIMARY_SOURCE_FLAG \
            MPATH_DEVICE_READY DM_ACTIVATION DM_NOSCAN; do
            props="$props $key=$(sed -n "s/^$key=//p" "/tmp/udev.$k" | head -n 1)"
        done
        echo "ADU-$1 $k $(cat "$d/dm/name")$props"
        [ "$1" != end ] || echo "ADU-links $k $(sed -n 's/^DEVLINKS=//p' "/tmp/udev.$k")"
    done
}

trigger_extra() {
    case $TRIGGER in
        change)
            for d in /sys/block/dm-*; do
                [ -e "$d" ] && echo change > "$d/uevent"
            done
            udevadm settle --timeout=30
            say "change uevent written for every dm device"
            ;;
        resume)
            for n in $(dmsetup ls --target multipath | awk '{ print $1 }'); do
                if ! dmsetup suspend --noflush "$n" || ! dmsetup resume "$n"; then
                    say "suspend/resume $n failed"
                fi
            done
            udevadm settle --timeout=30
            say "suspend --noflush + resume (with udev cookie) done for every multipath map"
            ;;
    esac
}

# What an initramfs with udev leaves in /run/udev/data for the maps it made (and what
# initramfs-tools hands to the root by moving /run): written here, before udevd starts,
# as mpathboot could. A db file marks the device initialized (systemd sd-device); the
# keys are the ones the rules import on the coldplug "add" event:
#   DM_UDEV_PRIMARY_SOURCE_FLAG=1  55-dm.rules then does not disable the dm rules on "add"
#   MPATH_DEVICE_READY=1           56-dm-mpath.rules imports it; multipathd's is_udev_ready()
#   DM_SUBSYSTEM_UDEV_FLAG1=1      60-kpartx.rules imports it on "add": no kpartx -u, the
#                                  partition maps exist already (multipath-tools' own
#                                  MPATH_UDEV_NO_KPARTX_FLAG)
seed_udev_db() {
    mkdir -p /run/udev/data
    usec=$(awk '{ printf "%d", $1 * 1000000 }' /proc/uptime)
    for d in /sys/block/dm-*; do
        [ -e "$d" ] || continue
        uuid=$(cat "$d/dm/uuid")
        f=/run/udev/data/b$(cat "$d/dev")
        {
            echo "I:$usec"
            echo "E:DM_UDEV_PRIMARY_SOURCE_FLAG=1"
            case $uuid in
                mpath-*) echo "E:MPATH_DEVICE_READY=1"; echo "E:DM_SUBSYSTEM_UDEV_FLAG1=1" ;;
            esac
            echo "V:1"
        } > "$f"
        sed "s|^|MPO-UDEVDB ${d##*/} |" "$f" | paste -sd ' ' -
    done
}

mpd_maps() { multipathd show maps raw format "%n" 2>/dev/null | grep -vc '^ok$\|^$\|^fail\|timeout'; }

wait_for_multipathd() {
    t0=$(now)
    i=0
    while [ "$(mpd_maps)" -lt "$MAPS" ] && [ $i -lt 100 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    say "multipathd lists $(mpd_maps) maps (want $MAPS) after $(since "$t0") s"
    # The checkers run every second at first; wait until every path is up (bounded).
    i=0
    while [ $i -lt 50 ]; do
        multipathd show paths raw format "%d %t %T %o" | tr -s ' ' > /tmp/paths 2>&1
        if [ -s /tmp/paths ] && ! grep -qv ' active ready running *$' /tmp/paths; then
            break
        fi
        sleep 0.2
        i=$((i + 1))
    done
    say "paths settled after $(since "$t0") s"
    # Whatever multipathd triggered (reloads, kpartx from udev) must be finished too.
    sleep 1
    udevadm settle --timeout=30
}

phase() { echo "MPO-PHASE $1 $(now)"; }

# The links udev made for dm devices (what the installed system mounts by), and what
# /dev/mapper holds (b = a block node, as mpathboot makes them; l = udev's symlink).
print_links() {
    for d in /sys/block/dm-*; do
        [ -e "$d" ] && echo "MPO-DMDEV ${d##*/} $(cat "$d/dm/name")"
    done
    for l in /dev/mapper/* /dev/disk/by-id/* /dev/disk/by-uuid/* /dev/disk/by-partuuid/* \
        /dev/disk/by-label/* /dev/disk/by-partlabel/*; do
        if [ -L "$l" ]; then
            t=$(readlink "$l")
            case $t in *dm-*) echo "MPO-LINK $l -> $t" ;; esac
        elif [ -b "$l" ]; then
            echo "MPO-LINK $l (block node)"
        fi
    done
}

run_adopt() {
    record ADB 1
    [ "$TRIGGER" != udevdb ] || seed_udev_db
    # Every kernel uevent of a block device from here on: a dm "change" is a resume
    # (after a table reload, or a plain suspend/resume), or a synthetic trigger.
    udevadm monitor --kernel --property --subsystem-match=block > /tmp/uevents 2>&1 &
    mon=$!
    sleep 0.3
    phase coldplug
    start_udev
    print_dm_udev coldplug
    phase trigger
    trigger_extra
    [ "$TRIGGER" = none ] || print_dm_udev trigger
    phase multipathd
    t0=$(now)
    multipathd -d -s -v3 > /tmp/mpd.log 2>&1 &
    wait_for_multipathd
    say "multipathd settled $(since "$t0") s after its start"
    phase end
    multipathd show maps | sed 's/^/MPD-MAPS /'
    multipathd show paths format "%d %t %T %o" | tr -s ' ' | sed 's/^/MPD-PATH /'
    multipathd show topology | sed 's/^/MPD-TOPO /'
    sleep 0.3
    kill "$mon" 2>/dev/null
    record ADA 1
    print_dm_udev end
    print_links
    # One line per kernel uevent of a dm device: time, device, action, cookie.
    awk '
        /^KERNEL\[/ { t = $1; sub(/^KERNEL\[/, "", t); sub(/\]$/, "", t); action = $2; dev = ""; cookie = "-" }
        /^DEVNAME=/ { sub(/^DEVNAME=(\/dev\/)?/, ""); dev = $0 }
        /^DM_COOKIE=/ { sub(/^DM_COOKIE=/, ""); cookie = $0 }
        /^$/ { if (dev ~ /^dm-/) print t, dev, action, cookie; dev = "" }
        END { if (dev ~ /^dm-/) print t, dev, action, cookie }
    ' /tmp/uevents > /tmp/uev
    while read -r t dev action cookie; do
        echo "UEV $t $dev $(cat "/sys/block/$dev/dm/name" 2>/dev/null || echo '?') $action cookie=$cookie"
    done < /tmp/uev
    grep -iE 'reload|rename|wwid|udev|ACT_|switch|load table|domap|adopt|remov|fail' /tmp/mpd.log |
        grep -v 'uid_attribute\|getuid\|path_checker\|prioritizer\|(setting: \|: uid = \|whitelisted$' |
        head -n 300 | sed 's/^/MPD-LOG /'
    echo "MPD-LOGLINES $(wc -l < /tmp/mpd.log)"
}

# scsi_dh_alua reads the ALUA state asynchronously (kaluad): until its first REPORT TARGET
# PORT GROUPS succeeds, access_state reads "active/optimized", and a UNIT ATTENTION ("Power
# on occurred", scsi_debug's first answer) delays it by 2 s (ALUA_RTPG_RETRY_DELAY). Wait
# (bounded, 10 s) until the kernel logged "alua: port group .. state" for every attached
# disk, unless mpt.aluawait=0. Returns the disks' states as MPO-PATH lines either way.
wait_for_alua() {
    n=0
    for d in $(disk_list); do
        [ "$(cat "/sys/block/$d/device/dh_state" 2>/dev/null)" = alua ] && n=$((n + 1))
    done
    t0=$(now)
    i=0
    if [ "$ALUAWAIT" = 1 ] && [ "$n" -gt 0 ]; then
        while [ $i -lt 50 ]; do
            done_=$(dmesg | sed -n 's/.* \([0-9]*:[0-9]*:[0-9]*:[0-9]*\): alua: port group .* state .*/\1/p' | sort -u | wc -l)
            [ "$done_" -ge "$n" ] && break
            sleep 0.2
            i=$((i + 1))
        done
        say "ALUA states known for $done_ of $n disks after $(since "$t0") s"
    fi
    print_paths MPO-PATH
}

print_paths() { # TAG
    for d in $(disk_list); do
        h=$(basename "$(readlink -f "/sys/block/$d/device")")
        echo "$1 $d $(cat "/sys/block/$d/dev") $h dh=$(cat "/sys/block/$d/device/dh_state" 2>/dev/null)" \
            "access=$(cat "/sys/block/$d/device/access_state" 2>/dev/null)" \
            "pref=$(cat "/sys/block/$d/device/preferred_path" 2>/dev/null)"
    done
}

# quiet: kernel messages are printed at the end from dmesg instead.
guest_mounts run quiet
echo
read_cmdline
say "case $CASE: mode $MODE, conf $CONF, $DISKS disk(s), trigger $TRIGGER"
guest_load_modules "$SDEBUG"
[ "$LIO" = 1 ] && guest_lio_two_paths
wait_for_disks
wait_for_alua
write_conf
run_mpathboot
case $MODE in
    tables)
        record MPB
        remove_all_maps
        start_udev
        run_multipath
        record MPT
        ;;
    adopt)
        run_adopt
        ;;
esac
print_paths MPO-PATH-END
dmesg | grep -iE 'device-mapper|multipath|alua|round-robin|service-time|tcm_loop|target_core' | tail -n 60 | sed 's/^/MPO-DMESG /'
echo MPO-END
poweroff -f
