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
            // The policy is the core's; the command and the sysfs read are this layer's.
            ALUAStates.fill(&paths, page83: { scanned[$0].1?.page83 },
                            reportTargetPortGroups: probe.targetPortGroups,
                            preferredPath: { sysfs.isPreferredPath(of: $0.name) })
        }
        return (paths, diagnostics)
    }
}
