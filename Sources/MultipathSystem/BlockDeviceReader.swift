// BlockDeviceReader: reads sectors of a block device (read-only open, pread), for partition
// tables of the maps mpathboot makes. Never opened for writing.
import CMPath
import MultipathCore

/// A read-only open block device, as a `SectorReader` for the partition table parser.
///
/// The corresponding C calls are `open(O_RDONLY)`, `ioctl(BLKGETSIZE64)`,
/// `ioctl(BLKSSZGET)` and `pread`.
public final class BlockDeviceReader: SectorReader {
    public typealias ReadError = SystemError

    public let path: String
    public let logicalBlockSize: Int
    public let sizeInBytes: UInt64
    private let fd: Int32

    public init(path: String) throws(SystemError) {
        self.path = path
        switch retryingOnInterrupt({ cmp_open(path, O_RDONLY) }) {
        case .success(let value): fd = value
        case .failure(let errno): throw .file(path: path, operation: "open", errno)
        }
        var size: UInt64 = 0
        var blockSize: Int32 = 512
        if cmp_ioctl(fd, cmp_BLKGETSIZE64(), &size) != 0 {
            // A regular file (a disk image: tests, rescue) has its size in fstat instead.
            let errno = Errno.current
            var info = stat()
            guard fstat(fd, &info) == 0, cmp_s_isreg(info.st_mode) != 0 else {
                close(fd)
                throw .ioctl(device: path, request: "BLKGETSIZE64", errno)
            }
            size = UInt64(info.st_size)
        }
        if cmp_ioctl(fd, cmp_BLKSSZGET(), &blockSize) != 0 || blockSize <= 0 { blockSize = 512 }
        sizeInBytes = size
        logicalBlockSize = Int(blockSize)
    }

    deinit {
        close(fd)
    }

    public func read(byteOffset: UInt64, count: Int) throws(SystemError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + done, count - done, off_t(byteOffset) + off_t(done))
            }
            if got < 0 {
                let errno = Errno.current
                if errno == .interrupted { continue }
                throw .file(path: path, operation: "read at byte \(byteOffset + UInt64(done))", errno)
            }
            if got == 0 { break }
            done += got
        }
        return Array(buffer.prefix(done))
    }
}

/// Reads partition tables of maps through their `/dev/mapper` nodes.
public struct DevicePartitionSource: PartitionTableSource {
    public var nodes: DeviceNodes

    public init(nodes: DeviceNodes) {
        self.nodes = nodes
    }

    public func partitionTable(mapName: String, device: DeviceNumber) throws(SystemError) -> PartitionTable? {
        let reader = try BlockDeviceReader(path: nodes.path(of: mapName))
        do throws(PartitionTableError) {
            return try PartitionTableReader.read(reader)
        } catch {
            throw .malformed(path: nodes.path(of: mapName), detail: error.message)
        }
    }
}
