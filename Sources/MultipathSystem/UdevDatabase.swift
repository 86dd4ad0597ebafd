// UdevDatabase: leaves, for the maps mpathboot made without udev, the udev database entries
// an initramfs with udev would have left (/run/udev/data/b<maj>:<min>). Without them the
// real root's udev disables the dm rules on coldplug (10-dm.rules: no primary source flag),
// MPATH_DEVICE_READY is never set, and multipathd reloads every map ("udev incomplete",
// configure.c select_action) — proven in tests/vm/mpath-oracle.sh (MPATH-ORACLE.md).
import CMPath
import MultipathCore

/// Writes udev database records for devices udev has not seen.
///
/// The record format is udev's own (`src/libsystemd/sd-device/device-private.c`,
/// `device_update_db`): `I:<usec>` initialization time, `E:KEY=VALUE` properties, `V:1`.
/// It is private to systemd, so mpathboot writes only when no udevd runs (no
/// `/run/udev/control`) and never replaces a record that exists.
public struct UdevDatabase: Sendable {
    public var runRoot: String

    public init(runRoot: String = "/run") {
        self.runRoot = runRoot
    }

    /// True when a udevd is running (it owns the database then).
    public var udevIsRunning: Bool { FileSystem.exists(runRoot + "/udev/control") }

    /// The properties of a multipath map made by mpathboot, as 10-dm.rules and
    /// 11-dm-mpath.rules would have stored them after the map's creation.
    public static let multipathMapProperties = ["DM_UDEV_PRIMARY_SOURCE_FLAG=1", "DM_SUBSYSTEM_UDEV_FLAG1=1",
                                                "MPATH_DEVICE_READY=1"]
    /// The properties of a partition map.
    public static let partitionMapProperties = ["DM_UDEV_PRIMARY_SOURCE_FLAG=1"]

    /// Writes the record of `device` unless one exists. Returns a diagnostic on failure.
    /// One exclusive create per record; the directories only when it is missing (the first
    /// record of a boot), not three mkdirs a map.
    public func record(_ device: DeviceNumber, properties: [String]) -> Diagnostic? {
        let directory = runRoot + "/udev/data"
        let path = directory + "/b\(device.major):\(device.minor)"
        var text = "I:\(cmp_monotonic_ms() * 1000)\n"
        for property in properties { text += "E:\(property)\n" }
        text += "V:1\n"
        do throws(SystemError) {
            do throws(SystemError) {
                try FileSystem.writeNewFile(path, text)
            } catch {
                guard case .file(_, _, .noSuchFileOrDirectory) = error else { throw error }
                try FileSystem.makeDirectories(directory)
                try FileSystem.writeNewFile(path, text)
            }
            return nil
        } catch {
            // udev's own record (or one from an earlier run) is left as it is.
            if case .file(_, _, .exists) = error { return nil }
            return Diagnostic(.warning, path, "cannot write the udev database record: \(error.message)")
        }
    }
}
