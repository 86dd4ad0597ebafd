// IdentityVectors: known-answer table for the udev identification of SCSI disks. Each
// expected value was worked out by hand from the C sources (scsi_serial.c, scsi_id.c,
// udev-util.c, ata_id.c, sg_inq.c, 55-scsi-sg3_id.rules); the derivation is in the comment.
// The same table was replayed against Debian 12's own scsi_id, ata_id and sg_inq binaries.

import MultipathCore

/// What udev ends up storing, or that it stores no ID_SERIAL.
enum ExpectedSerial: Equatable, Sendable {
    case none
    case serial(String, short: String?, wwn: String? = nil, wwnExtension: String? = nil,
                source: WWIDSource)
}

/// One disk and the ID_SERIAL each rule set gives it.
struct IdentityVector: Sendable {
    var name: String
    var inquiry: StandardInquiry
    var page83: [UInt8]?
    var page80: [UInt8]?
    var identify: [UInt8]? = nil
    /// Debian 12 with multipath-tools: 55-scsi-sg3_id.rules, then 60-persistent-storage.rules.
    var debian: ExpectedSerial
    /// scsi_id alone (`ScsiIdentity.scsiIdSerial`).
    var scsiID: ExpectedSerial
}

enum IdentityVectors {
    static let qemu = VPD.standardInquiry(vendor: "QEMU", product: "QEMU HARDDISK",
                                          revision: "2.5+", version: 5)
    static let ataQemu = VPD.standardInquiry(vendor: "ATA", product: "QEMU HARDDISK",
                                             revision: "2.5+", version: 5)
    static let lioUUID = "5b9485a9-d431-4afc-92a5-e3b1222dbae9"
    static let iqn = "iqn.2010-10.org.openstack:volume-dc770907-5aec-4d8f-922d-060051f342cf"

    /// SATA disk behind libata's SAT (libata-scsi.c ata_scsiop_inq_83): vendor-specific
    /// serial, T10 "ATA" + 40-byte model + 20-byte serial, NAA 5 when the disk has a WWN.
    static func libataPage83(model: String, serial: String, wwn: String?) -> [UInt8] {
        var descriptors = [
            VPD.vendorSpecific(VPD.field(serial, 20)),
            VPD.t10(vendor: "ATA", String(decoding: VPD.field(model, 40) + VPD.field(serial, 20),
                                          as: UTF8.self)),
        ]
        if let wwn { descriptors.append(VPD.naa(wwn)) }
        return VPD.page83(descriptors)
    }

    /// scsi_debug's page 0x83 (scsi_debug.c inquiry_vpd_83) for host 0, target 0, LUN 0:
    /// dev_id_num 2000, NAA-3 LU name 0x3333333000000000 + 2000, port group 0x100.
    static let scsiDebugPage83 = VPD.page83([
        VPD.t10(vendor: "Linux", "scsi_debug      2000"),
        VPD.naa("33333330000007d0"),
        VPD.relativeTargetPort(1),
        VPD.descriptor(codeSet: 1, type: 3, association: .targetPort, piv: true, protocolID: 6,
                       VPD.hex("3222222000000001")),
        VPD.targetPortGroup(0x100),
        VPD.descriptor(codeSet: 1, type: 3, association: .targetDevice, piv: true, protocolID: 6,
                       VPD.hex("3222222000000000")),
        VPD.descriptor(codeSet: 3, type: 8, association: .targetDevice, piv: true, protocolID: 6,
                       VPD.ascii("naa.3222222000000000") + [0, 0, 0, 0]),
    ])

    static let all: [IdentityVector] = [
        // QEMU scsi-hd,wwn=0x5000c50015ea71ac (no serial): QEMU's page 0x83 is the drive
        // name as an ASCII vendor-specific designator, then NAA binary. Both tools rank
        // NAA 5 first: '3' + 16 hex digits; ID_WWN = "0x" + the 16 digits.
        IdentityVector(
            name: "QEMU scsi-hd wwn", inquiry: qemu,
            page83: VPD.page83([VPD.vendorSpecific(VPD.ascii("drive-scsi0-0-0-0")),
                                VPD.naa("5000c50015ea71ac")]),
            page80: nil,
            debian: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5),
            scsiID: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5)),

        // QEMU scsi-hd,serial=MPATH0001: device_id defaults to the serial, so page 0x83 holds
        // only ASCII vendor-specific "MPATH0001". scsi_id: '0' + "QEMU    " + "QEMU HARDDISK   "
        // + "MPATH0001" -> whitespace runs become '_': "0QEMU_QEMU_HARDDISK_MPATH0001".
        // sg3_utils: "0" + SCSI_VENDOR "QEMU" + "_" + SCSI_MODEL "QEMU_HARDDISK" + "_" + id.
        IdentityVector(
            name: "QEMU scsi-hd serial only", inquiry: qemu,
            page83: VPD.page83([VPD.vendorSpecific(VPD.ascii("MPATH0001"))]),
            page80: VPD.page80("MPATH0001"),
            debian: .serial("0QEMU_QEMU_HARDDISK_MPATH0001", short: "MPATH0001", source: .vpd83Vendor),
            scsiID: .serial("0QEMU_QEMU_HARDDISK_MPATH0001", short: "MPATH0001", source: .vpd83Vendor)),

        // scsi_debug: T10 "Linux   scsi_debug      2000" and an NAA-3 LU designator.
        // scsi_id ranks "any other NAA" above T10: '3' + "33333330000007d0".
        // sg3_utils ranks NAA_LOCAL below T10: '1' + "Linux_scsi_debug_2000"; ID_WWN still
        // comes from the NAA-3 (ID_WWN_WITH_EXTENSION falls back to NAA_LOCAL).
        IdentityVector(
            name: "scsi_debug", inquiry: VPD.standardInquiry(vendor: "Linux", product: "scsi_debug",
                                                             revision: "0191", version: 7),
            page83: scsiDebugPage83, page80: VPD.page80("2000"),
            debian: .serial("1Linux_scsi_debug_2000", short: "Linux_scsi_debug_2000",
                            wwn: "0x33333330000007d0", wwnExtension: "0x33333330000007d0",
                            source: .vpd83T10),
            scsiID: .serial("333333330000007d0", short: "33333330000007d0", wwn: "0x33333330000007d0",
                            wwnExtension: "0x33333330000007d0", source: .vpd83NAA)),

        // LIO iSCSI LUN (target_core_spc.c spc_emulate_evpd_83): NAA 6, T10 "LIO-ORG " +
        // "IBLOCK:<uuid>" + NUL, port and target designators. The page is 260 bytes, longer
        // than scsi_id's 254-byte buffer, but NAA 6 is at byte 4. ID_WWN = first 16 digits,
        // the extension the next 16 (matches a real `udevadm info` of such a LUN).
        IdentityVector(
            name: "LIO iSCSI", inquiry: VPD.standardInquiry(vendor: "LIO-ORG", product: "IBLOCK",
                                                            revision: "4.0", version: 5),
            page83: VPD.page83([
                VPD.naa("60014055b9485a9d4314afc92a5e3b12"),
                VPD.t10(vendor: "LIO-ORG", "IBLOCK:" + lioUUID + "\0"),
                VPD.descriptor(codeSet: 1, type: 4, association: .targetPort, piv: true, protocolID: 5,
                               [0, 0, 0, 1]),
                VPD.descriptor(codeSet: 1, type: 5, association: .targetPort, piv: true, protocolID: 5,
                               [0, 0, 0, 0]),
                VPD.logicalUnitGroup(0),
                VPD.descriptor(codeSet: 3, type: 8, association: .targetPort, piv: true, protocolID: 5,
                               VPD.ascii(iqn + ",t,0x0001") + [0, 0]),
                VPD.descriptor(codeSet: 3, type: 8, association: .targetDevice, piv: true, protocolID: 5,
                               VPD.ascii(iqn) + [0, 0, 0]),
            ]),
            page80: VPD.page80(lioUUID),
            debian: .serial("360014055b9485a9d4314afc92a5e3b12", short: "60014055b9485a9d4314afc92a5e3b12",
                            wwn: "0x60014055b9485a9d", wwnExtension: "0x60014055b9485a9d4314afc92a5e3b12",
                            source: .vpd83NAA6),
            scsiID: .serial("360014055b9485a9d4314afc92a5e3b12", short: "60014055b9485a9d4314afc92a5e3b12",
                            wwn: "0x60014055b9485a9d", wwnExtension: "0x60014055b9485a9d4314afc92a5e3b12",
                            source: .vpd83NAA6)),

        // LIO T10 designator alone: the trailing NUL ends the text, ':' is allowed by
        // udev_replace_chars and by sg_inq's escaping, the vendor padding becomes one '_'.
        IdentityVector(
            name: "LIO T10 only", inquiry: VPD.standardInquiry(vendor: "LIO-ORG", product: "IBLOCK",
                                                               revision: "4.0", version: 5),
            page83: VPD.page83([VPD.t10(vendor: "LIO-ORG", "IBLOCK:" + lioUUID + "\0")]),
            page80: nil,
            debian: .serial("1LIO-ORG_IBLOCK:" + lioUUID, short: "LIO-ORG_IBLOCK:" + lioUUID, source: .vpd83T10),
            scsiID: .serial("1LIO-ORG_IBLOCK:" + lioUUID, short: "LIO-ORG_IBLOCK:" + lioUUID, source: .vpd83T10)),

        // Older LIO layout: "LIO-ORG " + "IBLOCK  " + uuid; every blank run is one '_'.
        IdentityVector(
            name: "LIO T10 old layout", inquiry: VPD.standardInquiry(vendor: "LIO-ORG", product: "IBLOCK"),
            page83: VPD.page83([VPD.t10(vendor: "LIO-ORG", "IBLOCK  378fc26a-7a7d-4c3e-a1b2-0123456789ab")]),
            page80: nil,
            debian: .serial("1LIO-ORG_IBLOCK_378fc26a-7a7d-4c3e-a1b2-0123456789ab",
                            short: "LIO-ORG_IBLOCK_378fc26a-7a7d-4c3e-a1b2-0123456789ab", source: .vpd83T10),
            scsiID: .serial("1LIO-ORG_IBLOCK_378fc26a-7a7d-4c3e-a1b2-0123456789ab",
                            short: "LIO-ORG_IBLOCK_378fc26a-7a7d-4c3e-a1b2-0123456789ab", source: .vpd83T10)),

        // SATA disk with a WWN via libata. sg3_utils' ata_id compatibility rule comes before
        // the NAA rules: T10 "ATA     QEMU HARDDISK ... QM00001 ..." encodes to
        // "ATA_QEMU_HARDDISK_QM00001", so ID_SERIAL = "QEMU_HARDDISK_QM00001" and, vendor being
        // "ATA", ID_SERIAL_SHORT = the vendor-specific designator. scsi_id alone takes NAA 5.
        IdentityVector(
            name: "SATA via libata with WWN", inquiry: ataQemu,
            page83: libataPage83(model: "QEMU HARDDISK", serial: "QM00001", wwn: "5000c50015ea71ac"),
            page80: VPD.page80(VPD.field("QM00001", 20)),
            debian: .serial("QEMU_HARDDISK_QM00001", short: "QM00001", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83ATA),
            scsiID: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5)),

        // SATA disk without WWN: scsi_id takes the T10 designator, blanks collapsed.
        IdentityVector(
            name: "SATA via libata without WWN", inquiry: ataQemu,
            page83: libataPage83(model: "QEMU HARDDISK", serial: "sys-357", wwn: nil),
            page80: VPD.page80(VPD.field("sys-357", 20)),
            debian: .serial("QEMU_HARDDISK_sys-357", short: "sys-357", source: .vpd83ATA),
            scsiID: .serial("1ATA_QEMU_HARDDISK_sys-357", short: "ATA_QEMU_HARDDISK_sys-357", source: .vpd83T10)),

        // EUI-64, T10 and NAA 5 in that page order: NAA 5 is searched first by both.
        IdentityVector(
            name: "NAA 5 outranks EUI-64 and T10", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("0025388b71b0e2a1"), VPD.t10(vendor: "ACME", "X1"),
                                VPD.naa("5000c50015ea71ac")]),
            page80: nil,
            debian: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5),
            scsiID: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5)),

        // NAA 6 after NAA 5 still wins; ID_WWN is the first 16 digits of the 32.
        IdentityVector(
            name: "NAA 6 outranks NAA 5", inquiry: qemu,
            page83: VPD.page83([VPD.naa("5000c50015ea71ac"), VPD.naa("600a0b800012345600000bbb4e0b7a3f")]),
            page80: nil,
            debian: .serial("3600a0b800012345600000bbb4e0b7a3f", short: "600a0b800012345600000bbb4e0b7a3f",
                            wwn: "0x600a0b8000123456", wwnExtension: "0x600a0b800012345600000bbb4e0b7a3f",
                            source: .vpd83NAA6),
            scsiID: .serial("3600a0b800012345600000bbb4e0b7a3f", short: "600a0b800012345600000bbb4e0b7a3f",
                            wwn: "0x600a0b8000123456", wwnExtension: "0x600a0b800012345600000bbb4e0b7a3f",
                            source: .vpd83NAA6)),

        // EUI-64 and NAA 3: scsi_id's "other NAA" entry comes before EUI-64; sg3_utils puts
        // EUI-64 before NAA_LOCAL (but keeps the NAA for ID_WWN).
        IdentityVector(
            name: "NAA 3 vs EUI-64", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("0025388b71b0e2a1"), VPD.naa("3000000100000001")]),
            page80: nil,
            debian: .serial("20025388b71b0e2a1", short: "0025388b71b0e2a1", wwn: "0x3000000100000001",
                            wwnExtension: "0x3000000100000001", source: .vpd83EUI64),
            scsiID: .serial("33000000100000001", short: "3000000100000001", wwn: "0x3000000100000001",
                            wwnExtension: "0x3000000100000001", source: .vpd83NAA)),

        // Two NAA-3 designators: scsi_id takes the first in page order; sg_inq prints both as
        // SCSI_IDENT_LUN_NAA_LOCAL and udev keeps the last one imported.
        IdentityVector(
            name: "two NAA 3 designators", inquiry: qemu,
            page83: VPD.page83([VPD.naa("3111111000000001"), VPD.naa("3222222000000002")]),
            page80: nil,
            debian: .serial("33222222000000002", short: "3222222000000002", wwn: "0x3222222000000002",
                            wwnExtension: "0x3222222000000002", source: .vpd83NAA),
            scsiID: .serial("33111111000000001", short: "3111111000000001", wwn: "0x3111111000000001",
                            wwnExtension: "0x3111111000000001", source: .vpd83NAA)),

        // NAA 2 (IEEE Extended): scsi_id's other-NAA entry, sg3_utils' NAA_EXT; both before EUI-64.
        IdentityVector(
            name: "NAA 2", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("0025388b71b0e2a1"), VPD.naa("2000001b32012345")]),
            page80: nil,
            debian: .serial("32000001b32012345", short: "2000001b32012345", wwn: "0x2000001b32012345",
                            wwnExtension: "0x2000001b32012345", source: .vpd83NAA),
            scsiID: .serial("32000001b32012345", short: "2000001b32012345", wwn: "0x2000001b32012345",
                            wwnExtension: "0x2000001b32012345", source: .vpd83NAA)),

        // Only the logical-unit association counts: an NAA 5 of the target port is skipped.
        IdentityVector(
            name: "port NAA ignored", inquiry: qemu,
            page83: VPD.page83([VPD.naa("5000c50015ea71ac", association: .targetPort),
                                VPD.t10(vendor: "ACME", "disk01")]),
            page80: nil,
            debian: .serial("1ACME_disk01", short: "ACME_disk01", source: .vpd83T10),
            scsiID: .serial("1ACME_disk01", short: "ACME_disk01", source: .vpd83T10)),

        // EUI-64 of 12 and 16 bytes: '2' + all digits.
        IdentityVector(
            name: "EUI-64 12 bytes", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("0025388b71b0e2a100000001")]), page80: nil,
            debian: .serial("20025388b71b0e2a100000001", short: "0025388b71b0e2a100000001", source: .vpd83EUI64),
            scsiID: .serial("20025388b71b0e2a100000001", short: "0025388b71b0e2a100000001", source: .vpd83EUI64)),
        IdentityVector(
            name: "EUI-64 16 bytes", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("0025388b71b0e2a1002538ab71b0e2ff")]), page80: nil,
            debian: .serial("20025388b71b0e2a1002538ab71b0e2ff", short: "0025388b71b0e2a1002538ab71b0e2ff",
                            source: .vpd83EUI64),
            scsiID: .serial("20025388b71b0e2a1002538ab71b0e2ff", short: "0025388b71b0e2a1002538ab71b0e2ff",
                            source: .vpd83EUI64)),

        // No size rules in either tool: an 8-byte designator with NAA 6, a 16-byte one with
        // NAA 5 and a 4-byte EUI-64 are printed as they are. For 16 bytes, ID_WWN is the
        // first 16 digits and ID_WWN_WITH_EXTENSION all 32.
        IdentityVector(
            name: "NAA 6 of 8 bytes", inquiry: qemu,
            page83: VPD.page83([VPD.naa("6001405000000001")]), page80: nil,
            debian: .serial("36001405000000001", short: "6001405000000001", wwn: "0x6001405000000001",
                            wwnExtension: "0x6001405000000001", source: .vpd83NAA6),
            scsiID: .serial("36001405000000001", short: "6001405000000001", wwn: "0x6001405000000001",
                            wwnExtension: "0x6001405000000001", source: .vpd83NAA6)),
        IdentityVector(
            name: "NAA 5 of 16 bytes", inquiry: qemu,
            page83: VPD.page83([VPD.naa("5000c50015ea71ac0011223344556677")]), page80: nil,
            debian: .serial("35000c50015ea71ac0011223344556677", short: "5000c50015ea71ac0011223344556677",
                            wwn: "0x5000c50015ea71ac", wwnExtension: "0x5000c50015ea71ac0011223344556677",
                            source: .vpd83NAA5),
            scsiID: .serial("35000c50015ea71ac0011223344556677", short: "5000c50015ea71ac0011223344556677",
                            wwn: "0x5000c50015ea71ac", wwnExtension: "0x5000c50015ea71ac0011223344556677",
                            source: .vpd83NAA5)),
        IdentityVector(
            name: "EUI-64 of 4 bytes", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("01020304")]), page80: nil,
            debian: .serial("201020304", short: "01020304", source: .vpd83EUI64),
            scsiID: .serial("201020304", short: "01020304", source: .vpd83EUI64)),
        IdentityVector(
            name: "EUI-64 8 bytes", inquiry: qemu,
            page83: VPD.page83([VPD.eui64("0025388b71b0e2a1")]), page80: nil,
            debian: .serial("20025388b71b0e2a1", short: "0025388b71b0e2a1", source: .vpd83EUI64),
            scsiID: .serial("20025388b71b0e2a1", short: "0025388b71b0e2a1", source: .vpd83EUI64)),

        // Relative port, port group, LU group, UUID and MD5 designators name no LU for
        // either tool; the T10 designator after them does.
        IdentityVector(
            name: "designators that never name the LU", inquiry: qemu,
            page83: VPD.page83([VPD.relativeTargetPort(1), VPD.targetPortGroup(1), VPD.logicalUnitGroup(2),
                                VPD.uuid("6b8d4b0b4e6a4a3f9b2f1c2d3e4f5a6b"),
                                VPD.md5(VPD.hex("00112233445566778899aabbccddeeff")),
                                VPD.t10(vendor: "ACME", "x")]),
            page80: nil,
            debian: .serial("1ACME_x", short: "ACME_x", source: .vpd83T10),
            scsiID: .serial("1ACME_x", short: "ACME_x", source: .vpd83T10)),

        // A page 0x83 without designators: both fall back to the unit serial number.
        IdentityVector(
            name: "empty page 0x83", inquiry: qemu,
            page83: VPD.page83([]), page80: VPD.page80("SER12345"),
            debian: .serial("SQEMU_QEMU_HARDDISK_SER12345", short: "SER12345", source: .vpd80),
            scsiID: .serial("SQEMU_QEMU_HARDDISK_SER12345", short: "SER12345", source: .vpd80)),

        // T10 with code set UTF-8 (3): scsi_id only accepts binary or ASCII, finds nothing
        // and has no page 0x80; sg_inq treats ASCII and UTF-8 alike.
        IdentityVector(
            name: "UTF-8 T10", inquiry: qemu,
            page83: VPD.page83([VPD.t10(vendor: "ACME", "x1", codeSet: 3)]), page80: nil,
            debian: .serial("1ACME_x1", short: "ACME_x1", source: .vpd83T10),
            scsiID: .none),

        // SCSI name string of the LU: never used by scsi_id (page 0x80 then: 'S' + vendor +
        // model + serial); sg3_utils: '8' + the name up to its NUL padding.
        IdentityVector(
            name: "SCSI name string", inquiry: qemu,
            page83: VPD.page83([VPD.scsiName("naa.600A0B80001234560000")]),
            page80: VPD.page80("SER12345"),
            debian: .serial("8naa.600A0B80001234560000", short: "naa.600A0B80001234560000", source: .vpd83Name),
            scsiID: .serial("SQEMU_QEMU_HARDDISK_SER12345", short: "SER12345", source: .vpd80)),

        // Binary vendor-specific and binary T10 designators are hex-printed by both.
        IdentityVector(
            name: "binary vendor specific", inquiry: qemu,
            page83: VPD.page83([VPD.vendorSpecific([1, 2, 3, 4], codeSet: 1)]), page80: nil,
            debian: .serial("0QEMU_QEMU_HARDDISK_01020304", short: "01020304", source: .vpd83Vendor),
            scsiID: .serial("0QEMU_QEMU_HARDDISK_01020304", short: "01020304", source: .vpd83Vendor)),
        IdentityVector(
            name: "binary T10", inquiry: qemu,
            page83: VPD.page83([VPD.descriptor(codeSet: 1, type: 1, VPD.ascii("ABCDEFGH12"))]), page80: nil,
            debian: .serial("141424344454647483132", short: "41424344454647483132", source: .vpd83T10),
            scsiID: .serial("141424344454647483132", short: "41424344454647483132", source: .vpd83T10)),

        // Empty NAA designator: scsi_id's other-NAA entry still matches and yields the bare
        // type digit "3" (no ID_SERIAL_SHORT, no ID_WWN); sg_inq prints an empty value that
        // udev ignores, so the Debian rules use page 0x80 instead.
        IdentityVector(
            name: "zero-length NAA", inquiry: qemu,
            page83: VPD.page83([VPD.descriptor(codeSet: 1, type: 3, [])]),
            page80: VPD.page80("SERIAL01"),
            debian: .serial("SQEMU_QEMU_HARDDISK_SERIAL01", short: "SERIAL01", source: .vpd80),
            scsiID: .serial("3", short: nil, source: .vpd83NAA)),

        // A 128-byte binary NAA needs 2 + 256 bytes of text: too long for scsi_id, which
        // moves on to the T10 designator; sg3_utils ranks NAA_LOCAL below T10 anyway.
        IdentityVector(
            name: "binary designator too long", inquiry: qemu,
            page83: VPD.page83([VPD.descriptor(codeSet: 1, type: 3, [0x30] + [UInt8](repeating: 0x11, count: 127)),
                                VPD.t10(vendor: "ACME", "x")]),
            page80: nil,
            debian: .serial("1ACME_x", short: "ACME_x",
                            wwn: "0x3011111111111111",
                            wwnExtension: "0x30" + String(repeating: "11", count: 127),
                            source: .vpd83T10),
            scsiID: .serial("1ACME_x", short: "ACME_x", source: .vpd83T10)),

        // The page length covers only the first descriptor: the NAA after it is not read.
        IdentityVector(
            name: "page length shorter than data", inquiry: qemu,
            page83: VPD.page83([VPD.t10(vendor: "ACME", "one"), VPD.naa("5000c50015ea71ac")], pageLength: 15),
            page80: nil,
            debian: .serial("1ACME_one", short: "ACME_one", source: .vpd83T10),
            scsiID: .serial("1ACME_one", short: "ACME_one", source: .vpd83T10)),

        // A designator cut short by the end of the data: sg_inq stops at it; scsi_id reads its
        // zero-filled buffer and prints the missing bytes as zeros.
        IdentityVector(
            name: "truncated designator", inquiry: qemu,
            page83: Array(VPD.page83([VPD.naa("5000c50015ea71ac")]).prefix(12)),
            page80: nil,
            debian: .serial("35000c50000000000", short: "5000c50000000000", wwn: "0x5000c50000000000",
                            wwnExtension: "0x5000c50000000000", source: .vpd83NAA5),
            scsiID: .serial("35000c50000000000", short: "5000c50000000000", wwn: "0x5000c50000000000",
                            wwnExtension: "0x5000c50000000000", source: .vpd83NAA5)),

        // Pre-SPC-3 (EMC Symmetrix) reply, recognised by a non-zero byte 6: scsi_id prints '3'
        // and the bytes as hex and copies that, '3' included, to ID_SERIAL_SHORT; sg_inq
        // exports them as one NAA designator whose first nibble (6) makes it REGEXT.
        IdentityVector(
            name: "pre-SPC-3 page", inquiry: qemu,
            page83: [0, 0x83, 0, 16] + VPD.hex("60060480000287350123456789abcdef"),
            page80: nil,
            debian: .serial("360060480000287350123456789abcdef", short: "60060480000287350123456789abcdef",
                            wwn: "0x6006048000028735", wwnExtension: "0x60060480000287350123456789abcdef",
                            source: .vpd83NAA6),
            scsiID: .serial("360060480000287350123456789abcdef", short: "360060480000287350123456789abcdef",
                            source: .vpd83PreSPC3)),

        // Page 0x80 with padding: the blanks of the model and the leading blanks of the
        // serial form one run, trailing blanks vanish.
        IdentityVector(
            name: "page 0x80 blanks", inquiry: qemu,
            page83: nil, page80: VPD.page80("   ABC  "),
            debian: .serial("SQEMU_QEMU_HARDDISK_ABC", short: "ABC", source: .vpd80),
            scsiID: .serial("SQEMU_QEMU_HARDDISK_ABC", short: "ABC", source: .vpd80)),

        // Tab, '/' and UTF-8 in a T10 designator: udev turns the tab run into '_', '/' into
        // '_' and keeps valid UTF-8; sg_inq makes the tab '_', every non-printable byte '.'
        // and escapes '/' as "\x2f".
        IdentityVector(
            name: "T10 with tab, slash and UTF-8", inquiry: qemu,
            page83: VPD.page83([VPD.t10(vendor: "ACME", "disk/01\t\u{e9}")]), page80: nil,
            debian: .serial("1ACME_disk\\x2f01_..", short: "ACME_disk\\x2f01_..", source: .vpd83T10),
            scsiID: .serial("1ACME_disk_01_\u{e9}", short: "ACME_disk_01_\u{e9}", source: .vpd83T10)),

        // An empty MD5 designator: sg_inq prints "SCSI_IDENT_LUN_MD5=" without a newline, so
        // udev reads the NAA line after it as part of that value and loses it.
        IdentityVector(
            name: "empty MD5 swallows the next line", inquiry: qemu,
            page83: VPD.page83([VPD.md5([]), VPD.naa("5000c50015ea71ac"), VPD.t10(vendor: "ACME", "x")]),
            page80: nil,
            debian: .serial("1ACME_x", short: "ACME_x", source: .vpd83T10),
            scsiID: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5)),

        // A reserved association (3) ends sg_inq's export; scsi_id skips the descriptor.
        IdentityVector(
            name: "reserved association", inquiry: qemu,
            page83: VPD.page83([VPD.naa("3111111000000001", association: .reserved),
                                VPD.naa("5000c50015ea71ac")]),
            page80: nil,
            debian: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5),
            scsiID: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5)),

        // A serial shorter than 4 characters: sg_inq --inhex mistakes the sysfs vpd_pg80 for
        // a standard INQUIRY (byte 7 is below 0x20), so sg3_utils names nothing and scsi_id
        // runs; '/' becomes '_'.
        IdentityVector(
            name: "short serial, sysfs", inquiry: qemu,
            page83: nil, page80: VPD.page80("A/1"),
            debian: .serial("SQEMU_QEMU_HARDDISK_A_1", short: "A_1", source: .vpd80),
            scsiID: .serial("SQEMU_QEMU_HARDDISK_A_1", short: "A_1", source: .vpd80)),

        // The same disk claiming SPC (version 3, scsi_level 4): the rules query the device,
        // sg_inq exports the serial and escapes '/'.
        IdentityVector(
            name: "short serial, scsi_level 4", inquiry: VPD.standardInquiry(
                vendor: "QEMU", product: "QEMU HARDDISK", revision: "2.5+", version: 3),
            page83: nil, page80: VPD.page80("A/1"),
            debian: .serial("SQEMU_QEMU_HARDDISK_A\\x2f1", short: "A\\x2f1", source: .vpd80),
            scsiID: .serial("SQEMU_QEMU_HARDDISK_A_1", short: "A_1", source: .vpd80)),

        // SCSI-2 (version 2): sg_inq takes the sysfs INQUIRY for VPD page 0 and refuses to
        // export it, so the rules read the device; the kernel would not expose VPD pages.
        IdentityVector(
            name: "SCSI-2 device", inquiry: VPD.standardInquiry(
                vendor: "QEMU", product: "QEMU HARDDISK", revision: "2.5+", version: 2),
            page83: VPD.page83([VPD.naa("5000c50015ea71ac")]), page80: nil,
            debian: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5),
            scsiID: .serial("35000c50015ea71ac", short: "5000c50015ea71ac", wwn: "0x5000c50015ea71ac",
                            wwnExtension: "0x5000c50015ea71ac", source: .vpd83NAA5)),

        // A vendor field holding a NUL: scsi_id's append_vendor_model() fails for the
        // vendor-specific designator and again for page 0x80, leaving the bare 'S' it had
        // already written: ID_SERIAL "S", no ID_SERIAL_SHORT. sg_inq's encode_whitespaces()
        // skips a single NUL inside a field, so SCSI_VENDOR is "QEMU".
        IdentityVector(
            name: "vendor with NUL", inquiry: StandardInquiry(zeroPadding:
                [0, 0, 5, 2, 31, 0, 0, 0] + VPD.ascii("QE\0MU   ") + VPD.field("QEMU HARDDISK", 16)
                + VPD.field("2.5+", 4)),
            page83: VPD.page83([VPD.vendorSpecific(VPD.ascii("X1"))]),
            page80: VPD.page80("SERIAL01"),
            debian: .serial("0QEMU_QEMU_HARDDISK_X1", short: "X1", source: .vpd83Vendor),
            scsiID: .serial("S", short: nil, source: .vpd80)),
    ]
}
