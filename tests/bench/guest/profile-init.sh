#!/bin/sh
# tests/bench/guest/profile-init.sh: /init of the profiling guest (tests/bench/profile.sh).
# Same disks and the same cold start as bench-init.sh, then `perf record` (cpu-clock, all of
# the guest: kernel and user) around mpathboot assemble (round 1 cold, round 2 warm), its
# dry run and the device-mapper floor; `perf report` of each goes to the console between
# PROF-BEGIN <name> and PROF-END lines.
#
# Kernel command line: bench.sdebug=..., bench.disks=N (as bench-init.sh), prof.freq=HZ,
# prof.trace=1 (also every system call of one more assemble, between PROF-TRACE-BEGIN/END).
export PATH=/sbin:/bin:/usr/sbin:/usr/bin
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/lib:/usr/lib/x86_64-linux-gnu:/usr/lib
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs /run
exec </dev/console >/dev/console 2>&1
echo 1 > /proc/sys/kernel/printk
SDEBUG='' DISKS=0 FREQ=2000 TRACE=0
for word in $(cat /proc/cmdline); do
    case $word in
        bench.sdebug=*) SDEBUG=$(echo "${word#*=}" | tr , ' ') ;;
        bench.disks=*) DISKS=${word#*=} ;;
        prof.freq=*) FREQ=${word#*=} ;;
        prof.trace=*) TRACE=${word#*=} ;;
    esac
done
mkdir -p /etc/multipath
printf 'defaults {\n\tfind_multipaths no\n\tuser_friendly_names no\n}\n' > /etc/multipath.conf
dir=/lib/modules/mpt
while read -r ko; do
    [ -n "$ko" ] && [ "$ko" != scsi_debug.ko ] && insmod "$dir/$ko"
done < "$dir/load.list"
# shellcheck disable=SC2086
insmod $dir/scsi_debug.ko $SDEBUG
i=0
while [ "$(ls /sys/block | grep -c '^sd')" -lt "$DISKS" ] && [ $i -lt 600 ]; do sleep 1; i=$((i + 1)); done
i=0
while [ "$(dmesg | grep -c 'alua: port group .* state')" -lt "$DISKS" ] && [ $i -lt 600 ]; do sleep 1; i=$((i + 1)); done
sleep 1
echo 0 > /proc/sys/kernel/kptr_restrict
echo -1 > /proc/sys/kernel/perf_event_paranoid

remove_maps() {
    dmsetup remove_all
    for f in /dev/mapper/*; do [ "${f##*/}" = control ] || rm -f "$f"; done
    rm -rf /run/udev
}
# "<name> <uuid> <table>" of every dm device (the floor's input), once.
save_tables() {
    [ -s /tmp/mpb.tables ] && return 0
    dmsetup table > /tmp/tables.raw
    dmsetup info -c --noheadings --separator ' ' -o name,uuid > /tmp/names
    awk 'NR == FNR { u[$1] = $2; next } { n = $1; sub(/:$/, "", n); $1 = ""; print n, u[n] $0 }' \
        /tmp/names /tmp/tables.raw | sort > /tmp/mpb.tables
}
prof() { # NAME COMMAND...
    name=$1
    shift
    perf record -q -g -e cpu-clock -F "$FREQ" -a -o "/tmp/$name.data" -- "$@" > "/tmp/$name.out" 2>&1
    save_tables
    remove_maps
    echo "PROF-BEGIN $name"
    grep -a 'timings:' "/tmp/$name.out"
    echo "PROF-SECTION by program"
    perf report -q -i "/tmp/$name.data" --stdio --no-children --sort comm,dso 2>/dev/null | grep '%' | head -n 12
    echo "PROF-SECTION kernel entry points (children)"
    perf report -q -i "/tmp/$name.data" --stdio --children --sort sym -g none --percent-limit 1 2>/dev/null |
        grep -E '\[k\] (__x64_sys_|asm_exc_page_fault|ret_from_fork|worker_thread|do_syscall_64)' | head -n 30
    echo "PROF-SECTION user symbols"
    perf report -q -i "/tmp/$name.data" --stdio --no-children --sort dso,sym -g none --percent-limit 0.4 2>/dev/null |
        grep -v kernel.kallsyms | grep '%' | head -n 40
    echo "PROF-END"
    perf trace -s -o "/tmp/$name.trace" -- "$@" > /dev/null 2>&1
    remove_maps
    echo "PROF-BEGIN $name-syscalls"
    sed '/^$/d' "/tmp/$name.trace" | head -n 60
    echo "PROF-END"
}
prof mpathboot-cold /sbin/mpathboot assemble --timings
prof mpathboot-warm /sbin/mpathboot assemble --timings
prof mpathboot-dry /sbin/mpathboot assemble --dry-run --timings
prof dmfloor sh -c '/sbin/dmfloor < /tmp/mpb.tables'
if [ "$TRACE" = 1 ]; then
    perf trace -o /tmp/full.trace -- /sbin/mpathboot assemble > /dev/null 2>&1
    remove_maps
    echo PROF-TRACE-BEGIN
    cat /tmp/full.trace
    echo PROF-TRACE-END
fi
echo PROF-DONE
poweroff -f
