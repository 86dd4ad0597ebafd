// SysfsLink: the relative links of /sys resolved by text, as realpath(3) resolves them there.
import Testing
@testable import MultipathCore

@Test(arguments: [
    // /sys/block/<name> and the disk's `device` link (scsi_debug, captured in the VM).
    ("../devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0/block/sda", "/sys/block",
     "/sys/devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0/block/sda"),
    ("../../../0:0:0:0", "/sys/devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0/block/sda",
     "/sys/devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0"),
    // NVMe under native multipath: the namespace's device is the subsystem.
    ("../../nvme-subsys0", "/sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1",
     "/sys/devices/virtual/nvme-subsystem/nvme-subsys0"),
    ("./a/./b", "/x", "/x/a/b"),
    ("..", "/x", "/"),
])
func relativeLinksResolveAsRealpathDoes(link: String, directory: String, expected: String) {
    #expect(SysfsLink.resolve(link, from: directory) == expected)
}

@Test func absoluteOrEscapingLinksAreLeftToRealpath() {
    #expect(SysfsLink.resolve("/sys/devices/x", from: "/sys/block") == nil)
    #expect(SysfsLink.resolve("../../../x", from: "/sys") == nil)
}

@Test func inquiryFieldsReadAsTheirSysfsAttributes() {
    // "%.8s\n" stops at a NUL; the reader trims blanks, tabs and NULs at both ends.
    #expect(StandardInquiry.sysfsAttributeText(Array("ATA     ".utf8)) == "ATA")
    #expect(StandardInquiry.sysfsAttributeText([0x41, 0x42, 0x00, 0x43, 0x20, 0x20, 0x20, 0x20]) == "AB")
    #expect(StandardInquiry.sysfsAttributeText([0x20, 0x09, 0x51, 0x20]) == "Q")
    #expect(StandardInquiry.sysfsAttributeText(Array("    ".utf8)) == nil)
    #expect(StandardInquiry.sysfsAttributeText([0, 0x41]) == nil)
}

@Test(arguments: [
    // SCSI: the disk lies under its scsi_device's "block" glue directory.
    ("/sys/devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0/block/sda",
     "/sys/devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0", 2),
    // NVMe: directly under the controller, or under the subsystem with native multipath.
    ("/sys/devices/pci0000:00/0000:00:03.0/nvme/nvme0/nvme0n1", "/sys/devices/pci0000:00/0000:00:03.0/nvme/nvme0", 1),
    ("/sys/devices/virtual/nvme-subsystem/nvme-subsys0/nvme0n1", "/sys/devices/virtual/nvme-subsystem/nvme-subsys0", 1),
])
func theParentDeviceIsKnownFromTheDisksOwnPath(disk: String, parent: String, steps: Int) {
    let found = SysfsLink.parentDevice(ofBlockDevice: disk)
    #expect(found?.path == parent && found?.steps == steps)
}

@Test func aPathTooShortOrRelativeHasNoParentDevice() {
    #expect(SysfsLink.parentDevice(ofBlockDevice: "") == nil)
    #expect(SysfsLink.parentDevice(ofBlockDevice: "sys/block/sda") == nil)
    #expect(SysfsLink.parentDevice(ofBlockDevice: "/sda") == nil)
    #expect(SysfsLink.parentDevice(ofBlockDevice: "/block/sda") == nil)
    #expect(SysfsLink.parentDevice(ofBlockDevice: "/sys/block/") == nil)
}

@Test func aDeviceLinkLeadsToItsWholeDisk() {
    let scsi = "../../devices/pci0000:00/0000:00:03.0/virtio0/host0/target0:0:0/0:0:0:0/block/sda"
    #expect(SysfsLink.wholeDisk(ofDeviceLink: scsi) == "sda")
    #expect(SysfsLink.wholeDisk(ofDeviceLink: scsi + "/sda2") == "sda")
    #expect(SysfsLink.wholeDisk(ofDeviceLink: "../../devices/pci0000:00/0000:00:03.0/nvme/nvme0/nvme0n1/nvme0n1p1") == "nvme0n1")
    #expect(SysfsLink.wholeDisk(ofDeviceLink: "../../devices/virtual/block/dm-0") == "dm-0")
    #expect(SysfsLink.wholeDisk(ofDeviceLink: "") == nil)
}

@Test func partitionsAreNamedAfterTheirDiskAsTheKernelNamesThem() {
    #expect(BlockDeviceName.isPartition("sda1", of: "sda"))
    #expect(BlockDeviceName.isPartition("sdaa12", of: "sdaa"))
    #expect(BlockDeviceName.isPartition("nvme0n1p2", of: "nvme0n1"))
    #expect(!BlockDeviceName.isPartition("nvme0n11", of: "nvme0n1"))    // namespace 11
    #expect(!BlockDeviceName.isPartition("sdab", of: "sda"))            // another disk
    #expect(!BlockDeviceName.isPartition("sda", of: "sda"))
    #expect(!BlockDeviceName.isPartition("sda0", of: "sda"))            // numbers start at 1
    #expect(!BlockDeviceName.isPartition("nvme0n1p", of: "nvme0n1"))
    #expect(!BlockDeviceName.isPartition("sda1", of: ""))
}
