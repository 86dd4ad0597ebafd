// UdevTrigger: asks a running udevd to look at path devices again once their map exists.
import CMPath
import MultipathCore

/// Writes `change` to the sysfs `uevent` file of a path disk and of each of its partitions
/// (the kernel's `uevent_store`), as multipathd does after creating a map
/// (`trigger_paths_udev_change`). udev then runs the rules again: `mpathboot udev-check` now
/// finds the path in a map and marks it (SYSTEMD_READY=0, ID_FS_TYPE=mpath_member/none), so a
/// path that was probed before its sibling appeared no longer offers its filesystem to
/// blkid, systemd or LVM. Nothing is written to the devices themselves.
public struct UdevTrigger: Sendable {
    public var sysfsRoot: String

    public init(sysfsRoot: String = "/sys") {
        self.sysfsRoot = sysfsRoot
    }

    /// Sends the change events for disk `name`; returns what could not be sent.
    public func change(disk name: String) -> [Diagnostic] {
        let base = sysfsRoot + "/block/" + name
        var files = [base + "/uevent"]
        for entry in (try? FileSystem.listDirectory(base)) ?? [] where entry.hasPrefix(name) {
            if FileSystem.exists(base + "/" + entry + "/partition") { files.append(base + "/" + entry + "/uevent") }
        }
        var problems: [Diagnostic] = []
        for file in files {
            let fd = cmp_open(file, O_WRONLY)
            guard fd >= 0 else {
                problems.append(Diagnostic(.warning, file, "cannot ask udev to look again: \(Errno.current.message)"))
                continue
            }
            if case .failure(let errno) = FileSystem.writeAll(fd: fd, "change") {
                problems.append(Diagnostic(.warning, file, "cannot ask udev to look again: \(errno.message)"))
            }
            close(fd)
        }
        return problems
    }
}
