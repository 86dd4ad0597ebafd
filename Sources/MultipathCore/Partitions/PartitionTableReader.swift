/// Works out the partition maps `kpartx -a -p -part <map>` (multipath-tools
/// 0.9.4, kpartx.c `main`) would create for a disk, without creating them.
///
/// Order and rules, as in kpartx:
/// 1. GPT (`read_gpt_pt`). It is used when a valid header exists, sector 0 is a
///    protective MBR, and at least one of the first 256 entries is used.
/// 2. Otherwise DOS (`read_dos_pt`). It is used whenever sector 0 ends in 0x55AA
///    and no slot has type 0xEE, even if every slot is empty.
/// 3. Otherwise kpartx tries bsd, solaris, unixware, dasd, mac, sun and ps3.
///    These are only detected, and reported as `unsupportedScheme`.
///
/// Then, as in kpartx's ADD loop, zero-size slots are skipped but keep their
/// numbers (N = slot index + 1). The kernel refuses a `linear` table that
/// reaches past the end of the disk or is not aligned to the logical block size
/// (dm-table.c `device_area_is_invalid`). kpartx then reports
/// "create/reload failed" and no map exists, so such slots are left out here,
/// with a warning.
public enum PartitionTableReader {
    /// Reads the partition table of the disk behind `reader`.
    ///
    /// - Returns: the maps to create, or `nil` when there is no partition table
    ///   (no valid GPT, no 0x55AA signature, no other known label). Then kpartx
    ///   maps nothing, and neither should the caller.
    /// - Throws: `PartitionTableError` when the reader fails, or when a table is
    ///   present but must not be mapped (see the cases for details). A failed read
    ///   is reported with the reader's `SectorReadError.message`.
    public static func read<R: SectorReader>(
        _ reader: R
    ) throws(PartitionTableError) -> PartitionTable? where R.ReadError: SectorReadError {
        try readTable(reader)
    }

    /// Reads the partition table of the disk behind `reader`, whose error type
    /// cannot describe itself: a failed read is reported as "I/O error".
    /// Otherwise the same as the overload for `SectorReadError` readers.
    ///
    /// Overload resolution is static. Generic code that calls `read` with an
    /// `R: SectorReader` that is not also constrained to
    /// `R.ReadError: SectorReadError` gets this overload, even when the concrete
    /// error type has a `message`.
    public static func read<R: SectorReader>(_ reader: R) throws(PartitionTableError) -> PartitionTable? {
        try readTable(DescribingReader(base: reader) { _ in "I/O error" })
    }

    /// The reading itself: kpartx's table order, then `table(_:slices:...)`.
    static func readTable<R: SectorReader>(
        _ reader: R
    ) throws(PartitionTableError) -> PartitionTable? where R.ReadError: SectorReadError {
        let blockSize = reader.logicalBlockSize
        guard blockSize >= 512, blockSize <= 65536, blockSize & (blockSize - 1) == 0 else {
            throw .unsupportedLogicalBlockSize(blockSize)
        }
        // kpartx: sector_size_mul = get_sector_size(fd) / 512.
        let multiplier = UInt64(blockSize / 512)

        let gpt = try GPT.read(reader, multiplier: multiplier)
        if case .found(let slices, let warnings) = gpt, !slices.isEmpty {
            return try table(.gpt, slices: slices, warnings: warnings, reader: reader, multiplier: multiplier)
        }

        let dos = try MBR.read(reader, multiplier: multiplier)
        if case .table(let slices, var warnings) = dos {
            if case .missingProtectiveMBR(let headerOffset) = gpt {
                warnings.insert(
                    "valid GPT header at byte \(headerOffset) ignored because sector 0 is not a protective MBR; using the DOS table",
                    at: 0)
            }
            return try table(.dos, slices: slices, warnings: warnings, reader: reader, multiplier: multiplier)
        }

        if let label = try ForeignLabel.detect(reader) {
            throw .unsupportedScheme(name: label.name, byteOffset: label.byteOffset)
        }

        // Compare with `if case`: `==` on these enums would compare Strings, which
        // in Embedded Swift links the Unicode normalization tables.
        var protectiveMBR = false
        if case .protectiveMBR = dos { protectiveMBR = true }
        switch gpt {
        case .found(_, let warnings):
            // Valid GPT with every entry unused: kpartx finds nothing to map.
            return PartitionTable(scheme: .gpt, partitions: [], warnings: warnings)
        case .missingProtectiveMBR(let headerOffset):
            throw .gptWithoutProtectiveMBR(headerByteOffset: headerOffset)
        case .notFound(let primary, let backup):
            if protectiveMBR {
                throw .invalidGPT(primary: primary, backup: backup)
            }
            return nil
        case .diskTooSmall:
            if protectiveMBR {
                throw .invalidGPT(primary: .unreadable(lba: 1), backup: .unreadable(lba: 0))
            }
            return nil
        }
    }

    /// kpartx's ADD loop over the slots, followed by the kernel's table checks.
    static func table<R: SectorReader>(
        _ scheme: PartitionTable.Scheme, slices: [KpartxSlice], warnings: [String],
        reader: R, multiplier: UInt64
    ) throws(PartitionTableError) -> PartitionTable {
        var warnings = warnings
        var partitions: [DiskPartition] = []
        // bdev_nr_sectors(): the kernel's device size in 512-byte sectors.
        let diskSectors = reader.sizeInBytes / 512
        for (index, slice) in slices.enumerated() where slice.size != 0 {
            let number = index + 1
            let (end, overflow) = slice.start.addingReportingOverflow(slice.size)
            guard !overflow, end <= diskSectors else {
                warnings.append("partition \(number) (start \(slice.start), length \(slice.size) sectors) does not fit on the \(diskSectors)-sector disk; the kernel rejects such a map, so kpartx creates none")
                continue
            }
            guard slice.start % multiplier == 0, slice.size % multiplier == 0 else {
                warnings.append("partition \(number) (start \(slice.start), length \(slice.size) sectors) is not aligned to the logical block size; the kernel rejects such a map, so kpartx creates none")
                continue
            }
            // The kernel would accept this map, but it would not be the partition
            // the table describes.
            if slice.wrapped {
                throw .arithmeticOverflow(partitionNumber: number, entryByteOffset: slice.entryByteOffset)
            }
            partitions.append(DiskPartition(number: number, start: slice.start, length: slice.size, kind: slice.kind))
        }
        return PartitionTable(scheme: scheme, partitions: partitions, warnings: warnings)
    }
}
