// UdevText: byte-exact reproductions of the C string helpers that shape udev property
// values: systemd's udev_replace_whitespace / udev_replace_chars / utf8_encoded_valid_unichar
// (src/shared/udev-util.c, src/basic/utf8.c, src/basic/device-nodes.c, systemd 252), the
// property-line parser of IMPORT{program} (src/udev/udev-rules.c get_property_from_string),
// and sg3_utils' encode_whitespaces / udev-conforming escaping (src/sg_inq.c, 1.46).
// Everything works on bytes with C string semantics: a NUL ends the string.

/// Byte-level string helpers of udev, scsi_id, ata_id and sg_inq.
enum UdevText {
    /// C `isspace()` in the "C" locale: space, \t \n \v \f \r.
    static func isCSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// systemd's `WHITESPACE` set " \t\n\r" (strspn, strstrip, delete_trailing_chars).
    static func isSystemdWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    /// C `isblank()`: space and tab.
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// C `isprint()` in the "C" locale: 0x20 through 0x7E.
    static func isPrint(_ c: UInt8) -> Bool { c >= 0x20 && c <= 0x7E }

    /// The bytes before the first NUL.
    static func cString(_ bytes: [UInt8]) -> [UInt8] {
        guard let end = bytes.firstIndex(of: 0) else { return bytes }
        return Array(bytes[..<end])
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two lowercase hex digits per byte (`"%02x"`, scsi_id's `hex_str`), appended to `out`.
    static func appendHex(_ out: inout [UInt8], _ bytes: ArraySlice<UInt8>) {
        out.reserveCapacity(out.count + bytes.count * 2)
        for b in bytes {
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 0x0F)])
        }
    }

    /// systemd `udev_replace_whitespace(str, to, len)`.
    ///
    /// Skips leading " \t\n\r" (strspn), reads at most `len` bytes of `str` and stops at a
    /// NUL, drops every C-isspace byte and writes one '_' in place of each run that is
    /// followed by more text (so trailing whitespace disappears), and never writes more
    /// than `len` bytes. Note: a leading \v or \f is not skipped, so it becomes a '_'.
    static func replaceWhitespace(_ str: [UInt8], limit len: Int) -> [UInt8] {
        var i = 0
        while i < str.count && isSystemdWhitespace(str[i]) { i += 1 }
        var out: [UInt8] = []
        var isSpace = false
        while out.count < len && i < len && i < str.count && str[i] != 0 {
            let c = str[i]
            i += 1
            if isCSpace(c) {
                isSpace = true
                continue
            }
            if isSpace {
                if out.count + 1 >= len { break }
                out.append(0x5F)
                isSpace = false
            }
            out.append(c)
        }
        return out
    }

    /// `allow_listed_char_for_devnode(c, additional)`: [0-9A-Za-z#+-.:=@_] plus `allow`.
    static func isAllowListed(_ c: UInt8, allow: [UInt8]?) -> Bool {
        if (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) {
            return true
        }
        if devnodeSpecials.contains(c) { return true }
        if let allow, allow.contains(c) { return true }
        return false
    }

    /// "#+-.:=@_", the punctuation udev keeps in device names and sg_inq keeps unescaped.
    static let devnodeSpecials: [UInt8] = Array("#+-.:=@_".utf8)

    /// systemd `udev_replace_chars(str, allow)`: keeps allow-listed bytes, "\x" escapes and
    /// valid multi-byte UTF-8; turns whitespace into ' ' when `allow` contains a space; every
    /// other byte becomes '_'. `str` must not contain NUL (it is the content of a C string).
    static func replaceChars(_ str: inout [UInt8], allow: [UInt8]?) {
        let spaceAllowed = allow?.contains(0x20) ?? false
        var i = 0
        while i < str.count {
            let c = str[i]
            if isAllowListed(c, allow: allow) {
                i += 1
                continue
            }
            if c == 0x5C && i + 1 < str.count && str[i + 1] == 0x78 {
                i += 2
                continue
            }
            let length = utf8EncodedValidUnichar(str, at: i)
            if length > 1 {
                i += length
                continue
            }
            str[i] = isCSpace(c) && spaceAllowed ? 0x20 : 0x5F
            i += 1
        }
    }

    /// systemd `utf8_encoded_valid_unichar(str, SIZE_MAX)`: the length of the valid UTF-8
    /// sequence at `index` (1 for ASCII), or -1. Bytes past the end read as NUL, as the C
    /// string's terminator would. Accepts the 5- and 6-byte forms only to reject them by
    /// range, exactly as the C code does.
    static func utf8EncodedValidUnichar(_ str: [UInt8], at index: Int) -> Int {
        func byte(_ k: Int) -> UInt8 { index + k < str.count ? str[index + k] : 0 }
        let lead = byte(0)
        let length: Int
        var value: UInt32
        if lead < 0x80 { return 1 }
        if lead & 0xE0 == 0xC0 { length = 2; value = UInt32(lead & 0x1F) }
        else if lead & 0xF0 == 0xE0 { length = 3; value = UInt32(lead & 0x0F) }
        else if lead & 0xF8 == 0xF0 { length = 4; value = UInt32(lead & 0x07) }
        else if lead & 0xFC == 0xF8 { length = 5; value = UInt32(lead & 0x03) }
        else if lead & 0xFE == 0xFC { length = 6; value = UInt32(lead & 0x01) }
        else { return -1 }
        for k in 0..<length where byte(k) & 0x80 != 0x80 { return -1 }
        for k in 1..<length {
            let b = byte(k)
            if b & 0xC0 != 0x80 { return -1 }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let encodedLength: Int
        if value < 0x80 { encodedLength = 1 }
        else if value < 0x800 { encodedLength = 2 }
        else if value < 0x10000 { encodedLength = 3 }
        else if value < 0x200000 { encodedLength = 4 }
        else if value < 0x4000000 { encodedLength = 5 }
        else { encodedLength = 6 }
        guard encodedLength == length else { return -1 }
        // unichar_is_valid(): Unicode range, no UTF-16 surrogates, no noncharacters.
        if value >= 0x110000 { return -1 }
        if value & 0xFFFF_F800 == 0xD800 { return -1 }
        if value >= 0xFDD0 && value <= 0xFDEF { return -1 }
        if value & 0xFFFE == 0xFFFE { return -1 }
        return length
    }

    /// What udev stores for one `KEY=value` line of an IMPORT{program} tool's output
    /// (`get_property_from_string`): the value with " \t\n\r" stripped from both ends and one
    /// pair of matching surrounding quotes removed. nil when udev ignores the line: an empty
    /// value, or a value that opens a quote it does not close.
    static func importedValue(_ raw: ArraySlice<UInt8>) -> [UInt8]? {
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end && isSystemdWhitespace(raw[start]) { start += 1 }
        while end > start && isSystemdWhitespace(raw[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let first = raw[start]
        if first == 0x22 || first == 0x27 {
            guard end - start > 1, raw[end - 1] == first else { return nil }
            start += 1
            end -= 1
        }
        return Array(raw[start..<end])
    }

    /// sg3_utils `encode_whitespaces(str, inlen)` (sg_inq.c 1.46), in place on
    /// `buffer[start ..< start + inlen]`, returning the output length.
    ///
    /// Skips leading blanks and then leading control bytes, drops trailing blanks and NULs,
    /// turns each run of blanks into one '_' (never two '_' in a row, never a leading one)
    /// and a non-printable byte into '.', skips a single NUL but stops at two in a row;
    /// returns 0 when no printable byte remains. Like the C code it rewrites the buffer:
    /// output first, then a NUL if there is room, the rest as the algorithm left it (sg_inq
    /// later compares those bytes with "ATA_").
    static func encodeWhitespaces(_ buffer: inout [UInt8], start: Int, length inlen: Int) -> Int {
        var j = 0
        while j < inlen && isBlank(buffer[start + j]) { j += 1 }
        if j < inlen {
            while j < inlen && buffer[start + j] < 0x20 { j += 1 }
        }
        var k = j
        var outlen = inlen
        while outlen > k && (isBlank(buffer[start + outlen - 1]) || buffer[start + outlen - 1] == 0) {
            buffer[start + outlen - 1] = 0
            outlen -= 1
        }
        var res = 0
        var valid = false
        var zeroes = 0
        while k < outlen {
            let c = buffer[start + k]
            k += 1
            if isBlank(c) {
                if res > 0 && buffer[start + res - 1] != 0x5F {
                    buffer[start + res] = 0x5F
                    res += 1
                    valid = true
                }
                zeroes = 0
            } else if !isPrint(c) {
                if c == 0 {
                    if zeroes > 0 { break }
                    zeroes += 1
                    continue
                }
                buffer[start + res] = 0x2E
                res += 1
                zeroes = 0
            } else {
                buffer[start + res] = c
                res += 1
                valid = true
                zeroes = 0
            }
        }
        if !valid { res = 0 }
        if res < inlen { buffer[start + res] = 0 }
        return res
    }

    /// `encode_whitespaces` of a copy of `bytes`: just the output.
    static func encodeWhitespaces(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        let count = encodeWhitespaces(&copy, start: 0, length: copy.count)
        return Array(copy[0..<count])
    }

    /// sg_inq's "udev-conforming character encoding": [0-9A-Za-z#+-.:=@_] as is, every other
    /// byte as `\xNN`, appended to `out`.
    static func appendSgInqEscaped(_ out: inout [UInt8], _ bytes: ArraySlice<UInt8>) {
        for c in bytes {
            if isAllowListed(c, allow: nil) {
                out.append(c)
            } else {
                out.append(0x5C)
                out.append(0x78)
                out.append(hexDigits[Int(c >> 4)])
                out.append(hexDigits[Int(c & 0x0F)])
            }
        }
    }
}
