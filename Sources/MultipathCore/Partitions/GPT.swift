/// GUID partition table (UEFI 2.10 §5.3), read the way kpartx gpt.c does
/// (`find_valid_gpt`, `is_gpt_valid`, `is_pmbr_valid`, `compare_gpts`,
/// `read_gpt_pt`, multipath-tools 0.9.4).
///
/// The rules it reproduces:
/// - The disk needs a last LBA other than 0: at least 2 logical blocks.
/// - A header (512 bytes read at `lba * logicalBlockSize`) is valid when it has
///   the "EFI PART" signature, `HeaderCRC32` over `HeaderSize` bytes (with the
///   CRC field zeroed) matches, `MyLBA` equals the LBA it was read from,
///   `SizeOfPartitionEntry` is 128, and the CRC over
///   `NumberOfPartitionEntries * 128` bytes at `PartitionEntryLBA` matches.
///   Revision, usable range and entry bounds are not checked.
/// - The primary header is at LBA 1. If it is valid, the backup is looked for at
///   its `AlternateLBA` and then at the last LBA. Otherwise it is looked for at
///   the last LBA only. The primary wins when valid.
/// - A valid header counts only if sector 0 is a protective MBR: signature
///   0xAA55 and any of the four slots of type 0xEE (no other checks).
/// - Only the first 256 entries are used. An entry whose type GUID is all zero
///   is an empty slot that still uses up its number (index + 1). Trailing empty
///   slots are dropped, and a table with none used counts as "not GPT".
/// - start = mul * StartingLBA, size = mul * (EndingLBA - StartingLBA + 1),
///   with mul = logical block size / 512, in wrapping 64-bit arithmetic.
enum GPT {
    /// "EFI PART" read as a little-endian UInt64.
    static let headerSignature: UInt64 = 0x5452_4150_2049_4645
    /// kpartx reads `sizeof(gpt_header)` = GPT_BLOCK_SIZE = 512 bytes.
    static let headerReadSize = 512
    /// `sizeof(gpt_entry)`, the only entry size kpartx accepts.
    static let entrySize = 128
    /// kpartx `read_gpt_pt` loops while `i < ns`, where ns = MAXSLICES.
    static let maximumEntries = 256
    /// kpartx would `malloc` any size up to 4 GiB. We give up on arrays above
    /// this size (131072 entries), which no partitioning tool writes.
    static let maximumEntryArrayBytes: UInt64 = 16 << 20
    // Entry arrays are read and checksummed in pieces of this size.
    static let readChunkBytes = 64 << 10

    /// The GPT header fields kpartx looks at (UEFI 2.10 Table 5-5).
    struct Header: Equatable {
        var byteOffset: UInt64
        var myLBA: UInt64
        var alternateLBA: UInt64
        var firstUsableLBA: UInt64
        var lastUsableLBA: UInt64
        var diskGUID: [UInt8]
        var entryArrayLBA: UInt64
        var entryCount: UInt32
        var entrySize: UInt32
        var entryArrayCRC: UInt32

        init(bytes: [UInt8], byteOffset: UInt64) {
            self.byteOffset = byteOffset
            myLBA = bytes.le64(at: 24)
            alternateLBA = bytes.le64(at: 32)
            firstUsableLBA = bytes.le64(at: 40)
            lastUsableLBA = bytes.le64(at: 48)
            diskGUID = Array(bytes[56..<72])
            entryArrayLBA = bytes.le64(at: 72)
            entryCount = bytes.le32(at: 80)
            entrySize = bytes.le32(at: 84)
            entryArrayCRC = bytes.le32(at: 88)
        }
    }

    /// A header that passed `is_gpt_valid`, with the entries kpartx uses.
    struct ValidHeader: Equatable {
        var header: Header
        /// Byte offset of the entry array on the disk.
        var entryArrayByteOffset: UInt64
        /// The first min(entryCount, 256) entries, 128 bytes each.
        var entries: [UInt8]
        /// Number of the first used entry past the 256th, if there is one.
        var firstIgnoredUsedEntry: Int?
    }

    enum HeaderCheck: Equatable {
        case valid(ValidHeader)
        case invalid(PartitionTableError.GPTHeaderDefect)
    }

    /// What `find_valid_gpt` / `read_gpt_pt` concluded.
    enum Outcome: Equatable {
        /// The disk has fewer than two logical blocks (`last_lba` is 0).
        case diskTooSmall
        /// Neither header is valid.
        case notFound(primary: PartitionTableError.GPTHeaderDefect, backup: PartitionTableError.GPTHeaderDefect)
        /// A header is valid, but sector 0 is not a protective MBR.
        case missingProtectiveMBR(headerByteOffset: UInt64)
        /// Slots up to the last used entry (possibly none), plus diagnostics.
        case found(slices: [KpartxSlice], warnings: [String])
    }

    /// kpartx `read_gpt_pt` with `force_gpt` off. `multiplier` is the logical
    /// block size / 512.
    static func read<R: SectorReader>(
        _ reader: R, multiplier: UInt64
    ) throws(PartitionTableError) -> Outcome where R.ReadError: SectorReadError {
        let blockSize = UInt64(reader.logicalBlockSize)
        let blocks = reader.sizeInBytes / blockSize
        let lastLBA = blocks == 0 ? 0 : blocks - 1
        guard lastLBA != 0 else { return .diskTooSmall }

        let primary = try check(reader, lba: 1)
        var backup: HeaderCheck
        if case .valid(let valid) = primary {
            backup = try check(reader, lba: valid.header.alternateLBA)
            if case .invalid = backup {
                backup = try check(reader, lba: lastLBA)
            }
        } else {
            backup = try check(reader, lba: lastLBA)
        }

        let chosen: ValidHeader
        var warnings: [String] = []
        switch (primary, backup) {
        case (.invalid(let primaryDefect), .invalid(let backupDefect)):
            return .notFound(primary: primaryDefect, backup: backupDefect)
        case (.valid(let p), .valid(let b)):
            chosen = p
            warnings = compare(primary: p.header, backup: b.header, lastLBA: lastLBA)
        case (.valid(let p), .invalid(let backupDefect)):
            chosen = p
            warnings.append("alternate GPT is invalid (\(backupDefect.message)), using primary GPT")
        case (.invalid(let primaryDefect), .valid(let b)):
            chosen = b
            warnings.append("primary GPT is invalid (\(primaryDefect.message)), using alternate GPT")
        }

        guard let mbr = try reader.kpartxReadLBA(byteOffset: 0, count: 512), isProtectiveMBR(mbr) else {
            return .missingProtectiveMBR(headerByteOffset: chosen.header.byteOffset)
        }

        if let ignored = chosen.firstIgnoredUsedEntry {
            warnings.append("GPT entry \(ignored) and later are ignored: kpartx reads only the first \(maximumEntries) entries")
        }
        return .found(slices: slices(of: chosen, multiplier: multiplier), warnings: warnings)
    }

    /// kpartx `is_pmbr_valid`: signature 0xAA55 and any slot of type 0xEE.
    static func isProtectiveMBR(_ sector: [UInt8]) -> Bool {
        guard sector[510] == 0x55 && sector[511] == 0xAA else { return false }
        for slot in 0..<4 where sector[0x1BE + 16 * slot + 4] == 0xEE {
            return true
        }
        return false
    }

    /// kpartx `is_gpt_valid`: checks the header at `lba` and its entry array.
    static func check<R: SectorReader>(
        _ reader: R, lba: UInt64
    ) throws(PartitionTableError) -> HeaderCheck where R.ReadError: SectorReadError {
        let blockSize = UInt64(reader.logicalBlockSize)
        // read_lba() computes an off_t: an offset that does not fit makes lseek fail.
        let (offset, overflow) = lba.multipliedReportingOverflow(by: blockSize)
        guard !overflow, offset <= UInt64(Int64.max),
              let bytes = try reader.kpartxReadLBA(byteOffset: offset, count: headerReadSize)
        else {
            return .invalid(.unreadable(lba: lba))
        }
        guard bytes.le64(at: 0) == headerSignature else {
            return .invalid(.badSignature(byteOffset: offset))
        }
        // kpartx would checksum past its 512-byte buffer. Such a CRC cannot be
        // reproduced, and real headers are 92 bytes.
        let headerSize = bytes.le32(at: 12)
        guard headerSize <= UInt32(headerReadSize) else {
            return .invalid(.headerSizeTooLarge(byteOffset: offset, headerSize: headerSize))
        }
        let storedCRC = bytes.le32(at: 16)
        var zeroed = bytes
        for i in 16..<20 { zeroed[i] = 0 }
        var crc = CRC32()
        crc.update(zeroed, range: 0..<Int(headerSize))
        guard crc.value == storedCRC else {
            return .invalid(.headerCRCMismatch(byteOffset: offset, stored: storedCRC, computed: crc.value))
        }
        let header = Header(bytes: bytes, byteOffset: offset)
        guard header.myLBA == lba else {
            return .invalid(.myLBAMismatch(byteOffset: offset, recorded: header.myLBA, expected: lba))
        }
        guard header.entrySize == UInt32(entrySize) else {
            return .invalid(.unsupportedEntrySize(byteOffset: offset, entrySize: header.entrySize))
        }
        return try checkEntries(reader, header: header)
    }

    /// The entry-array half of `is_gpt_valid` (`alloc_read_gpt_entries` plus the
    /// CRC check). It streams the array, so only the entries kpartx uses are kept.
    static func checkEntries<R: SectorReader>(
        _ reader: R, header: Header
    ) throws(PartitionTableError) -> HeaderCheck where R.ReadError: SectorReadError {
        let (arrayOffset, overflow) = header.entryArrayLBA.multipliedReportingOverflow(
            by: UInt64(reader.logicalBlockSize))
        guard !overflow, arrayOffset <= UInt64(Int64.max) else {
            return .invalid(.entryArrayUnreadable(byteOffset: UInt64.max))
        }
        let arrayBytes = UInt64(header.entryCount) * UInt64(entrySize)
        // A zero-size array makes alloc_read_gpt_entries return NULL. An array that
        // starts past the end reads 0 bytes, which read_lba reports as failure.
        guard arrayBytes != 0, arrayOffset < reader.sizeInBytes else {
            return .invalid(.entryArrayUnreadable(byteOffset: arrayOffset))
        }
        guard arrayBytes <= maximumEntryArrayBytes else {
            return .invalid(.entryArrayTooLarge(byteOffset: arrayOffset, bytes: arrayBytes))
        }
        let available = min(arrayBytes, reader.sizeInBytes - arrayOffset)
        let keptBytes = Int(min(arrayBytes, UInt64(maximumEntries * entrySize)))
        var kept: [UInt8] = []
        kept.reserveCapacity(keptBytes)
        var firstIgnoredUsedEntry: Int? = nil
        var crc = CRC32()
        var position: UInt64 = 0
        while position < available {
            let count = Int(min(UInt64(readChunkBytes), available - position))
            let chunk = try reader.checkedRead(byteOffset: arrayOffset + position, count: count)
            crc.update(chunk)
            if kept.count < keptBytes {
                kept.append(contentsOf: chunk[0..<min(count, keptBytes - kept.count)])
            }
            if firstIgnoredUsedEntry == nil {
                firstIgnoredUsedEntry = firstUsedEntry(in: chunk, chunkPosition: position, from: maximumEntries)
            }
            position += UInt64(count)
        }
        // The part of the array beyond the end of the disk reads as zeros
        // (read_lba's short read into a zeroed buffer).
        crc.updateZeros(count: arrayBytes - available)
        if kept.count < keptBytes {
            kept.append(contentsOf: repeatElement(0, count: keptBytes - kept.count))
        }
        guard crc.value == header.entryArrayCRC else {
            return .invalid(.entryArrayCRCMismatch(
                byteOffset: arrayOffset, stored: header.entryArrayCRC, computed: crc.value))
        }
        return .valid(ValidHeader(
            header: header, entryArrayByteOffset: arrayOffset, entries: kept,
            firstIgnoredUsedEntry: firstIgnoredUsedEntry))
    }

    // Number (index + 1) of the first entry at or after index `from`, starting in
    // `chunk`, whose type GUID is not all zero. `chunkPosition` is a multiple of
    // 128 because chunks are, except possibly the last one.
    static func firstUsedEntry(in chunk: [UInt8], chunkPosition: UInt64, from: Int) -> Int? {
        var offset = 0
        while offset < chunk.count {
            let index = Int(chunkPosition / UInt64(entrySize)) + offset / entrySize
            if index >= from && !chunk.isZero(from: offset, count: min(16, chunk.count - offset)) {
                return index + 1
            }
            offset += entrySize
        }
        return nil
    }

    /// kpartx `read_gpt_pt`: one slot per entry up to the last used one.
    static func slices(of table: ValidHeader, multiplier: UInt64) -> [KpartxSlice] {
        let count = min(Int(table.header.entryCount), maximumEntries)
        var slices: [KpartxSlice] = []
        var lastUsed = -1
        for index in 0..<count {
            let base = index * entrySize
            let byteOffset = table.entryArrayByteOffset + UInt64(base)
            guard !table.entries.isZero(from: base, count: 16) else {
                slices.append(.empty(kind: .gpt, entryByteOffset: byteOffset))
                continue
            }
            let firstLBA = table.entries.le64(at: base + 32)
            let lastLBA = table.entries.le64(at: base + 40)
            // kpartx: sector_size_mul * (ending_lba - starting_lba + 1) in uint64_t.
            let (start, startOverflow) = multiplier.multipliedReportingOverflow(by: firstLBA)
            let span = lastLBA &- firstLBA &+ 1
            let (size, sizeOverflow) = multiplier.multipliedReportingOverflow(by: span)
            // Exact when LastLBA >= FirstLBA - 1 and nothing overflowed. LastLBA ==
            // FirstLBA - 1 gives size 0, which kpartx skips like an empty slot.
            let spanNegative = lastLBA < firstLBA && lastLBA + 1 != firstLBA
            let spanTooLarge = firstLBA == 0 && lastLBA == UInt64.max
            slices.append(KpartxSlice(
                start: start, size: size, kind: .gpt,
                wrapped: startOverflow || sizeOverflow || spanNegative || spanTooLarge,
                entryByteOffset: byteOffset))
            lastUsed = index
        }
        return Array(slices[0..<(lastUsed + 1)])
    }

    /// kpartx `compare_gpts`: warnings about primary and backup disagreeing,
    /// with kpartx's own texts. Fixed strings keep the Embedded binary small.
    static func compare(primary: Header, backup: Header, lastLBA: UInt64) -> [String] {
        var warnings: [String] = []
        if primary.myLBA != backup.alternateLBA {
            warnings.append("GPT:Primary header LBA != Alt. header alternate_lba")
        }
        if primary.alternateLBA != backup.myLBA {
            warnings.append("GPT:Primary header alternate_lba != Alt. header my_lba")
        }
        if primary.firstUsableLBA != backup.firstUsableLBA {
            warnings.append("GPT:first_usable_lbas don't match.")
        }
        if primary.lastUsableLBA != backup.lastUsableLBA {
            warnings.append("GPT:last_usable_lbas don't match.")
        }
        if primary.diskGUID != backup.diskGUID {
            warnings.append("GPT:disk_guids don't match.")
        }
        if primary.entryCount != backup.entryCount {
            warnings.append("GPT:num_partition_entries don't match")
        }
        if primary.entrySize != backup.entrySize {
            warnings.append("GPT:sizeof_partition_entry values don't match")
        }
        if primary.entryArrayCRC != backup.entryArrayCRC {
            warnings.append("GPT:partition_entry_array_crc32 values don't match")
        }
        if primary.alternateLBA != lastLBA {
            warnings.append("GPT:Primary header thinks Alt. header is not at the end of the disk.")
        }
        if backup.myLBA != lastLBA {
            warnings.append("GPT:Alternate GPT header not at the end of the disk.")
        }
        return warnings
    }
}
