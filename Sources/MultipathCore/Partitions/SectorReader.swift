/// Random-access, read-only view of a whole block device (here: a dm-multipath
/// map) as the partition-table parsers need it.
///
/// This is the only way the parsers do I/O, so they stay pure and can run on
/// in-memory images in tests and fuzzers. Offsets need not be aligned to
/// `logicalBlockSize`. kpartx itself reads 1 KiB at multiples of 512 bytes
/// (`kpartx.c:getblock`), and the parsers do the same.
public protocol SectorReader {
    /// The error type of `read(byteOffset:count:)`. If it also conforms to
    /// `SectorReadError`, its `message` ends up in `PartitionTableError.readFailed`.
    associatedtype ReadError: Error

    /// Logical block size in bytes, as the `BLKSSZGET` ioctl reports it
    /// (kpartx `get_sector_size`). GPT LBAs and DOS sector numbers are in
    /// these units.
    var logicalBlockSize: Int { get }

    /// Device size in bytes, as `BLKGETSIZE64` reports it.
    var sizeInBytes: UInt64 { get }

    /// Returns exactly `count` bytes starting at `byteOffset`. The parsers
    /// only ask for ranges inside `sizeInBytes`.
    func read(byteOffset: UInt64, count: Int) throws(ReadError) -> [UInt8]
}

/// A `SectorReader` error that can describe itself. Embedded Swift has no
/// `String(describing:)`, so without this a read failure is reported without
/// its reason.
public protocol SectorReadError: Error {
    /// One-line, human-readable reason (for example the errno text).
    var message: String { get }
}

/// A `SectorReader` over a byte array: a complete disk image in memory.
/// Used by the tests and for fuzzing the parsers.
public struct ByteImageReader: SectorReader, Sendable {
    /// A read outside the image.
    public struct ReadError: SectorReadError, Equatable, Sendable {
        /// Description of the failed read.
        public var message: String
    }

    /// The whole disk image.
    public var bytes: [UInt8]
    /// Logical block size the image pretends to have.
    public var logicalBlockSize: Int

    /// Wraps `bytes` as a disk whose logical blocks are `logicalBlockSize` bytes.
    public init(bytes: [UInt8], logicalBlockSize: Int = 512) {
        self.bytes = bytes
        self.logicalBlockSize = logicalBlockSize
    }

    /// `bytes.count`.
    public var sizeInBytes: UInt64 { UInt64(bytes.count) }

    /// Copies `count` bytes at `byteOffset`; throws if the range is not inside the image.
    public func read(byteOffset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        guard count >= 0, byteOffset <= sizeInBytes, UInt64(count) <= sizeInBytes - byteOffset else {
            throw ReadError(message: "range \(byteOffset)+\(count) is outside the \(bytes.count)-byte image")
        }
        let start = Int(byteOffset)
        return Array(bytes[start..<(start + count)])
    }
}

/// Gives any `SectorReader` an error type with a `message`, so the parsers need
/// only one code path. `describe` turns the base reader's error into text.
struct DescribingReader<Base: SectorReader>: SectorReader {
    struct ReadError: SectorReadError {
        var message: String
    }

    var base: Base
    var describe: (Base.ReadError) -> String

    var logicalBlockSize: Int { base.logicalBlockSize }
    var sizeInBytes: UInt64 { base.sizeInBytes }

    func read(byteOffset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
        do throws(Base.ReadError) {
            return try base.read(byteOffset: byteOffset, count: count)
        } catch {
            throw ReadError(message: describe(error))
        }
    }
}

// The two ways kpartx reads the disk, on top of the injected reader. Both turn
// the reader's error into `PartitionTableError.readFailed`.
extension SectorReader where ReadError: SectorReadError {
    /// Reads `count` bytes (all inside the device) and checks the reader kept its contract.
    func checkedRead(byteOffset: UInt64, count: Int) throws(PartitionTableError) -> [UInt8] {
        let bytes: [UInt8]
        do throws(ReadError) {
            bytes = try read(byteOffset: byteOffset, count: count)
        } catch {
            throw .readFailed(byteOffset: byteOffset, count: count, reason: error.message)
        }
        guard bytes.count == count else {
            throw .readFailed(byteOffset: byteOffset, count: count, reason: "reader returned \(bytes.count) bytes")
        }
        return bytes
    }

    /// kpartx `getblock(fd, secnr)`: 1024 bytes at `sector512 * 512`, or nil
    /// when fewer than 1024 bytes are left on the device. (kpartx treats a short
    /// read as failure, so an EBR in the very last 512-byte sector is unreadable.)
    func kpartxBlock(sector512: UInt64) throws(PartitionTableError) -> [UInt8]? {
        let (offset, overflow) = sector512.multipliedReportingOverflow(by: 512)
        guard !overflow, offset <= sizeInBytes, sizeInBytes - offset >= 1024 else { return nil }
        return try checkedRead(byteOffset: offset, count: 1024)
    }

    /// kpartx gpt.c `read_lba`: `count` bytes at `byteOffset`. A read that starts
    /// inside the device but runs past its end succeeds, and the missing tail is
    /// zero (kpartx `memset`s its buffer first). A read starting at or past the
    /// end returns nil.
    func kpartxReadLBA(byteOffset: UInt64, count: Int) throws(PartitionTableError) -> [UInt8]? {
        guard byteOffset < sizeInBytes else { return nil }
        let available = min(UInt64(count), sizeInBytes - byteOffset)
        var bytes = try checkedRead(byteOffset: byteOffset, count: Int(available))
        if bytes.count < count {
            bytes.append(contentsOf: repeatElement(0, count: count - bytes.count))
        }
        return bytes
    }
}
