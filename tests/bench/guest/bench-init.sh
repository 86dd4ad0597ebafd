#!/bin/sh
# tests/bench/guest/bench-init.sh: /init of the benchmark guest (busybox sh, POSIX).
#
# One boot = one scsi_debug topology. In this order, each tool starting from the same
# dm state (no maps) and udev's database empty unless said otherwise:
#   1. insmod scsi_debug; wait until every sd disk exists and scsi_dh_alua has read every
#      disk's ALUA state (the kernel's own work, before any tool runs; not timed for anyone).
#   2. REPS rounds of: `mpathboot assemble` (no udevd has run: the cold state of a boot
#      without udev), record its maps, remove them; then dmfloor loading exactly the tables
#      mpathboot made (the kernel's readback, name and uuid), remove them; then
#      `mpathboot assemble --dry-run` (its share without checks, dm and partitions). Round
#      1's mpathboot is the first program ever to read the disks' sysfs directories.
#   3. Debian's way: start systemd-udevd, `udevadm trigger --action=add` + `udevadm settle`
#      (the coldplug: what an initramfs with udev pays before multipath can run), then
#      `multipath -v0`, then `udevadm settle` again (kpartx and the dm rules on the new
#      maps; reported apart, not part of the total).
# Every timed command runs under runstat (CLOCK_MONOTONIC wall time and the peak RSS from
# wait4). Tool output goes to files in /tmp; the console carries only the lines the host
# parses (one per measurement, as soon as it is known, so a boot killed by the host's
# timeout still reports what it measured):
#   BENCH-DISKS <n> <seconds from insmod>      BENCH-ALUA <known> <of> <seconds>
#   BENCH <tool> <round> <wall s> <peak RSS KiB> <exit> <maps>   tool: mpathboot floor
#       mpathboot-dry settle multipath settle-after
#   BENCH-STAGES <round> <mpathboot --timings: wall time of discovery, planning, checks, maps>
#   BENCH-SAME <identical> <mpathboot maps> <multipath maps>   tables compared by DM UUID
#   BENCH-DIFF <uuid> mpb=<table> | mpt=<table>  (the first few differences)
#   BENCH-NOTE <text>   BENCH-END
#
# Kernel command line: bench.topo=LxP (echoed), bench.sdebug=a=1,b=2 (scsi_debug
# parameters, commas become spaces), bench.disks=N, bench.reps=N (default 3),
# bench.mpt=0 (skip step 3), bench.settle=S (udevadm settle timeout, default 3600),
# bench.syscost=1 (after step 2: tests/bench/syscost.c's cost of each kind of system call
# mpathboot makes per path, as BENCH-COST lines).
#
# No `set -e`: if /init exits, the kernel panics and the output is lost.

. /lib/bench-lib.sh
bench_start

TOPO=- SDEBUG='' DISKS=0 REPS=3 MPT=1 SETTLE=3600 SYSCOST=0
# shellcheck disable=SC2013  # one line of words
for word in $(cat /proc/cmdline); do
    case $word in
        bench.topo=*) TOPO=${word#*=} ;;
        bench.sdebug=*) SDEBUG=$(echo "${word#*=}" | tr , ' ') ;;
        bench.disks=*) DISKS=${word#*=} ;;
        bench.reps=*) REPS=${word#*=} ;;
        bench.mpt=*) MPT=${word#*=} ;;
        bench.settle=*) SETTLE=${word#*=} ;;
        bench.syscost=*) SYSCOST=${word#*=} ;;
    esac
done
echo
say "topology $TOPO: scsi_debug $SDEBUG, $DISKS disks, $REPS rounds, multipath-tools $MPT," \
    "$(grep -c ^processor /proc/cpuinfo) CPU, $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) MiB"

bench_multipath_conf

# --- the kernel's part --------------------------------------------------------------------

bench_disks "$SDEBUG" "$DISKS"

# --- helpers ------------------------------------------------------------------------------

maps() { dmsetup ls --target multipath 2>/dev/null | grep -vc '^No devices found'; }

# runstat's line for the last timed command, with the map count.
report() { # TOOL ROUND STATFILE
    echo "BENCH $1 $2 $(tail -n 1 "$3") $(maps)"
}

# --- mpathboot and the floor --------------------------------------------------------------

r=1
while [ $r -le "$REPS" ]; do
    rm -f /tmp/mpb.stat /tmp/floor.stat
    runstat /tmp/mpb.stat /sbin/mpathboot assemble --timings > "/tmp/mpb.$r.log" 2>&1
    report mpathboot $r /tmp/mpb.stat
    sed -n "s/.*timings: /BENCH-STAGES $r /p" "/tmp/mpb.$r.log"
    [ $r = 1 ] && dump_tables /tmp/mpb.tables
    remove_maps
    # mpathboot leaves udev database records (no udevd runs); the next run must not see them.
    rm -rf /run/udev
    runstat /tmp/floor.stat /sbin/dmfloor < /tmp/mpb.tables > "/tmp/floor.$r.log" 2>&1
    report floor $r /tmp/floor.stat
    remove_maps
    # Discovery, identification and planning alone: no path checks, no dm, no partitions.
    rm -f /tmp/dry.stat
    runstat /tmp/dry.stat /sbin/mpathboot assemble --dry-run > /tmp/dry.log 2>&1
    report mpathboot-dry $r /tmp/dry.stat
    r=$((r + 1))
done
tail -n 3 /tmp/mpb.1.log | sed 's/^/bench: mpathboot said: /'
cat /tmp/floor.1.log | sed 's/^/bench: dmfloor said: /'
# After mpathboot's rounds, so its first round still meets sysfs directories nobody read.
[ "$SYSCOST" = 1 ] && syscost 2

# --- udev + multipath-tools ---------------------------------------------------------------

if [ "$MPT" = 1 ]; then
    /lib/systemd/systemd-udevd --daemon --resolve-names=never
    sleep 0.5
    say "udevd started; coldplug"
    runstat /tmp/settle.stat sh -c "udevadm trigger --action=add && udevadm settle --timeout=$SETTLE"
    report settle 1 /tmp/settle.stat
    say "multipath -v0"
    runstat /tmp/mpt.stat multipath -v0 > /tmp/mpt.log 2>&1
    report multipath 1 /tmp/mpt.stat
    runstat /tmp/after.stat udevadm settle --timeout="$SETTLE"
    report settle-after 1 /tmp/after.stat
    head -n 5 /tmp/mpt.log | sed 's/^/bench: multipath said: /'
    dump_tables /tmp/mpt.tables
    # Compare by DM UUID: "<uuid> <table>" lines.
    awk '{ $1 = ""; sub(/^ /, ""); print }' /tmp/mpb.tables | sort > /tmp/a
    awk '{ $1 = ""; sub(/^ /, ""); print }' /tmp/mpt.tables | sort > /tmp/b
    # (busybox-static has no comm)
    awk 'NR == FNR { a[$0] = 1; next } ($0 in a) { n++ } END { print n + 0 }' /tmp/a /tmp/b > /tmp/same
    echo "BENCH-SAME $(cat /tmp/same) $(wc -l < /tmp/a) $(wc -l < /tmp/b)"
    awk 'NR == FNR { b[$1] = $0; c[$0] = 1; next } !($0 in c) && n++ < 3 { u = $1; $1 = ""; t = b[u]; sub(/^[^ ]* /, "", t); print "BENCH-DIFF " u " mpb=" substr($0, 2) " | mpt=" t }' /tmp/b /tmp/a
fi
echo BENCH-END
poweroff -f
