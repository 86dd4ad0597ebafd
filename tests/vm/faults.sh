#!/bin/bash
# tests/vm/faults.sh: the fault matrix. Boots Debian's kernel in QEMU (as tests/vm/run.sh)
# with several LUs on two virtio-scsi paths each, breaks things on purpose, and checks what
# mpathboot did -- and that no byte changed on any disk image except the writes a case makes.
#
#   tests/vm/faults.sh              every boot, every fault
#   tests/vm/faults.sh --list       the faults
#
# Two boots (guest/faults-init.sh runs the phases named on the command line):
#   matrix: nodm assemble late rerun kill nosys tur   (no disk is written at all)
#   io:     io                                        (8 MiB written to the data LU)
# Disks: root.img (the GPT root disk of lib.sh, WWID 35000c50015ea71ac, read-only mount),
# data.img (35000c50015ea71ad, 32 MiB), corrupt.img (35000c50015ea71ae, a GPT whose
# headers both fail their CRC), same-a.img / same-b.img (8 and 12 MiB, both WWID
# 35000c50015ea71af, one path each), and scsi_debug's RAM disk for the TUR case.
#
# Prints "PASS fault" or "FAIL fault: reason" per fault, then "N passed, N failed"; exits 1
# if any failed. Environment: MPATHBOOT (default build/mpathboot), VM_TIMEOUT, as lib.sh.
# Console logs: $(vm_cache_dir)/logs/faults-*/.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
ROOT_UUID=6d2f3c1e-4b7a-4e59-9c1d-5a0b8e7f2a31
ROOT=35000c50015ea71ac DATA=35000c50015ea71ad CORRUPT=35000c50015ea71ae SAME=35000c50015ea71af
FAULTS="dm-multipath-missing malformed-multipath-conf path-offline-at-boot same-wwid-different-sizes
corrupt-partition-table late-path rerun-changes-nothing killed-between-create-and-resume sys-missing
tur-never-answers path-lost-under-io"
# The io case writes the pattern at 1 MiB into the data LU, 64 KiB blocks (dd seek=16).
IO_OFFSET=$((1024 * 1024)) IO_SIZE=$((8 * 1024 * 1024))
PASSED=0 FAILED=0

pass() { echo "PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }

# --- images ---------------------------------------------------------------------------

# Text patterns rather than zeros, so a stray write of zeros (or of the wrong block) shows.
fill() { # FILE SIZE TEXT
    yes "$3" | head -c "$2" > "$1"
}

build_images() {
    vm_build_disk "$WORK/root.img" "$ROOT_UUID" "$MPATHBOOT"
    fill "$WORK/data.img" 32M "mpathboot fault matrix: data LU"
    fill "$WORK/same-a.img" 8M "same WWID, disk A"
    fill "$WORK/same-b.img" 12M "same WWID, disk B"
    # A GPT, then one byte of each header changed: the primary and the backup both fail
    # their header CRC, so the map gets no partitions (and a warning).
    fill "$WORK/corrupt.img" 8M "corrupt partition table"
    sfdisk --quiet "$WORK/corrupt.img" <<EOF
label: gpt
start=2048, size=4096, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4
EOF
    local last=$(($(stat -c %s "$WORK/corrupt.img") / 512 - 1))
    printf 'X' | dd of="$WORK/corrupt.img" bs=1 seek=$((512 + 40)) conv=notrunc status=none
    printf 'X' | dd of="$WORK/corrupt.img" bs=1 seek=$((last * 512 + 40)) conv=notrunc status=none
    # The io case's data: numbered lines, so a block written to the wrong place shows.
    seq -f 'mpathboot fault io block %09g' 1 300000 | head -c "$IO_SIZE" > "$WORK/pattern"
}

IMAGES="root data corrupt same-a same-b"
sums() { local i; for i in $IMAGES; do echo "$i $(md5sum < "$WORK/$i.img" | cut -d ' ' -f 1)"; done; }

# What data.img must hold after the io boot: as before, with the pattern at IO_OFFSET.
expected_data() { # BEFORE_COPY OUT
    cp "$1" "$2"
    dd if="$WORK/pattern" of="$2" bs=64k seek=$((IO_OFFSET / 65536)) conv=notrunc status=none
}

# Debian's dmsetup and the libraries it links, for reading dm state in the guest.
dmsetup_extras() {
    local bin lib
    bin=$(command -v dmsetup) || vm_die "dmsetup not found (apt-get install dmsetup)"
    echo "$(readlink -f "$bin"):/sbin/dmsetup"
    for lib in $(ldd "$bin" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sort -u); do
        echo "$(readlink -f "$lib"):$lib"
    done
}

# QEMU arguments for the LUs besides the root (vm_boot puts the root on its own two
# controllers): two more virtio-scsi controllers, fx0 and fx1.
extra_qemu_args() {
    local a="-device virtio-scsi-pci,id=fx0 -device virtio-scsi-pci,id=fx1" n img
    for img in data corrupt same-a same-b; do
        n=${img//-/}
        a="$a -blockdev driver=file,filename=$WORK/$img.img,node-name=f$n -blockdev driver=raw,file=f$n,node-name=d$n"
    done
    hd() { # BUS ID NODE NAME WWN SERIAL
        a="$a -device scsi-hd,bus=$1.0,scsi-id=$2,lun=0,drive=$3,id=$4,share-rw=on,wwn=$5,serial=$6"
    }
    hd fx0 1 ddata data0 0x5000c50015ea71ad MPATH0002
    hd fx1 1 ddata data1 0x5000c50015ea71ad MPATH0002
    hd fx0 2 dcorrupt corrupt0 0x5000c50015ea71ae MPATH0003
    hd fx1 2 dcorrupt corrupt1 0x5000c50015ea71ae MPATH0003
    hd fx0 3 dsamea samea 0x5000c50015ea71af MPATH0004
    hd fx1 3 dsameb sameb 0x5000c50015ea71af MPATH0004
    echo "$a"
}

# --- reading the console ---------------------------------------------------------------

tagged() { # LOG TAG PHASE: the lines "TAG PHASE ...", without the tag and phase
    grep -a -o "$2 $3 .*" "$1" | sed "s/^$2 $3 //" || true
}
rc_of() { tagged "$1" MPT-RC "$2" | awk '{ print $1 }' | head -n 1; }
secs_of() { tagged "$1" MPT-RC "$2" | awk '{ print $2 }' | head -n 1; }
has_log() { # LOG PHASE EXTENDED-REGEX
    tagged "$1" MPT-LOG "$2" | grep -a -q -E "$3"
}
dm_uuids() { tagged "$1" MPT-DM "$2" | awk '{ print $2 }' | sort | tr '\n' ' ' | sed 's/ $//'; }
status_of() { # LOG PHASE UUID: "paths N active M" of that map
    tagged "$1" MPT-STATUS "$2" | grep -a " uuid $3 " | grep -a -o 'paths [0-9]* active [0-9]*' | head -n 1
}

# --- the checks, one per fault ----------------------------------------------------------
# Each prints nothing and succeeds, or prints the reason and fails.

check_dm_multipath_missing() {
    local log=$1 rc
    rc=$(rc_of "$log" nodm)
    [ -n "$rc" ] || { echo "mpathboot did not run"; return 1; }
    [ "$rc" != 0 ] && [ "$rc" != 2 ] || { echo "exit status $rc, want a failure"; return 1; }
    has_log "$log" nodm "^mpathboot: error: $ROOT: load failed, map removed: device-mapper load of $ROOT failed: .*the kernel has no 'multipath' target: is the dm-multipath module loaded\?" ||
        { echo "no clear error: $(tagged "$log" MPT-LOG nodm | grep -a error | head -n 3 | tr '\n' ';')"; return 1; }
    [ -z "$(tagged "$log" MPT-DM nodm)" ] || { echo "dm devices left: $(tagged "$log" MPT-DM nodm | tr '\n' ';')"; return 1; }
}

check_malformed_multipath_conf() {
    local log=$1 n
    n=$(tagged "$log" MPT-LOG assemble | grep -a -c -E '^mpathboot: warning: /etc/multipath.conf:[0-9]+: ' || true)
    [ "$n" -ge 5 ] || { echo "$n warnings naming /etc/multipath.conf:LINE, want 5 or more"; return 1; }
    has_log "$log" assemble "^mpathboot: warning: /etc/multipath.conf:2: invalid value for polling_interval" ||
        { echo "no warning for line 2"; return 1; }
    # Built-in defaults: the root map exists with the default selector.
    [ "$(rc_of "$log" assemble)" = 0 ] || { echo "exit status $(rc_of "$log" assemble): the boot would not continue"; return 1; }
    tagged "$log" MPT-TABLE assemble | grep -a -q -E "^$ROOT: 0 131072 multipath 0 0 [0-9]+ 1 service-time 0 " ||
        { echo "no root map with built-in defaults: $(tagged "$log" MPT-TABLE assemble | grep -a "^$ROOT:")"; return 1; }
}

check_path_offline_at_boot() {
    local log=$1 off st
    off=$(grep -a -o 'MPT-OFFLINE sd[a-z]*' "$log" | awk '{ print $2 }' | head -n 1)
    [ -n "$off" ] || { echo "no path was set offline"; return 1; }
    has_log "$log" assemble "^mpathboot: warning: $off: device state offline; left out of the map for $ROOT \(multipathd adds it when it is back\)$" ||
        { echo "no warning for $off: $(tagged "$log" MPT-LOG assemble | grep -a "$off" | head -n 3 | tr '\n' ';')"; return 1; }
    [ "$(rc_of "$log" assemble)" = 0 ] || { echo "exit status $(rc_of "$log" assemble)"; return 1; }
    st=$(status_of "$log" assemble "mpath-$ROOT")
    [ "$st" = "paths 1 active 1" ] || { echo "root map status '$st', want 'paths 1 active 1'"; return 1; }
}

check_same_wwid_different_sizes() {
    local log=$1
    has_log "$log" assemble "^mpathboot: error: $SAME: paths sd[a-z]*,sd[a-z]* share this WWID but sizes differ \(sd[a-z]* 16384 sectors, sd[a-z]* 24576 sectors\); not mapping any of them$" ||
        { echo "no conflict error: $(tagged "$log" MPT-LOG assemble | grep -a "$SAME" | head -n 3)"; return 1; }
    case " $(dm_uuids "$log" assemble) " in
        *"mpath-$SAME"*) echo "a map for $SAME exists"; return 1 ;;
    esac
}

check_corrupt_partition_table() {
    local log=$1 uuids
    uuids=" $(dm_uuids "$log" assemble) "
    case $uuids in *" mpath-$CORRUPT "*) ;; *) echo "no map for $CORRUPT: $uuids"; return 1 ;; esac
    case $uuids in *"-mpath-$CORRUPT "*) echo "partition maps on the corrupt disk: $uuids"; return 1 ;; esac
    has_log "$log" assemble "warning: $CORRUPT: partition table not usable" ||
        { echo "no warning: $(tagged "$log" MPT-LOG assemble | grep -a "$CORRUPT" | head -n 3)"; return 1; }
}

check_late_path() {
    local log=$1 st
    st=$(status_of "$log" assemble "mpath-$DATA")
    [ "$st" = "paths 1 active 1" ] || { echo "before: data map status '$st', want 'paths 1 active 1'"; return 1; }
    has_log "$log" late "^mpathboot: $DATA: reloaded with new paths" ||
        { echo "no reload: $(tagged "$log" MPT-LOG late | grep -a "$DATA" | head -n 3)"; return 1; }
    st=$(status_of "$log" late "mpath-$DATA")
    [ "$st" = "paths 2 active 2" ] || { echo "after: data map status '$st', want 'paths 2 active 2'"; return 1; }
}

check_rerun_changes_nothing() {
    local log=$1
    [ "$(rc_of "$log" rerun)" = 0 ] || { echo "exit status $(rc_of "$log" rerun)"; return 1; }
    grep -a -q 'MPT-SAME rerun yes' "$log" ||
        { echo "dm state changed: $(grep -a -o 'MPT-DIFF rerun .*' "$log" | head -n 4 | tr '\n' ';')"; return 1; }
}

check_killed_between_create_and_resume() {
    local log=$1 attr
    [ "$(rc_of "$log" kill-create)" = 137 ] || { echo "kill-after-create: exit $(rc_of "$log" kill-create), want 137"; return 1; }
    attr=$(tagged "$log" MPT-DM kill-create | awk -v u="mpath-$DATA" '$2 == u { print $4 }')
    case $attr in L*) echo "after kill-after-create the data map has a live table ($attr)"; return 1 ;;
        "") echo "after kill-after-create no data map is left: nothing was tested"; return 1 ;; esac
    has_log "$log" kill-create-rerun "^mpathboot: warning: $DATA: left half-made by an earlier run \(uuid mpath-$DATA, no live table\); removed$" ||
        { echo "rerun did not report the stray: $(tagged "$log" MPT-LOG kill-create-rerun | head -n 3)"; return 1; }
    [ "$(rc_of "$log" kill-create-rerun)" = 0 ] || { echo "rerun after kill-after-create: exit $(rc_of "$log" kill-create-rerun)"; return 1; }
    [ "$(rc_of "$log" kill-load)" = 137 ] || { echo "kill-after-load: exit $(rc_of "$log" kill-load), want 137"; return 1; }
    attr=$(tagged "$log" MPT-DM kill-load | awk -v u="part1-mpath-$ROOT" '$2 == u { print $4 }')
    case $attr in -I*) ;; *) echo "after kill-after-load part1 has attr '$attr', want an inactive table only"; return 1 ;; esac
    has_log "$log" kill-load-rerun "^mpathboot: warning: $ROOT-part1: left half-made by an earlier run \(uuid part1-mpath-$ROOT, no live table\); removed$" ||
        { echo "rerun did not report the stray part1: $(tagged "$log" MPT-LOG kill-load-rerun | head -n 3)"; return 1; }
    if tagged "$log" MPT-DM kill-load-rerun | awk '$4 !~ /^L/' | grep -a -q .; then
        echo "devices without a live table remain: $(tagged "$log" MPT-DM kill-load-rerun | awk '$4 !~ /^L/' | tr '\n' ';')"; return 1
    fi
    grep -a -q 'MPT-SAME kill yes' "$log" ||
        { echo "the rebuilt maps differ: $(grep -a -o 'MPT-DIFF kill .*' "$log" | head -n 4 | tr '\n' ';')"; return 1; }
}

check_sys_missing() {
    local log=$1
    grep -a -q 'MPT-LEFT nosys 0' "$log" || { echo "dmsetup remove_all left devices"; return 1; }
    has_log "$log" nosys "/sys is not mounted; scanning /dev/sd\* and /sg\* nodes" ||
        { echo "no fallback scan: $(tagged "$log" MPT-LOG nosys | head -n 3)"; return 1; }
    grep -a -q 'MPT-SAME nosys yes' "$log" ||
        { echo "other maps than with /sys: $(grep -a -o 'MPT-DIFF nosys .*' "$log" | tr '\n' ';')"; return 1; }
}

check_tur_never_answers() {
    local log=$1 wwid secs st
    wwid=$(grep -a -o 'MPT-SDEBUG [^ ]*' "$log" | awk '{ print $2 }' | head -n 1)
    [ -n "$wwid" ] || { echo "scsi_debug gave no LU"; return 1; }
    secs=$(secs_of "$log" tur)
    [ -n "$secs" ] || { echo "mpathboot did not finish"; return 1; }
    # Two checks of at most 5 s each; then loading the table opens both devices, and sd_open
    # waits for the SCSI error handler, which tries its own TEST UNIT READYs and resets
    # against a device that ignores everything (about 30 s; 43 s seen in all). The bound:
    # well below mpt's 120 s kill.
    awk -v s="$secs" 'BEGIN { exit !(s < 90) }' || { echo "mpathboot took $secs s"; return 1; }
    [ "$(tagged "$log" MPT-LOG tur | grep -a -c -E "^mpathboot: warning: sd[a-z]+: tur checker: .*(timed out|time)" || true)" -ge 2 ] ||
        { echo "no timed-out checks: $(tagged "$log" MPT-LOG tur | grep -a 'tur checker' | tr '\n' ';')"; return 1; }
    st=$(status_of "$log" tur "mpath-$wwid")
    [ "$st" = "paths 2 active 0" ] || { echo "scsi_debug map status '$st', want 'paths 2 active 0'"; return 1; }
}

check_path_lost_under_io() {
    local log=$1 v
    grep -a -q 'MPT-IO pivoted' "$log" || { echo "no pivot: $(grep -a -o 'MPT-IO .*' "$log" | head -n 2)"; return 1; }
    grep -a -q 'MPT-IO deleted sd' "$log" || { echo "no path was deleted"; return 1; }
    grep -a -q 'MPT-IO in-flight yes' "$log" || { echo "the write had ended before the path went: nothing was tested"; return 1; }
    grep -a -q 'MPT-IO dd-exit 0' "$log" || { echo "the write failed: $(grep -a -o 'MPT-IO dd-exit.*' "$log")"; return 1; }
    v=$(grep -a -o 'MPT-IO verify .*' "$log" | head -n 1)
    [ -n "$v" ] && [ "$(echo "$v" | awk '{ print $3 }')" = "$(echo "$v" | awk '{ print $5 }')" ] ||
        { echo "read back differs: $v"; return 1; }
    # The deleted path stays in the table, failed, until multipathd removes it.
    [ "$(status_of "$log" io "mpath-$DATA")" = "paths 2 active 1" ] ||
        { echo "data map status '$(status_of "$log" io "mpath-$DATA")', want 'paths 2 active 1'"; return 1; }
}

# --- running -----------------------------------------------------------------------------

# boot NAME PHASES PATHS: boots, then compares every image with its checksum before (the
# data image of the io boot with the expected content). Sets LOG, IMAGES_OK, IMAGES_WHY.
boot() {
    local name=$1 phases=$2 paths=$3 before want rc=0 t0
    LOG=$LOGDIR/$name.log
    before=$(sums)
    cp "$WORK/data.img" "$WORK/data.before"
    t0=$SECONDS
    VM_QEMU_ARGS="$(extra_qemu_args) ${VM_QEMU_ARGS:-}" \
        vm_boot "$WORK/root.img" "$WORK/initrd.gz" "mpt.phases=$phases mpt.paths=$paths" 2 "$LOG" || rc=$?
    echo "  boot $name: $((SECONDS - t0)) s, qemu status $rc, log $LOG"
    grep -a -q '^MPT-DONE' "$LOG" || echo "  boot $name did not finish: $(tail -n 3 "$LOG" | tr '\n' ';')"
    IMAGES_OK=1 IMAGES_WHY=
    if [ "$name" = io ]; then
        expected_data "$WORK/data.before" "$WORK/data.want"
        want=$(md5sum < "$WORK/data.want" | cut -d ' ' -f 1)
        before=$(printf '%s\n' "$before" | sed "s/^data .*/data $want/")
    fi
    if [ "$(sums)" != "$before" ]; then
        IMAGES_OK=0
        IMAGES_WHY="disk images changed: $(diff <(echo "$before") <(sums) | grep '^>' | cut -c3- | tr '\n' ' ')"
        if [ "$name" = io ] && ! cmp -s "$WORK/data.img" "$WORK/data.want"; then
            IMAGES_WHY="$IMAGES_WHY (data.img: $(cmp -l "$WORK/data.img" "$WORK/data.want" | wc -l) bytes differ from the expected writes)"
        fi
    fi
}

verdict() { # FAULT CHECK-FUNCTION
    local reason
    if ! reason=$("$2" "$LOG"); then
        fail "$1" "$reason"
    elif [ "$IMAGES_OK" != 1 ]; then
        fail "$1" "$IMAGES_WHY"
    else
        pass "$1"
    fi
}

main() {
    case ${1:-} in
        --list) echo "$FAULTS" | tr ' ' '\n'; exit 0 ;;
        "") ;;
        *) echo "usage: $0 [--list]" >&2; exit 2 ;;
    esac
    if [ ! -f "$MPATHBOOT" ]; then
        echo "FAIL faults: no mpathboot binary at $MPATHBOOT (build it, or set MPATHBOOT)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    vm_fetch_kernel
    local run_id f
    run_id=$(date +%Y%m%d-%H%M%S)-$$
    LOGDIR=$(vm_cache_dir)/logs/faults-$run_id
    mkdir -p "$LOGDIR"
    # Keep the 10 newest runs of this harness (never the current one).
    for f in "$(vm_cache_dir)"/logs/faults-*/; do
        [ -d "$f" ] && [ "$f" != "$LOGDIR/" ] && echo "$f"
    done | sort | head -n -9 | xargs -r rm -rf
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    build_images
    local extras
    extras="$(dmsetup_extras | tr '\n' ' ') $WORK/pattern:/pattern"
    # shellcheck disable=SC2086  # a word list on purpose
    vm_build_initramfs "$WORK/initrd.gz" "$HERE/guest/faults-init.sh" "$MPATHBOOT" $extras
    echo "vm: kernel $KVER, binary $MPATHBOOT, logs in $LOGDIR"

    # 8 sd disks: root, data, corrupt (2 paths each) and the two same-WWID disks.
    boot matrix nodm,assemble,late,rerun,kill,nosys,tur 8
    verdict dm-multipath-missing check_dm_multipath_missing
    verdict malformed-multipath-conf check_malformed_multipath_conf
    verdict path-offline-at-boot check_path_offline_at_boot
    verdict same-wwid-different-sizes check_same_wwid_different_sizes
    verdict corrupt-partition-table check_corrupt_partition_table
    verdict late-path check_late_path
    verdict rerun-changes-nothing check_rerun_changes_nothing
    verdict killed-between-create-and-resume check_killed_between_create_and_resume
    verdict sys-missing check_sys_missing
    verdict tur-never-answers check_tur_never_answers

    boot io io 8
    verdict path-lost-under-io check_path_lost_under_io

    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

main "$@"
