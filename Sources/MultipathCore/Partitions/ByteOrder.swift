// Field accessors for on-disk structures. MBR, EBR and GPT fields are
// little-endian (UEFI 2.10 §5.2.1, §5.3.2). The foreign labels that are only
// detected (sun, mac, ps3) are big-endian. Callers check bounds first, so an
// out-of-range index is a programming error and traps.
extension Array where Element == UInt8 {
    func le16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func le32(at index: Int) -> UInt32 {
        UInt32(le16(at: index)) | UInt32(le16(at: index + 2)) << 16
    }

    func le64(at index: Int) -> UInt64 {
        UInt64(le32(at: index)) | UInt64(le32(at: index + 4)) << 32
    }

    func be16(at index: Int) -> UInt16 {
        UInt16(self[index]) << 8 | UInt16(self[index + 1])
    }

    func be64(at index: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in index..<(index + 8) {
            value = value << 8 | UInt64(self[i])
        }
        return value
    }

    /// True when the `count` bytes starting at `index` are all zero.
    func isZero(from index: Int, count: Int) -> Bool {
        for i in index..<(index + count) where self[i] != 0 {
            return false
        }
        return true
    }
}
