// BlockUsage: which devices hold which block devices, and which whole disks carry a mounted
// file system, read once for a whole scan. Per path device that was two directory listings
// (`holders/` and the disk's own, for its partitions' `holders/` and `dev`): about 200 µs a
// path in the benchmark guest, with no maps and nothing mounted to find.
import CMPath
import MultipathCore

/// Holders and mounts of the block devices under a sysfs root.
///
/// Holders come from the other side of each link: a device that holds another (a dm map, an
/// md array, bcache: `bd_link_disk_holder`, block/holder.c) lists it in its own `slaves/`,
/// and `holders/` of the held device is the mirror image. Only the few devices that are not
/// path devices are listed. Mounts come from the `MAJ:MIN` of every mounted file system
/// (`/proc/self/mountinfo`) through `/sys/dev/block/MAJ:MIN`, which leads to the device and
/// so to its disk.
struct BlockUsage {
    /// Kernel names of the holders of each held device (disk or partition), in name order
    /// as a `holders/` listing gives them.
    var holdersByDevice: [String: [String]] = [:]
    /// Whole disks that are mounted or have a mounted partition.
    var mountedDisks: Set<String> = []

    /// Reads both for the block devices `names` (every name in `/sys/block`), whose
    /// directory `block` is open. Path devices (sd, nvme) hold nothing and are not listed.
    static func read(_ sysfs: Sysfs, block: SysfsDirectory, names: [String]) -> BlockUsage {
        var usage = BlockUsage()
        for holder in names where BlockDeviceName.pathKind(of: holder) == nil {
            for held in block.list(holder + "/slaves") ?? [] {
                usage.holdersByDevice[held, default: []].append(holder)
            }
        }
        for devt in sysfs.mountedDevices() where devt.major != 0 {
            let link = sysfs.root + "/dev/block/\(devt.major):\(devt.minor)"
            if let target = try? FileSystem.readLink(link), let disk = SysfsLink.wholeDisk(ofDeviceLink: target) {
                usage.mountedDisks.insert(disk)
            }
        }
        return usage
    }

    /// The holders of the disk `disk` itself.
    func holders(of disk: String) -> [String] {
        holdersByDevice[disk] ?? []
    }

    /// The holders of the partitions of `disk`, partition by partition in name order.
    func partitionHolders(of disk: String) -> [String] {
        var partitions: [String] = []
        for held in holdersByDevice.keys where BlockDeviceName.isPartition(held, of: disk) {
            partitions.append(held)
        }
        var out: [String] = []
        for partition in StableOrder.sorted(partitions) { out += holdersByDevice[partition] ?? [] }
        return out
    }
}
