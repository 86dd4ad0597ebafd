// Sg3UtilsRules: sg3_utils 1.46 `55-scsi-sg3_id.rules` for an sd* disk: where it gets the
// INQUIRY data (sysfs attributes or the device), which sg_inq runs it imports, and the
// "scsi_id compat" block that turns SCSI_IDENT_* into ID_SERIAL, ID_SERIAL_SHORT and ID_WWN.

/// The part of `55-scsi-sg3_id.rules` that identifies a disk.
enum Sg3UtilsRules {
    /// Runs the rules on `properties` and returns the source of ID_SERIAL when they set it.
    ///
    /// Path choice, as in the rules: `ATTRS{scsi_level}=="4"` reads from the device
    /// (label sg_inquiry); otherwise the sysfs `inquiry` attribute is decoded and, when that
    /// import succeeds, the `vpd_pg80` / `vpd_pg83` attributes. The kernel creates those only
    /// for scsi_level >= 5 (SPC-2, `scsi_device_supports_vpd`); when the `inquiry` import
    /// fails (sg_inq mistakes a SCSI-2 INQUIRY for a VPD page it cannot export) the rules
    /// fall back to the device. `page83` / `page80` are the pages the device lists in page 0;
    /// `pagesInSysfs` says whether the kernel exposes them as attributes (nil: assume it does
    /// exactly when scsi_level >= 5).
    static func apply(to properties: inout UdevProperties, inquiry: StandardInquiry,
                      page83: [UInt8]?, page80: [UInt8]?, pagesInSysfs: Bool?) -> WWIDSource? {
        if inquiry.scsiLevel != 4, let output = SgInqEmulation.exportFile(inquiry.bytes) {
            properties.importOutput(output)
            if pagesInSysfs ?? (inquiry.scsiLevel >= 5) {
                if let page80, let output = SgInqEmulation.exportFile(page80) {
                    properties.importOutput(output)
                }
                if let page83, let output = SgInqEmulation.exportFile(page83) {
                    properties.importOutput(output)
                }
            }
        } else {
            properties.importOutput(SgInqEmulation.exportDeviceInquiry(inquiry.bytes))
            if let page80, let output = SgInqEmulation.exportDevicePage(0x80, page80) {
                properties.importOutput(output)
            }
            if let page83, let output = SgInqEmulation.exportDevicePage(0x83, page83) {
                properties.importOutput(output)
            }
        }
        return compat(&properties)
    }

    /// SCSI_VENDOR == "ATA", byte by byte (see SgInqEmulation on `Array == literal`).
    private static func isATA(_ value: [UInt8]?) -> Bool {
        guard let value, value.count == 3 else { return false }
        return value[0] == 0x41 && value[1] == 0x54 && value[2] == 0x41
    }

    private struct Choice {
        var key: UdevProperties.Key
        var prefix: UInt8
        var source: WWIDSource
    }

    /// The "Compat ID_SERIAL setting" rules, in file order.
    private static let choices: [Choice] = [
        Choice(key: UdevKey.lunNAARegExt, prefix: 0x33, source: .vpd83NAA6),
        Choice(key: UdevKey.lunNAAReg, prefix: 0x33, source: .vpd83NAA5),
        Choice(key: UdevKey.lunNAAExt, prefix: 0x33, source: .vpd83NAA),
        Choice(key: UdevKey.lunEUI64, prefix: 0x32, source: .vpd83EUI64),
        Choice(key: UdevKey.lunName, prefix: 0x38, source: .vpd83Name),
        Choice(key: UdevKey.lunT10, prefix: 0x31, source: .vpd83T10),
        Choice(key: UdevKey.lunNAALocal, prefix: 0x33, source: .vpd83NAA),
    ]

    /// The compat block: `ENV{ID_SERIAL}!="?*"` guards every assignment, so the first rule
    /// that fires wins; the ATA rule comes first, before any NAA.
    private static func compat(_ p: inout UdevProperties) -> WWIDSource? {
        var source: WWIDSource? = nil
        // ata_id compatibility: a T10 designator "ATA_<model>_<serial>" (after sg_inq's
        // whitespace encoding) gives ID_SERIAL=<model>_<serial>.
        if !p.isSet(UdevKey.idSerial), let ata = p.value(UdevKey.lunATA) {
            p.assign(UdevKey.idSerial, ata)
            source = .vpd83ATA
        }
        if !p.isSet(UdevKey.idSerialShort), isATA(p.value(UdevKey.scsiVendor)),
           let vendorID = p.value(UdevKey.lunVendor) {
            p.assign(UdevKey.idSerialShort, vendorID)
        }
        for choice in choices where !p.isSet(UdevKey.idSerial) {
            if let value = p.value(choice.key) {
                p.assign(UdevKey.idSerial, [choice.prefix] + value)
                p.assign(UdevKey.idSerialShort, value)
                source = choice.source
            }
        }
        let vendor = p.value(UdevKey.scsiVendor) ?? []
        let model = p.value(UdevKey.scsiModel) ?? []
        // "0$env{SCSI_VENDOR}_$env{SCSI_MODEL}_$env{SCSI_IDENT_LUN_VENDOR}"
        if !p.isSet(UdevKey.idSerial), let value = p.value(UdevKey.lunVendor) {
            p.assign(UdevKey.idSerial, [0x30] + vendor + [0x5F] + model + [0x5F] + value)
            p.assign(UdevKey.idSerialShort, value)
            source = .vpd83Vendor
        }
        // "S$env{SCSI_VENDOR}_$env{SCSI_MODEL}_$env{SCSI_IDENT_SERIAL}"
        if !p.isSet(UdevKey.idSerial), let value = p.value(UdevKey.scsiIdentSerial) {
            p.assign(UdevKey.idSerial, [0x53] + vendor + [0x5F] + model + [0x5F] + value)
            p.assign(UdevKey.idSerialShort, value)
            source = .vpd80
        }
        // ID_WWN compat mapping: the first NAA of REGEXT, REG, EXT, LOCAL; ID_WWN keeps
        // "0x" and at most 16 digits (sed 's/^\(0x.\{1,16\}\).*/\1/').
        for key in [UdevKey.lunNAARegExt, UdevKey.lunNAAReg, UdevKey.lunNAAExt, UdevKey.lunNAALocal]
            where !p.isSet(UdevKey.idWWNWithExtension) {
            if let value = p.value(key) { p.assign(UdevKey.idWWNWithExtension, [0x30, 0x78] + value) }
        }
        if let withExtension = p.value(UdevKey.idWWNWithExtension), !p.isSet(UdevKey.idWWN) {
            p.assign(UdevKey.idWWN, Array(withExtension.prefix(18)))
        }
        return p.isSet(UdevKey.idSerial) ? source : nil
    }
}
