// FilesystemSignature: the UUID and label of the filesystems a root lives on, read the way
// libblkid's superblock probes read them, so `root=UUID=…` can be found on a map.

/// A filesystem's type, UUID and label as blkid reports them (`ID_FS_TYPE`, `ID_FS_UUID`,
/// `ID_FS_LABEL`).
///
/// Only the filesystems a Linux root is made on are probed: ext2/3/4 (libblkid
/// `superblocks/ext.c`: magic 0xEF53 at byte 1080), XFS (`xfs.c`: "XFSB" at byte 0) and Btrfs
/// (`btrfs.c`: "_BHRfS_M" at byte 65600). UUIDs are printed in the 8-4-4-4-12 lowercase form
/// blkid uses for all three.
public struct FilesystemSignature: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable {
        /// ext2, ext3 or ext4 (blkid tells them apart by feature flags; root lookup does not need to).
        case ext
        case xfs
        case btrfs
    }

    public var kind: Kind
    public var uuid: String
    public var label: String

    public init(kind: Kind, uuid: String, label: String) {
        self.kind = kind
        self.uuid = uuid
        self.label = label
    }

    /// Probes the start of the device behind `reader`; nil when none of the known filesystems
    /// is there (or the device is too small or cannot be read).
    public static func probe<R: SectorReader>(_ reader: R) -> FilesystemSignature? {
        if let sb = bytes(reader, at: 1024, count: 256), sb[56] == 0x53, sb[57] == 0xEF {
            return FilesystemSignature(kind: .ext, uuid: uuidText(sb[104..<120]), label: labelText(sb[120..<136]))
        }
        if let sb = bytes(reader, at: 0, count: 120), sb[0] == 0x58, sb[1] == 0x46, sb[2] == 0x53, sb[3] == 0x42 {
            return FilesystemSignature(kind: .xfs, uuid: uuidText(sb[32..<48]), label: labelText(sb[108..<120]))
        }
        if let sb = bytes(reader, at: 65536, count: 555), matches(sb[64..<72], "_BHRfS_M") {
            return FilesystemSignature(kind: .btrfs, uuid: uuidText(sb[32..<48]), label: labelText(sb[299..<555]))
        }
        return nil
    }

    private static func bytes<R: SectorReader>(_ reader: R, at offset: UInt64, count: Int) -> [UInt8]? {
        guard offset + UInt64(count) <= reader.sizeInBytes else { return nil }
        guard let data = try? reader.read(byteOffset: offset, count: count), data.count == count else { return nil }
        return data
    }

    private static func matches(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        // Byte by byte: Embedded -Osize once miscompiled array equality with a literal.
        let expected = Array(text.utf8)
        guard bytes.count == expected.count else { return false }
        var index = 0
        for byte in bytes {
            if byte != expected[index] { return false }
            index += 1
        }
        return true
    }

    /// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, lowercase (blkid `blkid_unparse_uuid`).
    static func uuidText(_ bytes: ArraySlice<UInt8>) -> String {
        var out = ""
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out += "-" }
            out += Hex.byte(byte)
        }
        return out
    }

    /// A NUL-padded label field, up to the first NUL.
    static func labelText(_ bytes: ArraySlice<UInt8>) -> String {
        var end = bytes.startIndex
        while end < bytes.endIndex, bytes[end] != 0 { end += 1 }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }
}
