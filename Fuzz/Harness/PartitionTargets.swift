// mbr and gpt: partition tables read the way kpartx reads them, from an in-memory disk.

extension FuzzTargets {
    /// Input: a disk image in the encoding of `FuzzDiskImage` (flags byte, tail length,
    /// payload), seeded with DOS tables. Asserts what `FuzzPartitions.read` checks.
    public static func mbr(_ input: [UInt8]) {
        var image = FuzzDiskImage(input)
        image.repairCRCs = false
        FuzzPartitions.read(image)
        image.recycle()
    }

    /// Input: as for `mbr`, seeded with GPT images. When flag bit 4 is set, the CRCs of the
    /// headers at LBA 1, at the primary's AlternateLBA and at the last LBA (and of their
    /// entry arrays) are recomputed first, so that the fuzzer gets past the checksums and
    /// reaches the code behind them. Asserts what `FuzzPartitions.read` checks.
    public static func gpt(_ input: [UInt8]) {
        var image = FuzzDiskImage(input)
        if image.repairCRCs {
            repairGPT(&image)
        }
        FuzzPartitions.read(image)
        image.recycle()
    }

    /// Recomputes the entry array CRC and then the header CRC of each header that has the
    /// "EFI PART" signature, as kpartx would compute them. Entry arrays above 64 KiB are left
    /// alone (the byte-wise CRC would dominate the run time).
    static func repairGPT(_ image: inout FuzzDiskImage) {
        let blockSize = image.logicalBlockSize
        let blocks = image.bytes.count / blockSize
        guard blocks >= 2 else { return }
        repairHeader(&image, lba: 1)
        let headerAt1 = blockSize
        if image.bytes.count >= headerAt1 + 512 {
            let alternate = image.bytes.le64(at: headerAt1 + 32)
            if alternate > 1 && alternate < UInt64(blocks - 1) {
                repairHeader(&image, lba: Int(alternate))
            }
        }
        repairHeader(&image, lba: blocks - 1)
    }

    private static func repairHeader(_ image: inout FuzzDiskImage, lba: Int) {
        let blockSize = image.logicalBlockSize
        let offset = lba * blockSize
        guard offset + 512 <= image.bytes.count,
              image.bytes.le64(at: offset) == GPT.headerSignature else { return }
        let headerSize = Int(image.bytes.le32(at: offset + 12))
        guard headerSize <= 512 else { return }

        let entryLBA = image.bytes.le64(at: offset + 72)
        let arrayBytes = UInt64(image.bytes.le32(at: offset + 80)) * 128
        let (arrayOffset, overflow) = entryLBA.multipliedReportingOverflow(by: UInt64(blockSize))
        if !overflow, arrayBytes != 0, arrayBytes <= 64 << 10,
           arrayOffset < UInt64(image.bytes.count) {
            let start = Int(arrayOffset)
            let available = min(Int(arrayBytes), image.bytes.count - start)
            var crc = CRC32()
            crc.update(image.bytes, range: start..<(start + available))
            crc.updateZeros(count: arrayBytes - UInt64(available))
            store(crc.value, in: &image.bytes, at: offset + 88)
        }

        store(0, in: &image.bytes, at: offset + 16)
        var crc = CRC32()
        crc.update(image.bytes, range: offset..<(offset + headerSize))
        store(crc.value, in: &image.bytes, at: offset + 16)
    }

    private static func store(_ value: UInt32, in bytes: inout [UInt8], at index: Int) {
        for i in 0..<4 {
            bytes[index + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(i)))
        }
    }
}
