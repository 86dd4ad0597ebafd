# shellcheck shell=bash
# tests/bench/disks.sh: the benchmark's disks and its floor, shared by bench.sh and
# profile.sh (sourced after tests/vm/lib.sh is found, before it is sourced: it sets VM_MODULES).
#
# What the guest loads: the disks, ALUA (and the other handlers multipath-tools may ask for),
# dm-multipath and its selectors. No sg: neither tool needs it, and Debian's initramfs for
# multipath does not load it (it would only add coldplug events).
export VM_MODULES="scsi_dh_alua scsi_dh_emc scsi_dh_rdac sd_mod dm-mod dm-multipath dm-service-time dm-round-robin dm-queue-length scsi_debug"

# scsi_debug parameters for LUNS x PATHS: one host per path (add_host), at most 256 LUNs per
# target (num_tgts x max_luns), every LUN's identity independent of the host
# (vpd_use_hostno=0), so each LUN is one WWID seen through PATHS hosts. One shared 8 MiB RAM
# store for all of them. delay=0: commands complete at once instead of after a jiffy (4 ms),
# so the times are the tools' own work, not a fake per-command latency.
sdebug_params() { # LUNS PATHS
    local luns=$1 paths=$2 tgts=1
    while [ $((luns / tgts)) -gt 256 ] || [ $((luns % tgts)) != 0 ]; do tgts=$((tgts + 1)); done
    echo "add_host=$paths,num_tgts=$tgts,max_luns=$((luns / tgts)),vpd_use_hostno=0,dev_size_mb=8,delay=0"
}

# The floor (dmfloor.c), static against the musl libdevmapper.a mpathboot links, with the
# same malloc as mpathboot (Sources/BootAllocator): with musl's own, each map's libdm task
# buffers were mapped and unmapped again (about 1.6 mmap + munmap a map), which made the
# floor slower than the device-mapper calls themselves are.
build_dmfloor() { # OUT LVM_BUILD_DIR [extra musl-gcc flags...]
    local out=$1 lvm=$2
    shift 2
    musl-gcc -Os -static "$@" -isystem "$(vm_cache_dir)/kernel-headers" -I"$lvm/libdm" \
        -I"$REPO/Sources/BootAllocator/include" -o "$out" "$HERE/dmfloor.c" \
        "$REPO/Sources/BootAllocator/BootAllocator.c" "$lvm/libdm/ioctl/libdevmapper.a" -lm
}
