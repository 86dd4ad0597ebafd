#!/bin/sh
# tests/vm/guest/faults-init.sh: /init of the fault-matrix initramfs (busybox sh), run by
# tests/vm/faults.sh. It runs the phases named on the kernel command line, in order, and
# prints what each saw as MPT-* lines on the console, which the host reads:
#
#   MPT-PHASE NAME                 a phase starts
#   MPT-LOG NAME <line>            mpathboot's own output (stdout and stderr) in that phase
#   MPT-RC NAME N SECONDS          mpathboot's exit status and wall time
#   MPT-DM NAME <line>             dmsetup info (name uuid events attr open) after the phase
#   MPT-TABLE NAME <line>          dmsetup table after the phase
#   MPT-STATUS NAME <line>         mpathboot status after the phase
#   MPT-SAME NAME yes|no           the dm state is the one before the phase (rerun)
#   MPT-IO ...                     the write/verify phase, after the pivot
#   MPT-DONE                       the last phase ended (the guest powers off next)
#
# Disks (tests/vm/faults.sh): the root LU (WWID 35000c50015ea71ac, 2 paths), a data LU
# (35000c50015ea71ad, 2 paths), an LU with a corrupt GPT (35000c50015ea71ae, 2 paths), and
# two different images presenting the same WWID with different sizes (35000c50015ea71af).
#
# Kernel command line: mpt.phases=a,b,c (see run_phase), mpt.paths=N (sd disks to wait for).
# No `set -e`: if /init exits, the kernel panics and the results are lost.

ROOT=35000c50015ea71ac
DATA=35000c50015ea71ad
CORRUPT=35000c50015ea71ae
SAME=35000c50015ea71af
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
# dmsetup (Debian's, with its libraries) must not wait for a udev that does not run.
export DM_DISABLE_UDEV=1

say() { echo "mpt: [$(cut -d ' ' -f 1 /proc/uptime)] $*"; }
# shellcheck source=guest-lib.sh
. /lib/guest-lib.sh

guest_mounts
echo

PHASES='' PATHS=8
for word in $(cat /proc/cmdline); do
    case $word in
        mpt.phases=*) PHASES=$(echo "${word#*=}" | tr , ' ') ;;
        mpt.paths=*) PATHS=${word#*=} ;;
    esac
done

# insmod MODULE.ko... in load.list order; the dm-multipath modules only when asked.
MULTIPATH_MODULES="dm-multipath.ko dm-round-robin.ko dm-service-time.ko dm-queue-length.ko"
load_modules() { # all|base|multipath
    while read -r ko; do
        case " $MULTIPATH_MODULES " in
            *" $ko "*) [ "$1" = base ] && continue ;;
            *) [ "$1" = multipath ] && continue ;;
        esac
        [ "$ko" = scsi_debug.ko ] && continue
        insmod "/lib/modules/mpt/$ko" 2>/dev/null
    done < /lib/modules/mpt/load.list
}

sd_count() { ls -d /sys/block/sd* 2>/dev/null | wc -l; }
wait_sd() { # N
    i=0
    while [ "$(sd_count)" -lt "$1" ] && [ $i -lt 150 ]; do sleep 0.2; i=$((i + 1)); done
    say "$(sd_count) sd disks (wanted $1)"
}

# The sd names of an LU, by the NAA the kernel read from VPD 0x83 (the WWID without its "3").
paths_of() { # WWID
    for d in /sys/block/sd*; do
        [ "$(cat "$d/device/wwid" 2>/dev/null)" = "naa.${1#3}" ] && echo "${d##*/}"
    done
}
host_of() { # SD: the SCSI host number of a disk
    basename "$(readlink -f "/sys/block/$1/device")" | cut -d : -f 1
}

write_etc() {
    mkdir -p /etc/multipath
    printf '/%s/\n' $ROOT $DATA $CORRUPT $SAME > /etc/multipath/wwids
    # Malformed: a bad value, an unknown keyword, a keyword without value, a stray '}', an
    # unterminated quote and a section left open. Built-in defaults apply to all of it
    # (find_multipaths strict: the wwids file decides).
    cat > /etc/multipath.conf <<'EOF'
defaults {
	polling_interval ten
	no_such_keyword 1
	find_multipaths
}}
blacklist {
	wwid "(unterminated
EOF
}

# mpathboot with a time bound; its lines tagged with the phase. Sets RC.
run_mpathboot() { # PHASE ARGS...
    phase=$1
    shift
    t0=$(cut -d ' ' -f 1 /proc/uptime)
    timeout 120 /sbin/mpathboot "$@" > /tmp/out 2>&1
    RC=$?
    t1=$(cut -d ' ' -f 1 /proc/uptime)
    sed "s/^/MPT-LOG $phase /" /tmp/out
    echo "MPT-RC $phase $RC $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
}

dm_state() {
    dmsetup info -c --noheadings --separator ' ' -o name,uuid,events,attr,open 2>/dev/null | sort
    dmsetup table 2>/dev/null | sort
}

report() { # PHASE
    dmsetup info -c --noheadings --separator ' ' -o name,uuid,events,attr,open 2>/dev/null | sort |
        grep -v '^No devices found' | sed "s/^/MPT-DM $1 /"
    dmsetup table 2>/dev/null | sort | sed "s/^/MPT-TABLE $1 /"
    /sbin/mpathboot status 2>&1 | sed "s/^/MPT-STATUS $1 /"
}

run_phase() {
    echo "MPT-PHASE $1"
    case $1 in
        # dm-mod is there, dm-multipath is not: mpathboot must fail clearly, leave no map.
        nodm)
            run_mpathboot nodm -v
            report nodm
            load_modules multipath
            ;;
        # One root path offline before the scan; one data path gone (it comes back in
        # `late`); the malformed multipath.conf; the same-WWID pair; the corrupt GPT.
        assemble)
            off=$(paths_of $ROOT | tail -n 1)
            echo offline > "/sys/block/$off/device/state"
            echo "MPT-OFFLINE $off"
            gone=$(paths_of $DATA | tail -n 1)
            LATE_HOST=$(host_of "$gone")
            echo 1 > "/sys/block/$gone/device/delete"
            echo "MPT-GONE $gone host$LATE_HOST"
            run_mpathboot assemble -v
            report assemble
            ;;
        # The data path reappears (host rescan); a second run adds it to the live map.
        late)
            echo "- - -" > "/sys/class/scsi_host/host$LATE_HOST/scan"
            wait_sd "$PATHS"
            echo "MPT-BACK $(paths_of $DATA | tr '\n' ' ')"
            run_mpathboot late -v
            report late
            ;;
        # On an assembled system another run changes nothing: same tables, same event numbers.
        rerun)
            dm_state > /tmp/before
            run_mpathboot rerun -v
            dm_state > /tmp/after
            if cmp -s /tmp/before /tmp/after; then echo "MPT-SAME rerun yes"; else
                echo "MPT-SAME rerun no"; diff /tmp/before /tmp/after | sed 's/^/MPT-DIFF rerun /'; fi
            report rerun
            ;;
        # Killed right after DM_DEVICE_CREATE of the data map, then right after the table load
        # of the root's part1 map; each time the next run clears the stray and rebuilds.
        kill)
            dm_state > /tmp/before
            dmsetup remove $DATA
            export MPATHBOOT_FAULT=kill-after-create:$DATA
            run_mpathboot kill-create -v
            unset MPATHBOOT_FAULT
            report kill-create
            run_mpathboot kill-create-rerun -v
            report kill-create-rerun
            dmsetup remove $ROOT-part1
            export MPATHBOOT_FAULT=kill-after-load:$ROOT-part1
            run_mpathboot kill-load -v
            unset MPATHBOOT_FAULT
            report kill-load
            run_mpathboot kill-load-rerun -v
            report kill-load-rerun
            # Event numbers of the rebuilt maps start again; names, UUIDs and tables must not change.
            dm_state | awk 'NF == 5 { print $1, $2, $4, $5; next } { print }' > /tmp/after
            awk 'NF == 5 { print $1, $2, $4, $5; next } { print }' /tmp/before > /tmp/before2
            if cmp -s /tmp/before2 /tmp/after; then echo "MPT-SAME kill yes"; else
                echo "MPT-SAME kill no"; diff /tmp/before2 /tmp/after | sed 's/^/MPT-DIFF kill /'; fi
            ;;
        # No /sys at all: the /dev scan must find the same maps.
        nosys)
            dmsetup info -c --noheadings -o uuid | sort > /tmp/uuids-before
            dmsetup remove_all
            echo "MPT-LEFT nosys $(ls -d /sys/block/dm-* 2>/dev/null | wc -l)"
            umount /sys
            run_mpathboot nosys -v
            mount -t sysfs sysfs /sys
            report nosys
            dmsetup info -c --noheadings -o uuid | sort > /tmp/uuids-after
            if cmp -s /tmp/uuids-before /tmp/uuids-after; then echo "MPT-SAME nosys yes"; else
                echo "MPT-SAME nosys no"; diff /tmp/uuids-before /tmp/uuids-after | sed 's/^/MPT-DIFF nosys /'; fi
            ;;
        # A LU that never answers: scsi_debug (2 hosts, 1 LU) answers the scan, then ignores
        # every command (every_nth=1, opts=4: "timeout"); its WWID goes into the wwids file.
        tur)
            n=$(sd_count)
            insmod /lib/modules/mpt/scsi_debug.ko add_host=2 num_tgts=1 max_luns=1 vpd_use_hostno=0 dev_size_mb=8
            wait_sd $((n + 2))
            sd=$(ls -d /sys/bus/pseudo/drivers/scsi_debug/adapter*/host*/target*/*/block/sd* | head -n 1)
            # The WWID as mpathboot derives it (udev's ID_SERIAL rules pick the T10 designator here).
            sdebug=$(/sbin/mpathboot paths -q | awk -v d="${sd##*/}" '$1 == d { for (i = 1; i < NF; i++) if ($i == "wwid") print $(i + 1) }')
            echo "/$sdebug/" >> /etc/multipath/wwids
            echo "MPT-SDEBUG $sdebug"
            echo 1 > /sys/bus/pseudo/drivers/scsi_debug/every_nth
            echo 4 > /sys/bus/pseudo/drivers/scsi_debug/opts
            run_mpathboot tur -v
            echo 0 > /sys/bus/pseudo/drivers/scsi_debug/opts
            report tur
            # Where the time went: the SCSI error handler's view of the timed-out commands.
            dmesg | grep -a -E 'scsi|sd[a-z]* |device-mapper|multipath' | tail -n 30 | sed 's/^/MPT-KMSG tur /'
            ;;
        # Root on its partition map, switch_root; after the pivot a write/verify of 8 MiB on
        # the data map loses one of its two paths half-way (the SCSI device is deleted).
        io)
            run_mpathboot io-assemble -v
            mount -t ext4 -o ro /dev/mapper/$ROOT-part2 /newroot || { echo "MPT-IO mount-failed"; return; }
            # switch_root empties the initramfs: the pattern goes to a tmpfs on the root's /run.
            mount -t tmpfs tmpfs /newroot/run
            cp /pattern /newroot/run/pattern
            for fs in dev proc sys; do mount --move /$fs /newroot/$fs; done
            exec switch_root /newroot /bin/sh -c '
                export PATH=/sbin:/bin:/usr/sbin:/usr/bin
                exec </dev/console >/dev/console 2>&1
                echo "MPT-IO pivoted root=$(awk "\$5 == \"/\" { d = \$3 } END { print d }" /proc/self/mountinfo)"
                map=/dev/mapper/'$DATA'
                # The path I/O goes to: the first path of the first (active) group; with the
                # failover policy every group holds one path.
                first=$(/sbin/mpathboot -v status '$DATA' 2>&1 | sed -n "s/.*: status //p" | grep -o "[0-9]*:[0-9]*" | head -n 1)
                victim=$(basename $(readlink -f /sys/dev/block/$first))
                echo "MPT-IO victim $victim ($first)"
                # 4 KiB direct writes: slow enough under TCG that the path goes while they run.
                dd if=/run/pattern of=$map bs=4k seek=256 oflag=direct conv=fsync 2>/run/dd.err &
                pid=$!
                sleep 0.3
                echo 1 > /sys/block/$victim/device/delete
                if kill -0 $pid 2>/dev/null; then echo "MPT-IO in-flight yes"; else echo "MPT-IO in-flight no"; fi
                echo "MPT-IO deleted $victim"
                wait $pid
                echo "MPT-IO dd-exit $?"
                echo 3 > /proc/sys/vm/drop_caches
                echo "MPT-IO verify $(dd if=$map bs=64k skip=16 count=128 iflag=direct 2>/dev/null | md5sum | cut -d " " -f 1)" \
                    "want $(md5sum < /run/pattern | cut -d " " -f 1)"
                /sbin/mpathboot status 2>&1 | sed "s/^/MPT-STATUS io /"
                echo MPT-DONE
                poweroff -f'
            ;;
    esac
}

say "fault matrix: phases $PHASES"
if [ "${PHASES%% *}" = nodm ]; then load_modules base; else load_modules all; fi
wait_sd "$PATHS"
write_etc
for phase in $PHASES; do
    run_phase "$phase"
done
echo MPT-DONE
poweroff -f
