// FileSystem: the handful of file operations mpathboot needs, as thin typed-throwing
// wrappers over libc (open/read/readlink/opendir/stat/mknod/symlink). No policy here.
import CMPath
import MultipathCore

/// Thin wrappers over libc file calls. Every failure carries the path and errno.
///
/// Paths go to libc through `withCString`, which hands a native String's own NUL-terminated
/// bytes over; the implicit String-to-pointer conversion copies them into a new array on
/// every call (at 4096 paths, ~60,000 sysfs reads: 3% of `assemble`'s instructions).
public enum FileSystem {
    /// Reads a whole file (sysfs attributes, VPD pages, config files), at most `limit` bytes.
    /// The corresponding C calls are `open(O_RDONLY)`, `read` and `close`.
    public static func readBytes(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> [UInt8] {
        let fd: Int32
        switch retryingOnInterrupt({ path.withCString { cmp_open($0, O_RDONLY) } }) {
        case .success(let value): fd = value
        case .failure(let errno): throw .file(path: path, operation: "open", errno)
        }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while out.count < limit {
            let want = min(chunk.count, limit - out.count)
            let result = retryingOnInterrupt { chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, want) } }
            switch result {
            case .success(let count):
                if count == 0 { return out }
                out.append(contentsOf: chunk[0..<count])
            case .failure(let errno):
                throw .file(path: path, operation: "read", errno)
            }
        }
        return out
    }

    /// Reads a text file and returns it as a String (invalid UTF-8 is repaired, not rejected).
    // Never inlined: Embedded -Osize copied the read, UTF-8 repair and trim into every
    // caller (EddReader.read had four copies, ~1 KB each).
    @inline(never)
    public static func readText(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> String {
        String(decoding: try readBytes(path, limit: limit), as: UTF8.self)
    }

    /// Reads a one-line sysfs attribute with surrounding white space removed; nil if absent,
    /// unreadable or empty (a missing attribute is normal: not every device has every one,
    /// and the kernel shows some, like `access_state` without ALUA, as empty).
    @inline(never)
    public static func attribute(_ path: String) -> String? {
        guard let text = try? readText(path, limit: 4096) else { return nil }
        let value = TextScan.trimmed(text)
        return value.isEmpty ? nil : value
    }

    /// The names in a directory, without `.` and `..`, sorted.
    /// The corresponding C calls are `opendir`, `readdir`, `closedir`.
    public static func listDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let dir = path.withCString({ opendir($0) }) else {
            throw .file(path: path, operation: "opendir", Errno.current)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = String(cString: cmp_dirent_name(entry))
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return StableOrder.sorted(names)
    }

    /// The target of a symbolic link. The corresponding C call is `readlink`.
    public static func readLink(_ path: String) throws(SystemError) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = path.withCString { name in buffer.withUnsafeMutableBufferPointer { readlink(name, $0.baseAddress!, 4095) } }
        guard count >= 0 else { throw .file(path: path, operation: "readlink", Errno.current) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The canonical absolute path (symlinks resolved). The corresponding C call is `realpath`.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = path.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True if something exists at `path` (following links).
    public static func exists(_ path: String) -> Bool {
        path.withCString { access($0, F_OK) } == 0
    }

    /// `stat(2)` of `path`.
    public static func status(_ path: String) throws(SystemError) -> stat {
        var info = stat()
        guard path.withCString({ stat($0, &info) }) == 0 else { throw .file(path: path, operation: "stat", Errno.current) }
        return info
    }

    /// `lstat(2)` of `path` (does not follow a final symlink).
    public static func linkStatus(_ path: String) throws(SystemError) -> stat {
        var info = stat()
        guard path.withCString({ lstat($0, &info) }) == 0 else { throw .file(path: path, operation: "lstat", Errno.current) }
        return info
    }

    /// Creates a directory (and its parents) with mode 0755; an existing one is fine.
    public static func makeDirectories(_ path: String) throws(SystemError) {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if prefix.withCString({ mkdir($0, 0o755) }) != 0 {
                let error = Errno.current
                if error != .exists { throw .file(path: prefix, operation: "mkdir", error) }
            }
        }
    }

    /// Creates a block device node. The corresponding C call is `mknod(S_IFBLK)`.
    public static func makeBlockNode(_ path: String, device: (major: UInt32, minor: UInt32)) throws(SystemError) {
        let mode = mode_t(S_IFBLK) | 0o600
        guard path.withCString({ mknod($0, mode, cmp_makedev(device.major, device.minor)) }) == 0 else {
            throw .file(path: path, operation: "mknod", Errno.current)
        }
    }

    /// Creates `path` (which must not exist) with `text`, mode 0644.
    /// The corresponding C calls are `open(O_WRONLY|O_CREAT|O_EXCL)`, `write`, `close`.
    public static func writeNewFile(_ path: String, _ text: String) throws(SystemError) {
        let fd = path.withCString { cmp_open_mode($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        guard fd >= 0 else { throw .file(path: path, operation: "create", Errno.current) }
        defer { close(fd) }
        if case .failure(let error) = writeAll(fd: fd, text) { throw .file(path: path, operation: "write", error) }
    }

    /// Writes all of `text` to `fd`, retrying short writes and EINTR.
    public static func writeAll(fd: Int32, _ text: String) -> Result<Void, Errno> {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                let error = Errno.current
                if error == .interrupted { continue }
                return .failure(error)
            }
            offset += written
        }
        return .success(())
    }

    /// Removes a file or node. ENOENT is not an error.
    public static func remove(_ path: String) throws(SystemError) {
        if unlink(path) != 0 {
            let error = Errno.current
            if error != .noSuchFileOrDirectory { throw .file(path: path, operation: "unlink", error) }
        }
    }
}
