// Sysfs+Partitions: from a kernel name (a disk or one of its partitions) to the whole disk.
import MultipathCore

extension Sysfs {
    /// The whole disk a block device belongs to: itself when it is a disk, its parent when it
    /// is a partition (block/partitions/core.c puts partitions in their disk's directory and
    /// gives them a `partition` attribute). nil when sysfs does not know the name.
    public func wholeDisk(of name: String) -> (name: String, device: DeviceNumber)? {
        if let devt = deviceNumber(at: root + "/block/" + name) {
            return (name, devt)
        }
        // /sys/class/block/<part> → …/block/<disk>/<part>; fixtures without class/ are searched.
        if let real = FileSystem.realPath(root + "/class/block/" + name),
           FileSystem.exists(real + "/partition") {
            let components = real.split(separator: "/")
            if components.count >= 2 {
                let disk = String(components[components.count - 2])
                if let devt = deviceNumber(at: root + "/block/" + disk) { return (disk, devt) }
            }
        }
        for disk in (try? FileSystem.listDirectory(root + "/block")) ?? []
        where name.hasPrefix(disk) && FileSystem.exists(root + "/block/" + disk + "/" + name + "/partition") {
            if let devt = deviceNumber(at: root + "/block/" + disk) { return (disk, devt) }
        }
        return nil
    }

    private func deviceNumber(at base: String) -> DeviceNumber? {
        FileSystem.attribute(base + "/dev").flatMap { DeviceNumber($0) }
    }
}
