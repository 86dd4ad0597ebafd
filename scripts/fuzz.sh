#!/bin/bash
# Builds and runs the libFuzzer targets in Fuzz/ (see Fuzz/README.md).
#
#   scripts/fuzz.sh build                    build every target into build/fuzz/
#   scripts/fuzz.sh run TARGET SECONDS [-- LIBFUZZER-FLAGS...]
#   scripts/fuzz.sh all SECONDS [-- LIBFUZZER-FLAGS...]
#   scripts/fuzz.sh smoke                    every target for a few seconds (CI)
#   scripts/fuzz.sh repro TARGET FILE...     run the target on saved inputs
#   scripts/fuzz.sh minimize TARGET FILE     minimize a crashing input (-minimize_crash=1)
#   scripts/fuzz.sh list                     print the target names
#
# `run`, `all` and `smoke` build first when anything changed, copy the committed seeds
# (Fuzz/corpus/TARGET) into the scratch corpus build/fuzz/corpus/TARGET (which keeps what
# earlier runs found), and fail when libFuzzer reports a crash, leak, timeout or OOM; the
# reproducer is written to build/fuzz/artifacts/TARGET/ and its path printed.
#
# Environment: SWIFTC (default: swiftc on PATH, else /opt/swift/usr/bin/swiftc);
# FUZZ_JOBS (targets run at once by `all` and `smoke`; default min(2, nproc));
# SMOKE_SECONDS (seconds per target for `smoke`; default 5).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/build/fuzz
OBJ=$OUT/obj
TARGETS=(inquiry vpd83 vpd80 sense mbr gpt wwids dmstatus rtpg multipathconf bindings cmdline)

# -max_len per target: INQUIRY plus 512 bytes of IDENTIFY data; VPD pages past scsi_id's
# 254-byte buffer and WWIDs past 256 bytes; disk images holding a 4096-byte-sector GPT.
max_len() {
    case $1 in
        inquiry) echo 1024 ;;
        vpd83) echo 2048 ;;
        vpd80) echo 1024 ;;
        sense) echo 256 ;;
        mbr | gpt) echo 65536 ;;
        wwids | dmstatus | bindings | multipathconf | cmdline) echo 4096 ;;
        rtpg) echo 1024 ;;
    esac
}

die() { echo "fuzz.sh: $*" >&2; exit 2; }

is_target() {
    local t
    for t in "${TARGETS[@]}"; do [ "$t" = "$1" ] && return 0; done
    return 1
}

find_swiftc() {
    if [ -n "${SWIFTC:-}" ]; then echo "$SWIFTC"
    elif command -v swiftc >/dev/null; then command -v swiftc
    elif [ -x /opt/swift/usr/bin/swiftc ]; then echo /opt/swift/usr/bin/swiftc
    else die "swiftc not found (set SWIFTC)"
    fi
}

# The Swift runtime's crash handler would start swift-backtrace, which can outlive the
# fuzzer and hold its output open; libFuzzer and ASan print the stack instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=10}

# ---------------------------------------------------------------------------------- build

# MultipathCore and the harnesses are compiled once, as one module (the harnesses use
# internal API); each target is then Fuzz/Entry.swift with -D FUZZ_<TARGET>, linked to it.
build() (
    local swiftc flags=(-sanitize=fuzzer,address -parse-as-library -O -g) link=()
    swiftc=$(find_swiftc)
    if [ -x "$(dirname "$swiftc")/ld.lld" ]; then link=(-use-ld=lld); fi
    mkdir -p "$OBJ"
    cd "$ROOT"
    # One build at a time (parallel make targets, several `run`s).
    exec 9> "$OUT/.build.lock"
    flock 9

    local sources list
    mapfile -t sources < <(find Sources/MultipathCore Fuzz/Harness -name '*.swift' | LC_ALL=C sort)
    list=$(printf '%s\n' "${sources[@]}" "swiftc=$swiftc" "${flags[*]}")
    if [ ! -f "$OBJ/MultipathCore.o" ] || [ "$list" != "$(cat "$OBJ/sources.txt" 2>/dev/null)" ] ||
       [ -n "$(find "${sources[@]}" -newer "$OBJ/MultipathCore.o" | head -1)" ]; then
        echo "fuzz.sh: compiling MultipathCore + Fuzz/Harness (${#sources[@]} files)"
        rm -f "$OBJ/MultipathCore.o" "$OBJ/sources.txt"
        "$swiftc" "${flags[@]}" -wmo -module-name MultipathCore \
            -emit-module -emit-module-path "$OBJ/MultipathCore.swiftmodule" \
            -c -o "$OBJ/MultipathCore.o" "${sources[@]}"
        echo "$list" > "$OBJ/sources.txt"
    fi

    local target define
    for target in "${TARGETS[@]}"; do
        if [ -x "$OUT/$target" ] && [ "$OUT/$target" -nt "$OBJ/MultipathCore.o" ] &&
           [ "$OUT/$target" -nt Fuzz/Entry.swift ]; then
            continue
        fi
        define=FUZZ_$(echo "$target" | tr '[:lower:]' '[:upper:]')
        echo "fuzz.sh: linking $OUT/$target"
        "$swiftc" "${flags[@]}" "${link[@]}" -D "$define" -module-name FuzzEntry -I "$OBJ" \
            Fuzz/Entry.swift "$OBJ/MultipathCore.o" -o "$OUT/$target.tmp"
        mv "$OUT/$target.tmp" "$OUT/$target"
    done
    flock -u 9
)

# ------------------------------------------------------------------------------------ run

# run_target TARGET SECONDS [FLAGS...]: fuzzes, prints one summary line, returns non-zero
# on any finding. The full log is build/fuzz/logs/TARGET.log.
run_target() {
    local target=$1 seconds=$2
    shift 2
    local corpus=$OUT/corpus/$target artifacts=$OUT/artifacts/$target log=$OUT/logs/$target.log
    mkdir -p "$corpus" "$artifacts" "$OUT/logs"
    cp -n "$ROOT/Fuzz/corpus/$target/"* "$corpus/" 2>/dev/null || true
    # Per process: a smoke run of the same target at the same time must not take it away.
    local marker=$OUT/logs/.$target.$$.start
    touch "$marker"

    # Reproducers saved in Fuzz/crashes/TARGET are replayed first: while one still fails,
    # the target fails without fuzzing (it would only find the same bug again).
    local known=()
    [ -d "$ROOT/Fuzz/crashes/$target" ] && mapfile -t known < <(find "$ROOT/Fuzz/crashes/$target" -type f | LC_ALL=C sort)
    if [ ${#known[@]} -gt 0 ] && ! "$OUT/$target" -timeout=5 -rss_limit_mb=2048 "${known[@]}" > "$log" 2>&1; then
        rm -f "$marker"
        local failing
        failing=$(sed -n 's/^Running: //p' "$log" | tail -1)
        printf '%-13s FAILED  known reproducer still fails: %s\n' "$target" "${failing#"$ROOT"/}"
        echo "          $(grep -m1 -oE 'Fatal error: .*|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+' "$log" | cut -c1-200)"
        echo "          log: $log"
        return 1
    fi

    local start=$SECONDS status=0
    "$OUT/$target" "$corpus" -max_len="$(max_len "$target")" -max_total_time="$seconds" \
        -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$@" > "$log" 2>&1 || status=$?
    local elapsed=$((SECONDS - start))

    local execs reproducers
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    reproducers=$(find "$artifacts" -type f -newer "$marker" | LC_ALL=C sort)
    rm -f "$marker"
    if [ "$status" -eq 0 ] && [ -z "$reproducers" ]; then
        printf '%-13s ok      %10s execs in %4ss\n' "$target" "${execs:-?}" "$elapsed"
        return 0
    fi
    local kind
    kind=$(grep -m1 -oE 'ERROR: (libFuzzer: [a-z-]+|AddressSanitizer: [a-z-]+|LeakSanitizer)|Fatal error: .*' "$log" || true)
    printf '%-13s FAILED  %10s execs in %4ss, exit %s: %s\n' "$target" "${execs:-?}" "$elapsed" \
        "$status" "${kind:-see log}"
    local file
    for file in $reproducers; do echo "          reproducer: $file"; done
    echo "          log: $log"
    echo "          reproduce: scripts/fuzz.sh repro $target FILE; minimize: scripts/fuzz.sh minimize $target FILE"
    return 1
}

# run_many SECONDS [FLAGS...]: every target, FUZZ_JOBS at a time; ends with "N passed, N failed".
run_many() {
    local seconds=$1
    shift
    local jobs=${FUZZ_JOBS:-$(( $(nproc) < 2 ? 1 : 2 ))}
    local results=$OUT/logs/results
    mkdir -p "$OUT/logs"
    rm -rf "$results"
    mkdir -p "$results"

    local target running=0
    for target in "${TARGETS[@]}"; do
        ( if run_target "$target" "$seconds" "$@" > "$results/$target.out"; then
              touch "$results/$target.passed"; fi
          cat "$results/$target.out" ) &
        running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then
            wait -n || true
            running=$((running - 1))
        fi
    done
    wait || true

    local passed=0 failed=0
    for target in "${TARGETS[@]}"; do
        if [ -f "$results/$target.passed" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    done
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    echo "targets: ${TARGETS[*]}"
    exit 2
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
    build)
        build
        ;;
    run)
        [ $# -ge 2 ] || usage
        is_target "$1" || die "unknown target '$1' (targets: ${TARGETS[*]})"
        target=$1 seconds=$2
        shift 2
        if [ $# -gt 0 ]; then [ "$1" = "--" ] || die "libFuzzer flags go after --"; shift; fi
        build
        run_target "$target" "$seconds" "$@"
        ;;
    all)
        [ $# -ge 1 ] || usage
        seconds=$1
        shift
        if [ $# -gt 0 ]; then [ "$1" = "--" ] || die "libFuzzer flags go after --"; shift; fi
        build
        run_many "$seconds" "$@"
        ;;
    smoke)
        start=$SECONDS
        build
        status=0
        run_many "${SMOKE_SECONDS:-5}" || status=$?
        echo "smoke: $((SECONDS - start))s including the build"
        exit "$status"
        ;;
    repro)
        [ $# -ge 2 ] || usage
        is_target "$1" || die "unknown target '$1'"
        target=$1
        shift
        build
        "$OUT/$target" -rss_limit_mb=2048 -timeout=5 "$@"
        ;;
    minimize)
        [ $# -eq 2 ] || usage
        is_target "$1" || die "unknown target '$1'"
        build
        minimized=$2.min
        "$OUT/$1" -minimize_crash=1 -runs=100000 -max_total_time=120 -timeout=5 -rss_limit_mb=2048 \
            -exact_artifact_path="$minimized" "$2" || true
        [ -f "$minimized" ] || die "no minimized input written (does $2 still crash?)"
        echo "minimized: $minimized ($(stat -c %s "$minimized") bytes)"
        ;;
    list)
        printf '%s\n' "${TARGETS[@]}"
        ;;
    *)
        usage
        ;;
esac
