// IdentityTests: the udev identification of paths. The known-answer table (IdentityVectors)
// covers the SCSI rules; the tests below cover ata_id, NVMe, the WWID rules, the page
// parsers and the string helpers the emulations are built from.

import Testing
@testable import MultipathCore

extension IdentityVector: CustomTestStringConvertible {
    var testDescription: String { name }
}

/// The outcome of a computation, in the table's terms.
private func outcome(_ result: UdevSerial?) -> ExpectedSerial {
    guard let result, let serial = result.idSerial else { return .none }
    return .serial(serial, short: result.idSerialShort, wwn: result.idWWN,
                   wwnExtension: result.idWWNWithExtension, source: result.source)
}

@Suite("SCSI identification, known answers")
struct ScsiIdentityVectorTests {
    @Test("Debian 12 rules (55-scsi-sg3_id, then 60-persistent-storage)",
          arguments: IdentityVectors.all)
    func debianRules(_ vector: IdentityVector) {
        let result = ScsiIdentity.udevSerial(inquiry: vector.inquiry, page83: vector.page83,
                                             page80: vector.page80)
        #expect(outcome(result) == vector.debian)
    }

    @Test("scsi_id --export --whitelisted alone", arguments: IdentityVectors.all)
    func scsiIDAlone(_ vector: IdentityVector) {
        let result = ScsiIdentity.scsiIdSerial(inquiry: vector.inquiry, page83: vector.page83,
                                               page80: vector.page80)
        #expect(outcome(result) == vector.scsiID)
    }
}

@Suite("SCSI identification, rules in detail")
struct ScsiIdentityRuleTests {
    let qemu = IdentityVectors.qemu

    /// A 127-byte binary NAA is the longest scsi_id accepts: '3' + 254 hex digits = 255
    /// characters, exactly what udev_replace_whitespace(…, 255) lets through.
    @Test func longestBinaryDesignatorScsiID() {
        let data: [UInt8] = [0x30] + [UInt8](repeating: 0xAB, count: 126)
        let result = ScsiIdentity.scsiIdSerial(
            inquiry: qemu, page83: VPD.page83([VPD.descriptor(codeSet: 1, type: 3, data)]), page80: nil)
        let expected = "330" + String(repeating: "ab", count: 126)
        #expect(result?.idSerial == expected)
        #expect(result?.idSerial?.utf8.count == 255)
        #expect(result?.idWWN == "0x30" + String(repeating: "ab", count: 7))
        #expect(result?.idWWNWithExtension == "0x30" + String(repeating: "ab", count: 15))
    }

    /// ASCII vendor-specific designators: 230 bytes fit ('0' + 24 + 230 + NUL = 256), 231 not.
    @Test func vendorSpecificLengthLimit() {
        let fits = ScsiIdentity.scsiIdSerial(
            inquiry: qemu, page83: VPD.page83([VPD.vendorSpecific([UInt8](repeating: 0x41, count: 230))]),
            page80: nil)
        #expect(fits?.idSerial == "0QEMU_QEMU_HARDDISK_" + String(repeating: "A", count: 230))
        let tooLong = ScsiIdentity.scsiIdSerial(
            inquiry: qemu, page83: VPD.page83([VPD.vendorSpecific([UInt8](repeating: 0x41, count: 231))]),
            page80: nil)
        #expect(tooLong == nil)
    }

    /// A leading vertical tab is not skipped by strspn(" \t\n\r") but is whitespace for
    /// isspace(), so it turns into a leading '_' of ID_SERIAL_SHORT.
    @Test func leadingVerticalTab() {
        let result = ScsiIdentity.scsiIdSerial(inquiry: qemu, page83: nil,
                                               page80: VPD.page80("\u{0B}AB"))
        #expect(result?.idSerial == "SQEMU_QEMU_HARDDISK_AB")
        #expect(result?.idSerialShort == "_AB")
    }

    /// A wrong page code in byte 1 makes scsi_id give up on page 0x83 and use page 0x80.
    @Test func wrongPageCodeFallsBackToUnitSerial() {
        let result = ScsiIdentity.scsiIdSerial(
            inquiry: qemu, page83: VPD.page83([VPD.naa("5000c50015ea71ac")], pageCode: 0x84),
            page80: VPD.page80("SER12345"))
        #expect(result?.idSerial == "SQEMU_QEMU_HARDDISK_SER12345")
        #expect(result?.source == .vpd80)
    }

    /// scsi_id only ever reads 254 bytes of a page. A designator that would match but whose
    /// bytes lie beyond that was filled from stack memory: unpredictable, so nil. sg_inq
    /// reads the whole sysfs page and names the disk normally.
    @Test func designatorBeyondScsiIdBuffer() {
        let filler = VPD.descriptor(codeSet: 1, type: 3, association: .targetPort,
                                    [0x30] + [UInt8](repeating: 0, count: 239))
        let page = VPD.page83([filler, VPD.naa("5000c50015ea71ac")])
        #expect(page.count == 260)
        #expect(ScsiIdentity.scsiIdSerial(inquiry: qemu, page83: page, page80: nil) == nil)
        #expect(ScsiIdentity.udevSerial(inquiry: qemu, page83: page, page80: nil)?.idSerial
                == "35000c50015ea71ac")
    }

    /// sg3_utils alone: nil when it leaves ID_SERIAL unset (here the only designator belongs
    /// to the target port), the rules' own answer otherwise.
    @Test func sg3UtilsAlone() {
        let result = ScsiIdentity.sg3UtilsSerial(
            inquiry: qemu, page83: VPD.page83([VPD.naa("5000c50015ea71ac", association: .targetPort)]),
            page80: nil)
        #expect(result == nil)
        let named = ScsiIdentity.sg3UtilsSerial(inquiry: qemu, page83: IdentityVectors.scsiDebugPage83,
                                                page80: nil)
        #expect(named?.idSerial == "1Linux_scsi_debug_2000")
    }

    /// VPD pages fetched over SG_IO because sysfs lacks them are invisible to
    /// 55-scsi-sg3_id.rules (it reads only the attributes): scsi_id then decides.
    @Test func pagesMissingFromSysfs() {
        let inquiry = VPD.standardInquiry(vendor: "Linux", product: "scsi_debug", version: 7)
        let inSysfs = ScsiIdentity.udevSerial(inquiry: inquiry, page83: IdentityVectors.scsiDebugPage83,
                                              page80: nil, ataIdentify: nil, rules: .sg3UtilsThenSystemd,
                                              vpdPagesInSysfs: true)
        #expect(inSysfs?.idSerial == "1Linux_scsi_debug_2000")
        let notInSysfs = ScsiIdentity.udevSerial(inquiry: inquiry, page83: IdentityVectors.scsiDebugPage83,
                                                 page80: nil, ataIdentify: nil, rules: .sg3UtilsThenSystemd,
                                                 vpdPagesInSysfs: false)
        #expect(notInSysfs?.idSerial == "333333330000007d0")
        #expect(notInSysfs?.source == .vpd83NAA)
    }

    /// Vendor "ATA": under systemd's rules alone, ata_id decides when it gets IDENTIFY data;
    /// under Debian's, sg3_utils' ata_id compatibility rule already named the disk the same.
    @Test func ataDiskUnderBothRuleSets() {
        let page83 = IdentityVectors.libataPage83(model: "QEMU HARDDISK", serial: "QM00001",
                                                  wwn: "5000c50015ea71ac")
        let identify = VPD.identify(model: "QEMU HARDDISK", serial: "QM00001", wwn: 0x5000c50015ea71ac)
        let systemd = ScsiIdentity.udevSerial(inquiry: IdentityVectors.ataQemu, page83: page83,
                                              page80: nil, ataIdentify: identify, rules: .systemdOnly)
        #expect(systemd?.idSerial == "QEMU_HARDDISK_QM00001")
        #expect(systemd?.idSerialShort == "QM00001")
        #expect(systemd?.idWWN == "0x5000c50015ea71ac")
        #expect(systemd?.source == .ata)
        let debian = ScsiIdentity.udevSerial(inquiry: IdentityVectors.ataQemu, page83: page83,
                                             page80: nil, ataIdentify: identify,
                                             rules: .sg3UtilsThenSystemd)
        #expect(debian?.idSerial == "QEMU_HARDDISK_QM00001")
        #expect(debian?.source == .vpd83ATA)
        // ata_id is only for vendor "ATA": another vendor goes to scsi_id.
        let other = ScsiIdentity.udevSerial(inquiry: qemu, page83: page83, page80: nil,
                                            ataIdentify: identify, rules: .systemdOnly)
        #expect(other?.idSerial == "35000c50015ea71ac")
    }

    /// With ata_id failing (no IDENTIFY data), udev moves on to scsi_id.
    @Test func ataWithoutIdentifyFallsBackToScsiID() {
        let page83 = IdentityVectors.libataPage83(model: "QEMU HARDDISK", serial: "QM00001", wwn: nil)
        let result = ScsiIdentity.udevSerial(inquiry: IdentityVectors.ataQemu, page83: page83,
                                             page80: nil, ataIdentify: nil, rules: .systemdOnly)
        #expect(result?.idSerial == "1ATA_QEMU_HARDDISK_QM00001")
    }

    @Test func vendorMatchIgnoresTrailingWhitespaceOnly() {
        #expect(IdentityVectors.ataQemu.isATAVendor)
        #expect(!VPD.standardInquiry(vendor: "ATAX", product: "x").isATAVendor)
        #expect(!VPD.standardInquiry(vendor: " ATA", product: "x").isATAVendor)
    }

    /// The serial number exported to multipath is the uid attribute: ID_SERIAL for SCSI.
    @Test func multipathUIDIsIDSerial() {
        let result = ScsiIdentity.udevSerial(
            inquiry: qemu, page83: VPD.page83([VPD.naa("5000c50015ea71ac")]), page80: nil)
        #expect(result?.uidAttribute == .idSerial)
        #expect(result?.multipathUID == "35000c50015ea71ac")
        #expect(result.flatMap { WWID(udevSerial: $0) }?.dmUUID == "mpath-35000c50015ea71ac")
    }
}

@Suite("ata_id")
struct AtaIdentifyTests {
    @Test func modelAndSerial() {
        let result = AtaIdentify.udevSerial(identify: VPD.identify(
            model: "WDC WD10EZEX-08WN4A0", serial: "WD-WCC6Y7KXXXXX"))
        #expect(result?.idSerial == "WDC_WD10EZEX-08WN4A0_WD-WCC6Y7KXXXXX")
        #expect(result?.idSerialShort == "WD-WCC6Y7KXXXXX")
        #expect(result?.idWWN == nil)
        #expect(result?.source == .ata)
    }

    /// Serial numbers are often right-aligned: the leading blanks go.
    @Test func rightAlignedSerial() {
        let result = AtaIdentify.udevSerial(identify: VPD.identify(
            model: "Samsung SSD 860 EVO 500GB", serial: "      S3Z1NB0K123456"))
        #expect(result?.idSerial == "Samsung_SSD_860_EVO_500GB_S3Z1NB0K123456")
        #expect(result?.idSerialShort == "S3Z1NB0K123456")
    }

    /// Without a serial number ID_SERIAL is the model alone and ID_SERIAL_SHORT is unset.
    @Test func noSerial() {
        let result = AtaIdentify.udevSerial(identify: VPD.identify(model: "VBOX HARDDISK", serial: ""))
        #expect(result?.idSerial == "VBOX_HARDDISK")
        #expect(result?.idSerialShort == nil)
    }

    /// Words 108-111 with NAA 5 become ID_WWN and ID_WWN_WITH_EXTENSION.
    @Test func worldWideName() {
        let result = AtaIdentify.udevSerial(identify: VPD.identify(
            model: "ST1000DM003", serial: "Z1D5ABCD", wwn: 0x5000c50065ea71ac))
        #expect(result?.idWWN == "0x5000c50065ea71ac")
        #expect(result?.idWWNWithExtension == "0x5000c50065ea71ac")
        let notNAA5 = AtaIdentify.udevSerial(identify: VPD.identify(
            model: "ST1000DM003", serial: "Z1D5ABCD", wwn: 0x6000c50065ea71ac))
        #expect(notNAA5?.idWWN == nil)
    }

    /// Characters udev does not allow become '_' (udev_replace_chars): '/', '(', ')', '"'.
    @Test func disallowedCharacters() {
        let result = AtaIdentify.udevSerial(identify: VPD.identify(model: "ACME Disk/2 (x)", serial: "A\"B"))
        #expect(result?.idSerial == "ACME_Disk_2__x__A_B")
    }

    @Test func failures() {
        #expect(AtaIdentify.udevSerial(identify: [UInt8](repeating: 0, count: 512)) == nil)
        #expect(AtaIdentify.udevSerial(identify: [UInt8](repeating: 0x41, count: 511)) == nil)
        // Model and serial both blank: ata_id prints an empty ID_SERIAL, udev ignores it.
        #expect(AtaIdentify.udevSerial(identify: VPD.identify(model: "", serial: "")) == nil)
    }
}

@Suite("NVMe ID_WWN")
struct NvmeIdentityTests {
    @Test func euiAttribute() {
        let result = ScsiIdentity.nvmeWWID(sysfsWWID: "eui.0025388b71b0e2a1\n")
        #expect(result?.idWWN == "eui.0025388b71b0e2a1")
        #expect(result?.idSerial == nil)
        #expect(result?.uidAttribute == .idWWN)
        #expect(result?.multipathUID == "eui.0025388b71b0e2a1")
        #expect(result?.source == .nvmeWWID)
        #expect(result.flatMap { WWID(udevSerial: $0) }?.value == "eui.0025388b71b0e2a1")
    }

    /// Trailing whitespace is deleted; inside, whitespace becomes ' ' and other bytes that
    /// are neither allowed nor "/ $%?," become '_'.
    @Test func substitutionRules() {
        #expect(ScsiIdentity.nvmeWWID(sysfsWWID: "nvme.8086-4a4b\t4c\"x/y,z  \n")?.idWWN
                == "nvme.8086-4a4b 4c_x/y,z")
        #expect(ScsiIdentity.nvmeWWID(sysfsWWID: " \n") == nil)
        #expect(ScsiIdentity.nvmeWWID(sysfsWWID: "") == nil)
    }
}

@Suite("WWID")
struct WWIDTests {
    @Test func acceptsAndBuildsDMUUID() throws {
        let wwid = try #require(WWID(udevValue: "36001405d27e5d898829468b90ce4ef8c"))
        #expect(wwid.value == "36001405d27e5d898829468b90ce4ef8c")
        #expect(wwid.dmUUID == "mpath-36001405d27e5d898829468b90ce4ef8c")
    }

    /// multipath strips trailing blanks (spaces only) after copying.
    @Test func stripsTrailingSpaces() {
        #expect(WWID(udevValue: "1ACME_x  ")?.value == "1ACME_x")
        #expect(WWID(udevValue: "  eui.1234")?.value == "  eui.1234")
    }

    /// WWID_SIZE 128: at most 127 bytes survive, and more than 122 cannot form a DM UUID.
    @Test func lengthLimits() {
        let long = "1" + String(repeating: "a", count: 199)
        #expect(WWID.parse(udevValue: long) == .failure(.tooLongForDMUUID(bytes: 127)))
        let limit = "1" + String(repeating: "a", count: 121)
        #expect(WWID(udevValue: limit)?.value.utf8.count == 122)
        #expect(WWID.parse(udevValue: limit + "a") == .failure(.tooLongForDMUUID(bytes: 123)))
    }

    /// fix_broken_nvme_wwid(): the example from multipath-tools' own comment.
    @Test func brokenNVMeWWID() {
        let broken = "nvme.0000-3163653363666438366239656630386200-4c696e7578"
            + String(repeating: "00", count: 35) + "-00000002"
        #expect(broken.utf8.count == 134)
        #expect(WWID(udevValue: broken)?.value
                == "nvme.0000-31636533636664383662396566303862-4c696e7578-00000002")
    }

    @Test(arguments: ["3000000000000000", "200000000000000000", "3", "S", "0", "1", "____",
                      "eui.0000000000000000", "3ffffffffffffffff", "1 _ -.", "naa.00000000"])
    func rejectsPlaceholders(_ value: String) {
        #expect(WWID.parse(udevValue: value) == .failure(.placeholder))
    }

    @Test func rejectsEmptyAndInvalid() {
        #expect(WWID.parse(udevValue: "") == .failure(.empty))
        #expect(WWID.parse(udevValue: "    ") == .failure(.empty))
        #expect(WWID.parse(udevBytes: [0x31, 0xFF, 0x41]) == .failure(.invalidUTF8))
        // A value cut at 127 bytes in the middle of a UTF-8 sequence.
        let cut = [0x31] + [UInt8](repeating: 0x41, count: 125) + [0xC3, 0xA9]
        #expect(WWID.parse(udevBytes: cut) == .failure(.invalidUTF8))
        #expect(WWID.Rejection.placeholder.message == "placeholder identifier")
    }

    @Test func ordersAndHashesByBytes() {
        let a = WWID(udevValue: "20025388b71b0e2a1")!
        let b = WWID(udevValue: "35000c50015ea71ac")!
        #expect(a < b)
        #expect(Set([a, b, WWID(udevValue: "35000c50015ea71ac")!]).count == 2)
        #expect([b, a].sorted() == [a, b])
    }
}

@Suite("INQUIRY and VPD parsers")
struct ScsiPageParserTests {
    @Test func standardInquiryFields() throws {
        var bytes = VPD.inquiry(vendor: "LIO-ORG", product: "IBLOCK", revision: "4.0", version: 5, tpgs: 3)
        bytes[1] = 0x80
        let inquiry = try StandardInquiry(bytes: bytes)
        #expect(inquiry.tpgs == 3)
        #expect(inquiry.peripheralDeviceType == 0)
        #expect(inquiry.peripheralQualifier == 0)
        #expect(inquiry.isRemovable)
        #expect(inquiry.version == 5)
        #expect(inquiry.responseDataFormat == 2)
        #expect(inquiry.vendor == VPD.field("LIO-ORG", 8))
        #expect(inquiry.vendorString == "LIO-ORG")
        #expect(inquiry.productString == "IBLOCK")
        #expect(inquiry.revisionString == "4.0")
        #expect(inquiry.scsiLevel == 6)
    }

    @Test func scsiLevel() {
        #expect(VPD.standardInquiry(vendor: "A", product: "B", version: 2).scsiLevel == 3)
        #expect(VPD.standardInquiry(vendor: "A", product: "B", version: 3).scsiLevel == 4)
        #expect(VPD.standardInquiry(vendor: "A", product: "B", version: 7).scsiLevel == 8)
    }

    @Test func shortInquiryThrows() {
        #expect(throws: ScsiParseError.truncated(page: nil, needed: 36, have: 35)) {
            try StandardInquiry(bytes: [UInt8](repeating: 0x20, count: 35))
        }
        #expect(ScsiParseError.truncated(page: nil, needed: 36, have: 35).message
                == "standard INQUIRY data: 35 bytes, at least 36 needed")
        #expect(StandardInquiry(zeroPadding: [0, 0, 5]).bytes.count == 36)
    }

    /// sysfs prints "%.8s\n": the newline goes, a short value means a NUL in the field.
    @Test func inquiryFromSysfsAttributes() {
        let inquiry = StandardInquiry(vendor: "QEMU    \n", product: "QEMU HARDDISK   \n", revision: "2.5+\n")
        #expect(inquiry.vendor == VPD.field("QEMU", 8))
        #expect(inquiry.product == VPD.field("QEMU HARDDISK", 16))
        #expect(inquiry.revision == VPD.ascii("2.5+"))
        let result = ScsiIdentity.udevSerial(inquiry: inquiry,
                                             page83: VPD.page83([VPD.vendorSpecific(VPD.ascii("MPATH0001"))]),
                                             page80: nil)
        #expect(result?.idSerial == "0QEMU_QEMU_HARDDISK_MPATH0001")
        let truncated = StandardInquiry(vendor: "QE\n", product: "X\n", revision: "1\n")
        #expect(truncated.vendor == VPD.ascii("QE") + [0, 0, 0, 0, 0, 0])
        // Without the newline the caller trimmed the value: space padding, the usual one.
        let trimmed = StandardInquiry(vendor: "QEMU", product: "QEMU HARDDISK", revision: "2.5+")
        #expect(trimmed.bytes == inquiry.bytes)
        #expect(StandardInquiry(vendor: "ATA     \n", product: "x\n", revision: "1\n").isATAVendor)
    }

    @Test func deviceIdentificationPage() throws {
        let page = try DeviceIdentificationPage(bytes: IdentityVectors.scsiDebugPage83)
        #expect(page.designators.count == 7)
        #expect(page.truncatedDescriptorOffset == nil)
        #expect(!page.isShort)
        let first = page.designators[0]
        #expect(first.type == .t10VendorID)
        #expect(first.codeSet == .ascii)
        #expect(first.association == .logicalUnit)
        #expect(first.offset == 4)
        let naa = page.designators[1]
        #expect(naa.type == .naa && naa.naa == 3 && naa.identifier == VPD.hex("33333330000007d0"))
        let port = page.designators[2]
        #expect(port.type == .relativeTargetPort && port.association == .targetPort && port.piv)
        #expect(port.protocolIdentifier == 6)
        #expect(page.designators[6].type == .scsiNameString)
        #expect(page.designators[6].association == .targetDevice)
        #expect(page.logicalUnitDesignators.count == 2)
    }

    @Test func deviceIdentificationPageEdges() throws {
        let cut = try DeviceIdentificationPage(bytes: Array(VPD.page83([VPD.t10(vendor: "A", "b"),
                                                                         VPD.naa("5000c50015ea71ac")]).prefix(20)))
        #expect(cut.designators.count == 1)
        #expect(cut.truncatedDescriptorOffset == 17)
        #expect(cut.isShort)
        let uuid = try DeviceIdentificationPage(bytes: VPD.page83([VPD.uuid("0123456789abcdef0123456789abcdef"),
                                                                   VPD.md5([1, 2]), VPD.logicalUnitGroup(7)]))
        #expect(uuid.designators.map(\.type) == [.uuid, .md5LogicalUnit, .logicalUnitGroup])
        #expect(try DeviceIdentificationPage(bytes: VPD.page83([])).designators.isEmpty)
        #expect(throws: ScsiParseError.wrongPage(expected: 0x83, found: 0x80)) {
            try DeviceIdentificationPage(bytes: VPD.page80("x"))
        }
        #expect(throws: ScsiParseError.truncated(page: 0x83, needed: 4, have: 3)) {
            try DeviceIdentificationPage(bytes: [0, 0x83, 0])
        }
        #expect(ScsiParseError.wrongPage(expected: 0x83, found: 0x80).message
                == "expected VPD page 0x83, got page 0x80")
        #expect(ScsiParseError.badLength(page: 0x83, offset: 3, declared: 40, available: 12).message
                == "VPD page 0x83: length at byte 3 declares 40 bytes, 12 available")
    }

    @Test func unitSerialNumberPage() throws {
        let page = try UnitSerialNumberPage(bytes: VPD.page80("   ABC  "))
        #expect(page.serialNumber == VPD.ascii("   ABC  "))
        #expect(page.serialString == "ABC")
        #expect(UnitSerialNumberPage.serialString(VPD.page80("    ")) == nil)
        #expect(UnitSerialNumberPage.serialString(VPD.page83([])) == nil)
        let short = try UnitSerialNumberPage(bytes: VPD.page80(VPD.ascii("AB"), pageLength: 8))
        #expect(short.isShort && short.serialNumber == VPD.ascii("AB"))
    }
}

@Suite("udev and sg_inq string helpers")
struct UdevTextTests {
    @Test func replaceWhitespace() {
        #expect(UdevText.replaceWhitespace(VPD.ascii("  a  b \t c  "), limit: 255) == VPD.ascii("a_b_c"))
        #expect(UdevText.replaceWhitespace(VPD.ascii("a b\0c d"), limit: 255) == VPD.ascii("a_b"))
        #expect(UdevText.replaceWhitespace(VPD.ascii("\u{0C}x"), limit: 255) == VPD.ascii("_x"))
        // Never more than `len` bytes, and no '_' that would need the last slot.
        #expect(UdevText.replaceWhitespace(VPD.ascii("abc def"), limit: 4) == VPD.ascii("abc"))
        #expect(UdevText.replaceWhitespace(VPD.ascii("abcdef"), limit: 4) == VPD.ascii("abcd"))
    }

    @Test func replaceChars() {
        var text = VPD.ascii("a/b\\xc d#+-.:=@_") + [0xC3, 0xA9, 0xFF, 0xED, 0xA0, 0x80]
        UdevText.replaceChars(&text, allow: nil)
        // '/' and ' ' become '_', "\x" stays, é stays, 0xFF and the UTF-16 surrogate go.
        #expect(text == VPD.ascii("a_b\\xc_d#+-.:=@_") + [0xC3, 0xA9] + VPD.ascii("____"))
        var input = VPD.ascii("a\tb c")
        UdevText.replaceChars(&input, allow: VPD.ascii("/ $%?,"))
        #expect(input == VPD.ascii("a b c"))
    }

    @Test func encodeWhitespaces() {
        #expect(UdevText.encodeWhitespaces(VPD.ascii("  ATA     QEMU  ")) == VPD.ascii("ATA_QEMU"))
        #expect(UdevText.encodeWhitespaces(VPD.ascii("a_ b")) == VPD.ascii("a_b"))
        #expect(UdevText.encodeWhitespaces([0x41, 0, 0x42, 0, 0, 0x43]) == VPD.ascii("AB"))
        #expect(UdevText.encodeWhitespaces([0x01, 0x41, 0x7F, 0x20]) == VPD.ascii("A."))
        #expect(UdevText.encodeWhitespaces([0x7F, 0x80]) == [])
        var escaped: [UInt8] = Array("KEY=".utf8)
        UdevText.appendSgInqEscaped(&escaped, VPD.ascii("a/b c")[...])
        #expect(escaped == VPD.ascii("KEY=a\\x2fb\\x20c"))
    }

    @Test func importedPropertyValues() {
        var properties = UdevProperties()
        properties.importOutput(VPD.ascii("A=1\n B = \"two\" \r\n#C=3\nD=\nE='x\nF\nG=x=y\nA=4"))
        #expect(properties.value(VPD.ascii("A")) == VPD.ascii("4"))
        #expect(properties.value(VPD.ascii("B")) == VPD.ascii("two"))
        #expect(properties.value(VPD.ascii("#C")) == nil)
        #expect(properties.value(VPD.ascii("D")) == nil)
        #expect(properties.value(VPD.ascii("E")) == nil)
        #expect(properties.value(VPD.ascii("G")) == VPD.ascii("x=y"))
    }
}
