// Assembly: the stages of `mpathboot assemble` / `probe` as a service — scan, plan, check,
// apply — and the installer report built from what they found and did. The CLI calls the
// stages in order and logs between them; nothing here logs.
import MultipathCore

/// The assemble stages over one system (roots injectable) and one device-mapper.
public struct Assembly<DM: DeviceMapperControl> {
    public var discovery: PathDiscovery
    public var config: ConfigLoader
    public var dm: DM

    public init(discovery: PathDiscovery, config: ConfigLoader, dm: DM) {
        self.discovery = discovery
        self.config = config
        self.dm = dm
    }

    /// True when the kernel has device-mapper registered (`/proc/misc`). Read-only callers
    /// ask this first so that libdm never creates /dev/mapper/control on a kernel without it.
    public func deviceMapperLoaded() -> Bool {
        let misc = (try? FileSystem.readText(discovery.roots.proc + "/misc")) ?? ""
        return TextScan.contains(misc, " device-mapper\n")
    }

    /// The multipath maps in the kernel (`dm_is_mpath`: one target, of type multipath).
    public func existingMaps() throws(SystemError) -> [ExistingMap] {
        try Assembly.existingMaps(in: dm)
    }

    /// The multipath maps `dm` has (for callers without a whole Assembly).
    public static func existingMaps(in dm: DM) throws(SystemError) -> [ExistingMap] {
        var out: [ExistingMap] = []
        for info in try dm.devices() where info.uuid.hasPrefix("mpath-") {
            let targets = try dm.targets(name: info.name, status: false)
            guard targets.count == 1, targets[0].type == "multipath",
                  let readback = MultipathTargetReadback.parseTable(targets[0].parameters) else { continue }
            out.append(ExistingMap(name: info.name, uuid: info.uuid, device: info.device,
                                   pathDevices: readback.paths.map { $0.device }))
        }
        return out
    }

    /// The plan, and the blacklist patterns that did not compile (they match nothing).
    public func plan(paths: [Path], config: PolicyConfig, existing: [ExistingMap]) -> (plan: Plan, invalidPatterns: [String]) {
        var context = PlanningContext(config: config)
        context.existingMaps = existing
        let matcher = PosixRegexMatcher()
        let plan = MapPlanner.plan(paths: paths, context: context, matcher: matcher)
        return (plan, matcher.invalidPatterns)
    }

    /// The map the planner puts the whole disk `devt` (kernel name `name`) into, for udev-check:
    /// decided from that one device when its WWID is listed or already mapped (as
    /// `multipath -u` decides), and over every path only when find_multipaths yes/smart needs
    /// the other paths of an unlisted WWID. Reads only: no ALUA commands, and device-mapper
    /// only when the kernel has it (libdm must not create /dev/mapper/control).
    public func claimingMap(forDisk devt: DeviceNumber, named name: String,
                            config: PolicyConfig) -> (map: MapPlan?, problem: SystemError?) {
        let existing = deviceMapperLoaded() ? ((try? existingMaps()) ?? []) : []
        var problem: SystemError?
        func claim(among names: Set<String>?) -> MapPlan? {
            do throws(SystemError) {
                let found = try discovery.discover(only: names, readALUAStates: false).paths
                return plan(paths: found, config: config, existing: existing).plan.maps
                    .first { $0.paths.contains { $0.device.devt == devt } }
            } catch {
                problem = error
                return nil
            }
        }
        let map = claim(among: [name]) ?? claim(among: nil)
        return (map, problem)
    }

    /// One bounded check per path of every planned map, before anything is created.
    public func check(_ plan: Plan) -> [CheckerRun] {
        let checker = PathChecker(devRoot: discovery.roots.dev)
        var out: [CheckerRun] = []
        for map in plan.maps {
            let configured = map.settings?.checker.value ?? "tur"
            let choice = PathCheckerKind.forConfigured(configured)
            for path in map.paths {
                out.append(CheckerRun(map: map.name, path: path.device.name, configured: configured,
                                      kind: choice.kind, substituted: choice.substituted,
                                      verdict: checker.check(path.device, kind: choice.kind)))
            }
        }
        return out
    }

    /// Creates, keeps or reloads `map`, failing the paths in `failing`, reinstating those in
    /// `reinstating` and reading its partition table from one in `readable` (see MapBuilder).
    public func apply(_ map: MapPlan, failing: [DeviceNumber], reinstating: [DeviceNumber] = [],
                      readable: Set<DeviceNumber> = []) -> MapOutcome {
        let nodes = DeviceNodes(devRoot: discovery.roots.dev)
        let builder = MapBuilder(dm: dm, partitionSource: DevicePartitionSource(nodes: nodes), nodes: nodes)
        return builder.apply(map, failing: failing, reinstating: reinstating, readable: readable)
    }

    /// The installer report of `run`. Reads (never writes): the partitions the kernel found
    /// on each map's first path, the partition maps already in device-mapper (when it is
    /// loaded), EDD, MBR signatures through existing maps and plain disks, and the bindings
    /// and wwids files.
    public func report(_ run: AssemblyRun, mode: AssemblyReport.Mode, version: String) -> AssemblyReport {
        var input = ReportBuilder.Input(mode: mode, version: version,
                                        environment: AssemblyReport.Environment(scan: run.scan,
                                                                                deviceMapperLoaded: run.deviceMapperLoaded),
                                        paths: run.paths, plan: run.plan, config: run.config)
        input.checks = run.checks
        input.diagnostics = run.diagnostics
        for outcome in run.outcomes {
            input.results[outcome.name] = Assembly.result(outcome)
        }
        let sysfs = discovery.roots.sysfs
        let dmDevices: [DmDeviceInfo] = run.deviceMapperLoaded ? ((try? dm.devices()) ?? []) : []
        for map in run.plan.maps {
            if let first = map.paths.first {
                input.predictedPartitions[map.name] = Assembly.partitionNumbers(sysfs: sysfs, device: first.device.name)
            }
            if mode == .probe, map.action != .create {
                let partitions = dmDevices.filter { MapRemover<DM>.isPartition($0.uuid, of: map.uuid) }.map {
                    AssemblyReport.Map.Partition(number: Assembly.partitionNumber($0.uuid), name: $0.name,
                                                 dmUUID: $0.uuid, device: $0.device, state: "existing")
                }
                let device = dmDevices.first { $0.uuid == map.uuid }?.device
                input.results[map.name] = MapResult(state: map.action == .keep ? .existing : .wouldReload,
                                                    device: device, partitions: partitions)
            }
        }
        let etc = config.etcRoot + "/multipath"
        if let text = try? FileSystem.readText(etc + "/bindings") {
            input.bindings = BindingsFile.parse(text).bindings.entries
        }
        if let text = try? FileSystem.readText(etc + "/wwids") {
            input.listedWWIDs = WwidsFile.parse(text).wwids
        }
        let report = ReportBuilder.build(input)
        return ReportBuilder.attaching(edd(report, paths: run.paths), to: report)
    }

    /// EDD's BIOS disks matched to the report's maps and to whole disks that are no path of
    /// a map. Signatures are read through existing maps and plain disks only.
    func edd(_ report: AssemblyReport, paths: [Path]) -> EddReport {
        let read = EddReader(sysfsRoot: discovery.roots.sysfs).read()
        if let reason = read.unavailable { return .unavailable(reason) }
        let dev = discovery.roots.dev
        var candidates: [BiosDiskCandidate] = []
        var covered = Set<String>()
        func locations(_ names: [String]) -> [BiosDiskCandidate.Location] {
            names.compactMap { name in
                paths.first { $0.device.name == name }.map {
                    BiosDiskCandidate.Location(sysfsPath: $0.device.sysfsPath, address: $0.device.scsiAddress)
                }
            }
        }
        for map in report.maps {
            let names = map.paths.map { $0.dev }
            covered.formUnion(names)
            let exists = map.state == .created || map.state == .existing || map.state == .reloaded
            let mapped = map.name != nil && map.state != .skipped && map.state != .failed
            // An unmapped LUN with several paths (or a map that failed and was removed) is
            // named by its WWID: no path stands for it, and none is read.
            candidates.append(BiosDiskCandidate(
                name: mapped ? map.name ?? "" : "wwid:" + map.wwid, isMap: mapped,
                sizeSectors: map.sizeBytes / 512,
                mbrSignature: exists ? map.name.flatMap { EddReader.mbrSignature(devicePath: dev + "/mapper/" + $0) } : nil,
                locations: locations(names)))
        }
        for path in paths where !covered.contains(path.device.name) {
            candidates.append(BiosDiskCandidate(
                name: path.device.name, isMap: false, sizeSectors: path.device.sizeSectors,
                mbrSignature: EddReader.mbrSignature(devicePath: dev + "/" + path.device.name),
                locations: locations([path.device.name])))
        }
        return EddReport(available: true, reason: nil,
                         disks: BiosDiskMatcher.match(read.devices, candidates: candidates))
    }

    /// The report's view of a MapBuilder outcome.
    public static func result(_ outcome: MapOutcome) -> MapResult {
        var result: MapResult
        switch outcome.state {
        case .created: result = MapResult(state: .created)
        case .existing: result = MapResult(state: .existing)
        case .reloaded: result = MapResult(state: .reloaded)
        case .failed(let step, let message):
            result = MapResult(state: .failed, reason: "\(step) failed, map removed: \(message)")
        }
        result.device = outcome.device
        result.partitions = outcome.partitions.map {
            AssemblyReport.Map.Partition(number: partitionNumber($0.uuid), name: $0.name, dmUUID: $0.uuid,
                                         device: $0.device, state: $0.created ? "created" : "existing")
        }
        return result
    }

    /// N of `part<N>-mpath-...`.
    @inline(never)
    static func partitionNumber(_ uuid: String) -> Int {
        var number = 0
        for byte in uuid.utf8.dropFirst(4) {
            guard byte >= 0x30 && byte <= 0x39 else { break }
            number = number * 10 + Int(byte - 0x30)
        }
        return number
    }

    /// The partition numbers the kernel found on `device` (`/sys/block/<dev>/<dev>N/partition`).
    static func partitionNumbers(sysfs: String, device: String) -> [Int] {
        let base = sysfs + "/block/" + device
        var out: [Int] = []
        for entry in (try? FileSystem.listDirectory(base)) ?? [] where entry.hasPrefix(device) {
            if let number = FileSystem.attribute(base + "/" + entry + "/partition").flatMap({ Int($0) }) {
                out.append(number)
            }
        }
        return StableOrder.sorted(out) { $0 < $1 }
    }
}
