#!/bin/sh
# tests/bench/guest/profile-init.sh: /init of the profiling guest (tests/bench/profile.sh).
# Same disks and the same cold start as bench-init.sh, then `perf record` (cpu-clock, all of
# the guest: kernel and user) around mpathboot assemble (round 1 cold, round 2 warm), its
# dry run and the device-mapper floor; `perf report` of each goes to the console between
# PROF-BEGIN <name> and PROF-END lines.
#
# Kernel command line: bench.sdebug=..., bench.disks=N (as bench-init.sh), prof.freq=HZ,
# prof.trace=1 (also every system call of one more assemble, between PROF-TRACE-BEGIN/END).
. /lib/bench-lib.sh
bench_start
SDEBUG='' DISKS=0 FREQ=2000 TRACE=0
for word in $(cat /proc/cmdline); do
    case $word in
        bench.sdebug=*) SDEBUG=$(echo "${word#*=}" | tr , ' ') ;;
        bench.disks=*) DISKS=${word#*=} ;;
        prof.freq=*) FREQ=${word#*=} ;;
        prof.trace=*) TRACE=${word#*=} ;;
    esac
done
bench_multipath_conf
bench_disks "$SDEBUG" "$DISKS"
echo 0 > /proc/sys/kernel/kptr_restrict
echo -1 > /proc/sys/kernel/perf_event_paranoid

# The floor's input: mpathboot's first maps, as bench-init.sh gives it.
save_tables() {
    [ -s /tmp/mpb.tables ] || dump_tables /tmp/mpb.tables
}
prof() { # NAME COMMAND...
    name=$1
    shift
    perf record -q -g -e cpu-clock -F "$FREQ" -a -o "/tmp/$name.data" -- "$@" > "/tmp/$name.out" 2>&1
    save_tables
    remove_maps
    rm -rf /run/udev
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
    rm -rf /run/udev
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
    rm -rf /run/udev
    echo PROF-TRACE-BEGIN
    cat /tmp/full.trace
    echo PROF-TRACE-END
fi
echo PROF-DONE
poweroff -f
