/// DOS (MBR) partition table, read the way kpartx dos.c does (`read_dos_pt`,
/// `read_extended_partition`, multipath-tools 0.9.4).
///
/// The rules it reproduces:
/// - Sector 0 must end in 0x55 0xAA. kpartx checks only the signature: no
///   boot-flag or overlap checks, and the type byte of a primary slot is ignored.
/// - A slot of type 0xEE (protective MBR) makes kpartx return "no DOS table".
/// - Slots 1–4 always occupy numbers 1–4, empty or not. Logical partitions are
///   appended from number 5 on, in chain order, for every extended primary.
/// - An extended primary (0x05, 0x0F, 0x85) is mapped with 2 sectors when
///   logical blocks are 512 bytes, otherwise with one logical block.
/// - Each EBR gives one slot for each of its first two entries that is not
///   extended, even an empty one. Empty slots use up a number. The first
///   extended entry with non-zero start and size links to the next EBR,
///   relative to the start of the extended partition. Logical starts are
///   relative to their own EBR.
/// - The chain stops after 100 EBRs in a row that add no slot, at 256 slots
///   in total, or at an EBR that cannot be read or lacks the signature.
enum MBR {
    /// kpartx.c `MAXSLICES`: the size of kpartx's slot array.
    static let maximumSlices = 256
    /// dos.c: `if (++loopct > 100) return n;`, reset whenever a slot is added.
    static let ebrLoopLimit = 100

    /// One 16-byte partition record (dos.h `struct partition`).
    struct Entry: Equatable {
        var type: UInt8
        var startSector: UInt32
        var sectorCount: UInt32
        /// Byte offset of this record on the disk.
        var byteOffset: UInt64

        init(block: [UInt8], index: Int, blockByteOffset: UInt64) {
            let base = 0x1BE + 16 * index
            type = block[base + 4]
            startSector = block.le32(at: base + 8)
            sectorCount = block.le32(at: base + 12)
            byteOffset = blockByteOffset + UInt64(base)
        }
    }

    /// What `read_dos_pt` concluded.
    enum Outcome: Equatable {
        /// No 0x55AA in sector 0 (`read_dos_pt` returns -1).
        case noSignature
        /// A slot has type 0xEE (`read_dos_pt` returns 0).
        case protectiveMBR
        /// The slots, numbered by index + 1, plus diagnostics.
        case table(slices: [KpartxSlice], warnings: [String])
    }

    /// dos.c `is_extended`.
    static func isExtended(_ type: UInt8) -> Bool {
        type == 0x05 || type == 0x0F || type == 0x85
    }

    static func hasSignature(_ block: [UInt8]) -> Bool {
        block[510] == 0x55 && block[511] == 0xAA
    }

    /// kpartx `read_dos_pt`. `multiplier` is the logical block size / 512.
    static func read<R: SectorReader>(
        _ reader: R, multiplier: UInt64
    ) throws(PartitionTableError) -> Outcome where R.ReadError: SectorReadError {
        guard let block = try reader.kpartxBlock(sector512: 0), hasSignature(block) else {
            return .noSignature
        }
        let entries = [0, 1, 2, 3].map { Entry(block: block, index: $0, blockByteOffset: 0) }
        // kpartx returns 0 when it reaches the 0xEE slot, even after it has walked
        // the chain of an extended slot before it. Checking first gives the same
        // result without reading (or refusing) that chain.
        if entries.contains(where: { $0.type == 0xEE }) {
            return .protectiveMBR
        }
        var primaries: [KpartxSlice] = []
        var logicals: [KpartxSlice] = []
        var warnings: [String] = []
        for entry in entries {
            // read_dos_pt keeps sector_size_mul in a uint64_t, so these products cannot wrap.
            var slice = KpartxSlice(
                start: multiplier * UInt64(entry.startSector),
                size: multiplier * UInt64(entry.sectorCount),
                kind: .primary, wrapped: false, entryByteOffset: entry.byteOffset)
            if isExtended(entry.type) {
                // Only the first sector(s) of the container are mapped ("for LILO").
                slice.size = multiplier == 1 ? 2 : multiplier
                slice.kind = .extended
                try readExtended(
                    reader, container: entry, multiplier: multiplier,
                    capacity: maximumSlices - 4 - logicals.count,
                    logicals: &logicals, warnings: &warnings)
            }
            primaries.append(slice)
        }
        return .table(slices: primaries + logicals, warnings: warnings)
    }

    /// kpartx `read_extended_partition`: follows the EBR chain of one extended
    /// primary and appends at most `capacity` logical slots.
    static func readExtended<R: SectorReader>(
        _ reader: R, container: Entry, multiplier: UInt64, capacity: Int,
        logicals: inout [KpartxSlice], warnings: inout [String]
    ) throws(PartitionTableError) where R.ReadError: SectorReadError {
        // Here kpartx keeps sector_size_mul in an int, so `mul * start_sect` is an
        // unsigned 32-bit product. `exact*` carries the true value next to it.
        let mul32 = UInt32(truncatingIfNeeded: multiplier)
        let start = UInt64(mul32 &* container.startSector)
        let exactStart = multiplier * UInt64(container.startSector)
        var next = start
        var exactNext = exactStart
        var linkByteOffset = container.byteOffset
        var loopCount = 0
        var added = 0
        // EBRs that produced slots: meeting one again means the chain is a cycle.
        var productiveEBRs: [UInt64] = []
        var moreToDo = true
        while moreToDo {
            let here = next
            moreToDo = false
            loopCount += 1
            if loopCount > ebrLoopLimit {
                warnings.append("extended partition chain: \(ebrLoopLimit) EBRs in a row without partitions; kpartx stops reading it")
                return
            }
            // getblock() takes an unsigned int sector number. If the 32-bit product
            // wrapped or the sector does not fit, kpartx reads the wrong sector.
            guard here == exactNext, here <= UInt64(UInt32.max) else {
                throw .arithmeticOverflow(partitionNumber: 0, entryByteOffset: linkByteOffset)
            }
            let ebrByteOffset = here * 512
            guard let block = try reader.kpartxBlock(sector512: here) else {
                warnings.append("EBR at byte \(ebrByteOffset) lies beyond the end of the disk; extended partition chain ends there")
                return
            }
            guard hasSignature(block) else {
                warnings.append("EBR at byte \(ebrByteOffset) has no 0x55AA signature; extended partition chain ends there")
                return
            }
            let entries = [
                Entry(block: block, index: 0, blockByteOffset: ebrByteOffset),
                Entry(block: block, index: 1, blockByteOffset: ebrByteOffset),
            ]
            let producesSlots = !(isExtended(entries[0].type) && isExtended(entries[1].type))
            if producesSlots {
                // kpartx would go round the cycle, duplicating slots until all 256
                // are used. Refuse instead of mapping the same sectors many times.
                if added < capacity && productiveEBRs.contains(here) {
                    throw .extendedChainLoop(ebrByteOffset: ebrByteOffset)
                }
                productiveEBRs.append(here)
            }
            for entry in entries {
                if isExtended(entry.type) {
                    if entry.startSector != 0 && entry.sectorCount != 0 && !moreToDo {
                        next = start + UInt64(mul32 &* entry.startSector)
                        exactNext = exactStart + multiplier * UInt64(entry.startSector)
                        linkByteOffset = entry.byteOffset
                        moreToDo = true
                    }
                    continue
                }
                guard added < capacity else {
                    warnings.append("more than \(maximumSlices) partition slots; kpartx ignores the rest of the extended partition chain")
                    return
                }
                let sliceStart = here + UInt64(mul32 &* entry.startSector)
                let sliceSize = UInt64(mul32 &* entry.sectorCount)
                let exactSliceStart = here + multiplier * UInt64(entry.startSector)
                let exactSliceSize = multiplier * UInt64(entry.sectorCount)
                logicals.append(KpartxSlice(
                    start: sliceStart, size: sliceSize, kind: .logical,
                    wrapped: sliceStart != exactSliceStart || sliceSize != exactSliceSize,
                    entryByteOffset: entry.byteOffset))
                added += 1
                loopCount = 0
            }
        }
    }
}
