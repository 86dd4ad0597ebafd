// SenseData: decodes SCSI sense data (SPC-4 4.5) into key/ASC/ASCQ and readable text, so
// a failed SG_IO command is logged as "NOT READY: 04/02", not as a byte dump.

/// Decoded SCSI sense data, fixed (0x70/0x71) or descriptor (0x72/0x73) format.
public struct SenseData: Equatable, Sendable {
    public var senseKey: UInt8
    public var additionalSenseCode: UInt8
    public var additionalSenseCodeQualifier: UInt8

    /// Parses sense bytes; nil when they are too short or of an unknown response code.
    public init?(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return nil }
        switch first & 0x7F {
        case 0x70, 0x71:
            guard bytes.count >= 3 else { return nil }
            senseKey = bytes[2] & 0x0F
            additionalSenseCode = bytes.count > 12 ? bytes[12] : 0
            additionalSenseCodeQualifier = bytes.count > 13 ? bytes[13] : 0
        case 0x72, 0x73:
            guard bytes.count >= 4 else { return nil }
            senseKey = bytes[1] & 0x0F
            additionalSenseCode = bytes[2]
            additionalSenseCodeQualifier = bytes[3]
        default:
            return nil
        }
    }

    /// SPC-4 table 48 names.
    public var senseKeyName: String {
        switch senseKey {
        case 0x0: return "NO SENSE"
        case 0x1: return "RECOVERED ERROR"
        case 0x2: return "NOT READY"
        case 0x3: return "MEDIUM ERROR"
        case 0x4: return "HARDWARE ERROR"
        case 0x5: return "ILLEGAL REQUEST"
        case 0x6: return "UNIT ATTENTION"
        case 0x7: return "DATA PROTECT"
        case 0x8: return "BLANK CHECK"
        case 0x9: return "VENDOR SPECIFIC"
        case 0xA: return "COPY ABORTED"
        case 0xB: return "ABORTED COMMAND"
        case 0xD: return "VOLUME OVERFLOW"
        case 0xE: return "MISCOMPARE"
        default: return "sense key \(senseKey)"
        }
    }

    /// `NOT READY, ASC/ASCQ 04/02` style text.
    public var text: String {
        "\(senseKeyName), ASC/ASCQ \(Hex.byte(additionalSenseCode))/\(Hex.byte(additionalSenseCodeQualifier))"
    }
}

/// Lowercase hex formatting without Foundation.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two lowercase hex digits.
    public static func byte(_ value: UInt8) -> String {
        String(decoding: [digits[Int(value >> 4)], digits[Int(value & 0x0F)]], as: UTF8.self)
    }

    /// All bytes as lowercase hex, no separators.
    public static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for value in bytes {
            out.append(digits[Int(value >> 4)])
            out.append(digits[Int(value & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
