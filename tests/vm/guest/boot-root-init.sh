#!/bin/sh
# tests/vm/guest/boot-root-init.sh: /sbin/init of the boot-integration test root (busybox sh).
#
# Runs right after the initramfs (built by dracut or mkinitramfs) switched root. Reports,
# from the kernel's own view (mountinfo and sysfs), what / is and what it stacks on, who
# holds each SCSI disk and partition, the multipath maps and what `mpathboot status` says,
# then powers off. Lines for tests/vm/boot.sh (a field with nothing to report is "-"):
#   MPT-ROOT dev=MAJ:MIN kname=K name=DMNAME uuid=DMUUID chain=K>K2>... map=NAME
#       map_uuid=UUID map_slaves=sda,sdb
#   MPT-HOLDERS sda=dm-0 sda1=- sda2=- sdb=dm-0 ...    (holders of every sd disk/partition)
#   MPT-MAPS count=N names=a,b                         (dm devices with uuid mpath-*)
#   MPT-UPTIME seconds-since-boot
#   MPT-CMDLINE ...
#   MPT-STATUS <each line of mpathboot status>
#   MPT-END status_exit=N

export PATH=/sbin:/bin:/usr/sbin:/usr/bin
[ -e /proc/self/mountinfo ] || mount -t proc proc /proc
[ -d /sys/block ] || mount -t sysfs sysfs /sys
[ -e /dev/console ] || mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

val() { # FILE: its content, or "-"
    if [ -r "$1" ]; then cat "$1"; else echo -; fi
}

list_dir() { # DIR: entries joined by commas, or "-"
    l=$(ls "$1" 2>/dev/null | tr '\n' , | sed 's/,$//')
    echo "${l:--}"
}

dev=$(awk '$5 == "/" { d = $3 } END { print d }' /proc/self/mountinfo)
sysdir=$(readlink -f "/sys/dev/block/$dev")
kname=${sysdir##*/}

# Walk down the first slave of each level: LV > partition map > map > (paths).
chain=$kname
k=$kname
map=-
while :; do
    case $(val "/sys/class/block/$k/dm/uuid") in
        mpath-*) map=$k ;;
    esac
    next=$(ls "/sys/class/block/$k/slaves" 2>/dev/null | head -n 1)
    [ -n "$next" ] || break
    case $next in sd*) break ;; esac
    chain="$chain>$next"
    k=$next
done
echo "MPT-ROOT dev=$dev kname=$kname name=$(val "$sysdir/dm/name") uuid=$(val "$sysdir/dm/uuid")" \
    "chain=$chain map=$([ "$map" = - ] && echo - || val "/sys/class/block/$map/dm/name")" \
    "map_uuid=$([ "$map" = - ] && echo - || val "/sys/class/block/$map/dm/uuid")" \
    "map_slaves=$([ "$map" = - ] && echo - || list_dir "/sys/class/block/$map/slaves")"

h=
for d in /sys/block/sd*; do
    [ -e "$d" ] || continue
    h="$h ${d##*/}=$(list_dir "$d/holders")"
    for p in "$d"/sd*; do
        [ -e "$p/partition" ] && h="$h ${p##*/}=$(list_dir "$p/holders")"
    done
done
echo "MPT-HOLDERS${h:- -}"

n=0
names=
for u in /sys/block/dm-*/dm/uuid; do
    case $(val "$u") in
        mpath-*)
            n=$((n + 1))
            names="$names,$(val "${u%/uuid}/name")"
            ;;
    esac
done
names=${names#,}
echo "MPT-MAPS count=$n names=${names:--}"
echo "MPT-UPTIME $(cut -d' ' -f1 /proc/uptime)"
echo "MPT-CMDLINE $(cat /proc/cmdline)"

out=$(timeout 60 /sbin/mpathboot status 2>&1)
rc=$?
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/MPT-STATUS /'
echo "MPT-END status_exit=$rc"
poweroff -f
