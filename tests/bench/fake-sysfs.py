#!/usr/bin/env python3
"""tests/bench/fake-sysfs.py: a synthetic /sys tree of scsi_debug disks, LUNS x HOSTS, for
profiling mpathboot on the host (valgrind --tool=callgrind on `mpathboot assemble --dry-run`).

    tests/bench/fake-sysfs.py OUTDIR LUNS HOSTS

The layout, file set and file contents follow the real kernel tree captured from a
scsi_debug guest (Tests/TestSupport/Fixtures/scsi-debug-4x2: add_host=2 num_tgts=1
max_luns=4 vpd_use_hostno=0), scaled like `scsi_debug add_host=HOSTS num_tgts=T
max_luns=LUNS/T` (at most 256 LUNs a target): per LUN the VPD 0x83/0x80 identifiers of
scsi_debug's inquiry_vpd_83 (lu id 2000 + target*1000 + lun), per host its ALUA port group
and the state scsi_debug reports (host % 3: active/optimized, active/non-optimized,
standby); sd names and dev_t numbers as sd.c assigns them (sd_format_disk_name, sd_major).
Also an empty OUTDIR/proc/misc (no device-mapper: the dry run plans from scratch) and empty OUTDIR/proc/self/mountinfo,
OUTDIR/dev, OUTDIR/etc (multipath.conf: find_multipaths no), OUTDIR/run.
"""
import os
import sys


def disk_name(index):
    # sd.c sd_format_disk_name("sd", index): base-26 with a..z, aa..zz, aaa...
    name = ""
    index += 1
    while index > 0:
        index -= 1
        name = chr(ord("a") + index % 26) + name
        index //= 26
    return "sd" + name


def sd_dev(index):
    # sd.c: gd->major = sd_major((index & 0xf0) >> 4), first_minor = ((index & 0xf) << 4) | (index & 0xfff00)
    major_index = (index & 0xF0) >> 4
    if major_index == 0:
        major = 8
    elif major_index <= 7:
        major = 64 + major_index
    else:
        major = 128 + major_index - 8
    return major, ((index & 0xF) << 4) | (index & 0xFFF00)


def vpd_pg83(lu, target, host):
    tdev = 2000 + target * 1000 - 3
    designators = [
        # T10 vendor id: "Linux   " + "scsi_debug      " + lu id in ASCII
        bytes([0x02, 0x01, 0x00, 0x1C]) + b"Linux   scsi_debug      " + b"%04d" % lu,
        # NAA-3 logical unit: 0x3333333 << 36 | lu
        bytes([0x01, 0x03, 0x00, 0x08]) + bytes.fromhex("33333330") + lu.to_bytes(4, "big"),
        # relative target port (port A)
        bytes([0x61, 0x94, 0x00, 0x04]) + (1).to_bytes(4, "big"),
        # NAA-3 target port
        bytes([0x61, 0x93, 0x00, 0x08]) + bytes.fromhex("32222220") + (tdev + 1).to_bytes(4, "big"),
        # target port group
        bytes([0x61, 0x95, 0x00, 0x04]) + bytes([0, 0]) + (((host + 1) & 0x7F) << 8).to_bytes(2, "big"),
        # NAA-3 target device
        bytes([0x61, 0xA3, 0x00, 0x08]) + bytes.fromhex("32222220") + tdev.to_bytes(4, "big"),
        # SCSI name string of the target device
        bytes([0x63, 0xA8, 0x00, 0x18]) + (b"naa.32222220%08X" % tdev) + bytes(4),
    ]
    body = b"".join(designators)
    return bytes([0x00, 0x83]) + len(body).to_bytes(2, "big") + body


INQUIRY = bytes.fromhex(
    "00000702 5b10100a 4c696e75 78202020 73637369 5f646562 75672020 20202020"
    "30313931 32303231 30353230 00000000 00000000 00000000 000000c0 05c00600"
    "21000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000"
)
STATES = ["active/optimized", "active/non-optimized", "standby"]


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: fake-sysfs.py OUTDIR LUNS HOSTS")
    out, luns, hosts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    targets = 1
    while luns // targets > 256 or luns % targets:
        targets += 1
    per_target = luns // targets
    sysfs = os.path.join(out, "sys")
    os.makedirs(os.path.join(sysfs, "block"))
    index = 0
    for host in range(hosts):
        for target in range(targets):
            for lun in range(per_target):
                lu = 2000 + target * 1000 + lun
                hctl = "%d:0:%d:%d" % (host, target, lun)
                rel = "devices/pseudo_0/adapter%d/host%d/target%d:0:%d/%s" % (host, host, host, target, hctl)
                dev = os.path.join(sysfs, rel)
                name = disk_name(index)
                major, minor = sd_dev(index)
                index += 1
                blk = os.path.join(dev, "block", name)
                os.makedirs(os.path.join(blk, "queue"))
                for key, value in [("model", "scsi_debug      \n"), ("rev", "0191\n"), ("vendor", "Linux   \n"),
                                   ("type", "0\n"), ("state", "running\n"), ("queue_depth", "192\n"),
                                   ("dh_state", "alua\n"), ("preferred_path", "0\n"),
                                   ("access_state", STATES[host % 3] + "\n"),
                                   ("wwid", "naa.33333330%08x\n" % lu)]:
                    write(os.path.join(dev, key), value)
                write(os.path.join(dev, "inquiry"), INQUIRY)
                write(os.path.join(dev, "vpd_pg83"), vpd_pg83(lu, target, host))
                write(os.path.join(dev, "vpd_pg80"), bytes([0x00, 0x80, 0x00, 0x04]) + b"%04d" % lu)
                for key, value in [("ro", "0\n"), ("hidden", "0\n"), ("dev", "%d:%d\n" % (major, minor)),
                                   ("size", "16384\n"), ("removable", "0\n"),
                                   ("queue/physical_block_size", "512\n"), ("queue/logical_block_size", "512\n")]:
                    write(os.path.join(blk, key), value)
                os.symlink("../../../" + hctl, os.path.join(blk, "device"))
                os.symlink("../" + rel + "/block/" + name, os.path.join(sysfs, "block", name))
    os.makedirs(os.path.join(out, "proc", "self"))
    write(os.path.join(out, "proc", "misc"), "")  # no device-mapper: a dry run plans as if no maps exist
    write(os.path.join(out, "proc", "self", "mountinfo"), "")
    write(os.path.join(out, "proc", "mounts"), "")
    for d in ("dev", "run", "etc/multipath"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    write(os.path.join(out, "etc", "multipath.conf"), "defaults {\n\tfind_multipaths no\n\tuser_friendly_names no\n}\n")
    print("%s: %d disks, %d LUNs x %d hosts (%d targets)" % (out, index, luns, hosts, targets))


main()
