// SysfsLink: where a sysfs symlink points, worked out from its text. Lets the scan read one
// link per device instead of realpath(3), which musl answers with a readlink per component
// (31 syscalls a path device for /sys/block/<name> and its `device` link).

/// Resolution of the relative symbolic links sysfs is made of.
///
/// Every link under /sys (`/sys/block/sda` → `../devices/.../block/sda`, `device` →
/// `../../../0:0:0:0`) is relative, and the directories under `/sys/devices` it leads
/// through hold no symlinks of their own (kernel `sysfs_create_link`, fs/kernfs/symlink.c
/// `kernfs_get_target_path` writes `../` steps up to the common ancestor). So removing one
/// component per `..` gives exactly the path realpath(3) returns.
public enum SysfsLink {
    /// The absolute path the link `target`, found in the real (symlink-free) directory
    /// `directory`, points at; nil for an absolute target (not sysfs's form: the caller asks
    /// realpath instead) or one that climbs above `/`.
    public static func resolve(_ target: String, from directory: String) -> String? {
        let link = Array(target.utf8)
        guard link.first != 0x2F else { return nil }
        // "" or "/a/b": the directory's components, then the link's applied to them. Byte by
        // byte: split(separator:) on Strings cost 55,000 instructions a call here.
        var out: [UInt8] = []
        out.reserveCapacity(directory.utf8.count + link.count + 1)
        func components(_ bytes: [UInt8], _ each: (ArraySlice<UInt8>) -> Bool) -> Bool {
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x2F { end += 1 }
                if end > start && !each(bytes[start..<end]) { return false }
                start = end + 1
            }
            return true
        }
        _ = components(Array(directory.utf8)) { part in
            out.append(0x2F)
            out += part
            return true
        }
        let resolved = components(link) { part in
            if part.count == 1 && part.first == 0x2E { return true }
            if part.count == 2 && part.first == 0x2E && part.last == 0x2E {
                guard let slash = out.lastIndex(of: 0x2F) else { return false }
                out.removeSubrange(slash...)
                return true
            }
            out.append(0x2F)
            out += part
            return true
        }
        guard resolved else { return nil }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }
}
