// SysfsDirectory: one sysfs directory held open, its attributes read relative to it. The
// scan reads ~15 attributes a path device; through `/sys/block/<name>/device/<attr>` each
// open walked both symlinks and every directory of the device's path again.
import CMPath
import MultipathCore

/// A directory opened once (`open(O_DIRECTORY)`), read with `openat`, `readlinkat`,
/// `faccessat` and `fdopendir`. Closed when the last reference goes.
///
/// Attributes are read the way sysfs hands them out (fs/kernfs/file.c): a text attribute is
/// one `show()` into a page and comes whole from the first read; a binary one (`inquiry`,
/// `vpd_pg83`) comes at most a page a read. So a read shorter than a page is the end, and
/// the read that would only say end-of-file is not made.
public final class SysfsDirectory {
    /// The path it was opened by, for messages and for building other paths.
    public let path: String
    private let fd: Int32

    /// Opens `path` (symlinks followed); nil with errno set when it cannot be opened.
    public init?(path: String) {
        let fd = path.withCString { cmp_open($0, O_RDONLY | O_DIRECTORY) }
        guard fd >= 0 else { return nil }
        self.path = path
        self.fd = fd
    }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit {
        close(fd)
    }

    /// The directory `name` below this one (a symlink to a directory is followed).
    public func subdirectory(_ name: String) -> SysfsDirectory? {
        let child = name.withCString { cmp_openat(fd, $0, O_RDONLY | O_DIRECTORY) }
        return child >= 0 ? SysfsDirectory(path: path + "/" + name, fd: child) : nil
    }

    /// A one-line attribute with surrounding white space (and NULs) removed; nil when absent,
    /// unreadable or empty, as `FileSystem.attribute`.
    public func attribute(_ name: String) -> String? {
        guard let bytes = try? bytes(name, limit: 4096) else { return nil }
        let value = TextScan.trimmed(String(decoding: bytes, as: UTF8.self))
        return value.isEmpty ? nil : value
    }

    /// The attribute `name` as bytes, at most `limit` of them.
    public func bytes(_ name: String, limit: Int) throws(SystemError) -> [UInt8] {
        let file: Int32
        switch retryingOnInterrupt({ name.withCString { cmp_openat(fd, $0, O_RDONLY) } }) {
        case .success(let value): file = value
        case .failure(let errno): throw .file(path: path + "/" + name, operation: "open", errno)
        }
        defer { close(file) }
        let page = 4096
        var out: [UInt8] = []
        var failure: Errno?
        // One page on the stack, reused: the result is copied out at its exact size (the scan
        // keeps three binary attributes a path; 4 KiB arrays for them were 48 MiB at 4096).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: page) { buffer in
            while out.count < limit {
                let want = min(page, limit - out.count)
                switch retryingOnInterrupt({ read(file, buffer.baseAddress, want) }) {
                case .success(let count):
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
                    if count < page { return }
                case .failure(let errno):
                    failure = errno
                    return
                }
            }
        }
        if let failure { throw .file(path: path + "/" + name, operation: "read", failure) }
        return out
    }

    /// The names in the subdirectory `name` (`"."` for this one), without `.` and `..`,
    /// sorted; nil when it cannot be opened. With `prefix`, only the names that start with
    /// it (a disk's partitions among its ~25 attributes: only those are made Strings).
    public func list(_ name: String, prefix: String = "") -> [String]? {
        let child = name.withCString { cmp_openat(fd, $0, O_RDONLY | O_DIRECTORY) }
        guard child >= 0 else { return nil }
        guard let dir = fdopendir(child) else {
            close(child)
            return nil
        }
        defer { closedir(dir) }
        var names: [String] = []
        let wanted = Array(prefix.utf8)
        while let entry = readdir(dir) {
            guard let raw = cmp_dirent_name(entry) else { continue }
            if !wanted.isEmpty && !SysfsDirectory.starts(raw, with: wanted) { continue }
            let entryName = String(cString: raw)
            if entryName == "." || entryName == ".." { continue }
            names.append(entryName)
        }
        return StableOrder.sorted(names)
    }

    private static func starts(_ name: UnsafePointer<CChar>, with prefix: [UInt8]) -> Bool {
        for (index, byte) in prefix.enumerated() where UInt8(bitPattern: name[index]) != byte {
            return false
        }
        return true
    }

    /// The text of the symlink `name`; nil when it is no symlink or absent.
    public func link(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = name.withCString { entry in
            buffer.withUnsafeMutableBufferPointer { readlinkat(fd, entry, $0.baseAddress!, 4095) }
        }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `name` exists below this directory (symlinks followed).
    public func exists(_ name: String) -> Bool {
        name.withCString { faccessat(fd, $0, F_OK, 0) } == 0
    }
}
