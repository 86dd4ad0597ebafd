// BlockDeviceReader: reads sectors of a block device (read-only open, pread), for partition
// tables of the maps mpathboot makes. Never opened for writing.
import CMPath
import MultipathCore

/// A read-only open block device, as a `SectorReader` for the partition table parser.
///
/// The corresponding C calls are `open(O_RDONLY)`, `ioctl(BLKGETSIZE64)`,
/// `ioctl(BLKSSZGET)` and `pread`. With `direct`, the device is opened `O_DIRECT` and read
/// in whole logical blocks into an aligned buffer: no read-ahead, and nothing of a path
/// device is left in the page cache, where a later `blkid` of the path would find it stale
/// once the map below it has been written. The first 16 KiB are read at once and kept, with
/// the last other read: kpartx's readers ask for sectors 0 and 1 (DOS, GPT), 29 (a foreign
/// label) and the last one (the backup GPT header) in 512-byte and 1 KiB pieces, six reads
/// of an empty disk that become two SCSI READs.
public final class BlockDeviceReader: SectorReader {
    public typealias ReadError = SystemError

    public let path: String
    public let logicalBlockSize: Int
    public let sizeInBytes: UInt64
    private let fd: Int32
    private let direct: Bool
    /// The last two windows read with O_DIRECT: start and bytes (fewer at the device's end).
    /// Two: the readers go from the start of the disk to its last block and back.
    private var windows: [(start: UInt64, bytes: [UInt8])] = []
    private static let windowSize: UInt64 = 16384

    public init(path: String, direct: Bool = false) throws(SystemError) {
        self.path = path
        self.direct = direct
        switch retryingOnInterrupt({ cmp_open(path, O_RDONLY | (direct ? cmp_O_DIRECT() : 0)) }) {
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
        if count <= 0 { return [] }
        guard direct else {
            var buffer = [UInt8](repeating: 0, count: count)
            let done = buffer.withUnsafeMutableBytes { raw in
                Result { () throws(SystemError) in try readFully(into: raw.baseAddress!, count: count, at: byteOffset) }
            }
            return Array(buffer.prefix(try done.get()))
        }
        for window in windows where byteOffset >= window.start
            && byteOffset + UInt64(count) <= window.start + UInt64(window.bytes.count) {
            let from = Int(byteOffset - window.start)
            return Array(window.bytes[from..<(from + count)])
        }
        // O_DIRECT: offset, length and buffer address all in whole logical blocks. A request
        // in the first 16 KiB reads all of them (every table starts there); any other only
        // its own blocks (the backup GPT header: the disk's last block).
        let block = UInt64(logicalBlockSize)
        let head = max(block, BlockDeviceReader.windowSize)
        let inHead = byteOffset + UInt64(count) <= head
        let start = inHead ? 0 : byteOffset / block * block
        let end = inHead ? head : (byteOffset + UInt64(count) + block - 1) / block * block
        let length = Int(end - start)
        var memory: UnsafeMutableRawPointer? = nil
        guard posix_memalign(&memory, max(logicalBlockSize, 4096), max(length, 1)) == 0, let memory else {
            throw .file(path: path, operation: "allocate \(length) bytes for", .outOfMemory)
        }
        defer { free(memory) }
        let done = try readFully(into: memory, count: length, at: start)
        if windows.count == 2 { windows.removeFirst() }
        windows.append((start, Array(UnsafeRawBufferPointer(start: memory, count: done))))
        let skip = Int(byteOffset - start)
        guard done > skip else { return [] }
        let bytes = UnsafeRawBufferPointer(start: memory + skip, count: min(count, done - skip))
        return Array(bytes)
    }

    /// pread until `count` bytes or the end of the device; the number read.
    private func readFully(into buffer: UnsafeMutableRawPointer, count: Int, at offset: UInt64) throws(SystemError) -> Int {
        var done = 0
        while done < count {
            let got = pread(fd, buffer + done, count - done, off_t(offset) + off_t(done))
            if got < 0 {
                let errno = Errno.current
                if errno == .interrupted { continue }
                throw .file(path: path, operation: "read at byte \(offset + UInt64(done))", errno)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }
}

/// Reads partition tables of new maps: from one of their paths when one is known to be up,
/// else through the map's `/dev/mapper` node.
public struct DevicePartitionSource: PartitionTableSource {
    public var nodes: DeviceNodes

    public init(nodes: DeviceNodes) {
        self.nodes = nodes
    }

    /// The table of map `mapName`, read from the first of `paths` (kernel names of path
    /// devices whose checker found them up, best first) that can be read, else from the map.
    ///
    /// A path holds the same blocks as the map. Read there (O_DIRECT, whole blocks), the
    /// table costs one SCSI READ; read through a map that has carried no I/O yet, it first
    /// waits for dm-multipath's path group initialisation (the handler's activate: for ALUA
    /// a REPORT TARGET PORT GROUPS from kaluad), and with page-cache read-ahead 128 KiB
    /// are read. In the benchmark's 256x4 boot that was 3.5 s of a 12 s assemble.
    public func partitionTable(mapName: String, device: DeviceNumber, paths: [String]) throws(SystemError) -> PartitionTable? {
        for name in paths {
            // A path that cannot be opened or read now is left for the next one or the map;
            // a table that does not parse would not parse through the map either.
            guard let reader = try? BlockDeviceReader(path: nodes.devRoot + "/" + name, direct: true) else { continue }
            do throws(PartitionTableError) {
                return try PartitionTableReader.read(reader)
            } catch {
                if case .readFailed = error { continue }
                throw .malformed(path: nodes.path(of: mapName), detail: error.message)
            }
        }
        let reader = try BlockDeviceReader(path: nodes.path(of: mapName))
        do throws(PartitionTableError) {
            return try PartitionTableReader.read(reader)
        } catch {
            throw .malformed(path: nodes.path(of: mapName), detail: error.message)
        }
    }
}
