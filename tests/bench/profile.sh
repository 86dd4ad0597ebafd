#!/bin/bash
# tests/bench/profile.sh: where the guest's time goes while mpathboot assembles, by the
# guest kernel's own sampling profiler: `perf record -e cpu-clock -a` (Debian's perf, with its
# libraries) around mpathboot (cold and warm), its dry run and the device-mapper floor, on
# the benchmark's scsi_debug disks (guest/profile-init.sh). Under TCG a sample lands on the
# guest instruction being emulated, so the time QEMU spends translating code that runs for the
# first time shows up on that code.
#
#   tests/bench/profile.sh [LUNSxPATHS]      default 64x2; needs an unstripped binary:
#   MPATHBOOT_UNSTRIPPED=build/mpathboot.unstripped (the default)
# Prints each report (dso, symbol, share of samples) with Swift names demangled; the raw
# console log is kept in results/profile/<topology>-<UTC time>.log.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=disks.sh
. "$HERE/disks.sh"
# shellcheck source-path=SCRIPTDIR source=../vm/lib.sh
. "$REPO/tests/vm/lib.sh"
# shellcheck source=../vm/debian-tools.sh
. "$REPO/tests/vm/debian-tools.sh"

topo=${1:-64x2}
luns=${topo%x*} paths=${topo#*x}
bin=${MPATHBOOT_UNSTRIPPED:-$REPO/build/mpathboot.unstripped}
[ -f "$bin" ] || vm_die "no unstripped binary at $bin (make first)"
lvm=${BENCH_LIBDM:-$(cat "$REPO/build/libdm.path")}
perf=$(command -v perf) || vm_die "perf missing (apt-get install linux-perf)"
dt_ensure_packages
vm_fetch_kernel
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
build_dmfloor "$WORK/dmfloor" "$lvm"
for f in "$perf" /sbin/dmsetup; do _dt_put "$WORK/tree" "$f"; done
dt_put_libraries "$WORK/tree" "$perf" /sbin/dmsetup
INITRD=$WORK/initrd.gz
# shellcheck disable=SC2046  # one SRC:DEST word per file
vm_build_initramfs "$INITRD" "$HERE/guest/profile-init.sh" "$bin" "$WORK/dmfloor:/sbin/dmfloor" \
    "$HERE/guest/bench-lib.sh:/lib/bench-lib.sh" $(dt_tree_extras "$WORK/tree")
sdebug=$(sdebug_params "$luns" "$paths")
mkdir -p "$REPO/results/profile"
log=$REPO/results/profile/$topo-$(date -u +%Y%m%dT%H%M%SZ).log
timeout 1800 qemu-system-x86_64 -accel tcg -cpu max -m 2048 -nographic -no-reboot -net none \
    -kernel "$VMLINUZ" -initrd "$INITRD" \
    -append "console=ttyS0 quiet panic=-1 no_timer_check log_buf_len=16M bench.sdebug=$sdebug bench.disks=$((luns * paths)) prof.freq=${PROF_FREQ:-2000} prof.trace=${PROF_TRACE:-0}" \
    </dev/null 2>&1 | sed -u -e 's/\r$//' > "$log" || true
# Swift symbols demangled (Embedded mangling, $e...), in place.
sed -n '/PROF-BEGIN/,/PROF-END/p' "$log" |
    awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\$e/) print $i }' | sort -u > "$WORK/syms"
if [ -s "$WORK/syms" ] && command -v swift >/dev/null; then
    swift demangle --simplified < "$WORK/syms" > "$WORK/dem"
    paste -d '\t' "$WORK/syms" "$WORK/dem" > "$WORK/map"
fi
sed -n '/PROF-BEGIN/,/PROF-END/p' "$log" | awk -v map="$WORK/map" '
    BEGIN { while ((getline l < map) > 0) { split(l, p, "\t"); d[p[1]] = p[2] } }
    { for (i = 1; i <= NF; i++) if ($i in d) $i = d[$i]; print }'
echo "log: $log"
