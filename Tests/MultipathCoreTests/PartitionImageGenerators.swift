// Builders for in-memory disk images used by PartitionTableTests.
//
// They write the on-disk structures directly from the specifications (MBR/EBR
// records, UEFI 2.10 §5.3 GPT headers and entries). They do not use any code
// from MultipathCore, not even its CRC, so a shared mistake cannot hide a bug.

@testable import MultipathCore

/// A disk image that stores only the 512-byte sectors written to it. Everything
/// else reads as zero, so realistic sizes cost almost no memory.
struct SparseDisk: SectorReader {
    struct ReadError: SectorReadError, Equatable {
        var message: String
    }

    var logicalBlockSize: Int
    var sizeInBytes: UInt64
    /// Written sectors, by 512-byte sector number.
    var sectors: [UInt64: [UInt8]] = [:]
    /// Reads that touch a byte at or beyond this offset fail (I/O error injection).
    var failReadsFrom: UInt64? = nil

    init(sizeInBytes: UInt64, logicalBlockSize: Int = 512) {
        self.sizeInBytes = sizeInBytes
        self.logicalBlockSize = logicalBlockSize
    }

    /// Copies `bytes` to `byteOffset`, which must lie inside the disk.
    mutating func write(_ bytes: [UInt8], at byteOffset: UInt64) {
        precondition(byteOffset + UInt64(bytes.count) <= sizeInBytes, "write past the end of the image")
        var index = 0
        while index < bytes.count {
            let position = byteOffset + UInt64(index)
            let sector = position / 512
            let inSector = Int(position % 512)
            let take = min(512 - inSector, bytes.count - index)
            var data = sectors[sector] ?? [UInt8](repeating: 0, count: 512)
            data.replaceSubrange(inSector..<(inSector + take), with: bytes[index..<(index + take)])
            sectors[sector] = data
            index += take
        }
    }

    /// Writes `bytes` at logical block `lba`.
    mutating func write(_ bytes: [UInt8], atLBA lba: UInt64) {
        write(bytes, at: lba * UInt64(logicalBlockSize))
    }

    func read(byteOffset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        guard byteOffset + UInt64(count) <= sizeInBytes else {
            throw ReadError(message: "read \(byteOffset)+\(count) past the end")
        }
        if let limit = failReadsFrom, byteOffset + UInt64(count) > limit {
            throw ReadError(message: "Input/output error")
        }
        var result = [UInt8](repeating: 0, count: count)
        var position = byteOffset
        let end = byteOffset + UInt64(count)
        while position < end {
            let sector = position / 512
            let inSector = Int(position % 512)
            let take = min(512 - inSector, Int(end - position))
            if let data = sectors[sector] {
                let target = Int(position - byteOffset)
                for i in 0..<take {
                    result[target + i] = data[inSector + i]
                }
            }
            position += UInt64(take)
        }
        return result
    }
}

/// Little-endian writers and the independent CRC.
enum Bytes {
    static func le16(_ value: UInt16) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) }
    }

    static func le64(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    /// Bit-by-bit CRC-32 (reflected 0xEDB88320, init and final XOR all ones).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return ~crc
    }

    /// Parses "0a1b…" into bytes.
    static func hex(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        var high: UInt8? = nil
        for scalar in text.unicodeScalars {
            let nibble: UInt8
            switch scalar.value {
            case 0x30...0x39: nibble = UInt8(scalar.value - 0x30)
            case 0x61...0x66: nibble = UInt8(scalar.value - 0x61 + 10)
            default: continue
            }
            if let h = high {
                result.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return result
    }
}

/// One 16-byte MBR/EBR record.
struct MBRRecord {
    var type: UInt8
    var start: UInt32
    var count: UInt32
    var bootable = false

    init(_ type: UInt8, start: UInt32, count: UInt32, bootable: Bool = false) {
        self.type = type
        self.start = start
        self.count = count
        self.bootable = bootable
    }

    var bytes: [UInt8] {
        // CHS fields are left zero: kpartx never reads them.
        [bootable ? 0x80 : 0, 0, 0, 0, type, 0, 0, 0] + Bytes.le32(start) + Bytes.le32(count)
    }
}

enum DOSImage {
    /// A 512-byte MBR or EBR: up to four records at 0x1BE and the 0x55AA signature.
    static func bootRecord(_ records: [MBRRecord?], signature: Bool = true) -> [UInt8] {
        var sector = [UInt8](repeating: 0, count: 512)
        for (slot, record) in records.enumerated() {
            guard let record else { continue }
            let base = 0x1BE + 16 * slot
            sector.replaceSubrange(base..<(base + 16), with: record.bytes)
        }
        if signature {
            sector[510] = 0x55
            sector[511] = 0xAA
        }
        return sector
    }

    /// A disk with an MBR in sector 0 and EBRs at the given 512-byte sectors
    /// (on a 4096-byte disk, pass LBA * 8).
    static func disk(
        sectors512: UInt64, blockSize: Int = 512,
        mbr: [MBRRecord?], ebrs: [(sector512: UInt64, records: [MBRRecord?])] = []
    ) -> SparseDisk {
        var disk = SparseDisk(sizeInBytes: sectors512 * 512, logicalBlockSize: blockSize)
        disk.write(bootRecord(mbr), at: 0)
        for ebr in ebrs {
            disk.write(bootRecord(ebr.records), at: ebr.sector512 * 512)
        }
        return disk
    }
}

/// One GPT partition entry (UEFI 2.10 Table 5-6).
struct GPTEntrySpec {
    var index: Int
    var firstLBA: UInt64
    var lastLBA: UInt64
    var type: [UInt8] = GPTImage.linuxFilesystem
    var name: String = "part"

    var bytes: [UInt8] {
        var entry = type
        entry += (0..<16).map { UInt8(truncatingIfNeeded: index &* 31 &+ $0 &+ 1) }   // unique GUID
        entry += Bytes.le64(firstLBA) + Bytes.le64(lastLBA) + Bytes.le64(0)
        var utf16: [UInt8] = []
        for unit in name.utf16.prefix(36) {
            utf16 += Bytes.le16(unit)
        }
        entry += utf16 + [UInt8](repeating: 0, count: 72 - utf16.count)
        return entry
    }
}

enum GPTImage {
    /// 0FC63DAF-8483-4772-8E79-3D69D8E47DE4 ("Linux filesystem data"), in on-disk byte order.
    static let linuxFilesystem: [UInt8] = [
        0xAF, 0x3D, 0xC6, 0x0F, 0x83, 0x84, 0x72, 0x47, 0x8E, 0x79, 0x3D, 0x69, 0xD8, 0xE4, 0x7D, 0xE4,
    ]
    static let diskGUID: [UInt8] = (0..<16).map { UInt8(0xA0 + $0) }

    /// A 512-byte GPT header (UEFI 2.10 Table 5-5), HeaderSize 92, with its CRC.
    static func header(
        myLBA: UInt64, alternateLBA: UInt64, firstUsable: UInt64, lastUsable: UInt64,
        entryLBA: UInt64, entryCount: UInt32, entryArrayCRC: UInt32, diskGUID: [UInt8] = GPTImage.diskGUID
    ) -> [UInt8] {
        var h: [UInt8] = Array("EFI PART".utf8)
        h += Bytes.le32(0x0001_0000) + Bytes.le32(92) + Bytes.le32(0) + Bytes.le32(0)
        h += Bytes.le64(myLBA) + Bytes.le64(alternateLBA) + Bytes.le64(firstUsable) + Bytes.le64(lastUsable)
        h += diskGUID
        h += Bytes.le64(entryLBA) + Bytes.le32(entryCount) + Bytes.le32(128) + Bytes.le32(entryArrayCRC)
        precondition(h.count == 92)
        let crc = Bytes.le32(Bytes.crc32(h))
        h.replaceSubrange(16..<20, with: crc)
        return h + [UInt8](repeating: 0, count: 512 - 92)
    }

    /// The raw entry array: `entryCount` slots of 128 bytes.
    static func entryArray(_ entries: [GPTEntrySpec], entryCount: UInt32) -> [UInt8] {
        var array = [UInt8](repeating: 0, count: Int(entryCount) * 128)
        for entry in entries {
            array.replaceSubrange((entry.index * 128)..<(entry.index * 128 + 128), with: entry.bytes)
        }
        return array
    }

    /// Protective MBR: one 0xEE record from LBA 1 to the end (capped at 32 bits).
    static func protectiveMBR(blocks: UInt64) -> [UInt8] {
        let count = UInt32(min(blocks - 1, UInt64(UInt32.max)))
        return DOSImage.bootRecord([MBRRecord(0xEE, start: 1, count: count)])
    }

    /// A complete GPT disk laid out the usual way: primary header at LBA 1, entries
    /// from LBA 2, backup entries just before the backup header in the last LBA.
    static func disk(
        blockSize: Int = 512, blocks: UInt64, entries: [GPTEntrySpec],
        entryCount: UInt32 = 128, protectiveMBR: Bool = true
    ) -> SparseDisk {
        var disk = SparseDisk(sizeInBytes: blocks * UInt64(blockSize), logicalBlockSize: blockSize)
        let array = entryArray(entries, entryCount: entryCount)
        let arrayBlocks = UInt64((array.count + blockSize - 1) / blockSize)
        let lastLBA = blocks - 1
        let backupArrayLBA = lastLBA - arrayBlocks
        let crc = Bytes.crc32(array)
        if protectiveMBR {
            disk.write(GPTImage.protectiveMBR(blocks: blocks), at: 0)
        }
        disk.write(header(myLBA: 1, alternateLBA: lastLBA, firstUsable: 2 + arrayBlocks,
                          lastUsable: backupArrayLBA - 1, entryLBA: 2, entryCount: entryCount,
                          entryArrayCRC: crc), atLBA: 1)
        disk.write(array, atLBA: 2)
        disk.write(array, atLBA: backupArrayLBA)
        disk.write(header(myLBA: lastLBA, alternateLBA: 1, firstUsable: 2 + arrayBlocks,
                          lastUsable: backupArrayLBA - 1, entryLBA: backupArrayLBA, entryCount: entryCount,
                          entryArrayCRC: crc), atLBA: lastLBA)
        return disk
    }
}

/// Deterministic pseudo-random numbers (SplitMix64) for garbage and fuzzing.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// Images produced by real tools, stored as runs of non-zero bytes.
struct RecordedImage {
    var sizeInBytes: UInt64
    var logicalBlockSize: Int
    /// (byte offset, hex bytes) runs; everything else is zero.
    var runs: [(UInt64, String)]

    var disk: SparseDisk {
        var disk = SparseDisk(sizeInBytes: sizeInBytes, logicalBlockSize: logicalBlockSize)
        for (offset, hex) in runs {
            disk.write(Bytes.hex(hex), at: offset)
        }
        return disk
    }
}
