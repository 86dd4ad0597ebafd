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
    public var roots: SystemRoots
    public var probe: IdentityProbe

    public init(roots: SystemRoots, probe: IdentityProbe? = nil) {
        self.roots = roots
        self.probe = probe ?? IdentityProbe(devRoot: roots.dev)
    }

    /// Every SCSI disk and NVMe namespace with its identity, plus what went wrong on the way.
    public func discover() throws(SystemError) -> (paths: [Path], diagnostics: [Diagnostic]) {
        let sysfs = Sysfs(root: roots.sysfs, procRoot: roots.proc)
        guard sysfs.isAvailable else {
            throw .file(path: roots.sysfs + "/block", operation: "scan", .noSuchFileOrDirectory)
        }
        let scanned = try sysfs.pathDevices()
        var diagnostics = scanned.problems
        var paths: [Path] = []
        for (device, sysfsData) in scanned.devices {
            let completed = probe.complete(sysfsData, for: device)
            if let problem = completed.problem { diagnostics.append(problem) }
            paths.append(Path(device: device, identity: PathIdentifier.identify(device, data: completed.data)))
        }
        return (paths, diagnostics)
    }
}
