// UdevCheckCommand: `mpathboot udev-check DEV`, for a udev rule's IMPORT{program}.
import MultipathCore
import MultipathSystem

/// Prints the udev properties that mark a path device mpathboot claims (or will claim), so
/// blkid, systemd and LVM leave it alone — what multipath-tools' `60-multipath.rules` sets from
/// `multipath -u`, decided without a daemon:
///
///     DM_MULTIPATH_DEVICE_PATH=1
///     ID_FS_TYPE=mpath_member        (ID_FS_TYPE=none on a partition of a path)
///     SYSTEMD_READY=0
///     MPATHBOOT_WWID=<wwid>
///     MPATHBOOT_MAP=<map name>
///
/// A device is claimed when the planner, with the same configuration as `assemble`, puts it
/// into a map (one that exists or one it would create). It runs once per uevent, so it looks
/// at the one device first: a WWID listed in the wwids file or already mapped is decided from
/// that device alone (as `multipath -u` decides); only find_multipaths yes/smart on an
/// unlisted WWID needs every other path's WWID, and only then is everything scanned. No
/// SCSI commands are sent for ALUA states.
/// Nothing is printed for other devices: `DM_MULTIPATH_DEVICE_PATH=0` is never written, so the
/// real root's `multipath -u` decides afresh after the pivot. Always exits 0 (udev ignores
/// the properties of a failing program).
struct UdevCheckCommand<DM: DeviceMapperControl> {
    let discovery: PathDiscovery
    let config: ConfigLoader
    let dm: DM
    let console: Console
    let device: String

    func run() -> ExitCode {
        var name = device
        if name.hasPrefix("/") {
            name = FileSystem.realPath(name).map { String($0.split(separator: "/").last ?? "") } ?? name
        }
        let sysfs = Sysfs(root: discovery.roots.sysfs, procRoot: discovery.roots.proc)
        guard let disk = sysfs.wholeDisk(of: name) else {
            console.log(.info, "\(device): not a block device in \(discovery.roots.sysfs)")
            return .success
        }
        let claim = Assembly(discovery: discovery, config: config, dm: dm)
            .claimingMap(forDisk: disk.device, named: disk.name, config: config.load().config)
        if let problem = claim.problem { console.log(.warning, "\(device): cannot scan for paths: \(problem.message)") }
        guard let map = claim.map else { return .success }
        console.output("DM_MULTIPATH_DEVICE_PATH=1")
        console.output(disk.name == name ? "ID_FS_TYPE=mpath_member" : "ID_FS_TYPE=none")
        console.output("SYSTEMD_READY=0")
        console.output("MPATHBOOT_WWID=\(map.wwid.value)")
        console.output("MPATHBOOT_MAP=\(map.name)")
        return .success
    }
}
