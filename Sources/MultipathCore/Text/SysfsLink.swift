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
        guard target.utf8.first != 0x2F else { return nil }
        // "" or "/a/b": the directory's components, then the link's applied to them.
        var out: [UInt8] = []
        out.reserveCapacity(directory.utf8.count + target.utf8.count + 1)
        DevicePath.forEachComponent(of: directory) { part in
            out.append(0x2F)
            out += part
            return true
        }
        var resolved = true
        DevicePath.forEachComponent(of: target) { part in
            if part.count == 1 && part[0] == 0x2E { return true }
            if part.count == 2 && part[0] == 0x2E && part[1] == 0x2E {
                guard let slash = out.lastIndex(of: 0x2F) else {
                    resolved = false
                    return false
                }
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

extension SysfsLink {
    /// The path of the device a block device's `device` link points at, worked out from the
    /// block device's own real path, and how many `..` steps lead there; nil when the path
    /// is not absolute or too short.
    ///
    /// The link points at the disk's parent device (drivers/base/core.c
    /// `device_add_class_symlinks`), and the disk's directory lies below the parent's
    /// (`get_device_parent`): directly when the parent is a class device itself (an NVMe
    /// controller, or the subsystem under native NVMe multipath: `.../nvme0/nvme0n1`), under
    /// a glue directory named after the class otherwise (a SCSI device:
    /// `.../0:0:0:0/block/sda`).
    public static func parentDevice(ofBlockDevice path: String) -> (path: String, steps: Int)? {
        let bytes = Array(path.utf8)
        guard bytes.first == 0x2F else { return nil }
        // Start offsets of the last two components.
        var slashes: [Int] = []
        for index in bytes.indices where bytes[index] == 0x2F { slashes.append(index) }
        guard slashes.count >= 2, slashes.last! < bytes.count - 1 else { return nil }
        let parentStart = slashes[slashes.count - 2]
        let parent = bytes[(parentStart + 1)..<slashes[slashes.count - 1]]
        let isGlue = parent.elementsEqual("block".utf8)
        if isGlue {
            guard slashes.count >= 3 else { return nil }
            return (String(decoding: bytes[..<parentStart], as: UTF8.self), 2)
        }
        return (String(decoding: bytes[..<slashes[slashes.count - 1]], as: UTF8.self), 1)
    }

    /// The whole disk a `/sys/dev/block/MAJ:MIN` link leads to: the last component, or the
    /// one before it when the last is a partition of it (a partition's directory is always
    /// its disk's child). `../../devices/.../block/sda/sda2` → `sda`; nil for an empty link.
    public static func wholeDisk(ofDeviceLink link: String) -> String? {
        let components = TextScan.fields(link[...], separator: 0x2F, omittingEmpty: true)
        guard let last = components.last else { return nil }
        if components.count >= 2 {
            let parent = String(components[components.count - 2])
            if BlockDeviceName.isPartition(String(last), of: parent) { return parent }
        }
        return String(last)
    }
}
