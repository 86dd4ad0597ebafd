// TextScan: the few string helpers the core needs that the Embedded standard library
// lacks (no Foundation, no String.contains(String)).

/// Small text helpers that work the same in Embedded and full Swift.
public enum TextScan {
    /// True for the ASCII white space that sysfs attributes and config files use.
    @inlinable
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    /// The text without leading and trailing ASCII white space (and NULs, which fixed-width
    /// SCSI fields and some sysfs attributes carry).
    public static func trimmed(_ text: String) -> String {
        // Most sysfs values only end in '\n'; one with nothing to trim is returned as is.
        if let first = text.utf8.first, let last = text.utf8.last,
           !(isSpace(first) || first == 0), !(isSpace(last) || last == 0) {
            return text
        }
        let bytes = Array(text.utf8)
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) || bytes[start] == 0 { start += 1 }
        while end > start, isSpace(bytes[end - 1]) || bytes[end - 1] == 0 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `text` cut at every `separator` byte (an ASCII byte, so every cut falls between
    /// characters), empty fields kept unless `omittingEmpty`. Byte by byte: the generic
    /// Character-based `split(separator:)` cost 30,000 instructions for one sysfs path.
    public static func fields(_ text: Substring, separator: UInt8, omittingEmpty: Bool = false) -> [Substring] {
        let utf8 = text.utf8
        // One allocation of the final size: growing 1, 2, 4, 8 made musl's malloc map and
        // unmap a page for some of those sizes on every path.
        var count = 1
        for byte in utf8 where byte == separator { count += 1 }
        var out: [Substring] = []
        out.reserveCapacity(count)
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                if !(omittingEmpty && start == index) { out.append(Substring(utf8[start..<index])) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if !(omittingEmpty && start == utf8.endIndex) { out.append(Substring(utf8[start..<utf8.endIndex])) }
        return out
    }

    /// True when `needle` occurs in `haystack` (byte-wise).
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.utf8)
        let n = Array(needle.utf8)
        if n.isEmpty { return true }
        if n.count > h.count { return false }
        var i = 0
        while i + n.count <= h.count {
            if h[i] == n[0] && Array(h[i..<(i + n.count)]) == n { return true }
            i += 1
        }
        return false
    }

    /// Orders kernel device names the way `ls -v` would: `sdb` < `sdaa`, `sd9` < `sd10`.
    /// Shorter names first, then byte order, which is the kernel's allocation order for sd
    /// and nvme names.
    public static func kernelNameLess(_ a: String, _ b: String) -> Bool {
        let ac = a.utf8.count
        let bc = b.utf8.count
        if ac != bc { return ac < bc }
        return a < b
    }

    /// A file's lines as C's `fgets(buf, maxBytes + 1)` returns them: a line longer than
    /// `maxBytes` is read in pieces that each count as a line (and get their own number),
    /// the '\n' stays on the line, and a NUL ends the piece as it ends the C string.
    /// multipath-tools reads multipath.conf and the bindings file this way.
    public static func fgetsLines(_ text: String, maxBytes: Int) -> [(number: Int, bytes: [UInt8])] {
        let all = Array(text.utf8)
        var out: [(number: Int, bytes: [UInt8])] = []
        var start = 0
        var number = 0
        while start < all.count {
            let limit = min(start + maxBytes, all.count)
            var end = limit
            var index = start
            while index < limit {
                if all[index] == 0x0A { end = index + 1; break }
                index += 1
            }
            number += 1
            var piece = Array(all[start..<end])
            if let nul = piece.firstIndex(of: 0) { piece.removeSubrange(nul..<piece.count) }
            out.append((number, piece))
            start = end
        }
        return out
    }
}
