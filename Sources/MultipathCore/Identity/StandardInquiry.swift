// StandardInquiry: the fields of standard INQUIRY data that device identification needs.
// The raw bytes are kept: sg_inq (55-scsi-sg3_id.rules) decodes the whole sysfs `inquiry`
// attribute, and its length decides which fields it exports.

/// Standard INQUIRY data (SPC-4 6.6.2).
///
/// The text fields are kept as the raw fixed-width bytes: scsi_id and sg_inq both work on
/// those bytes (padding, NULs and all), so trimming them early would change the WWID.
public struct StandardInquiry: Equatable, Sendable {
    /// The INQUIRY data as given (at least 36 bytes; see the initializers).
    public let bytes: [UInt8]

    /// Parses standard INQUIRY data, such as the sysfs `device/inquiry` attribute.
    ///
    /// - Parameter bytes: the data; at least 36 bytes, the size SPC-4 6.6.2 calls the
    ///   mandatory part (vendor, product and revision end at byte 35).
    /// - Throws: `.truncated(page: nil, needed: 36, have:)` for fewer than 36 bytes. The
    ///   kernel never exposes less (it pads a short response to 36 bytes), and scsi_id reads
    ///   into a zeroed buffer; use `init(zeroPadding:)` to reproduce that for short data.
    public init(bytes: [UInt8]) throws(ScsiParseError) {
        guard bytes.count >= 36 else {
            throw .truncated(page: nil, needed: 36, have: bytes.count)
        }
        self.bytes = bytes
    }

    /// INQUIRY data padded with zero bytes to 36, as scsi_id's memzero'd 254-byte buffer and
    /// the kernel's `scsi_probe_lun` treat a short response. Longer data is kept as is.
    public init(zeroPadding bytes: [UInt8]) {
        var padded = bytes
        while padded.count < 36 { padded.append(0) }
        self.bytes = padded
    }

    /// Rebuilds INQUIRY data from the sysfs `vendor`, `model` and `rev` attributes, for when
    /// the binary `inquiry` attribute is unavailable.
    ///
    /// The kernel prints the fields with `"%.8s\n"`, `"%.16s\n"` and `"%.4s\n"`
    /// (scsi_sysfs.c). Given verbatim, with the newline, a value is exact: the newline is
    /// dropped, and a value shorter than its field means the field held a NUL there, so it
    /// is padded with NUL bytes, as scsi_id would have read it. A value without the newline
    /// is taken to have been trimmed by the caller and is padded with spaces, the usual
    /// padding (inexact only for fields with leading blanks or NULs). Bytes 0-7 are
    /// synthesized: the peripheral device type as given, version 6 (SPC-4), response data
    /// format 2, additional length 31; sg_inq behaviour that depends on them (scsi_level 4
    /// devices) needs the real `inquiry` attribute.
    public init(vendor: String, product: String, revision: String,
                peripheralDeviceType: UInt8 = 0) {
        var data: [UInt8] = [peripheralDeviceType & 0x1F, 0, 0x06, 0x02, 31, 0, 0, 0]
        data += StandardInquiry.field(vendor, width: 8)
        data += StandardInquiry.field(product, width: 16)
        data += StandardInquiry.field(revision, width: 4)
        self.bytes = data
    }

    /// PERIPHERAL QUALIFIER, byte 0 bits 7:5.
    public var peripheralQualifier: UInt8 { bytes[0] >> 5 }
    /// PERIPHERAL DEVICE TYPE, byte 0 bits 4:0 (0 = direct access block device).
    public var peripheralDeviceType: UInt8 { bytes[0] & 0x1F }
    /// RMB, byte 1 bit 7.
    public var isRemovable: Bool { bytes[1] & 0x80 != 0 }
    /// VERSION, byte 2 (3 = SPC, 4 = SPC-2, 5 = SPC-3, 6 = SPC-4, 7 = SPC-5).
    public var version: UInt8 { bytes[2] }
    /// RESPONSE DATA FORMAT, byte 3 bits 3:0.
    public var responseDataFormat: UInt8 { bytes[3] & 0x0F }
    /// ADDITIONAL LENGTH, byte 4.
    public var additionalLength: UInt8 { bytes[4] }
    /// TPGS, byte 5 bits 5:4: 0 no ALUA, 1 implicit, 2 explicit, 3 both.
    public var tpgs: UInt8 { (bytes[5] >> 4) & 0x03 }
    /// T10 VENDOR IDENTIFICATION, bytes 8-15, raw.
    public var vendor: [UInt8] { Array(bytes[8..<16]) }
    /// PRODUCT IDENTIFICATION, bytes 16-31, raw.
    public var product: [UInt8] { Array(bytes[16..<32]) }
    /// PRODUCT REVISION LEVEL, bytes 32-35, raw.
    public var revision: [UInt8] { Array(bytes[32..<36]) }

    /// The vendor up to its first NUL, without leading or trailing spaces.
    public var vendorString: String { StandardInquiry.trimmed(vendor) }
    /// The product up to its first NUL, without leading or trailing spaces.
    public var productString: String { StandardInquiry.trimmed(product) }
    /// The revision up to its first NUL, without leading or trailing spaces.
    public var revisionString: String { StandardInquiry.trimmed(revision) }

    /// A text field as its sysfs attribute reads (`vendor`, `model`, `rev`): the kernel
    /// prints `sdev->vendor` etc., which point into this same data, with `"%.8s\n"`
    /// (scsi_sysfs.c), and the attribute reader trims white space and NULs
    /// (`TextScan.trimmed`). nil when nothing is left, as for an empty attribute. Lets the
    /// scan take all three from the `inquiry` attribute instead of three more sysfs reads.
    public static func sysfsAttributeText(_ field: [UInt8]) -> String? {
        let value = TextScan.trimmed(String(decoding: UdevText.cString(field), as: UTF8.self))
        return value.isEmpty ? nil : value
    }

    /// The kernel's `scsi_level` (sysfs attribute) for this data.
    ///
    /// Kernel 6.1 `scsi_probe_lun`: `version & 0x07`, plus one when that is >= 2 or when
    /// it is 1 with response data format 1. (Kernels from 6.6 mask with 0x0F; the two agree
    /// for every assigned version value below 8.) 55-scsi-sg3_id.rules reads VPD pages from
    /// the device instead of sysfs when this is 4.
    public var scsiLevel: Int {
        var level = Int(bytes[2] & 0x07)
        if level >= 2 || (level == 1 && bytes[3] & 0x0F == 1) { level += 1 }
        return level
    }

    /// Whether udev's `ATTRS{vendor}=="ATA"` matches: the kernel prints the vendor with
    /// `"%.8s"` (stops at a NUL) and udev ignores trailing whitespace when matching.
    public var isATAVendor: Bool {
        var text = UdevText.cString(vendor)
        while let last = text.last, UdevText.isSystemdWhitespace(last) { text.removeLast() }
        // Compared byte by byte: see SgInqEmulation (an `Array == [literal]` miscompiled there).
        return text.count == 3 && text[0] == 0x41 && text[1] == 0x54 && text[2] == 0x41
    }

    private static func field(_ text: String, width: Int) -> [UInt8] {
        var bytes = Array(text.utf8)
        var padding: UInt8 = 0x20
        if bytes.last == 0x0A {
            bytes.removeLast()
            padding = 0
        }
        if bytes.count > width { bytes.removeLast(bytes.count - width) }
        while bytes.count < width { bytes.append(padding) }
        return bytes
    }

    private static func trimmed(_ field: [UInt8]) -> String {
        let text = UdevText.cString(field)
        var start = 0
        var end = text.count
        while start < end && text[start] == 0x20 { start += 1 }
        while end > start && text[end - 1] == 0x20 { end -= 1 }
        return String(decoding: text[start..<end], as: UTF8.self)
    }
}
