// StrayMaps: maps a killed run left half-made. MapBuilder removes a half-made map on every
// error, but nothing runs after a SIGKILL, a crash or a power cut between DM_DEVICE_CREATE
// and DM_DEVICE_RESUME; the next run finds the device and must clear it before it can
// create the map again (its create would fail with EEXIST).
import CMPath
import MultipathCore

/// Finds and removes device-mapper devices with a multipath-tools UUID that never went live.
///
/// A stray is a device whose UUID is `mpath-<wwid>` or kpartx's `part<N>-mpath-<wwid>`, that
/// has no live table (`dm_info.live_table == 0`: created, perhaps loaded, never resumed)
/// and that nobody has open. Such a device has size 0 and cannot be in use; an inactive
/// table still holds its path devices (they list it in `holders/`), which would keep the
/// WWID out of the plan as busy, so the removal runs before the scan. A device with a live
/// table is never touched here, and neither is one that is open.
public enum StrayMaps {
    /// True for the DM UUIDs multipath-tools and kpartx give (`mpath-…`, `part<N>-mpath-…`).
    public static func isMultipathUUID(_ uuid: String) -> Bool {
        let bytes = Array(uuid.utf8)
        let mpath = Array("mpath-".utf8)
        if bytes.starts(with: mpath) { return bytes.count > mpath.count }
        guard bytes.starts(with: Array("part".utf8)) else { return false }
        var i = 4
        while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
        guard i > 4 else { return false }
        let rest = bytes[i...]
        return rest.starts(with: Array("-mpath-".utf8)) && rest.count > 7
    }

    /// The strays among `devices`: partition maps first (removed before their parents).
    public static func find(in devices: [DmDeviceInfo]) -> [DmDeviceInfo] {
        let strays = devices.filter { isMultipathUUID($0.uuid) && !$0.liveTable && $0.openCount == 0 }
        return strays.filter { !$0.uuid.utf8.starts(with: Array("mpath-".utf8)) }
            + strays.filter { $0.uuid.utf8.starts(with: Array("mpath-".utf8)) }
    }

    /// Removes every stray (or, with `dryRun`, only names them); one diagnostic per device:
    /// a warning when it is removed or would be, an error when the removal failed. A device
    /// with our UUID and no live table that is open is reported and left alone. Throws only
    /// when device-mapper cannot list its devices.
    ///
    /// Another process may be between its own create and resume right now (multipathd on
    /// an installed system, a second mpathboot): such a map goes live within milliseconds.
    /// So a stray is looked at again after `settleMilliseconds` and removed only if it is
    /// still the same device without a live table and unopened.
    public static func clean<DM: DeviceMapperControl>(_ dm: DM, dryRun: Bool,
                                                      settleMilliseconds: UInt32 = 200) throws(SystemError) -> [Diagnostic] {
        let devices = try dm.devices()
        var out: [Diagnostic] = []
        for info in devices where isMultipathUUID(info.uuid) && !info.liveTable && info.openCount > 0 {
            out.append(Diagnostic(.warning, info.name,
                "uuid \(info.uuid) has no live table but is open (\(info.openCount)); left alone"))
        }
        let strays = find(in: devices)
        if !strays.isEmpty && !dryRun && settleMilliseconds > 0 { cmp_sleep_ms(settleMilliseconds) }
        for info in strays {
            let what = "left half-made by an earlier run (uuid \(info.uuid), no live table)"
            if dryRun {
                out.append(Diagnostic(.warning, info.name, "\(what); would be removed"))
                continue
            }
            guard let now = try? dm.info(name: info.name), now.uuid == info.uuid, now.device == info.device,
                  !now.liveTable, now.openCount == 0 else { continue }
            do throws(SystemError) {
                try dm.remove(name: info.name)
                out.append(Diagnostic(.warning, info.name, "\(what); removed"))
            } catch {
                out.append(Diagnostic(.error, info.name, "\(what); cannot remove it: \(error.message)"))
            }
        }
        return out
    }
}
