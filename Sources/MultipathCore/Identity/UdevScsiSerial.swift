// ScsiIdentity: the ID_SERIAL the installed system's udev will give a SCSI disk, computed
// without udev from the bytes udev's helpers would read. multipathd removes every path
// whose ID_SERIAL differs from the map's DM UUID, so this must match byte for byte.

/// Reproduces udev's identification of `sd*` disks.
///
/// What runs on a Debian 12 system with multipath-tools (`UdevRuleSet.sg3UtilsThenSystemd`):
/// 1. `55-scsi-sg3_id.rules` imports `sg_inq --export` of the INQUIRY data and VPD pages
///    0x80 and 0x83, then sets ID_SERIAL from the first of: a T10 designator "ATA_…"
///    (→ `<model>_<serial>`), NAA 6, NAA 5, NAA 2 ('3' + hex), EUI-64 ('2' + hex), SCSI name
///    string ('8' + text), T10 vendor ID ('1' + text), other NAA ('3' + hex), vendor
///    specific ('0' + vendor_model_id), unit serial ('S' + vendor_model_serial). Only
///    logical-unit designators count.
/// 2. If ID_SERIAL is still unset, `60-persistent-storage.rules`: `ata_id` when the vendor
///    is "ATA", then `scsi_id --export --whitelisted` (see `scsiIdSerial`).
public enum ScsiIdentity {
    /// ID_SERIAL for a SCSI disk on Debian 12 with multipath-tools, without ATA IDENTIFY
    /// data (for vendor "ATA" disks that sg3_utils cannot name, pass it to the full form).
    ///
    /// - Parameters:
    ///   - inquiry: standard INQUIRY data (sysfs `device/inquiry`).
    ///   - page83: VPD page 0x83 as the kernel exposes it (`device/vpd_pg83`) or as a full
    ///     INQUIRY returns it; nil when page 0 does not list it.
    ///   - page80: VPD page 0x80 likewise.
    /// - Returns: nil when udev would set no ID_SERIAL, or when the result would depend on
    ///   memory scsi_id never filled (a designator beyond its 254-byte buffer).
    public static func udevSerial(inquiry: StandardInquiry, page83: [UInt8]?,
                                  page80: [UInt8]?) -> UdevSerial? {
        udevSerial(inquiry: inquiry, page83: page83, page80: page80, ataIdentify: nil,
                   rules: .sg3UtilsThenSystemd)
    }

    /// ID_SERIAL for a SCSI disk under the given rules.
    ///
    /// - Parameters:
    ///   - ataIdentify: the 512-byte IDENTIFY DEVICE data, for disks whose vendor is "ATA";
    ///     used only when the earlier rules set no ID_SERIAL (without it, ata_id is taken to
    ///     have failed and scsi_id runs, as udev does when ata_id fails).
    ///   - rules: which rules files are installed.
    ///   - vpdPagesInSysfs: whether the kernel exposes `vpd_pg80` / `vpd_pg83` for this
    ///     device (55-scsi-sg3_id.rules reads only those attributes, while scsi_id asks the
    ///     device). nil assumes the kernel's default: exposed when scsi_level >= 5. Pass
    ///     false when the pages had to be fetched over SG_IO because sysfs lacked them.
    public static func udevSerial(inquiry: StandardInquiry, page83: [UInt8]?, page80: [UInt8]?,
                                  ataIdentify: [UInt8]?, rules: UdevRuleSet,
                                  vpdPagesInSysfs: Bool? = nil) -> UdevSerial? {
        var properties = UdevProperties()
        if rules == .sg3UtilsThenSystemd,
           let source = Sg3UtilsRules.apply(to: &properties, inquiry: inquiry, page83: page83,
                                            page80: page80, pagesInSysfs: vpdPagesInSysfs) {
            return UdevSerial(properties, source: source)
        }
        // 60-persistent-storage.rules, `KERNEL=="sd*[!0-9]|sr*", ENV{ID_SERIAL}!="?*"`.
        // The ATAPI and USB rules are left out: multipath does not use such devices.
        if inquiry.isATAVendor, let identify = ataIdentify,
           let output = AtaIdentify.exportOutput(identify: identify) {
            properties.importOutput(output)
            if properties.isSet(UdevKey.idSerial) { return UdevSerial(properties, source: .ata) }
        }
        guard let output = ScsiIdEmulation.run(inquiry: inquiry, page83: page83, page80: page80)
        else { return nil }
        properties.importOutput(output.output)
        return UdevSerial(properties, source: output.source)
    }

    /// What `scsi_id --export --whitelisted -d DEV` (systemd 252) alone gives the disk.
    ///
    /// Rules reproduced (scsi_serial.c, scsi_id.c):
    /// - Every page is read with a 254-byte INQUIRY into a zeroed buffer: bytes past 253 do
    ///   not exist for scsi_id; the page length field is trusted for the walk.
    /// - Page 0x83 byte 6 non-zero: pre-SPC-3 reply, ID_SERIAL = '3' + hex of up to 126
    ///   bytes from byte 4 (count from byte 3); ID_SERIAL_SHORT is the same string.
    /// - Otherwise `id_search_list` order: NAA 6 binary, NAA 6 ASCII, NAA 5 binary, NAA 5
    ///   ASCII, any other NAA binary then ASCII (first in page order), EUI-64 binary, ASCII,
    ///   T10 vendor ID binary, ASCII, vendor specific binary, ASCII. Association must be the
    ///   logical unit; the code set must be exactly binary (1) or ASCII (2), so UTF-8 (3)
    ///   designators and SCSI name strings are never used. No minimum lengths and no NAA
    ///   size rules: the only check is that '<type digit>' + text + NUL (+ 24 bytes of
    ///   vendor and model for type 0) fits 256 bytes (binary <= 127 bytes, ASCII <= 254,
    ///   type 0 binary <= 115, ASCII <= 230).
    /// - Text: `hex_str[type]` ('3' NAA, '2' EUI-64, '1' T10, '0' vendor specific), then
    ///   binary bytes as two lowercase hex digits, ASCII bytes raw (a NUL ends them); type 0
    ///   inserts the raw 8-byte vendor and 16-byte model first (a NUL in either fails it).
    /// - No usable designator: page 0x80, 'S' + vendor + model + serial bytes (length from
    ///   byte 3 only, at most 231). ID_SERIAL_SHORT is the text without the prefix.
    /// - Export: udev_replace_whitespace(…, 255) then udev_replace_chars(…, NULL); ID_WWN =
    ///   "0x" + the first 16 characters of an NAA text, ID_WWN_WITH_EXTENSION adds the next 16.
    public static func scsiIdSerial(inquiry: StandardInquiry, page83: [UInt8]?,
                                    page80: [UInt8]?) -> UdevSerial? {
        udevSerial(inquiry: inquiry, page83: page83, page80: page80, ataIdentify: nil,
                   rules: .systemdOnly)
    }

    /// What sg3_utils' `55-scsi-sg3_id.rules` alone gives the disk (nil when it sets no
    /// ID_SERIAL and leaves the disk to 60-persistent-storage.rules).
    public static func sg3UtilsSerial(inquiry: StandardInquiry, page83: [UInt8]?,
                                      page80: [UInt8]?, vpdPagesInSysfs: Bool? = nil) -> UdevSerial? {
        var properties = UdevProperties()
        guard let source = Sg3UtilsRules.apply(to: &properties, inquiry: inquiry, page83: page83,
                                                page80: page80, pagesInSysfs: vpdPagesInSysfs)
        else { return nil }
        return UdevSerial(properties, source: source)
    }
}
