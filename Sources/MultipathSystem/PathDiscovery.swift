// PathDiscovery: the scan stage. Enumerates path devices, completes their identification
// data, and lets the core derive each WWID. Reads only; never writes to a device.
import MultipathCore

/// Where mpathboot finds the system: sysfs, procfs, /dev and /etc roots (all injectable).
public struct SystemRoots: Sendable {
    public var sysfs: String
    public var proc: String
    public var dev: String
    public var etc: String

    public init(sysfs: String = "/sys", proc: String = "/proc", dev: String = "/dev", etc: String = "/etc") {
        self.sysfs = sysfs
        self.proc = proc
        self.dev = dev
        self.etc = etc
    }
}

/// Discovers paths and their identities.
public struct PathDiscovery: Sendable {
    /// Where the device list comes from.
    public enum Source: Sendable {
        /// /sys when it is mounted, else the /dev scan.
        case automatic
        /// Only the 2.4-style /dev scan (`--no-sysfs`).
        case devScan
    }

    public var roots: SystemRoots
    public var source: Source
    public var probe: IdentityProbe
    /// Also read what only `mpathboot paths` shows (logical block size, read-only,
    /// removable): three sysfs reads a path that planning never looks at.
    public var readsDisplayDetails = true

    public init(roots: SystemRoots, source: Source = .automatic, probe: IdentityProbe? = nil) {
        self.roots = roots
        self.source = source
        self.probe = probe ?? IdentityProbe(devRoot: roots.dev)
    }

    /// Every SCSI disk and NVMe namespace with its identity, plus what went wrong on the way
    /// (the first diagnostic says which source was used when it was not /sys).
    /// `only` limits a /sys scan to those kernel names (the /dev scan always probes every node);
    /// `readALUAStates: false` skips the REPORT TARGET PORT GROUPS commands, for callers that
    /// need identities only (udev-check runs once per uevent and must stay cheap).
    public func discover(only: Set<String>? = nil, readALUAStates: Bool = true)
        throws(SystemError) -> (paths: [Path], diagnostics: [Diagnostic]) {
        let sysfs = Sysfs(root: roots.sysfs, procRoot: roots.proc)
        var diagnostics: [Diagnostic] = []
        var scanned: [(BlockDevice, ScsiIdentityData?)]
        if source == .devScan || !sysfs.isAvailable {
            guard FileSystem.exists(roots.dev) else {
                throw .file(path: roots.sysfs + "/block", operation: "scan (and no \(roots.dev) to fall back on)",
                            .noSuchFileOrDirectory)
            }
            diagnostics.append(Diagnostic(.notice, "",
                source == .devScan ? "scanning \(roots.dev)/sd* and /sg* nodes (--no-sysfs)"
                                   : "\(roots.sysfs) is not mounted; scanning \(roots.dev)/sd* and /sg* nodes"))
            let result = DevScan(devRoot: roots.dev, procRoot: roots.proc, scsi: probe.scsi).pathDevices()
            scanned = result.devices
            diagnostics += result.problems
        } else {
            let result = try sysfs.pathDevices(only: only, displayDetails: readsDisplayDetails)
            diagnostics += result.problems
            scanned = []
            for (device, sysfsData) in result.devices {
                let completed = probe.complete(sysfsData, for: device)
                if let problem = completed.problem { diagnostics.append(problem) }
                scanned.append((device, completed.data))
            }
        }
        var paths = scanned.map { Path(device: $0.0, identity: PathIdentifier.identify($0.0, data: $0.1)) }
        if readALUAStates {
            let blockRoot = roots.sysfs + "/block/"
            PathDiscovery.readALUAStates(
                of: &paths, page83: { scanned[$0].1?.page83 },
                reportTargetPortGroups: probe.targetPortGroups,
                preferredPath: { FileSystem.attribute(blockRoot + $0.name + "/device/preferred_path") == "1" })
        }
        return (paths, diagnostics)
    }
}

extension PathDiscovery {
    /// Sets the ALUA state and PREF bit of every TPGS path whose VPD 0x83 page
    /// (`page83(index)`) names its target port group, from REPORT TARGET PORT GROUPS
    /// (`reportTargetPortGroups`, SPC-4 6.36, sent down that path). A path whose group no
    /// answer lists keeps what sysfs said, and then its PREF bit is sysfs's too
    /// (`preferredPath`, `device/preferred_path`, read only for such paths).
    ///
    /// Straight from the device because sysfs `access_state` can still be the value from
    /// before scsi_dh_alua's first RTPG finished (a UNIT ATTENTION delays it by seconds),
    /// which put a standby path first in the VM (MPATH-ORACLE.md, difference 6). The
    /// prioritizer name stays what multipath-tools detects (sysfs when the attribute exists).
    /// An answer describes every group of the logical unit, so it serves all the unit's paths
    /// (as scsi_dh_alua shares one RTPG per port group): a path asks the device only when the
    /// last answer for its unit does not list its group (scsi_debug gives each host a group
    /// of its own, so there every path asks).
    static func readALUAStates(of paths: inout [Path], page83: (Int) -> [UInt8]?,
                               reportTargetPortGroups: (BlockDevice) -> [TargetPortGroup]?,
                               preferredPath: (BlockDevice) -> Bool) {
        var groupsOfUnit: [LogicalUnit: [TargetPortGroup]] = [:]
        for index in paths.indices {
            if let answer = groupFromRTPG(of: paths[index], page83: { page83(index) }, groupsOfUnit: &groupsOfUnit,
                                          reportTargetPortGroups: reportTargetPortGroups) {
                paths[index].device.accessStateFromRTPG = paths[index].device.accessState == nil
                paths[index].device.accessState = answer.stateText
                paths[index].device.accessPreferred = answer.preferred
            } else if paths[index].device.accessState != nil {
                // The kernel sets both from the same descriptor byte (scsi_dh_alua `alua_rtpg`).
                paths[index].device.accessPreferred = preferredPath(paths[index].device)
            }
        }
    }

    /// The descriptor of `path`'s own target port group: from the last answer for its unit
    /// when that lists the group, else from the path's own REPORT TARGET PORT GROUPS; nil for
    /// a path without TPGS or group designator, or when no answer lists the group.
    private static func groupFromRTPG(of path: Path, page83: () -> [UInt8]?,
                                      groupsOfUnit: inout [LogicalUnit: [TargetPortGroup]],
                                      reportTargetPortGroups: (BlockDevice) -> [TargetPortGroup]?) -> TargetPortGroup? {
        guard path.identity.tpgs != 0, let page = page83(), let id = TargetPortGroups.groupID(page83: page) else { return nil }
        let unit = path.identity.wwid.map { LogicalUnit(wwid: $0, serial: path.identity.serial) }
        if let known = unit.flatMap({ groupsOfUnit[$0] }).flatMap({ TargetPortGroups.group(id, in: $0) }) {
            return known
        }
        guard let groups = reportTargetPortGroups(path.device) else { return nil }
        if let unit { groupsOfUnit[unit] = groups }
        return TargetPortGroups.group(id, in: groups)
    }
}

/// The logical unit a path leads to, as far as sharing its REPORT TARGET PORT GROUPS answer
/// goes: paths of one WWID that disagree on the unit serial are not the same unit.
private struct LogicalUnit: Hashable {
    var wwid: WWID
    var serial: String?
}
