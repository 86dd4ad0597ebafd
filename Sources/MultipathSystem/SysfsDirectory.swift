// SysfsDirectory: one sysfs directory held open, its attributes read relative to it. The
// scan reads ~15 attributes a path device; through `/sys/block/<name>/device/<attr>` each
// open walked both symlinks and every directory of the device's path again.
import CMPath
import MultipathCore

/// A directory opened once (`open(O_DIRECTORY)`), read with `openat`, `readlinkat` and
/// `getdents64`. Closed when the last reference goes. One page buffer is
/// shared with its subdirectories: not for use from two threads (mpathboot has one).
///
/// Attributes are read the way sysfs hands them out (fs/kernfs/file.c): a text attribute is
/// one `show()` into a page and comes whole from the first read; a binary one (`inquiry`,
/// `vpd_pg83`) comes at most a page a read. So a read shorter than a page is the end, and
/// the read that would only say end-of-file is not made.
public final class SysfsDirectory {
    /// The path it was opened by, for messages and for building other paths.
    public let path: String
    private let fd: Int32
    /// Where reads and readlinks land before they are copied out at their size; shared with
    /// the subdirectories opened from here. A page allocated per read cost musl's malloc an
    /// mmap and a munmap each time (it hands back a freed 16 KiB group at once).
    private let page: Page

    final class Page {
        static let size = 4096
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: Page.size, alignment: 16)
        deinit { bytes.deallocate() }
    }

    /// Opens `path` (symlinks followed); nil with errno set when it cannot be opened.
    public init?(path: String) {
        let fd = path.withCString { cmp_open($0, O_RDONLY | O_DIRECTORY) }
        guard fd >= 0 else { return nil }
        self.path = path
        self.fd = fd
        self.page = Page()
    }

    private init(path: String, fd: Int32, page: Page) {
        self.path = path
        self.fd = fd
        self.page = page
    }

    deinit {
        close(fd)
    }

    /// The directory `name` relative to this one (a symlink to a directory is followed), known
    /// in messages as `path` (default: this one's path, then `name`).
    public func subdirectory(_ name: String, path: String? = nil) -> SysfsDirectory? {
        let child = name.withCString { cmp_openat(fd, $0, O_RDONLY | O_DIRECTORY) }
        return child >= 0 ? SysfsDirectory(path: path ?? self.path + "/" + name, fd: child, page: page) : nil
    }

    /// A one-line attribute with surrounding white space (and NULs) removed; nil when absent,
    /// unreadable or empty, as `FileSystem.attribute`.
    public func attribute(_ name: String) -> String? {
        // One read into the page (a text attribute is at most a page), trimmed there, and
        // one String made of what is left: no byte array and no second String a value.
        guard case .success(let file) = openFile(name) else { return nil }
        defer { close(file) }
        guard case .success(let count) = retryingOnInterrupt({ read(file, page.bytes, Page.size) }) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: page.bytes, count: count)
        var start = 0
        var end = count
        while start < end, TextScan.isSpace(bytes[start]) || bytes[start] == 0 { start += 1 }
        while end > start, TextScan.isSpace(bytes[end - 1]) || bytes[end - 1] == 0 { end -= 1 }
        return start == end ? nil : String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The attribute `name` as bytes, at most `limit` of them.
    public func bytes(_ name: String, limit: Int) throws(SystemError) -> [UInt8] {
        let file: Int32
        switch openFile(name) {
        case .success(let value): file = value
        case .failure(let errno): throw .file(path: path + "/" + name, operation: "open", errno)
        }
        defer { close(file) }
        var out: [UInt8] = []
        while out.count < limit {
            let want = min(Page.size, limit - out.count)
            switch retryingOnInterrupt({ read(file, page.bytes, want) }) {
            case .success(let count):
                out.append(contentsOf: UnsafeRawBufferPointer(start: page.bytes, count: count))
                if count < Page.size { return out }
            case .failure(let errno):
                throw .file(path: path + "/" + name, operation: "read", errno)
            }
        }
        return out
    }

    /// The file `name` below this directory, opened read-only (an interrupted open is retried).
    private func openFile(_ name: String) -> Result<Int32, Errno> {
        retryingOnInterrupt { name.withCString { cmp_openat(fd, $0, O_RDONLY) } }
    }

    /// The names in the subdirectory `name` (`"."` for this one), without `.` and `..`,
    /// sorted; nil when it cannot be opened.
    public func list(_ name: String) -> [String]? {
        let child = name.withCString { cmp_openat(fd, $0, O_RDONLY | O_DIRECTORY) }
        guard child >= 0 else { return nil }
        defer { close(child) }
        var names: [String] = []
        // struct linux_dirent64 (include/linux/dirent.h): d_ino 8, d_off 8, d_reclen 2,
        // d_type 1, then the NUL-terminated name.
        while true {
            let filled = cmp_getdents64(child, page.bytes, Page.size)
            if filled < 0 && Errno.current == .interrupted { continue }
            guard filled > 0 else { break }
            var offset = 0
            while offset + 19 < filled {
                let record = page.bytes + offset
                let length = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                guard length > 0 else { break }
                let entry = (record + 19).assumingMemoryBound(to: CChar.self)
                offset += length
                if entry[0] == 0x2E && (entry[1] == 0 || (entry[1] == 0x2E && entry[2] == 0)) { continue }
                names.append(String(cString: entry))
            }
        }
        return StableOrder.sorted(names)
    }

    /// The text of the symlink `name`; nil when it is no symlink or absent.
    public func link(_ name: String) -> String? {
        let count = name.withCString { readlinkat(fd, $0, page.bytes.assumingMemoryBound(to: CChar.self), Page.size - 1) }
        guard count >= 0 else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: page.bytes, count: count), as: UTF8.self)
    }
}
