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
        guard !target.hasPrefix("/") else { return nil }
        var parts = directory.split(separator: "/")
        for component in target.split(separator: "/") {
            if component == "." { continue }
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(component)
            }
        }
        var out = ""
        for part in parts {
            out += "/"
            out += part
        }
        return out.isEmpty ? "/" : out
    }
}
