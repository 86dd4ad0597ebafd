#!/bin/bash
# tests/bench/bench.sh: mpathboot against Debian's udev + multipath-tools 0.9.4 and against the
# raw device-mapper floor, on Debian's kernel in QEMU (TCG), one boot per scsi_debug topology.
#
#   tests/bench/bench.sh [--readme] [--no-mpt] [LUNSxPATHS...]   default: 4x2 64x2 256x4 1024x4
#   tests/bench/bench.sh --render DIR "HEADING" [--readme]     bench.csv, table.md, bench.png from DIR/logs
#
# Each boot (guest/bench-init.sh says exactly what is run and in which order) measures, in
# the same boot, on the same disks: `mpathboot assemble`; the floor (tests/bench/dmfloor.c:
# the same tables loaded with bare libdevmapper calls); udev's coldplug settle; `multipath`.
# Writes results/bench/<UTC date-time>/: bench.csv (one row per topology), table.md,
# bench.png (gnuplot, time against the number of paths, log-log) and the console logs; prints
# the table. --readme puts table.md into README.md's Performance section (between the
# bench:begin/end markers). --no-mpt skips udev + multipath-tools (quick runs).
#
# Environment: MPATHBOOT (default build/mpathboot), BENCH_OUT (results folder to add to,
# e.g. an earlier run's: rows of the topologies run again are replaced), BENCH_LIBDM (the lvm2 build folder,
# default from build/libdm.path), BENCH_REPS (mpathboot/floor rounds, default 3),
# BENCH_TIMEOUT_SCALE (multiplies the per-topology boot timeouts), BENCH_FOOTPRINT=0 (skip
# footprint.sh, which otherwise runs at the end into <results>/footprint/), BENCH_SYSCOST=1
# (also measure what each kind of system call costs in the guest: tests/bench/syscost.c).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=disks.sh
. "$HERE/disks.sh"
# shellcheck source-path=SCRIPTDIR source=../vm/lib.sh
. "$REPO/tests/vm/lib.sh"
# shellcheck source=../vm/debian-tools.sh
. "$REPO/tests/vm/debian-tools.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
REPS=${BENCH_REPS:-3}
SCALE=${BENCH_TIMEOUT_SCALE:-1}
TOPOLOGIES="4x2 64x2 256x4 1024x4"
# vCPUs of the guest: 1 unless VM_QEMU_ARGS says -smp N (the figures say which).
VCPUS=$(echo " ${VM_QEMU_ARGS:-} " | sed -n 's/.* -smp \([0-9][0-9]*\).*/\1/p')
VCPUS=${VCPUS:-1}
README=0 MPT=1

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f", b - a }'; }

# Guest memory and the boot's time limit grow with the disk count (4096 disks and udev's
# database for them need more than the default 512 MiB). Measured here under TCG on a loaded
# host: udev settle ~0.8-1.2 s a path, multipath ~1.2-1.6 s a path; so 600 s + 8 s a disk.
guest_mib() { # DISKS
    if [ "$1" -le 256 ]; then echo 1024; elif [ "$1" -le 1024 ]; then echo 2048; else echo 4096; fi
}
timeout_s() { # DISKS
    echo $(((600 + $1 * 8) * SCALE))
}

build_tools() { # OUT
    local out=$1 lvm=${BENCH_LIBDM:-}
    [ -n "$lvm" ] || lvm=$(cat "$REPO/build/libdm.path" 2>/dev/null) ||
        vm_die "no build/libdm.path: run make (or set BENCH_LIBDM)"
    command -v musl-gcc >/dev/null || vm_die "musl-gcc missing (apt-get install musl-tools)"
    musl-gcc -Os -static -s -o "$out/runstat" "$HERE/runstat.c"
    build_dmfloor "$out/dmfloor" "$lvm" -s
    musl-gcc -Os -static -s -isystem "$(vm_cache_dir)/kernel-headers" -o "$out/syscost" "$HERE/syscost.c"
}

# no_timer_check: on a loaded host TCG sometimes misses the kernel's IO-APIC timer check
# ("IO-APIC + timer doesn't work", a panic before anything runs); virtual machines skip it.
# shellcheck disable=SC2054  # commas inside QEMU's option values
boot() { # LOG CMDLINE MIB TIMEOUT
    local log=$1 rc
    local -a args=(-accel tcg -cpu max -m "$3" -nographic -no-reboot -net none
        -kernel "$VMLINUZ" -initrd "$INITRD"
        -append "console=ttyS0 quiet panic=-1 no_timer_check log_buf_len=16M $2")
    # shellcheck disable=SC2206  # word list on purpose
    args+=(${VM_QEMU_ARGS:-})
    set +e
    # The console to the log; the guest's progress lines to the terminal as they come.
    timeout "$4" qemu-system-x86_64 "${args[@]}" </dev/null 2>&1 |
        sed -u -e 's/\r$//' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' | tee "$log" |
        grep --line-buffered -a -o 'bench: .*\|BENCH.*' | sed -u 's/^/  | /'
    rc=${PIPESTATUS[0]}
    set -e
    return "$rc"
}

tagged() { grep -a -o "$2 .*" "$1" | sed "s/^$2 //" || true; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One CSV row from a console log.
csv_row() { # TOPO LOG
    local topo=$1 log=$2 luns paths m f mr ms mx st mp sa same mpb1 mmaps mpmaps dry ratio
    luns=${topo%x*} paths=${topo#*x}
    m=$(tagged "$log" BENCH | awk '$1 == "mpathboot" { print $3 }' | median)
    mpb1=$(tagged "$log" BENCH | awk '$1 == "mpathboot" && $2 == 1 { print $3 }')
    mr=$(tagged "$log" BENCH | awk '$1 == "mpathboot" { if ($4 > r) r = $4 } END { print r + 0 }')
    mx=$(tagged "$log" BENCH | awk '$1 == "mpathboot" && $5 != 0 { print $5; exit }')
    mmaps=$(tagged "$log" BENCH | awk '$1 == "mpathboot" { print $6; exit }')
    f=$(tagged "$log" BENCH | awk '$1 == "floor" { print $3 }' | median)
    dry=$(tagged "$log" BENCH | awk '$1 == "mpathboot-dry" { print $3 }' | median)
    # mpathboot / floor per round (the two run back to back, under the same host load), median.
    ratio=$(tagged "$log" BENCH | awk '$1 == "mpathboot" { m[$2] = $3 } $1 == "floor" && $3 > 0 { if ($2 in m) print m[$2] / $3 }' | median)
    st=$(tagged "$log" BENCH | awk '$1 == "settle" { print $3 }')
    mp=$(tagged "$log" BENCH | awk '$1 == "multipath" { print $3 }')
    mpmaps=$(tagged "$log" BENCH | awk '$1 == "multipath" { print $6 }')
    ms=$(tagged "$log" BENCH | awk '$1 == "multipath" { print $4 }')
    sa=$(tagged "$log" BENCH | awk '$1 == "settle-after" { print $3 }')
    same=$(tagged "$log" BENCH-SAME | awk '{ print $1 "/" $2 }')
    echo "$topo,$luns,$paths,$((luns * paths)),$mpb1,$m,$mr,${mx:-0},$mmaps,$f,$st,$mp,$sa,$ms,$mpmaps,$same,$dry,$ratio"
}
CSV_HEADER="topology,luns,paths_per_lun,paths,mpathboot_first_s,mpathboot_median_s,mpathboot_peak_rss_kib,mpathboot_exit,mpathboot_maps,floor_median_s,udev_settle_s,multipath_s,settle_after_s,multipath_peak_rss_kib,multipath_maps,identical_tables,mpathboot_dry_run_median_s,mpathboot_per_floor_median"

# A markdown table and the goals from the CSV.
render() { # CSV
    awk -F, 'NR > 1 {
        tot = ($11 != "" && $12 != "") ? $11 + $12 : ""
        sp = (tot != "" && $6 > 0) ? sprintf("%.0fx", tot / $6) : "-"
        fl = ($18 != "") ? sprintf("%.2fx", $18) : (($10 > 0) ? sprintf("%.2fx", $6 / $10) : "-")
        printf "| %s | %d | %.3f | %.3f | %s | %.3f | %s | %s | %s | %s | %s | %.1f | %s |\n", $1, $4, $5, $6,
            ($17 == "" ? "-" : sprintf("%.3f", $17)), $10, fl,
            ($11 == "" ? "-" : sprintf("%.1f", $11)), ($12 == "" ? "-" : sprintf("%.1f", $12)),
            (tot == "" ? "-" : sprintf("%.1f", tot)), sp, $7 / 1024, ($16 == "" ? "-" : $16)
    }
    BEGIN {
        print "| LUNs x paths | paths | mpathboot 1st (s) | mpathboot median (s) | of which dry run (s) | dm floor (s) | mpathboot / floor (median of rounds) | udev settle (s) | multipath (s) | settle + multipath (s) | speed-up | mpathboot peak RSS (MiB) | same tables |"
        print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    }' "$1"
}

goals() { # CSV
    awk -F, 'NR > 1 { t[$1] = $6; fl[$1] = ($18 != "" ? $6 / $18 : $10); st[$1] = $11; mp[$1] = $12; rss[$1] = $7; n[$1] = $4 }
    END {
        if (("64x2" in t) && mp["64x2"] != "")
            printf "- speed-up over udev settle + multipath at 64x2: %.0fx (target >= 50x)\n", (st["64x2"] + mp["64x2"]) / t["64x2"]
        worst = 0
        for (k in t) if (fl[k] > 0 && t[k] / fl[k] > worst) { worst = t[k] / fl[k]; wk = k }
        if (worst > 0) printf "- mpathboot / dm floor, worst topology (%s): %.2fx (target <= 1.5x)\n", wk, worst
        if (("64x2" in t) && ("1024x4" in t))
            printf "- time per path at 1024x4 / at 64x2: %.2f (target <= 2)\n", (t["1024x4"] / n["1024x4"]) / (t["64x2"] / n["64x2"])
        if ("1024x4" in t) printf "- peak RSS at 4096 paths: %.1f MiB (target <= 16 MiB)\n", rss["1024x4"] / 1024
    }' "$1"
}

plot() { # CSV PNG
    command -v gnuplot >/dev/null || { vm_log "gnuplot missing: no plot"; return 0; }
    gnuplot <<EOF
set terminal pngcairo size 900,600
set output "$2"
set datafile separator ","
set key top left
set logscale xy
set xlabel "paths (LUNs x paths per LUN)"
set ylabel "wall time in the guest (s, TCG)"
set title "mpathboot vs udev settle + multipath-tools 0.9.4 vs the device-mapper floor"
set grid
plot "$1" every ::1 using 4:(\$11+\$12) with linespoints lw 2 title "udev settle + multipath", \
     "$1" every ::1 using 4:12 with linespoints dt 2 title "multipath alone", \
     "$1" every ::1 using 4:6 with linespoints lw 2 title "mpathboot assemble (median)", \
     "$1" every ::1 using 4:10 with linespoints lw 2 title "dm floor (dmfloor, median)"
EOF
}

# Where mpathboot's time went: its `--timings` line of the last round, per topology.
stages() { # DIR
    local f line
    for f in "$1"/logs/*x*.log; do
        [ -f "$f" ] || continue
        line=$(tagged "$f" BENCH-STAGES | tail -n 1)
        [ -n "$line" ] && echo "- $(basename "$f" .log), round ${line%% *}: ${line#* }"
    done
    return 0
}

# table.md (the heading line, the table, the goals, the stages) and bench.png from DIR/bench.csv.
write_table() { # DIR HEADING
    local where
    where=$(stages "$1")
    {
        echo "$2"
        echo
        render "$1/bench.csv"
        echo
        goals "$1/bench.csv"
        if [ -n "$where" ]; then
            echo
            echo "Where mpathboot's time went (\`assemble --timings\`, last round):"
            echo
            echo "$where"
        fi
    } > "$1/table.md"
    plot "$1/bench.csv" "$1/bench.png"
}

update_readme() { # TABLE_MD
    local readme=$REPO/README.md
    grep -q '<!-- bench:begin -->' "$readme" || vm_die "README.md has no <!-- bench:begin --> marker"
    awk -v f="$1" '
        /<!-- bench:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
        /<!-- bench:end -->/ { skip = 0 }
        !skip' "$readme" > "$readme.tmp" && mv "$readme.tmp" "$readme"
    vm_log "README.md: Performance table updated"
}

main() {
    local topos="" t luns paths disks log rc t0 out stamp commit
    if [ "${1:-}" = --render ]; then
        # --render DIR "HEADING" [--readme]: bench.csv again from DIR/logs/<topology>.log (after
        # logs from several runs were put together by hand), then table.md and bench.png.
        local f
        echo "$CSV_HEADER" > "$2/bench.csv.tmp"
        for f in "$2"/logs/*x*.log; do
            tagged "$f" BENCH | grep -q . && csv_row "$(basename "$f" .log)" "$f"
        done | sort -t, -k4,4n >> "$2/bench.csv.tmp"
        mv "$2/bench.csv.tmp" "$2/bench.csv"
        write_table "$2" "$3"
        cat "$2/table.md"
        [ "${4:-}" != --readme ] || update_readme "$2/table.md"
        return 0
    fi
    while [ $# -gt 0 ]; do
        case $1 in
            --readme) README=1 ;;
            --no-mpt) MPT=0 ;;
            [0-9]*x[0-9]*) topos="$topos $1" ;;
            *) echo "usage: $0 [--readme] [--no-mpt] [LUNSxPATHS...]" >&2; exit 2 ;;
        esac
        shift
    done
    [ -n "$topos" ] || topos=$TOPOLOGIES
    [ "$(id -u)" = 0 ] || vm_die "needs root (apt-get, mknod in the initramfs)"
    [ -f "$MPATHBOOT" ] || vm_die "no mpathboot binary at $MPATHBOOT (make, or set MPATHBOOT)"
    dt_ensure_packages gnuplot-nox
    vm_fetch_kernel

    stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
    commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git -C "$REPO" diff --quiet HEAD -- Sources 2>/dev/null || commit="$commit+dirty"
    # BENCH_OUT: add to an earlier run's folder (its CSV keeps one row per topology).
    out=${BENCH_OUT:-$REPO/results/bench/$stamp}
    mkdir -p "$out/logs"
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    cp "$MPATHBOOT" "$WORK/mpathboot"
    build_tools "$WORK"
    dt_stage_tools "$WORK/tree"
    INITRD=$WORK/initrd.gz
    # shellcheck disable=SC2046  # one SRC:DEST word per file
    vm_build_initramfs "$INITRD" "$HERE/guest/bench-init.sh" "$WORK/mpathboot" \
        "$WORK/runstat:/sbin/runstat" "$WORK/dmfloor:/sbin/dmfloor" "$WORK/syscost:/sbin/syscost" \
        "$HERE/guest/bench-lib.sh:/lib/bench-lib.sh" $(dt_tree_extras "$WORK/tree")
    {
        echo "date: $stamp"
        echo "commit: $commit"
        echo "mpathboot: $(stat -c %s "$WORK/mpathboot") bytes, md5 $(md5sum < "$WORK/mpathboot" | cut -c 1-12)"
        echo "kernel: $KVER"
        echo "multipath-tools: $(dpkg-query -W -f='${Version}' multipath-tools), udev: $(dpkg-query -W -f='${Version}' udev)"
        echo "qemu: $(qemu-system-x86_64 --version | head -n 1), TCG, $VCPUS vCPU; host: $(nproc) cores, load $(cut -d ' ' -f 1-3 /proc/loadavg)"
    } >> "$out/info.txt"
    sed 's/^/vm: /' "$out/info.txt"
    [ -s "$out/bench.csv" ] || echo "$CSV_HEADER" > "$out/bench.csv"

    for t in $topos; do
        luns=${t%x*} paths=${t#*x}
        disks=$((luns * paths))
        log=$out/logs/$t.log
        echo "== $t: $luns LUNs x $paths paths = $disks disks; guest $(guest_mib "$disks") MiB," \
            "time limit $(timeout_s "$disks") s; $(sdebug_params "$luns" "$paths")"
        t0=$(now)
        rc=0
        boot "$log" "bench.topo=$t bench.sdebug=$(sdebug_params "$luns" "$paths") bench.disks=$disks bench.reps=$REPS bench.mpt=$MPT bench.syscost=${BENCH_SYSCOST:-0}" \
            "$(guest_mib "$disks")" "$(timeout_s "$disks")" || rc=$?
        grep -aq BENCH-END "$log" || echo "  WARNING: $t: no BENCH-END (qemu status $rc); partial figures kept"
        echo "  boot took $(elapsed "$t0") s"
        if tagged "$log" BENCH | grep -q .; then
            grep -v "^$t," "$out/bench.csv" > "$out/bench.csv.tmp" || true
            csv_row "$t" "$log" >> "$out/bench.csv.tmp"
            # header first, then the topologies by path count
            { head -n 1 "$out/bench.csv.tmp"; tail -n +2 "$out/bench.csv.tmp" | sort -t, -k4,4n -k1,1; } > "$out/bench.csv"
            rm -f "$out/bench.csv.tmp"
        fi
    done

    write_table "$out" "Measured $stamp at commit $commit (Debian kernel $KVER, QEMU TCG, $VCPUS vCPU; multipath-tools $(dpkg-query -W -f='${Version}' multipath-tools))."
    # The footprint (footprint.sh) beside it, with our dracut module when the tree has one.
    if [ "${BENCH_FOOTPRINT:-1}" = 1 ]; then
        local module
        module=$(ls -d "$REPO"/dracut/*/module-setup.sh 2>/dev/null | head -n 1)
        if "$HERE/footprint.sh" --binary "$MPATHBOOT" --out "$out/footprint" ${module:+--module "$(dirname "$module")"} \
            > "$out/footprint.log" 2>&1; then
            { echo; cat "$out/footprint/footprint.md"; } >> "$out/table.md"
        else
            vm_log "footprint.sh failed: $out/footprint.log"
        fi
    fi
    echo
    cat "$out/table.md"
    echo
    echo "results in $out (bench.csv, table.md, bench.png, logs/)"
    [ "$README" = 0 ] || update_readme "$out/table.md"
}

main "$@"
