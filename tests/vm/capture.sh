#!/bin/bash
# tests/vm/capture.sh: boot a guest topology and save its path devices' sysfs attributes
# as a test fixture (the real tree's layout and relative links, only the files mpathboot
# reads), so the OS-layer tests run on what a real kernel shows.
#
#   tests/vm/capture.sh SCENARIO [OUTDIR]     default OUTDIR Tests/TestSupport/Fixtures/SCENARIO
#   tests/vm/capture.sh --list
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$HERE/lib.sh"

SCENARIOS="virtio-two-paths virtio-one-path scsi-debug-4x2 lio-pref sata nvme nvme-native-mp"

scenario_setup() { # NAME -> PATHS, CMDLINE
    case $1 in
        virtio-two-paths) PATHS=2 CMDLINE="mpt.paths=2" ;;
        virtio-one-path) PATHS=1 CMDLINE="mpt.paths=1" ;;
        scsi-debug-4x2)
            PATHS=0
            CMDLINE="mpt.paths=8 mpt.sdebug=add_host=2,num_tgts=1,max_luns=4,vpd_use_hostno=0,dev_size_mb=8" ;;
        lio-pref)
            # One LIO LUN over two tcm_loop paths, one of them in a preferred port group
            # (guest-lib.sh guest_lio_two_paths).
            PATHS=0 CMDLINE="mpt.paths=2 mpt.lio=1"
            VM_MODULES="$VM_MODULES tcm_loop" ;;
        sata)
            # The test image's block node (d0, see vm_boot) on QEMU's AHCI controller.
            PATHS=0 CMDLINE="mpt.paths=1"
            VM_MODULES="$VM_MODULES ahci"
            export VM_QEMU_ARGS="-device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0,serial=SATA0001" ;;
        nvme)
            PATHS=0 CMDLINE="mpt.paths=0"
            VM_MODULES="$VM_MODULES nvme"
            export VM_QEMU_ARGS="-device nvme,serial=NVME0001,drive=d0" ;;
        nvme-native-mp)
            # One subsystem, two controllers, one shared namespace: native NVMe multipath
            # presents nvme0n1 over the hidden nodes nvme0c0n1 and nvme0c1n1.
            PATHS=0 CMDLINE="mpt.paths=0"
            VM_MODULES="$VM_MODULES nvme"
            export VM_QEMU_ARGS="-device nvme-subsys,id=subsys0,nqn=nqn.2026-11.test:mpath -device nvme,serial=NVME0004,subsys=subsys0 -device nvme,serial=NVME0004,subsys=subsys0 -device nvme-ns,drive=d0,nsid=1,shared=on" ;;
        *) return 1 ;;
    esac
    CMDLINE="$CMDLINE mpt.capture=1 mpt.args=paths mpt.case=capture-$1"
}

[ "${1:-}" = --list ] && { echo "$SCENARIOS"; exit 0; }
name=${1:?usage: capture.sh SCENARIO [OUTDIR]}
scenario_setup "$name" || vm_die "unknown scenario $name (have: $SCENARIOS)"
out=${2:-$REPO/Tests/TestSupport/Fixtures/$name}
MPATHBOOT=${MPATHBOOT:-$REPO/build/mpathboot}

vm_fetch_kernel
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
vm_build_initramfs "$work/initrd" "$HERE/guest/initramfs-init.sh" "$MPATHBOOT"
vm_build_disk "$work/disk.img" 6d2f3c1e-4b7a-4e59-9c1d-5a0b8e7f2a31 "$MPATHBOOT"
vm_boot "$work/disk.img" "$work/initrd" "$CMDLINE" "$PATHS" "$work/console.log" || true
grep -q MPT-CAPTURE-END "$work/console.log" || { tail -30 "$work/console.log"; vm_die "no capture in the console"; }
rm -rf "$out" && mkdir -p "$out"
sed -n '/MPT-CAPTURE-BEGIN/,/MPT-CAPTURE-END/p' "$work/console.log" | sed '1d;$d' | base64 -d | tar -C "$out" -xzf -
grep -a '^mpt:\|^sd\|^nvme' "$work/console.log" | grep -av MPT-CAPTURE > "$out/console.txt" || true
vm_log "captured $(find "$out/sys" -type f | wc -l) files into $out"
