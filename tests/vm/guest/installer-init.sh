#!/bin/sh
# tests/vm/guest/installer-init.sh: /init for tests/vm/installer.sh (busybox sh).
#
# An installer's view: a two-path LUN plus a single-path local disk. Runs, in order,
#   mpathboot probe --json      (lines "MPT-J probe <json line>", then MPT-EXIT probe=N dm=N)
#   mpathboot assemble --json   (MPT-J assemble ..., MPT-EXIT assemble=N dm=N)
#   mpathboot resolve /dev/sdX  for every sd disk (MPT-RESOLVE dev=sdX exit=N out=MAP)
#   mpathboot resolve --json <first path>   (MPT-J resolve ...)
#   mpathboot flush             (MPT-EXIT flush=N dm=N)
# where dm=N counts device-mapper devices afterwards, and prints MPT-DM lines for each
# multipath map after assemble. Then powers off. /etc/multipath.conf says
# find_multipaths yes, as an installer that decided to activate would run it.
# No `set -e`: if /init exits, the kernel panics and the console output is lost.

export PATH=/sbin:/bin:/usr/sbin:/usr/bin
say() { echo "mpt: $*"; }
# shellcheck source=guest-lib.sh
. /lib/guest-lib.sh

guest_mounts
guest_load_modules

# Three sd disks: two paths of the LUN and the local disk.
i=0
while [ "$(ls -d /sys/block/sd* 2>/dev/null | wc -l)" -lt 3 ] && [ $i -lt 200 ]; do
    sleep 0.1
    i=$((i + 1))
done
say "disks: $(cd /sys/block && echo sd*)"

mkdir -p /etc/multipath
printf 'defaults {\n\tfind_multipaths yes\n}\n' > /etc/multipath.conf

dm_count() { ls -d /sys/block/dm-* 2>/dev/null | wc -l; }
json() { # TAG FILE
    sed "s/^/MPT-J $1 /" "$2"
}

mpathboot probe --json > /tmp/probe.json 2>/tmp/probe.log
rc=$?
json probe /tmp/probe.json
echo "MPT-EXIT probe=$rc dm=$(dm_count)"

mpathboot assemble --json > /tmp/assemble.json 2>/tmp/assemble.log
rc=$?
json assemble /tmp/assemble.json
sed 's/^/mpt: assemble: /' /tmp/assemble.log
echo "MPT-EXIT assemble=$rc dm=$(dm_count)"
for d in /sys/block/dm-*; do
    [ -e "$d/dm/uuid" ] || continue
    echo "MPT-DM $(basename "$d") name=$(cat "$d/dm/name") uuid=$(cat "$d/dm/uuid") slaves=$(ls "$d/slaves" | tr '\n' ',' | sed 's/,$//')"
done

for e in /sys/firmware/edd/int13_dev*; do
    [ -d "$e" ] || continue
    echo "MPT-EDD $(basename "$e") sig=$(cat "$e/mbr_signature" 2>/dev/null) sectors=$(cat "$e/sectors" 2>/dev/null) bus=$(cat "$e/host_bus" 2>/dev/null | tr '\t' ' ') if=$(cat "$e/interface" 2>/dev/null | tr '\t' ' ')"
    id=0x${e##*int13_dev}
    out=$(mpathboot resolve "$id" 2>/tmp/resolve.log)
    echo "MPT-RESOLVE-BIOS id=$id exit=$? out=$out err=$(head -n 1 /tmp/resolve.log)"
done

first=
for d in /sys/block/sd*; do
    dev=$(basename "$d")
    out=$(mpathboot resolve "/dev/$dev" 2>/tmp/resolve.log)
    rc=$?
    echo "MPT-RESOLVE dev=$dev exit=$rc out=$out err=$(head -n 1 /tmp/resolve.log)"
    [ $rc = 0 ] && [ -z "$first" ] && first=$dev
done
if [ -n "$first" ]; then
    mpathboot resolve --json "$(cat /sys/block/$first/dev)" > /tmp/resolve.json 2>/dev/null
    echo "MPT-EXIT resolve-json=$?"
    json resolve /tmp/resolve.json
fi

mpathboot flush > /tmp/flush.out 2>&1
rc=$?
sed 's/^/mpt: flush: /' /tmp/flush.out
echo "MPT-EXIT flush=$rc dm=$(dm_count)"
echo "MPT-END"
poweroff -f
