// LiteralPattern: recognising a POSIX extended regular expression that is plain text, so the
// matcher can answer it with a substring search instead of regcomp/regexec.

/// A POSIX ERE without any special character: it matches exactly the texts that contain it.
///
/// Most hardware-table and blacklist patterns are names (`HP`, `NETAPP`, `LUNZ`,
/// `Universal Xport`); compiling each with musl's regcomp was 1.1 M of a 4-LUN assemble's 7 M
/// instructions. POSIX ERE (regex(7)) gives a special meaning to `^ . [ ] $ ( ) | * + ? { } \`;
/// a pattern of other printable ASCII bytes matches itself, unanchored, as regexec does with
/// REG_EXTENDED|REG_NOSUB. The empty pattern and anything with other bytes stay regexes.
public enum LiteralPattern {
    /// The pattern's bytes when it is a literal, else nil.
    public static func bytes(of pattern: String) -> [UInt8]? {
        var out: [UInt8] = []
        for byte in pattern.utf8 {
            guard byte >= 0x20 && byte <= 0x7E else { return nil }
            switch byte {
            case 0x5E, 0x2E, 0x5B, 0x5D, 0x24, 0x28, 0x29, 0x7C, 0x2A, 0x2B, 0x3F, 0x7B, 0x7D, 0x5C:
                return nil
            default:
                out.append(byte)
            }
        }
        return out.isEmpty ? nil : out
    }

    /// Whether `literal` occurs in `text` (bytes).
    public static func occurs(_ literal: [UInt8], in text: String) -> Bool {
        let haystack = text.utf8
        guard literal.count <= haystack.count else { return false }
        var start = haystack.startIndex
        while haystack.distance(from: start, to: haystack.endIndex) >= literal.count {
            var candidate = start
            var matched = true
            for byte in literal {
                if haystack[candidate] != byte {
                    matched = false
                    break
                }
                candidate = haystack.index(after: candidate)
            }
            if matched { return true }
            start = haystack.index(after: start)
        }
        return false
    }
}
