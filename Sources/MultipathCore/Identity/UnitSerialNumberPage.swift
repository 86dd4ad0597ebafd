// UnitSerialNumberPage: VPD page 0x80, the product serial number of the logical unit.

/// The Unit Serial Number VPD page (SPC-4 7.8.17).
public struct UnitSerialNumberPage: Equatable, Sendable {
    /// PAGE LENGTH, bytes 2-3.
    public var pageLength: Int
    /// PRODUCT SERIAL NUMBER: the bytes after the header, as many as the page length and the
    /// data allow, untouched (SPC-4 says right-aligned ASCII, so often space-padded).
    public var serialNumber: [UInt8]
    /// Whether the page length claims more bytes than were given.
    public var isShort: Bool

    /// Parses VPD page 0x80.
    ///
    /// - Throws: `.truncated(page: 0x80, needed: 4, have:)` without a full header,
    ///   `.wrongPage` when byte 1 is not 0x80.
    public init(bytes: [UInt8]) throws(ScsiParseError) {
        guard bytes.count >= 4 else { throw .truncated(page: 0x80, needed: 4, have: bytes.count) }
        guard bytes[1] == 0x80 else { throw .wrongPage(expected: 0x80, found: bytes[1]) }
        pageLength = Int(bytes[2]) << 8 | Int(bytes[3])
        isShort = 4 + pageLength > bytes.count
        serialNumber = Array(bytes[4..<min(4 + pageLength, bytes.count)])
    }

    /// The serial number up to its first NUL, without leading or trailing whitespace; nil
    /// when that leaves nothing. For reports and for comparing the paths of one WWID; this
    /// is not how udev spells it (see `ScsiIdentity`).
    public var serialString: String? {
        let text = UdevText.cString(serialNumber)
        var start = 0
        var end = text.count
        while start < end && UdevText.isCSpace(text[start]) { start += 1 }
        while end > start && UdevText.isCSpace(text[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    /// `serialString` of a raw page; nil when the page does not parse or holds no serial.
    public static func serialString(_ bytes: [UInt8]) -> String? {
        guard let page = try? UnitSerialNumberPage(bytes: bytes) else { return nil }
        return page.serialString
    }
}
