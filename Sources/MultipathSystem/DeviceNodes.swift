// DeviceNodes: makes sure /dev/mapper/<name> exists for a map. libdm (without udev) makes
// the node on resume; this checks it and falls back to mknod, so the initramfs can mount
// /dev/mapper/<name> whatever created the node.
import CMPath
import MultipathCore

/// Creates and checks `/dev/mapper` nodes.
public struct DeviceNodes: Sendable {
    public var devRoot: String

    public init(devRoot: String = "/dev") {
        self.devRoot = devRoot
    }

    /// The node path of a map.
    public func path(of name: String) -> String { devRoot + "/mapper/" + name }

    /// Ensures `/dev/mapper/<name>` is a block node (or a link to one) for `device`.
    /// Returns a diagnostic when it could not, nil when the node is right.
    public func ensure(name: String, device: DeviceNumber) -> Diagnostic? {
        let node = path(of: name)
        if let info = try? FileSystem.status(node), cmp_s_isblk(info.st_mode) != 0 {
            if cmp_major(info.st_rdev) == device.major && cmp_minor(info.st_rdev) == device.minor {
                return nil
            }
            // A stale node from an earlier map of the same name: replace it.
        }
        do throws(SystemError) {
            try FileSystem.makeDirectories(devRoot + "/mapper")
            try FileSystem.remove(node)
            try FileSystem.makeBlockNode(node, device: (device.major, device.minor))
            return nil
        } catch {
            return Diagnostic(.warning, name, "cannot create \(node): \(error.message)")
        }
    }
}
