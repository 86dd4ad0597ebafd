#!/bin/bash
# tests/vm/oracle.sh: check mpathboot's WWIDs against Debian's own udev in the same guest.
#
#   tests/vm/oracle.sh [TOPOLOGY...]     all topologies, or only the named ones
#   tests/vm/oracle.sh --list            print the topology names
#   tests/vm/oracle.sh --vectors LOGDIR  no boot: print a run's raw sysfs bytes and udev
#                                        values as Markdown (the ORACLE.md vectors)
#
# One initramfs holds busybox, the static mpathboot under test, and Debian 12's udev 252
# (systemd-udevd, udevadm, scsi_id, ata_id, 50-udev-default.rules, 60-persistent-storage.rules)
# and multipath-tools 0.9.4 (multipath, multipathd, kpartx, dmsetup, /lib/multipath plugins,
# and sg3-utils-udev's 55-scsi-sg3_id.rules with sg_inq), with every shared library they
# need, copied from this host. guest/oracle-init.sh runs udev (twice: the stock rules, then
# with 55-scsi-sg3_id.rules added, since Debian's multipath-tools depends on sg3-utils-udev),
# `multipath -d -v3` and `mpathboot paths` on the same devices and prints what each says.
#
# For every disk the WWID mpathboot prints is compared with what multipath-tools would
# take from udev (its uid_attribute defaults): ID_SERIAL for sd*, ID_WWN for nvme*. A disk
# without that property must be "no wwid" in mpathboot. Prints
#   PASS TOPOLOGY/DEV+sg3 wwid=X        FAIL TOPOLOGY/DEV+sg3: udev=A mpathboot=B
# (TOPOLOGY/DEV without +sg3 for the stock rules), notes for the set not checked when it
# differs, then "N passed, N failed"; exits 1 if any failed.
#
# Environment: MPATHBOOT (default build/mpathboot); ORACLE_RULES = sg3 (default) | stock |
# both, the udev rule set(s) checked (see below); ORACLE_MPV3=1 (the guest prints all of
# `multipath -d -v3`); VM_TIMEOUT, VM_QEMU_ARGS, VM_MODULES, VM_STREAM as in lib.sh.
# Console logs stay under $(vm_cache_dir)/logs/oracle-*/.
#
# The Debian packages udev, multipath-tools, kpartx, dmsetup, sg3-utils(-udev) are
# installed on the host if missing, with a policy-rc.d that forbids starting services;
# their files are only copied from there.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"
# shellcheck source=debian-tools.sh
. "$HERE/debian-tools.sh"

MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}
# Which udev rule set's values mpathboot must match (the guest always runs both):
# sg3 = Debian's udev rules plus sg3-utils-udev's 55-scsi-sg3_id.rules, which every
# Debian system with multipath-tools has (multipath-tools Depends on sg3-utils-udev);
# stock = udev's own rules only (50-udev-default, 60-persistent-storage: scsi_id/ata_id).
ORACLE_RULES=${ORACLE_RULES:-sg3}
ALL_TOPOLOGIES="virtio-wwn virtio-serial-only scsi-debug-4x2 nvme sata"
# Not run by default; name them to run them.
EXTRA_TOPOLOGIES="sata-wwn virtio-no-ids nvme-eui nvme-native-mp"
# One initramfs for all topologies: drivers without hardware just sit there.
VM_MODULES="$VM_MODULES scsi_debug nvme ahci"
PASSED=0
FAILED=0

# --- the tools for the guest (host packages: debian-tools.sh, dt_ensure_packages) ----------

ORACLE_BINARIES="/bin/udevadm /lib/udev/scsi_id /lib/udev/ata_id /sbin/multipath /sbin/multipathd
    /sbin/kpartx /sbin/dmsetup /usr/bin/sg_inq"
ORACLE_RULES_FILES="/lib/udev/rules.d/50-udev-default.rules /lib/udev/rules.d/60-persistent-storage.rules"
ORACLE_SG3_RULES="/lib/udev/rules.d/55-scsi-sg3_id.rules"

# Builds the tree under TREE: binaries, plugins, rules (sg3-utils-udev's apart, for
# ORACLE_RULES), then what they need to run (debian-tools.sh).
stage_tools() { # TREE
    local tree=$1 f
    for f in $ORACLE_BINARIES /lib/multipath/*.so $ORACLE_RULES_FILES; do
        [ -e "$f" ] || vm_die "missing $f on the host"
        _dt_put "$tree" "$f"
    done
    for f in $ORACLE_SG3_RULES; do _dt_put "$tree" "$f" "/lib/udev/sg3-rules.d/${f##*/}"; done
    # shellcheck disable=SC2086  # a word list
    dt_stage_runtime "$tree" $ORACLE_BINARIES
}

# --- topologies ----------------------------------------------------------------------

# Sets DISKS (how many disks the guest waits for), CMDLINE, and either BOOT=vm_boot
# (lib.sh's two virtio-scsi paths) or QARGS (QEMU's device arguments).
# shellcheck disable=SC2054  # the commas are inside QEMU's option values
topology_setup() { # NAME
    local img=$WORK/disk.img
    BOOT=qemu QARGS=() CMDLINE=
    local blk=(-blockdev "driver=file,filename=$img,node-name=f0"
        -blockdev "driver=raw,file=f0,node-name=d0")
    case $1 in
        virtio-wwn) DISKS=2 BOOT=vm_boot ;;
        virtio-serial-only)
            DISKS=1
            QARGS=("${blk[@]}" -device virtio-scsi-pci,id=scsi0
                -device scsi-hd,bus=scsi0.0,drive=d0,serial=MPATH0002) ;;
        scsi-debug-4x2)
            DISKS=8
            CMDLINE="mpt.sdebug=add_host=2,num_tgts=1,max_luns=4,vpd_use_hostno=0,dev_size_mb=8" ;;
        nvme)
            DISKS=1
            QARGS=("${blk[@]}" -device nvme,serial=NVME0001,drive=d0) ;;
        sata)
            DISKS=1
            QARGS=("${blk[@]}" -device ahci,id=ahci0
                -device ide-hd,drive=d0,bus=ahci0.0,serial=SATA0001) ;;
        sata-wwn)
            DISKS=1
            QARGS=("${blk[@]}" -device ahci,id=ahci0
                -device ide-hd,drive=d0,bus=ahci0.0,serial=SATA0002,wwn=0x5000c50015ea71ad) ;;
        virtio-no-ids) # neither serial nor wwn
            DISKS=1
            QARGS=("${blk[@]}" -device virtio-scsi-pci,id=scsi0 -device scsi-hd,bus=scsi0.0,drive=d0) ;;
        nvme-eui) # explicit namespace identifiers, as real drives report them
            DISKS=1
            QARGS=("${blk[@]}" -device nvme,id=nvme0,serial=NVME0003
                -device nvme-ns,drive=d0,bus=nvme0,nsid=1,eui64=0x0025388b71b0e2a1,uuid=0d6ad2c4-9f2b-4c41-8a43-6e3f6a1b2c3d) ;;
        nvme-native-mp) # one subsystem, two controllers, one shared namespace: the
            # kernel's native NVMe multipath (nvme0n1 over hidden nvme0c0n1, nvme0c1n1)
            DISKS=1
            QARGS=("${blk[@]}" -device nvme-subsys,id=subsys0,nqn=nqn.2026-11.test:mpath
                -device nvme,serial=NVME0004,subsys=subsys0 -device nvme,serial=NVME0004,subsys=subsys0
                -device nvme-ns,drive=d0,nsid=1,shared=on,eui64=0x0025388b71b0e2a2) ;;
        *) return 1 ;;
    esac
    CMDLINE="mpt.case=$1 mpt.disks=$DISKS mpt.rules=both mpt.mpv3=${ORACLE_MPV3:-0} $CMDLINE"
}

# vm_boot's pattern with other devices than its virtio-scsi paths.
oracle_qemu() { # LOG CMDLINE_EXTRA QEMU_ARGS...
    local log=$1 extra=$2 rc
    shift 2
    local -a args=(-accel tcg -cpu max -m 768 -nographic -no-reboot -net none
        -kernel "$VMLINUZ" -initrd "$INITRD"
        -append "console=ttyS0 quiet panic=-1 $extra" "$@")
    # shellcheck disable=SC2206  # word list on purpose
    args+=(${VM_QEMU_ARGS:-})
    set +e
    timeout "${VM_TIMEOUT:-180}" qemu-system-x86_64 "${args[@]}" </dev/null 2>&1 |
        sed -u -e 's/\r$//' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1bc//g' |
        if [ "${VM_STREAM:-0}" = 1 ]; then tee "$log"; else cat > "$log"; fi
    rc=${PIPESTATUS[0]}
    set -e
    return "$rc"
}

# --- comparing -----------------------------------------------------------------------

field() { # LINE KEY -> value of KEY=value
    printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1
}

# mpathboot's WWID for DEV from its `paths` lines: the word after "wwid", "" for
# "no wwid: ...", "(not listed)" if it printed no line for DEV. TAG picks the listing
# (ORACLE-MPB with /sys, ORACLE-MPB-NOSYS with /sys unmounted).
mpathboot_wwid() { # LOG DEV [TAG]
    local line
    line=$(grep -a -o "${3:-ORACLE-MPB} $2 .*" "$1" | head -n 1 || true)
    if [ -z "$line" ]; then
        echo "(not listed)"
    elif [[ $line == *" no wwid:"* ]]; then
        echo ""
    else
        printf '%s\n' "$line" | sed -n 's/.* wwid \([^ ]*\).*/\1/p'
    fi
}

pass() { echo "PASS $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $*"; FAILED=$((FAILED + 1)); }

# Compares every TAG line of the log with mpathboot's line for the same disk; sets
# COMPARED to their number. CHECK=0: only a note when they differ, no PASS/FAIL.
compare() { # NAME LOG TAG SET CHECK
    local name=$1 log=$2 tag=$3 set=$4 check=$5 sfx="" line dev want got key mp
    [ "$set" = stock ] || sfx=+$set
    COMPARED=0
    while read -r line; do
        dev=$(printf '%s\n' "$line" | cut -d ' ' -f 2)
        case $dev in nvme*) key=ID_WWN ;; *) key=ID_SERIAL ;; esac
        want=$(field "$line" "$key")
        got=$(mpathboot_wwid "$log" "$dev")
        COMPARED=$((COMPARED + 1))
        if [ "$check" = 0 ]; then
            [ "$want" = "$got" ] ||
                echo "  note: $name/$dev with the $set rules: udev=${want:-(no $key)} mpathboot=${got:-no wwid} (not checked)"
        elif [ "$want" = "$got" ]; then
            pass "$name/$dev$sfx wwid=${want:-none}"
        else
            fail "$name/$dev$sfx: udev=${want:-(no $key)} mpathboot=${got:-no wwid}"
        fi
        # Without /sys (the 2.4-style /dev scan) the WWID must be the same. The scan only
        # knows sd/sg nodes, as on Linux 2.4: NVMe has no such fallback.
        if [ "$check" = 1 ] && [[ $dev == sd* ]]; then
            got=$(mpathboot_wwid "$log" "$dev" ORACLE-MPB-NOSYS)
            if [ "$want" = "$got" ]; then
                pass "$name/$dev$sfx without /sys wwid=${want:-none}"
            else
                fail "$name/$dev$sfx without /sys: udev=${want:-(no $key)} mpathboot=${got:-no wwid}"
            fi
        fi
        # Informational: what multipath itself took, with the same rules. No line at
        # all is normal when its default property blacklist drops the path (no
        # SCSI_IDENT_* and no ID_WWN property: stock rules on SATA or T10-only disks).
        mp=$(grep -a -o "ORACLE-MP $set $dev uid=.*" "$log" | head -n 1 || true)
        [ -z "$mp" ] || [ "$(field "$mp" uid)" = "$want" ] ||
            echo "  note: multipath -d -v3 ($set rules) took uid=$(field "$mp" uid) ($(field "$mp" via)) for $dev, udev $key=${want:-none}"
    done < <(grep -a -o "$tag .*" "$log" || true)
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

run_topology() { # NAME
    local name=$1 log=$LOGDIR/$1.log t0 secs rc=0 disks settle
    topology_setup "$name"
    t0=$(now)
    if [ "$BOOT" = vm_boot ]; then
        vm_boot "$WORK/disk.img" "$INITRD" "$CMDLINE" 2 "$log" || rc=$?
    else
        oracle_qemu "$log" "$CMDLINE" "${QARGS[@]}" || rc=$?
    fi
    secs=$(elapsed "$t0")
    disks=$(grep -a -o 'ORACLE-DISKS.*' "$log" | head -n 1 | cut -d ' ' -f 2- || true)
    if ! grep -aq ORACLE-END "$log"; then
        fail "$name: no ORACLE-END in the console (qemu status $rc, disks: ${disks:-none})"
        tail -n 30 "$log" | sed 's/^/  | /'
    elif [ "$(echo "$disks" | wc -w)" -lt "$DISKS" ]; then
        fail "$name: the guest found ${disks:-no disks}, want $DISKS"
    fi
    local set tag check
    for set in stock sg3; do
        tag=ORACLE-UDEV
        [ "$set" = stock ] || tag=ORACLE-UDEV-SG3
        check=1
        [ "$ORACLE_RULES" = both ] || [ "$ORACLE_RULES" = "$set" ] || check=0
        compare "$name" "$log" "$tag" "$set" "$check"
        [ "$COMPARED" -gt 0 ] || [ "$check" = 0 ] || fail "$name: no $tag line"
    done
    settle=$(grep -a -o 'udev settled in [0-9.]*' "$log" | sed 's/.* //' | paste -sd / -)
    echo "  boot took $secs s (udev settle ${settle:-?} s); log $log"
}

# Markdown of a finished run: per topology and disk the text attributes, the udev
# values of both rule sets, mpathboot's line, and the od dumps of the binary attributes.
vectors() { # LOGDIR
    local log name dev f
    # In the order they ran (oldest first), which is the order of ALL_TOPOLOGIES.
    # shellcheck disable=SC2045  # our own file names, no blanks
    for log in $(ls -1tr "$1"/*.log); do
        name=$(basename "$log" .log)
        echo "### $name"
        echo
        for dev in $(grep -a -o 'ORACLE-DISKS.*' "$log" | head -n 1 | cut -d ' ' -f 2-); do
            echo "#### $name: $dev"
            echo
            echo '```'
            grep -a -o "ORACLE-ATTR $dev .*" "$log" | sed "s/^ORACLE-ATTR $dev /attr   /;s/ *$//"
            grep -a -o "ORACLE-UDEV $dev .*" "$log" | sed "s/^ORACLE-UDEV $dev /stock  /"
            grep -a -o "ORACLE-UDEV-SG3 $dev .*" "$log" | sed "s/^ORACLE-UDEV-SG3 $dev /sg3    /"
            grep -a -o "ORACLE-MPB $dev .*" "$log" | sed "s/^ORACLE-MPB /mpathboot  /"
            for f in inquiry vpd_pg80 vpd_pg83; do
                grep -a -q "ORACLE-RAW $dev $f " "$log" || continue
                echo "$f:"
                grep -a -o "ORACLE-RAW $dev $f .*" "$log" | sed "s/^ORACLE-RAW $dev $f /  /"
            done
            echo '```'
            echo
        done
    done
}

usage() {
    echo "usage: $0 [--list | --vectors LOGDIR] [TOPOLOGY...]   topologies: $ALL_TOPOLOGIES (also: $EXTRA_TOPOLOGIES)" >&2
    exit 2
}

main() {
    local topologies="" t tree binary
    while [ $# -gt 0 ]; do
        case $1 in
            --list) echo "$ALL_TOPOLOGIES $EXTRA_TOPOLOGIES" | tr ' ' '\n'; exit 0 ;;
            --vectors) [ -d "${2:-}" ] || usage; vectors "$2"; exit 0 ;;
            -*) usage ;;
            *) case " $ALL_TOPOLOGIES $EXTRA_TOPOLOGIES " in
                   *" $1 "*) topologies="$topologies $1" ;;
                   *) echo "unknown topology: $1" >&2; usage ;;
               esac ;;
        esac
        shift
    done
    [ -n "$topologies" ] || topologies=$ALL_TOPOLOGIES
    case $ORACLE_RULES in stock | sg3 | both) ;; *) vm_die "ORACLE_RULES must be stock, sg3 or both" ;; esac
    [ -f "$MPATHBOOT" ] || vm_die "no mpathboot binary at $MPATHBOOT (build it, or set MPATHBOOT)"
    [ "$(id -u)" = 0 ] || vm_die "needs root (apt-get, mknod in the initramfs)"

    dt_ensure_packages
    vm_fetch_kernel
    LOGDIR=$(vm_cache_dir)/logs/oracle-$(date +%Y%m%d-%H%M%S)-$$
    mkdir -p "$LOGDIR"
    # Old oracle runs' logs: keep the 10 newest.
    find "$(vm_cache_dir)/logs" -maxdepth 1 -name 'oracle-*' -type d | sort | head -n -10 | xargs -r rm -rf
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    # A private copy: build/mpathboot may be rebuilt while this runs.
    cp "$MPATHBOOT" "$WORK/mpathboot"
    binary="$MPATHBOOT (md5 $(md5sum < "$WORK/mpathboot" | cut -c 1-12), $(date -r "$MPATHBOOT" '+%F %T'))"
    tree=$WORK/tree
    stage_tools "$tree"
    INITRD=$WORK/initrd.gz
    # shellcheck disable=SC2046  # one SRC:DEST word per file
    vm_build_initramfs "$INITRD" "$HERE/guest/oracle-init.sh" "$WORK/mpathboot" $(dt_tree_extras "$tree")
    truncate -s 64M "$WORK/disk.img"
    echo "vm: kernel $KVER, binary $binary, initramfs $(($(stat -c %s "$INITRD") / 1024)) KiB, logs in $LOGDIR"
    for t in $topologies; do
        run_topology "$t"
    done
    echo "$PASSED passed, $FAILED failed"
    [ "$FAILED" = 0 ]
}

main "$@"
