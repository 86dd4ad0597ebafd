// ScsiParseError: why INQUIRY or VPD bytes could not be read as the page they claim to be.
// Every case names the page (nil for standard INQUIRY data) and the byte position involved,
// so a log line points at the offending byte rather than saying "bad data".

/// A standard INQUIRY or VPD page that cannot be parsed (SPC-4 6.6.2, 7.8).
public enum ScsiParseError: Error, Equatable, Sendable {
    /// Fewer bytes than the structure needs: `needed` bytes were required, `have` were given.
    /// `page` is the VPD page code, or nil for standard INQUIRY data.
    case truncated(page: UInt8?, needed: Int, have: Int)
    /// Byte 1 of a VPD page (the PAGE CODE field) is not the page that was asked for.
    case wrongPage(expected: UInt8, found: UInt8)
    /// A length field at `offset` declares `declared` bytes where only `available` exist.
    case badLength(page: UInt8?, offset: Int, declared: Int, available: Int)

    /// A one-line description for a log.
    public var message: String {
        switch self {
        case .truncated(let page, let needed, let have):
            return "\(ScsiParseError.pageName(page)): \(have) bytes, at least \(needed) needed"
        case .wrongPage(let expected, let found):
            return "expected VPD page 0x\(ScsiParseError.hex(expected)), got page 0x\(ScsiParseError.hex(found))"
        case .badLength(let page, let offset, let declared, let available):
            return "\(ScsiParseError.pageName(page)): length at byte \(offset) declares \(declared) bytes, \(available) available"
        }
    }

    private static func pageName(_ page: UInt8?) -> String {
        guard let page else { return "standard INQUIRY data" }
        return "VPD page 0x" + hex(page)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return byte < 0x10 ? "0" + digits : digits
    }
}
