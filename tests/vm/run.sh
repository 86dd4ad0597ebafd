#!/bin/bash
# tests/vm/run.sh: boot mpathboot on Debian's kernel in QEMU and check what it built.
#
#   tests/vm/run.sh [CASE...]      run all cases, or only the named ones
#   tests/vm/run.sh --demo         two-paths only, guest console streamed live
#   tests/vm/run.sh --list         print the case names
#
# Environment: MPATHBOOT = the static binary under test (default build/mpathboot in
# the repo); VM_INITRAMFS_EXTRA = more files for the initramfs, "SRC[:DEST] ..."
# (e.g. tools for debugging); VM_CMDLINE_EXTRA = more kernel parameters for every
# case (e.g. "mpt.debug=1", see guest/initramfs-init.sh); VM_TIMEOUT, VM_QEMU_ARGS, VM_MODULES as in lib.sh.
# Prints "PASS name" or "FAIL name: reason" per case, and last "N passed, N failed";
# exits 1 if any case failed. Console logs stay under $(vm_cache_dir)/logs/.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
ROOT_UUID=6d2f3c1e-4b7a-4e59-9c1d-5a0b8e7f2a31
ALL_CASES="two-paths two-paths-find-yes two-paths-strict-unlisted one-path-listed one-path-unlisted scan-without-sysfs scsi-debug-4x2"
SDEBUG_4X2="add_host=2,num_tgts=1,max_luns=4,vpd_use_hostno=0,dev_size_mb=8"
DEMO=0
PASSED=0
FAILED=0

# --- cases: how to boot, and what the console must show -----------------------------

# Sets PATHS and CMDLINE for a case; fails for an unknown name.
case_setup() { # NAME
    case $1 in
        # An installed system lists its multipathed WWIDs in /etc/multipath/wwids.
        two-paths) PATHS=2 CMDLINE="mpt.paths=2 mpt.wwids=1" ;;
        two-paths-find-yes) PATHS=2 CMDLINE="mpt.paths=2 mpt.conf=yes" ;;
        # No configuration at all: multipath-tools' default find_multipaths strict.
        two-paths-strict-unlisted) PATHS=2 CMDLINE="mpt.paths=2" ;;
        one-path-listed) PATHS=1 CMDLINE="mpt.paths=1 mpt.wwids=1" ;;
        one-path-unlisted) PATHS=1 CMDLINE="mpt.paths=1 mpt.conf=yes" ;;
        scan-without-sysfs) PATHS=2 CMDLINE="mpt.paths=2 mpt.scan=1" ;;
        scsi-debug-4x2) PATHS=0 CMDLINE="mpt.paths=8 mpt.sdebug=$SDEBUG_4X2 mpt.scan=1 mpt.report=1 mpt.conf=yes" ;;
        *) return 1 ;;
    esac
    CMDLINE="$CMDLINE mpt.case=$1 ${VM_CMDLINE_EXTRA:-}"
}

# Each check prints nothing and succeeds, or prints the reason and fails.
case_check() { # NAME LOG
    case $1 in
        two-paths | two-paths-find-yes) check_root_on_map "$2" 2 ;;
        two-paths-strict-unlisted) check_nomap "$2" ;;
        one-path-listed) check_root_on_map "$2" 1 ;;
        one-path-unlisted) check_nomap "$2" ;;
        scan-without-sysfs) check_scans_agree "$2" 2 ;;
        scsi-debug-4x2) check_scans_agree "$2" 8 && check_maps "$2" 4 2 ;;
    esac
}

# --- reading the console -------------------------------------------------------------

# The verdict line of a kind (root or initramfs), from MPT-VERDICT on; kernel messages
# may share the line's start, so the match is not anchored.
verdict() { # LOG KIND
    grep -a -o "MPT-VERDICT $2 .*" "$1" | head -n 1 || true
}

field() { # LINE KEY -> value of KEY=value
    printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

# Why there is no root verdict: what the initramfs said, or how the boot ended.
explain_no_root() { # LOG QEMU_STATUS
    local v
    v=$(verdict "$1" initramfs)
    if [ -n "$v" ]; then
        echo "root not mounted; initramfs said: ${v#MPT-VERDICT initramfs }"
    elif [ "$2" = 124 ]; then
        echo "no verdict: guest killed after ${VM_TIMEOUT:-180} s"
    elif grep -aq 'Kernel panic' "$1"; then
        echo "no verdict: $(grep -a -o 'Kernel panic.*' "$1" | head -n 1)"
    else
        echo "no verdict in the console (qemu exit status $2)"
    fi
}

# Root must be the partition map of the test LU, on top of its multipath map with
# NPATHS sd slaves, and `mpathboot status` must count NPATHS paths, all active.
check_root_on_map() { # LOG NPATHS
    local log=$1 n=$2 v kname slaves count distinct st want
    v=$(verdict "$log" root)
    [ -n "$v" ] || { explain_no_root "$log" "$QEMU_RC"; return 1; }
    kname=$(field "$v" kname)
    case $kname in
        dm-*) ;;
        *) echo "root is on $kname, not on a device-mapper device"; return 1 ;;
    esac
    expect "$v" name "$VM_WWID-part2" || return 1
    expect "$v" uuid "part2-mpath-$VM_WWID" || return 1
    expect "$v" parent_uuid "mpath-$VM_WWID" || return 1
    slaves=$(field "$v" slaves)
    count=$(printf '%s\n' "$slaves" | tr ',' '\n' | grep -c '^sd[a-z]*$' || true)
    distinct=$(printf '%s\n' "$slaves" | tr ',' '\n' | sort -u | grep -c . || true)
    if [ "$count" != "$n" ] || [ "$distinct" != "$n" ]; then
        echo "map slaves are '$slaves', want $n distinct sd devices"
        return 1
    fi
    st=$(grep -a -o "MPT-STATUS map .* uuid mpath-$VM_WWID .*" "$log" | head -n 1 || true)
    [ -n "$st" ] || { echo "mpathboot status lists no map with uuid mpath-$VM_WWID"; return 1; }
    want="paths $n active $n"
    case "$st " in
        *" $want "*) ;;
        *) echo "status says '${st#MPT-STATUS }', want '$want'"; return 1 ;;
    esac
}

expect() { # LINE KEY VALUE
    local got
    got=$(field "$1" "$2")
    [ "$got" = "$3" ] && return 0
    echo "root $2 is '$got', want '$3'"
    return 1
}

# Nothing to multipath (a lone unlisted path, or no configuration and no wwids entry):
# mpathboot must say "nothing to do" and build nothing.
check_nomap() { # LOG
    local log=$1 v
    v=$(verdict "$log" root)
    if [ -n "$v" ]; then
        echo "a root was mounted (${v#MPT-VERDICT root }), want no map"
        return 1
    fi
    v=$(verdict "$log" initramfs)
    [ -n "$v" ] || { explain_no_root "$log" "$QEMU_RC"; return 1; }
    [ "$(field "$v" exit)" = 2 ] || { echo "mpathboot exit=$(field "$v" exit), want 2 (${v#MPT-VERDICT })"; return 1; }
    [ "$(field "$v" dm)" = 0 ] || { echo "dm=$(field "$v" dm) device-mapper devices, want 0"; return 1; }
}

# The path list from /sys, from the /dev scan (--no-sysfs) and with /sys unmounted must
# be the same NPATHS paths with the same dev_t, address, identity, size and WWID. The
# sysfs-only trailing state word is left out of the comparison.
check_scans_agree() { # LOG NPATHS
    local log=$1 n=$2 how ref got
    ref=$(scan_lines "$log" sysfs)
    [ "$(printf '%s\n' "$ref" | grep -c ' wwid ')" = "$n" ] ||
        { echo "the /sys listing has $(printf '%s\n' "$ref" | grep -c ' wwid ') paths with a WWID, want $n: $ref"; return 1; }
    for how in devscan nosys; do
        got=$(scan_lines "$log" $how)
        [ "$got" = "$ref" ] || { echo "the $how listing differs from /sys: '$got' vs '$ref'"; return 1; }
    done
}

scan_lines() { # LOG HOW
    grep -a -o "MPT-SCAN $2 .*" "$1" | sed -e "s/^MPT-SCAN $2 //" -e 's/) [a-z-]*$/)/' | sort
}

# NMAPS multipath maps (uuid mpath-*), each over NPATHS sd slaves and reported by
# `mpathboot status` with all NPATHS active; a second run changes nothing.
check_maps() { # LOG NMAPS NPATHS
    local log=$1 nmaps=$2 n=$3 maps bad status rerun
    maps=$(grep -a -o 'MPT-DM .* uuid=mpath-.*' "$log" || true)
    [ "$(printf '%s\n' "$maps" | grep -c uuid=)" = "$nmaps" ] ||
        { echo "want $nmaps multipath maps, have: $maps"; return 1; }
    bad=$(printf '%s\n' "$maps" | awk -v n="$n" '{ s = $NF; sub(/^slaves=/, "", s); if (split(s, a, ",") != n) print }')
    [ -z "$bad" ] || { echo "maps without $n slaves: $bad"; return 1; }
    status=$(grep -a -c "MPT-STATUS map .* paths $n active $n" "$log" || true)
    [ "$status" = "$nmaps" ] || { echo "mpathboot status shows $status maps with $n of $n paths active, want $nmaps"; return 1; }
    rerun=$(grep -a -o 'MPT-RERUN .*' "$log" | head -n 1)
    [ "$rerun" = "MPT-RERUN exit=0 dm=$nmaps" ] || { echo "second run: '$rerun', want exit=0 dm=$nmaps"; return 1; }
}

# --- running -------------------------------------------------------------------------

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

run_case() { # NAME
    local name=$1 log=$LOGDIR/$1.log t0 reason secs
    case_setup "$name"
    t0=$(now)
    QEMU_RC=0
    vm_boot "$WORK/disk.img" "$WORK/initrd.gz" "$CMDLINE" "$PATHS" "$log" || QEMU_RC=$?
    secs=$(elapsed "$t0")
    if reason=$(case_check "$name" "$log"); then
        echo "PASS $name"
        PASSED=$((PASSED + 1))
    else
        echo "FAIL $name: $reason"
        echo "  last 40 console lines of $log:"
        tail -n 40 "$log" | sed 's/^/  | /'
        FAILED=$((FAILED + 1))
    fi
    echo "  boot took $secs s; log $log"
    check_pristine "$name"
}

# The guest mounts the root read-only; a changed image means something wrote to the LU.
check_pristine() { # NAME
    local sum
    sum=$(md5sum < "$WORK/disk.img")
    [ "$sum" = "$DISK_SUM" ] && return 0
    echo "  warning: the disk image changed during $1 (later cases see the change)"
    DISK_SUM=$sum
}

demo_summary() {
    local log=$LOGDIR/two-paths.log v st
    v=$(verdict "$log" root)
    st=$(grep -a -o "MPT-STATUS map .* uuid mpath-$VM_WWID .*" "$log" | head -n 1 || true)
    if [ -n "$v" ]; then
        echo "demo: / is on $(field "$v" kname) ($(field "$v" name)), a partition of" \
            "$(field "$v" parent) ($(field "$v" parent_uuid)) over $(field "$v" slaves);" \
            "status: ${st#MPT-STATUS }"
    else
        echo "demo: no root on multipath: $(explain_no_root "$log" "$QEMU_RC")"
    fi
}

# Old runs' logs: keep this harness's 20 newest (run-*), never another harness's and never
# the current one (an earlier version pruned every folder by name and, with many oracle-*
# folders around, deleted its own fresh log folder).
prune_logs() {
    ls -d "$(vm_cache_dir)"/logs/run-*/ 2>/dev/null | grep -v "/run-$RUN_ID/" | sort | head -n -19 | xargs -r rm -rf
}

usage() {
    echo "usage: $0 [--demo] [--list] [CASE...]   cases: $ALL_CASES" >&2
    exit 2
}

main() {
    local cases="" c
    while [ $# -gt 0 ]; do
        case $1 in
            --demo) DEMO=1 ;;
            --list) echo "$ALL_CASES" | tr ' ' '\n'; exit 0 ;;
            -h | --help) usage ;;
            -*) usage ;;
            *) case_setup "$1" || { echo "unknown case: $1" >&2; usage; }
               cases="$cases $1" ;;
        esac
        shift
    done
    [ "$DEMO" = 0 ] || cases=two-paths
    [ -n "$cases" ] || cases=$ALL_CASES

    if [ ! -f "$MPATHBOOT" ]; then
        for c in $cases; do
            echo "FAIL $c: no mpathboot binary at $MPATHBOOT (build it, or set MPATHBOOT)"
        done
        echo "0 passed, $(echo "$cases" | wc -w) failed"
        exit 1
    fi

    vm_fetch_kernel
    RUN_ID=$(date +%Y%m%d-%H%M%S)-$$
    LOGDIR=$(vm_cache_dir)/logs/run-$RUN_ID
    mkdir -p "$LOGDIR"
    prune_logs
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    # shellcheck disable=SC2086  # a word list on purpose
    vm_build_initramfs "$WORK/initrd.gz" "$HERE/guest/initramfs-init.sh" "$MPATHBOOT" \
        ${VM_INITRAMFS_EXTRA:-}
    vm_build_disk "$WORK/disk.img" "$ROOT_UUID" "$MPATHBOOT"
    DISK_SUM=$(md5sum < "$WORK/disk.img")
    echo "vm: kernel $KVER, binary $MPATHBOOT, logs in $LOGDIR"

    [ "$DEMO" = 0 ] || export VM_STREAM=1
    for c in $cases; do
        run_case "$c"
    done
    [ "$DEMO" = 0 ] || demo_summary
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

main "$@"
