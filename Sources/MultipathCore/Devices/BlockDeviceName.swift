// BlockDeviceName: what a kernel block device name says: a path device's kind, and the
// kernel's rule for naming partitions after their disk.

/// Kernel block device names.
public enum BlockDeviceName {
    /// The kind of path device the name `name` in /sys/block belongs to: `sd*` a SCSI disk
    /// (drivers/scsi/sd.c), `nvme*` an NVMe namespace (drivers/nvme/host/core.c); nil for
    /// every other block device (dm, md, loop, ...).
    public static func pathKind(of name: String) -> BlockDevice.Kind? {
        if name.hasPrefix("sd") { return .scsiDisk }
        if name.hasPrefix("nvme") { return .nvmeNamespace }
        return nil
    }

    /// True when `name` is a partition of the disk `disk`: the disk's name, a `p` when that
    /// ends in a digit, then the partition number (block/partitions/core.c `add_partition`:
    /// `"%s%s%d"`, so `sda` → `sda2`, `nvme0n1` → `nvme0n1p2`, and `nvme0n11` is another disk).
    public static func isPartition(_ name: String, of disk: String) -> Bool {
        let diskBytes = disk.utf8
        guard let last = diskBytes.last, name.utf8.count > diskBytes.count,
              name.utf8.starts(with: diskBytes) else { return false }
        var rest = name.utf8.dropFirst(diskBytes.count)
        if last >= 0x30 && last <= 0x39 {
            guard rest.first == 0x70 else { return false }   // "p"
            rest = rest.dropFirst()
        }
        guard let first = rest.first, first != 0x30 else { return false }   // numbers start at 1
        return rest.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
