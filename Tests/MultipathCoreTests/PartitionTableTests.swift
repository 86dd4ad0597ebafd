// Expected values follow from kpartx's rules (multipath-tools 0.9.4 kpartx.c,
// dos.c, gpt.c) and were worked out by hand, as the comments show. They were
// also checked against `kpartx -l` 0.9.4 on loop devices made from these
// images. kpartx lists logical partitions relative to their extended container;
// the values here are absolute, as `kpartx -a` maps them.

import Testing
@testable import MultipathCore

private func part(_ number: Int, _ start: UInt64, _ length: UInt64, _ kind: DiskPartition.Kind) -> DiskPartition {
    DiskPartition(number: number, start: start, length: length, kind: kind)
}

/// Runs the reader and returns the error it threw, or nil. (The constraint
/// matters: without it the overload for readers without `message` is chosen.)
private func readError<R: SectorReader>(_ reader: R) -> PartitionTableError? where R.ReadError: SectorReadError {
    do throws(PartitionTableError) {
        _ = try PartitionTableReader.read(reader)
        return nil
    } catch {
        return error
    }
}

/// `readError` for readers whose error type has no `message`.
private func plainReadError<R: SectorReader>(_ reader: R) -> PartitionTableError? {
    do throws(PartitionTableError) {
        _ = try PartitionTableReader.read(reader)
        return nil
    } catch {
        return error
    }
}

/// The images the tests use, named so that they can also be written out and
/// fed to the real kpartx.
enum Fixtures {
    // 64 MiB disk with 512-byte sectors: 131072 sectors.
    static let sectors64M: UInt64 = 131072

    /// Slots: 1 used, 2 empty, 3 and 4 used.
    static var dosPrimariesWithGap: SparseDisk {
        DOSImage.disk(sectors512: sectors64M, mbr: [
            MBRRecord(0x83, start: 2048, count: 8192, bootable: true),
            nil,
            MBRRecord(0x8E, start: 10240, count: 20480),
            MBRRecord(0x82, start: 30720, count: 4096),
        ])
    }

    /// Four primaries, the last one ending exactly at the last sector.
    static var dosFourPrimaries: SparseDisk {
        DOSImage.disk(sectors512: sectors64M, mbr: [
            MBRRecord(0x83, start: 2048, count: 2048),
            MBRRecord(0x83, start: 4096, count: 2048),
            MBRRecord(0x83, start: 6144, count: 2048),
            MBRRecord(0x83, start: 8192, count: 122880),   // 8192 + 122880 = 131072
        ])
    }

    /// A primary with type 0 but a size: kpartx ignores the type byte.
    static var dosTypeZeroPrimary: SparseDisk {
        DOSImage.disk(sectors512: sectors64M, mbr: [MBRRecord(0x00, start: 2048, count: 4096)])
    }

    /// Primary 1, extended 2 (10240..110239), three logicals in a three-EBR chain.
    static var dosExtended: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M,
            mbr: [MBRRecord(0x83, start: 2048, count: 8192), MBRRecord(0x05, start: 10240, count: 100000)],
            ebrs: [
                // Logical starts are relative to the EBR, links to the extended start.
                (10240, [MBRRecord(0x83, start: 2048, count: 10000), MBRRecord(0x05, start: 14336, count: 22048)]),
                (24576, [MBRRecord(0x83, start: 2048, count: 20000), MBRRecord(0x05, start: 38912, count: 32048)]),
                (49152, [MBRRecord(0x83, start: 2048, count: 30000), nil]),
            ])
    }

    /// Extended in slot 4. The first EBR has an empty first record and only links on.
    static var dosEmptyEBRRecord: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M,
            mbr: [nil, nil, nil, MBRRecord(0x0F, start: 2048, count: 60000)],
            ebrs: [
                (2048, [nil, MBRRecord(0x05, start: 8192, count: 10000)]),
                (10240, [MBRRecord(0x83, start: 2048, count: 4096), nil]),
            ])
    }

    /// The second EBR links to itself.
    static var dosSelfLoop: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M,
            mbr: [MBRRecord(0x83, start: 2048, count: 8192), MBRRecord(0x05, start: 10240, count: 100000)],
            ebrs: [
                (10240, [MBRRecord(0x83, start: 2048, count: 1000), MBRRecord(0x05, start: 4096, count: 8192)]),
                (14336, [MBRRecord(0x83, start: 2048, count: 1000), MBRRecord(0x05, start: 4096, count: 8192)]),
            ])
    }

    /// The second EBR "links" to the first with a relative start of 0, which
    /// kpartx does not follow (`p.start_sect && p.nr_sects`).
    static var dosLinkWithZeroStart: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M,
            mbr: [MBRRecord(0x83, start: 2048, count: 8192), MBRRecord(0x05, start: 10240, count: 100000)],
            ebrs: [
                (10240, [MBRRecord(0x83, start: 2048, count: 1000), MBRRecord(0x05, start: 4096, count: 8192)]),
                (14336, [MBRRecord(0x83, start: 2048, count: 1000), MBRRecord(0x05, start: 0, count: 8192)]),
            ])
    }

    /// EBR 2 and EBR 3 link to each other and hold no partitions.
    static var dosEmptyCycle: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M,
            mbr: [MBRRecord(0x05, start: 2048, count: 100000)],
            ebrs: [
                (2048, [MBRRecord(0x83, start: 2048, count: 1000), MBRRecord(0x05, start: 8, count: 8)]),
                (2056, [MBRRecord(0x05, start: 16, count: 8), MBRRecord(0x05, start: 8, count: 8)]),
                (2064, [MBRRecord(0x05, start: 8, count: 8), MBRRecord(0x05, start: 16, count: 8)]),
            ])
    }

    /// Entries that reach past the end of the 131072-sector disk.
    static var dosPastTheEnd: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M,
            mbr: [
                MBRRecord(0x83, start: 2048, count: 8192),
                MBRRecord(0x83, start: 100000, count: 40000),   // ends at 140000
                MBRRecord(0x83, start: 200000, count: 10),      // starts past the end
                MBRRecord(0x05, start: 120000, count: 11072),   // ends exactly at 131072
            ],
            ebrs: [(120000, [MBRRecord(0x83, start: 2048, count: 20000), nil])])   // 122048..142047
    }

    /// 4096-byte logical blocks (16384 of them, 64 MiB); all values in the table are 4 KiB units.
    static var dos4K: SparseDisk {
        DOSImage.disk(
            sectors512: sectors64M, blockSize: 4096,
            mbr: [MBRRecord(0x83, start: 256, count: 1024), MBRRecord(0x05, start: 2048, count: 8192)],
            ebrs: [
                (2048 * 8, [MBRRecord(0x83, start: 256, count: 2048), MBRRecord(0x05, start: 4096, count: 2048)]),
                (6144 * 8, [MBRRecord(0x83, start: 256, count: 512), nil]),
            ])
    }

    /// GPT on the 64 MiB disk: entries 1, 3 and 5 used, 2 and 4 zero-type.
    /// 128 entries at LBA 2..33, backup entries at 131039..131070, backup header at 131071.
    static let gptEntries = [
        GPTEntrySpec(index: 0, firstLBA: 2048, lastLBA: 10239),
        GPTEntrySpec(index: 2, firstLBA: 10240, lastLBA: 30719),
        GPTEntrySpec(index: 4, firstLBA: 30720, lastLBA: 131038),
    ]
    static var gptStandard: SparseDisk {
        GPTImage.disk(blocks: sectors64M, entries: gptEntries)
    }

    static var gpt128Used: SparseDisk {
        GPTImage.disk(blocks: sectors64M, entries: (0..<128).map {
            GPTEntrySpec(index: $0, firstLBA: 2048 + 8 * UInt64($0), lastLBA: 2048 + 8 * UInt64($0) + 7)
        })
    }

    /// 4096-byte blocks: 16384 blocks, entries at LBA 2..5, backup entries 16379..16382.
    static var gpt4K: SparseDisk {
        GPTImage.disk(blockSize: 4096, blocks: 16384, entries: [
            GPTEntrySpec(index: 0, firstLBA: 256, lastLBA: 1279),
            GPTEntrySpec(index: 1, firstLBA: 1280, lastLBA: 16378),
        ])
    }

    /// 512 entries (LBA 2..129): entry 300 is beyond kpartx's 256 slots.
    static var gpt512Entries: SparseDisk {
        GPTImage.disk(blocks: sectors64M, entries: [
            GPTEntrySpec(index: 0, firstLBA: 2048, lastLBA: 4095),
            GPTEntrySpec(index: 299, firstLBA: 4096, lastLBA: 8191),
        ], entryCount: 512)
    }
}

@Suite("CRC-32 (GPT)")
struct CRC32Tests {
    @Test("check value of \"123456789\" is 0xCBF43926")
    func knownVector() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test("incremental updates and zero runs equal one pass")
    func incremental() {
        var random = SplitMix64(state: 1)
        let data = random.bytes(3000)
        var crc = CRC32()
        crc.update(data, range: 0..<1000)
        crc.update(data, range: 1000..<3000)
        #expect(crc.value == CRC32.checksum(data))
        #expect(crc.value == Bytes.crc32(data))

        var zeros = CRC32()
        zeros.update([1, 2, 3])
        zeros.updateZeros(count: 777)
        #expect(zeros.value == Bytes.crc32([1, 2, 3] + [UInt8](repeating: 0, count: 777)))
    }
}

@Suite("DOS tables (kpartx read_dos_pt / read_extended_partition)")
struct DOSTableTests {
    @Test("an empty primary slot keeps its number")
    func primariesWithGap() throws {
        let table = try PartitionTableReader.read(Fixtures.dosPrimariesWithGap)
        #expect(table == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 8192, .primary),
            part(3, 10240, 20480, .primary),
            part(4, 30720, 4096, .primary),
        ]))
    }

    @Test("four primaries, the last one ending at the last sector")
    func fourPrimaries() throws {
        let table = try PartitionTableReader.read(Fixtures.dosFourPrimaries)
        #expect(table == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 2048, .primary),
            part(2, 4096, 2048, .primary),
            part(3, 6144, 2048, .primary),
            part(4, 8192, 122880, .primary),
        ]))
    }

    @Test("the type byte of a primary is ignored, only the size counts")
    func typeZeroPrimary() throws {
        let table = try PartitionTableReader.read(Fixtures.dosTypeZeroPrimary)
        #expect(table == PartitionTable(scheme: .dos, partitions: [part(1, 2048, 4096, .primary)]))
    }

    @Test("a signature with four empty slots is a DOS table without partitions")
    func emptyDOSTable() throws {
        let disk = DOSImage.disk(sectors512: Fixtures.sectors64M, mbr: [])
        #expect(try PartitionTableReader.read(disk) == PartitionTable(scheme: .dos, partitions: []))
    }

    @Test("extended container is 2 sectors, logicals are numbered from 5 at absolute offsets")
    func extendedChain() throws {
        // Logical N starts at EBR + 2048: 10240+2048, 24576+2048, 49152+2048.
        // The last EBR's empty second record takes slot 8 without a map.
        let table = try PartitionTableReader.read(Fixtures.dosExtended)
        #expect(table == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 8192, .primary),
            part(2, 10240, 2, .extended),
            part(5, 12288, 10000, .logical),
            part(6, 26624, 20000, .logical),
            part(7, 51200, 30000, .logical),
        ]))
    }

    @Test("an empty record in an EBR uses up a logical number")
    func emptyEBRRecord() throws {
        // EBR 1: empty record -> slot 5 (no map); link. EBR 2: logical -> 6 at 10240+2048.
        let table = try PartitionTableReader.read(Fixtures.dosEmptyEBRRecord)
        #expect(table == PartitionTable(scheme: .dos, partitions: [
            part(4, 2048, 2, .extended),
            part(6, 12288, 4096, .logical),
        ]))
    }

    @Test("an EBR chain that loops over a partition is refused")
    func selfLoop() {
        // kpartx would map 12288 once and 16384 over and over until slot 256.
        #expect(readError(Fixtures.dosSelfLoop) == .extendedChainLoop(ebrByteOffset: 14336 * 512))
    }

    @Test("a link with relative start 0 is not followed")
    func linkWithZeroStart() throws {
        let table = try PartitionTableReader.read(Fixtures.dosLinkWithZeroStart)
        #expect(table == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 8192, .primary),
            part(2, 10240, 2, .extended),
            part(5, 12288, 1000, .logical),
            part(6, 16384, 1000, .logical),
        ]))
    }

    @Test("a cycle of EBRs without partitions stops after 100 EBRs, keeping what was found")
    func emptyCycle() throws {
        let table = try #require(try PartitionTableReader.read(Fixtures.dosEmptyCycle))
        #expect(table.partitions == [part(1, 2048, 2, .extended), part(5, 4096, 1000, .logical)])
        #expect(table.warnings.count == 1)
        #expect(table.warnings.first?.hasPrefix("extended partition chain: 100 EBRs in a row") == true)
    }

    @Test("partitions past the end of the disk are left out with a warning")
    func pastTheEnd() throws {
        let table = try #require(try PartitionTableReader.read(Fixtures.dosPastTheEnd))
        #expect(table.partitions == [part(1, 2048, 8192, .primary), part(4, 120000, 2, .extended)])
        #expect(table.warnings == [
            "partition 2 (start 100000, length 40000 sectors) does not fit on the 131072-sector disk; the kernel rejects such a map, so kpartx creates none",
            "partition 3 (start 200000, length 10 sectors) does not fit on the 131072-sector disk; the kernel rejects such a map, so kpartx creates none",
            "partition 5 (start 122048, length 20000 sectors) does not fit on the 131072-sector disk; the kernel rejects such a map, so kpartx creates none",
        ])
    }

    @Test("an EBR in the last sector cannot be read (kpartx reads 1 KiB blocks)")
    func ebrInLastSector() throws {
        let disk = DOSImage.disk(sectors512: Fixtures.sectors64M, mbr: [MBRRecord(0x05, start: 131071, count: 1)])
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == [])
        #expect(table.warnings == [
            "EBR at byte 67108352 lies beyond the end of the disk; extended partition chain ends there",
            "partition 1 (start 131071, length 2 sectors) does not fit on the 131072-sector disk; the kernel rejects such a map, so kpartx creates none",
        ])
    }

    @Test("an EBR without signature ends the chain")
    func ebrWithoutSignature() throws {
        let disk = DOSImage.disk(sectors512: Fixtures.sectors64M, mbr: [MBRRecord(0x05, start: 2048, count: 10000)])
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == [part(1, 2048, 2, .extended)])
        #expect(table.warnings == ["EBR at byte 1048576 has no 0x55AA signature; extended partition chain ends there"])
    }

    @Test("4096-byte sectors: values times 8, extended container is one logical block")
    func fourKSectors() throws {
        // Primary 256/1024 -> 2048/8192. Extended at LBA 2048 -> 16384, length 8.
        // Logical 5: EBR LBA 2048 + 256 -> (2048 + 256) * 8 = 18432, 2048 * 8 = 16384.
        // Logical 6: EBR LBA 2048 + 4096 = 6144, + 256 -> 6400 * 8 = 51200, 512 * 8 = 4096.
        let table = try PartitionTableReader.read(Fixtures.dos4K)
        #expect(table == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 8192, .primary),
            part(2, 16384, 8, .extended),
            part(5, 18432, 16384, .logical),
            part(6, 51200, 4096, .logical),
        ]))
    }

    @Test("4096-byte sectors: an EBR address that wraps kpartx's 32-bit product is refused")
    func fourKWrappedEBRAddress() {
        // Extended at LBA 2^29 + 10: 8 * that = 2^32 + 80, which kpartx computes as 80.
        var disk = DOSImage.disk(
            sectors512: 1 << 33, blockSize: 4096,
            mbr: [MBRRecord(0x05, start: (1 << 29) + 10, count: 1000)])
        disk.write(DOSImage.bootRecord([MBRRecord(0x83, start: 1, count: 1)]), at: ((1 << 29) + 10) * 4096)
        #expect(readError(disk) == .arithmeticOverflow(partitionNumber: 0, entryByteOffset: 446))
    }

    @Test("an EBR beyond sector 2^32 is refused (kpartx getblock takes an unsigned int)")
    func ebrBeyond32Bits() {
        let extendedStart: UInt64 = 4_294_967_000
        let disk = DOSImage.disk(
            sectors512: 1 << 33,
            mbr: [MBRRecord(0x05, start: UInt32(extendedStart), count: 5000)],
            ebrs: [(extendedStart, [MBRRecord(0x83, start: 100, count: 100), MBRRecord(0x05, start: 1000, count: 100)])])
        // The link record is the second record of the EBR at 4294967000.
        #expect(readError(disk) == .arithmeticOverflow(partitionNumber: 0, entryByteOffset: extendedStart * 512 + 446 + 16))
    }
}

@Suite("GPT (kpartx find_valid_gpt / read_gpt_pt)")
struct GPTTests {
    private let standardPartitions = [
        part(1, 2048, 8192, .gpt),
        part(3, 10240, 20480, .gpt),
        part(5, 30720, 100319, .gpt),   // 131038 - 30720 + 1
    ]

    @Test("zero-type entries keep their numbers")
    func standard() throws {
        #expect(try PartitionTableReader.read(Fixtures.gptStandard)
            == PartitionTable(scheme: .gpt, partitions: standardPartitions))
    }

    @Test("hybrid MBR: any 0xEE slot makes the GPT count")
    func hybridMBR() throws {
        var disk = Fixtures.gptStandard
        disk.write(DOSImage.bootRecord([MBRRecord(0x83, start: 2048, count: 8192), MBRRecord(0xEE, start: 1, count: 2047)]), at: 0)
        #expect(try PartitionTableReader.read(disk) == PartitionTable(scheme: .gpt, partitions: standardPartitions))
    }

    @Test("bad primary header CRC: the backup at the last LBA is used")
    func badPrimaryHeaderCRC() throws {
        var disk = Fixtures.gptStandard
        disk.write(Bytes.le32(0xDEAD_BEEF), at: 512 + 16)
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == standardPartitions)
        #expect(table.warnings.count == 1)
        #expect(table.warnings.first?.hasPrefix("primary GPT is invalid (header CRC at byte 512 is 0xdeadbeef") == true)
    }

    @Test("zeroed primary header: the backup is used")
    func zeroedPrimary() throws {
        var disk = Fixtures.gptStandard
        disk.write([UInt8](repeating: 0, count: 512), atLBA: 1)
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == standardPartitions)
        #expect(table.warnings == ["primary GPT is invalid (no \"EFI PART\" signature at byte 512), using alternate GPT"])
    }

    @Test("bad primary entry-array CRC: the backup copy is used")
    func badPrimaryEntries() throws {
        var disk = Fixtures.gptStandard
        disk.write([0x58], at: 2 * 512 + 56)   // first byte of entry 1's name
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == standardPartitions)
        #expect(table.warnings.first?.hasPrefix("primary GPT is invalid (entry array CRC at byte 1024") == true)
    }

    @Test("MyLBA that does not match the LBA read: the backup is used")
    func myLBAMismatch() throws {
        var disk = Fixtures.gptStandard
        let crc = Bytes.crc32(GPTImage.entryArray(Fixtures.gptEntries, entryCount: 128))
        disk.write(GPTImage.header(myLBA: 2, alternateLBA: 131071, firstUsable: 34, lastUsable: 131038,
                                   entryLBA: 2, entryCount: 128, entryArrayCRC: crc), atLBA: 1)
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == standardPartitions)
        #expect(table.warnings == ["primary GPT is invalid (header at byte 512 records MyLBA 2, expected 1), using alternate GPT"])
    }

    @Test("missing backup: the primary is used, with a warning")
    func missingBackup() throws {
        var disk = Fixtures.gptStandard
        disk.write([UInt8](repeating: 0, count: 512), atLBA: 131071)
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == standardPartitions)
        #expect(table.warnings == ["alternate GPT is invalid (no \"EFI PART\" signature at byte 67108352), using primary GPT"])
    }

    @Test("both entry arrays corrupt: refused, with both reasons")
    func bothEntryArraysCorrupt() {
        var disk = Fixtures.gptStandard
        disk.write([0x58], at: 2 * 512 + 56)
        disk.write([0x58], at: 131039 * 512 + 56)
        guard case .invalidGPT(.entryArrayCRCMismatch(1024, _, _), .entryArrayCRCMismatch(131039 * 512, _, _))? = readError(disk) else {
            Issue.record("expected invalidGPT with two entry-array CRC mismatches, got \(String(describing: readError(disk)))")
            return
        }
    }

    @Test("backup where AlternateLBA says, not at the end: used, with warnings")
    func backupNotAtEnd() throws {
        // Table written for a 65536-block disk, which then grew to 131072 blocks.
        var disk = GPTImage.disk(blocks: 65536, entries: [GPTEntrySpec(index: 0, firstLBA: 2048, lastLBA: 10239)])
        disk.sizeInBytes = Fixtures.sectors64M * 512
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == [part(1, 2048, 8192, .gpt)])
        #expect(table.warnings == [
            "GPT:Primary header thinks Alt. header is not at the end of the disk.",
            "GPT:Alternate GPT header not at the end of the disk.",
        ])

        // With a bad primary, kpartx looks for the backup only at the last LBA.
        disk.write(Bytes.le32(0xDEAD_BEEF), at: 512 + 16)
        guard case .invalidGPT(.headerCRCMismatch(512, 0xDEAD_BEEF, _), .badSignature(67108352))? = readError(disk) else {
            Issue.record("expected invalidGPT(header CRC, no signature at the last LBA)")
            return
        }
    }

    @Test("128 used entries")
    func allEntriesUsed() throws {
        let table = try #require(try PartitionTableReader.read(Fixtures.gpt128Used))
        #expect(table.partitions.count == 128)
        #expect(table.partitions == (0..<128).map { part($0 + 1, 2048 + 8 * UInt64($0), 8, .gpt) })
        #expect(table.warnings == [])
    }

    @Test("entries past the 256th are ignored with a warning")
    func moreThan256Entries() throws {
        let table = try #require(try PartitionTableReader.read(Fixtures.gpt512Entries))
        #expect(table.partitions == [part(1, 2048, 2048, .gpt)])
        #expect(table.warnings == ["GPT entry 300 and later are ignored: kpartx reads only the first 256 entries"])
    }

    @Test("4096-byte sectors: LBAs times 8")
    func fourKSectors() throws {
        // 256..1279 -> 2048, 1024 * 8. 1280..16378 -> 10240, 15099 * 8 = 120792.
        #expect(try PartitionTableReader.read(Fixtures.gpt4K) == PartitionTable(scheme: .gpt, partitions: [
            part(1, 2048, 8192, .gpt),
            part(2, 10240, 120792, .gpt),
        ]))
    }

    @Test("4096-byte sectors: a StartingLBA whose 512-byte value wraps 64 bits is refused")
    func fourKWrappedStart() {
        // 8 * (2^61 + 256) = 2^64 + 2048, which kpartx computes as 2048: a plausible, wrong map.
        let disk = GPTImage.disk(blockSize: 4096, blocks: 16384, entries: [
            GPTEntrySpec(index: 0, firstLBA: (1 << 61) + 256, lastLBA: (1 << 61) + 1279),
        ])
        #expect(readError(disk) == .arithmeticOverflow(partitionNumber: 1, entryByteOffset: 2 * 4096))
    }

    @Test("entry past the end of the disk is left out")
    func entryPastTheEnd() throws {
        let disk = GPTImage.disk(blocks: Fixtures.sectors64M, entries: [
            GPTEntrySpec(index: 0, firstLBA: 2048, lastLBA: 200000),
            GPTEntrySpec(index: 1, firstLBA: 10240, lastLBA: 20479),
        ])
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == [part(2, 10240, 10240, .gpt)])
        #expect(table.warnings == [
            "partition 1 (start 2048, length 197953 sectors) does not fit on the 131072-sector disk; the kernel rejects such a map, so kpartx creates none",
        ])
    }

    @Test("EndingLBA before StartingLBA: wrapped size, left out")
    func endBeforeStart() throws {
        let disk = GPTImage.disk(blocks: Fixtures.sectors64M, entries: [
            GPTEntrySpec(index: 0, firstLBA: 4096, lastLBA: 2047),
            GPTEntrySpec(index: 1, firstLBA: 10240, lastLBA: 20479),
        ])
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.partitions == [part(2, 10240, 10240, .gpt)])
        #expect(table.warnings.count == 1)
    }

    @Test("an entry of size 0 (EndingLBA = StartingLBA - 1) still makes the GPT count")
    func zeroSizeEntry() throws {
        let disk = GPTImage.disk(blocks: Fixtures.sectors64M, entries: [
            GPTEntrySpec(index: 0, firstLBA: 4096, lastLBA: 4095),
        ])
        #expect(try PartitionTableReader.read(disk) == PartitionTable(scheme: .gpt, partitions: []))
    }

    @Test("valid GPT without used entries is a GPT without partitions")
    func noUsedEntries() throws {
        let disk = GPTImage.disk(blocks: Fixtures.sectors64M, entries: [])
        #expect(try PartitionTableReader.read(disk) == PartitionTable(scheme: .gpt, partitions: []))
    }

    @Test("valid GPT without protective MBR and without DOS table is refused")
    func noProtectiveMBR() {
        let disk = GPTImage.disk(blocks: Fixtures.sectors64M, entries: Fixtures.gptEntries, protectiveMBR: false)
        #expect(readError(disk) == .gptWithoutProtectiveMBR(headerByteOffset: 512))
    }

    @Test("stale GPT under a DOS MBR: kpartx uses the DOS table")
    func staleGPTUnderDOS() throws {
        var disk = Fixtures.gptStandard
        disk.write(DOSImage.bootRecord([MBRRecord(0x83, start: 2048, count: 4096)]), at: 0)
        let table = try #require(try PartitionTableReader.read(disk))
        #expect(table.scheme == .dos)
        #expect(table.partitions == [part(1, 2048, 4096, .primary)])
        #expect(table.warnings == ["valid GPT header at byte 512 ignored because sector 0 is not a protective MBR; using the DOS table"])
    }
}

@Suite("No table, refused tables, reader errors")
struct NoTableTests {
    @Test("all-zero disk has no table")
    func allZero() throws {
        #expect(try PartitionTableReader.read(SparseDisk(sizeInBytes: 1 << 26)) == nil)
        #expect(try PartitionTableReader.read(ByteImageReader(bytes: [UInt8](repeating: 0, count: 1 << 20))) == nil)
    }

    @Test("random garbage has no table")
    func garbage() throws {
        var random = SplitMix64(state: 42)
        var bytes = random.bytes(1 << 20)
        bytes[510] = 0   // no DOS signature
        #expect(try PartitionTableReader.read(ByteImageReader(bytes: bytes)) == nil)
        #expect(try PartitionTableReader.read(ByteImageReader(bytes: bytes, logicalBlockSize: 4096)) == nil)
    }

    @Test("disks too small for any table")
    func tiny() throws {
        #expect(try PartitionTableReader.read(ByteImageReader(bytes: [])) == nil)
        var bytes = DOSImage.bootRecord([MBRRecord(0x83, start: 1, count: 1)])
        #expect(try PartitionTableReader.read(ByteImageReader(bytes: bytes)) == nil)   // 512 bytes < kpartx's 1 KiB read
        bytes += [UInt8](repeating: 0, count: 512)
        #expect(try PartitionTableReader.read(ByteImageReader(bytes: bytes))
            == PartitionTable(scheme: .dos, partitions: [part(1, 1, 1, .primary)]))
    }

    @Test("protective MBR without any GPT header is refused")
    func protectiveWithoutGPT() {
        let disk = DOSImage.disk(sectors512: Fixtures.sectors64M, mbr: [MBRRecord(0xEE, start: 1, count: 131071)])
        #expect(readError(disk) == .invalidGPT(primary: .badSignature(byteOffset: 512), backup: .badSignature(byteOffset: 67108352)))
    }

    @Test("unsupported logical block sizes")
    func blockSizes() {
        #expect(readError(ByteImageReader(bytes: [], logicalBlockSize: 520)) == .unsupportedLogicalBlockSize(520))
        #expect(readError(ByteImageReader(bytes: [], logicalBlockSize: 0)) == .unsupportedLogicalBlockSize(0))
        #expect(readError(ByteImageReader(bytes: [], logicalBlockSize: 256)) == .unsupportedLogicalBlockSize(256))
    }

    @Test("reader errors are reported with offset and reason")
    func readFailure() {
        var disk = Fixtures.gptStandard
        disk.failReadsFrom = 1024   // the primary entry array
        #expect(readError(disk) == .readFailed(byteOffset: 1024, count: 16384, reason: "Input/output error"))
    }

    @Test("a reader whose error cannot describe itself is reported as \"I/O error\"")
    func plainReaderError() throws {
        struct PlainDisk: SectorReader {
            enum Failure: Error { case eio }
            var disk: SparseDisk
            var logicalBlockSize: Int { disk.logicalBlockSize }
            var sizeInBytes: UInt64 { disk.sizeInBytes }
            func read(byteOffset: UInt64, count: Int) throws(Failure) -> [UInt8] {
                guard let bytes = try? disk.read(byteOffset: byteOffset, count: count) else { throw .eio }
                return bytes
            }
        }
        var disk = Fixtures.gptStandard
        #expect(try PartitionTableReader.read(PlainDisk(disk: disk))?.partitions.count == 3)
        disk.failReadsFrom = 512
        #expect(plainReadError(PlainDisk(disk: disk)) == .readFailed(byteOffset: 512, count: 512, reason: "I/O error"))
    }

    @Test("hand-written tables default to primary partitions in a DOS table")
    func defaults() {
        #expect(PartitionTable(partitions: [DiskPartition(number: 1, start: 2048, length: 8)], warnings: [])
            == PartitionTable(scheme: .dos, partitions: [part(1, 2048, 8, .primary)]))
    }

    @Test("other kpartx labels are reported as unsupported")
    func foreignLabels() {
        var sun = SparseDisk(sizeInBytes: 1 << 20)
        sun.write([0xDA, 0xBE], at: 508)
        #expect(readError(sun) == .unsupportedScheme(name: "sun", byteOffset: 508))

        var bsd = SparseDisk(sizeInBytes: 1 << 20)
        bsd.write(Bytes.le32(0x8256_4557), at: 512)
        #expect(readError(bsd) == .unsupportedScheme(name: "bsd", byteOffset: 512))
    }

    @Test("error messages name the offset")
    func messages() {
        #expect(PartitionTableError.extendedChainLoop(ebrByteOffset: 7340032).message
            == "extended partition chain loops back to the EBR at byte 7340032")
        #expect(PartitionTableError.invalidGPT(primary: .badSignature(byteOffset: 512), backup: .unreadable(lba: 9)).message
            == "protective MBR found but no valid GPT: primary: no \"EFI PART\" signature at byte 512; backup: LBA 9 is beyond the end of the disk")
    }
}

@Suite("Images written by sfdisk (util-linux 2.38.1)")
struct RecordedImageTests {
    @Test("DOS, 512-byte sectors: primary, extended, primary 3, three logicals")
    func dos512() throws {
        #expect(try PartitionTableReader.read(RecordedImages.dos512.disk) == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 8192, .primary),
            part(2, 10240, 2, .extended),
            part(3, 108544, 20480, .primary),
            part(5, 12288, 10240, .logical),
            part(6, 24576, 20480, .logical),
            part(7, 47104, 40960, .logical),
        ]))
    }

    @Test("GPT, 512-byte sectors, entry 2 unused")
    func gpt512() throws {
        #expect(try PartitionTableReader.read(RecordedImages.gpt512.disk) == PartitionTable(scheme: .gpt, partitions: [
            part(1, 2048, 4096, .gpt),
            part(3, 6144, 81920, .gpt),
            part(4, 88064, 42975, .gpt),
        ]))
    }

    @Test("GPT, 4096-byte sectors")
    func gpt4K() throws {
        #expect(try PartitionTableReader.read(RecordedImages.gpt4K.disk) == PartitionTable(scheme: .gpt, partitions: [
            part(1, 2048, 8192, .gpt),          // LBA 256, 1024 blocks
            part(2, 10240, 116736, .gpt),       // LBA 1280, 14592 blocks
        ]))
    }

    @Test("DOS, 4096-byte sectors, extended type 0x0F with two logicals")
    func dos4K() throws {
        #expect(try PartitionTableReader.read(RecordedImages.dos4K.disk) == PartitionTable(scheme: .dos, partitions: [
            part(1, 2048, 8192, .primary),      // LBA 256, 1024 blocks
            part(2, 16384, 8, .extended),       // LBA 2048, one block
            part(5, 18432, 16384, .logical),    // LBA 2304, 2048 blocks
            part(6, 36864, 32768, .logical),    // LBA 4608, 4096 blocks
        ]))
    }
}

@Suite("Fuzzing")
struct FuzzTests {
    /// Invariants for anything the reader returns.
    private func checkInvariants(_ table: PartitionTable?, diskBytes: UInt64) {
        guard let table else { return }
        var previous = 0
        for p in table.partitions {
            #expect(p.number > previous && p.number <= 256)
            #expect(p.length > 0)
            #expect(p.start + p.length <= diskBytes / 512)
            previous = p.number
        }
    }

    private func mutate(_ disk: inout SparseDisk, near offsets: [UInt64], random: inout SplitMix64) {
        for _ in 0..<(1 + random.below(8)) {
            let base = offsets[random.below(offsets.count)]
            let offset = base + UInt64(random.below(512))
            guard offset < disk.sizeInBytes else { continue }
            disk.write([UInt8(truncatingIfNeeded: random.next())], at: offset)
        }
    }

    @Test("mutated DOS tables never trap")
    func mutatedDOS() {
        var random = SplitMix64(state: 7)
        for _ in 0..<400 {
            var disk = Fixtures.dosExtended
            mutate(&disk, near: [0, 10240 * 512, 24576 * 512, 49152 * 512], random: &random)
            checkInvariants(try? PartitionTableReader.read(disk), diskBytes: disk.sizeInBytes)
        }
    }

    @Test("mutated GPT headers (re-checksummed) and entries never trap")
    func mutatedGPT() {
        var random = SplitMix64(state: 11)
        for round in 0..<300 {
            var disk = Fixtures.gptStandard
            mutate(&disk, near: [0, 512, 1024, 131071 * 512], random: &random)
            if round % 2 == 0, var header = try? disk.read(byteOffset: 512, count: 92) {
                // Fix the CRC so the mutated fields get past the header check.
                header.replaceSubrange(16..<20, with: [0, 0, 0, 0])
                header.replaceSubrange(16..<20, with: Bytes.le32(Bytes.crc32(header)))
                disk.write(header, at: 512)
            }
            checkInvariants(try? PartitionTableReader.read(disk), diskBytes: disk.sizeInBytes)
        }
    }

    @Test("random small images and block sizes never trap")
    func randomImages() {
        var random = SplitMix64(state: 3)
        for _ in 0..<300 {
            var bytes = random.bytes(random.below(6000))
            if bytes.count > 511 && random.below(2) == 0 {
                bytes[510] = 0x55
                bytes[511] = 0xAA
            }
            let blockSize = [512, 1024, 2048, 4096][random.below(4)]
            let reader = ByteImageReader(bytes: bytes, logicalBlockSize: blockSize)
            checkInvariants(try? PartitionTableReader.read(reader), diskBytes: reader.sizeInBytes)
        }
    }
}

/// Images made once with sfdisk, kept as the runs of non-zero bytes (see
/// `RecordedImage`). kpartx 0.9.4 `-l` on loop devices of these files printed
/// (logicals relative to the extended container at 10240 / 16384):
///   dos512: p1 0 8192 2048, p2 0 2 10240, p3 0 20480 108544, p5 0 10240 +2048, p6 0 20480 +14336, p7 0 40960 +36864
///   gpt512: p1 0 4096 2048, p3 0 81920 6144, p4 0 42975 88064
///   gpt4k:  p1 0 8192 2048, p2 0 116736 10240
///   dos4k:  p1 0 8192 2048, p2 0 8 16384, p5 0 16384 +2048, p6 0 32768 +20480
enum RecordedImages {
    /*
     truncate -s 64M dos512.img; sfdisk dos512.img <<EOF
     label: dos
     label-id: 0x12345678
     unit: sectors

     start=2048, size=8192, type=83, bootable
     start=10240, size=98304, type=5
     start=12288, size=10240, type=83
     start=24576, size=20480, type=82
     start=47104, size=40960, type=83
     start=108544, size=20480, type=83
     EOF
     */
    static let dos512 = RecordedImage(sizeInBytes: 64 << 20, logicalBlockSize: 512, runs: [
        (440, """
            7856341200008020210083a22200000800000020000000a2230005c03a06002800000080010000c03b0683073f0800a8
            01000050
            """),
        (510, "55aa"),
        (5243327, "c304008366250100080000002800000066260105cd0b02003000000058"),
        (5243390, "55aa"),
        (11534783, "87070182cd0b02000800000050000000cd0c02057a35050088000000a8"),
        (11534846, "55aa"),
        (23069119, "ed2c02837a35050008000000a0"),
        (23069182, "55aa"),
    ])

    /*
     truncate -s 64M gpt512.img; sfdisk gpt512.img <<EOF
     label: gpt
     label-id: 5A0E4B2C-1D3F-4E5A-8B6C-7D8E9FA0B1C2
     unit: sectors

     gpt512.img1 : start=2048, size=4096, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=11111111-2222-3333-4444-555555555555, name="esp"
     gpt512.img3 : start=6144, size=81920, type=0FC63DAF-8483-4772-8E79-3D69D8E47DE4, uuid=66666666-7777-8888-9999-AAAAAAAAAAAA, name="root"
     gpt512.img4 : start=88064, size=42975, type=0657FD6D-A4AB-43C4-84E5-0933C84B4F4F, uuid=BBBBBBBB-CCCC-DDDD-EEEE-FFFFFFFFFFFF, name="swap"
     EOF
     */
    static let gpt512 = RecordedImage(sizeInBytes: 64 << 20, logicalBlockSize: 512, runs: [
        (448, "0200eeffffff01000000ffff01"),
        (510, """
            55aa4546492050415254000001005c000000b8ac57cf000000000100000000000000ffff010000000000000800000000
            0000deff0100000000002c4b0e5a3f1d5a4e8b6c7d8e9fa0b1c202000000000000008000000080000000cd03588c
            """),
        (1024, """
            28732ac11ff8d211ba4b00a0c93ec93b111111112222333344445555555555550008000000000000ff17000000000000
            00000000000000006500730070
            """),
        (1280, """
            af3dc60f838472478e793d69d8e47de466666666777788889999aaaaaaaaaaaa0018000000000000ff57010000000000
            000000000000000072006f006f0074
            """),
        (1408, """
            6dfd5706aba4c44384e50933c84b4f4fbbbbbbbbccccddddeeeeffffffffffff0058010000000000deff010000000000
            000000000000000073007700610070
            """),
        (67091968, """
            28732ac11ff8d211ba4b00a0c93ec93b111111112222333344445555555555550008000000000000ff17000000000000
            00000000000000006500730070
            """),
        (67092224, """
            af3dc60f838472478e793d69d8e47de466666666777788889999aaaaaaaaaaaa0018000000000000ff57010000000000
            000000000000000072006f006f0074
            """),
        (67092352, """
            6dfd5706aba4c44384e50933c84b4f4fbbbbbbbbccccddddeeeeffffffffffff0058010000000000deff010000000000
            000000000000000073007700610070
            """),
        (67108352, """
            4546492050415254000001005c0000007d605b4100000000ffff01000000000001000000000000000008000000000000
            deff0100000000002c4b0e5a3f1d5a4e8b6c7d8e9fa0b1c2dfff0100000000008000000080000000cd03588c
            """),
    ])

    /*
     truncate -s 64M gpt4k.img; L=$(losetup --sector-size 4096 -f --show gpt4k.img); sfdisk $L <<EOF
     label: gpt
     label-id: 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0
     unit: sectors

     start=256, size=1024, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=01010101-0202-0303-0404-050505050505, name="esp"
     start=1280, size=14592, type=0FC63DAF-8483-4772-8E79-3D69D8E47DE4, uuid=06060606-0707-0808-0909-0A0A0A0A0A0A, name="root"
     EOF
     */
    static let gpt4K = RecordedImage(sizeInBytes: 64 << 20, logicalBlockSize: 4096, runs: [
        (448, "0200eeffffff01000000ff3f"),
        (510, "55aa"),
        (4096, """
            4546492050415254000001005c0000001a12f9f6000000000100000000000000ff3f0000000000000001000000000000
            fa3f0000000000003c2d1e0f5a4b78698796a5b4c3d2e1f002000000000000008000000080000000e0670f21
            """),
        (8192, """
            28732ac11ff8d211ba4b00a0c93ec93b010101010202030304040505050505050001000000000000ff04000000000000
            00000000000000006500730070
            """),
        (8320, """
            af3dc60f838472478e793d69d8e47de4060606060707080809090a0a0a0a0a0a0005000000000000ff3d000000000000
            000000000000000072006f006f0074
            """),
        (67088384, """
            28732ac11ff8d211ba4b00a0c93ec93b010101010202030304040505050505050001000000000000ff04000000000000
            00000000000000006500730070
            """),
        (67088512, """
            af3dc60f838472478e793d69d8e47de4060606060707080809090a0a0a0a0a0a0005000000000000ff3d000000000000
            000000000000000072006f006f0074
            """),
        (67104768, """
            4546492050415254000001005c0000007dbcdd1600000000ff3f00000000000001000000000000000001000000000000
            fa3f0000000000003c2d1e0f5a4b78698796a5b4c3d2e1f0fb3f0000000000008000000080000000e0670f21
            """),
    ])

    /*
     truncate -s 64M dos4k.img; L=$(losetup --sector-size 4096 -f --show dos4k.img); sfdisk $L <<EOF
     label: dos
     label-id: 0x0badcafe
     unit: sectors

     start=256, size=1024, type=83
     start=2048, size=12288, type=f
     start=2304, size=2048, type=83
     start=4608, size=4096, type=83
     EOF
     */
    static let dos4K = RecordedImage(sizeInBytes: 64 << 20, logicalBlockSize: 4096, runs: [
        (440, "fecaad0b000000040500831414000001000000040000002021000fe32300000800000030"),
        (510, "55aa"),
        (8389055, "24250083450500000100000008000000450600058a0a00000900000011"),
        (8389118, "55aa"),
        (17826239, "490a00838a0a00000100000010"),
        (17826302, "55aa"),
    ])
}
