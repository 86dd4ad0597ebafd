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
