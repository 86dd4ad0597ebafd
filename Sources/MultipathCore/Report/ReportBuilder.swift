// ReportBuilder: turns a plan (and, after assemble, what became of each map) into the
// installer report. Pure: everything comes in as values.

/// What became of one planned map in device-mapper (filled by the OS layer after assemble,
/// or for a probe from what already exists).
public struct MapResult: Equatable, Sendable {
    public var state: AssemblyReport.Map.State
    public var reason: String?
    public var device: DeviceNumber?
    public var partitions: [AssemblyReport.Map.Partition]

    public init(state: AssemblyReport.Map.State, reason: String? = nil, device: DeviceNumber? = nil,
                partitions: [AssemblyReport.Map.Partition] = []) {
        self.state = state
        self.reason = reason
        self.device = device
        self.partitions = partitions
    }
}

/// Builds `AssemblyReport`s.
public enum ReportBuilder {
    /// What the builder needs besides the plan.
    public struct Input: Sendable {
        public var mode: AssemblyReport.Mode
        public var version: String
        public var environment: AssemblyReport.Environment
        public var paths: [Path]
        public var plan: Plan
        public var config: PolicyConfig
        /// Checker verdicts by path (assemble only).
        public var checks: [DeviceNumber: PathCheck]
        /// By map name; a planned map without a result is reported from its plan action.
        public var results: [String: MapResult]
        /// Partition numbers the kernel found on each map's first path (probe's forecast).
        public var predictedPartitions: [String: [Int]]
        /// The bindings and wwids files as read, in file order.
        public var bindings: [BindingEntry]
        public var listedWWIDs: [String]
        public var diagnostics: [Diagnostic]

        public init(mode: AssemblyReport.Mode, version: String, environment: AssemblyReport.Environment,
                    paths: [Path], plan: Plan, config: PolicyConfig) {
            self.mode = mode
            self.version = version
            self.environment = environment
            self.paths = paths
            self.plan = plan
            self.config = config
            self.checks = [:]
            self.results = [:]
            self.predictedPartitions = [:]
            self.bindings = []
            self.listedWWIDs = []
            self.diagnostics = []
        }
    }

    /// multipath-tools' `WWIDS_FILE_HEADER` (libmultipath/wwids.h).
    public static let wwidsHeader = """
        # Multipath wwids, Version : 1.0
        # NOTE: This file is automatically maintained by multipath and multipathd.
        # You should not need to edit this file in normal circumstances.
        #
        # Valid WWIDs:

        """

    public static func build(_ input: Input) -> AssemblyReport {
        let plan = input.plan
        var busy = Set<String>()
        for entry in plan.unclaimed {
            if case .busy = entry.reason { busy.insert(entry.device) }
        }
        var maps: [AssemblyReport.Map] = []
        for map in plan.maps {
            maps.append(entry(for: map, input: input))
        }
        // plan.maps come in WWID order; put each skipped WWID in its place (no sort: every
        // sort specialisation costs the Embedded binary kilobytes).
        for skipped in skippedMaps(input) {
            let index = maps.firstIndex { skipped.wwid < $0.wwid } ?? maps.count
            maps.insert(skipped, at: index)
        }

        let groups = wwidGroups(input, busy: busy)
        let unclaimed = plan.unclaimed.map {
            AssemblyReport.Unclaimed(dev: $0.device, wwid: $0.wwid?.value, reason: $0.reasonCode,
                                     detail: $0.reasonText)
        }
        let friendly = input.config.defaults[.userFriendlyNames].map(MultipathPolicy.isYes) ?? false
        return AssemblyReport(
            mode: input.mode, version: input.version, environment: input.environment,
            findMultipaths: input.config.findMultipaths.value, userFriendlyNames: friendly,
            maps: maps, groups: groups, unclaimed: unclaimed, edd: .unavailable("not read"),
            bindingsFile: bindingsText(input.bindings),
            wwidsFile: wwidsText(listed: input.listedWWIDs,
                                 mapped: maps.filter { $0.state != .skipped && $0.state != .failed }.map { $0.wwid }),
            diagnostics: input.diagnostics + plan.diagnostics)
    }

    /// `report` with EDD's matches, each BIOS id also on its map (`bios_ids`).
    public static func attaching(_ edd: EddReport, to report: AssemblyReport) -> AssemblyReport {
        var out = report
        out.edd = edd
        for match in edd.disks {
            guard let name = match.map else { continue }
            for index in out.maps.indices where out.maps[index].name == name {
                out.maps[index].biosIDs.append(match.device.biosIDText)
            }
        }
        return out
    }

    /// The bindings file the installed system needs: multipath-tools' header, then every
    /// binding of the file read, in its order (`<alias> <wwid>`), so friendly names stay.
    public static func bindingsText(_ entries: [BindingEntry]) -> String {
        var out = BindingsFile.header
        for entry in entries {
            guard let wwid = entry.wwid else { continue }
            out += "\(entry.alias) \(wwid)\n"
        }
        return out
    }

    /// The wwids file the installed system needs: the header, the WWIDs already listed (in
    /// file order), then every mapped WWID not yet listed (`/<wwid>/`, as `remember_wwid`).
    public static func wwidsText(listed: [String], mapped: [String]) -> String {
        var out = wwidsHeader
        var seen = Set<String>()
        for wwid in listed + mapped where !seen.contains(wwid) {
            seen.insert(wwid)
            out += "/\(wwid)/\n"
        }
        return out
    }

    static func entry(for map: MapPlan, input: Input) -> AssemblyReport.Map {
        let result = input.results[map.name]
        var state: AssemblyReport.Map.State
        switch map.action {
        case .create: state = input.mode == .probe ? .wouldCreate : .created
        case .keep: state = .existing
        case .reload: state = input.mode == .probe ? .wouldReload : .reloaded
        }
        if let result { state = result.state }
        var entry = AssemblyReport.Map(name: map.name, wwid: map.wwid.value, state: state)
        entry.reason = result?.reason
        entry.device = result?.device
        entry.nameSource = map.nameSource.rawValue
        entry.sizeBytes = map.table.length * 512
        describe(&entry, first: map.paths.first)
        if let target = map.table.targets.first, case .multipath(let table) = target.kind {
            entry.features = table.features
            entry.hardwareHandler = table.hardwareHandler
            for (index, group) in table.groups.enumerated() {
                entry.pathGroups.append(AssemblyReport.Map.PathGroup(
                    number: index + 1, selector: group.selector, priority: group.priority,
                    paths: group.paths.map { member in
                        map.paths.first { $0.device.devt == member.device }?.device.name ?? member.device.description
                    }))
            }
        }
        entry.table = map.table.text
        for (index, path) in map.paths.enumerated() {
            entry.paths.append(reportPath(path, priority: index < map.priorities.count ? map.priorities[index] : nil,
                                          check: input.checks[path.device.devt]))
        }
        if input.mode == .assemble, let result {
            entry.partitions = result.partitions
        } else {
            let existing = result?.partitions ?? []
            for number in input.predictedPartitions[map.name] ?? [] {
                let name = "\(map.name)\(PartitionMapPlanner.delimiter)\(number)"
                if let made = existing.first(where: { $0.name == name }) {
                    entry.partitions.append(made)
                } else {
                    entry.partitions.append(AssemblyReport.Map.Partition(
                        number: number, name: name, dmUUID: "part\(number)-\(map.uuid)", device: nil,
                        state: "would_create"))
                }
            }
        }
        return entry
    }

    /// WWIDs with two or more paths that the planner left unmapped (busy, conflicting,
    /// not taken by find_multipaths): reported as `skipped` maps without a name.
    static func skippedMaps(_ input: Input) -> [AssemblyReport.Map] {
        var order: [WWID] = []
        var byWWID: [WWID: [UnclaimedDevice]] = [:]
        for entry in input.plan.unclaimed {
            guard let wwid = entry.wwid else { continue }
            if case .blacklisted = entry.reason { continue }
            // Offline paths of a WWID that is mapped over its other paths.
            if input.plan.maps.contains(where: { $0.wwid == wwid }) { continue }
            if byWWID[wwid] == nil { order.append(wwid) }
            byWWID[wwid, default: []].append(entry)
        }
        var out: [AssemblyReport.Map] = []
        for wwid in order {
            let entries = byWWID[wwid] ?? []
            guard entries.count >= 2 else { continue }
            let paths = entries.compactMap { entry in input.paths.first { $0.device.name == entry.device } }
            var map = AssemblyReport.Map(name: nil, wwid: wwid.value, state: .skipped)
            map.reason = entries[0].reasonText
            map.sizeBytes = (paths.first?.device.sizeSectors ?? 0) * 512
            describe(&map, first: paths.first)
            map.paths = paths.map { reportPath($0, priority: nil, check: input.checks[$0.device.devt]) }
            out.append(map)
        }
        return out
    }

    @inline(never)
    static func describe(_ map: inout AssemblyReport.Map, first: Path?) {
        guard let first else { return }
        map.vendor = first.device.vendor
        map.product = first.device.model
        map.revision = first.device.revision
        map.serial = first.identity.serial
    }

    @inline(never)
    static func reportPath(_ path: Path, priority: Int?, check: PathCheck?) -> ReportPath {
        var checker: String?
        var detail: String?
        switch check {
        case .none: break
        case .up: checker = "up"
        case .ghost: checker = "ghost"
        case .down(let why):
            checker = "down"
            detail = why
        }
        let device = path.device
        return ReportPath(dev: device.name, device: device.devt,
                          hctl: device.scsiAddress?.description ?? device.nvmeController,
                          transport: device.transport?.rawValue, state: device.state, priority: priority,
                          checker: checker, checkerDetail: detail)
    }

    /// Every WWID's paths (blacklisted and native-NVMe devices are never grouped), with the
    /// usable ones: state running/live (or unknown), not busy, not failed by a checker.
    static func wwidGroups(_ input: Input, busy: Set<String>) -> [AssemblyReport.Group] {
        var blacklisted = Set<String>()
        var reasons: [WWID: String] = [:]
        var conflicts = Set<WWID>()
        for entry in input.plan.unclaimed {
            switch entry.reason {
            case .blacklisted, .nativeNvmeMultipath: blacklisted.insert(entry.device)
            case .conflict:
                if let wwid = entry.wwid { conflicts.insert(wwid) }
            default: break
            }
            if let wwid = entry.wwid, reasons[wwid] == nil { reasons[wwid] = entry.reasonText }
        }
        var order: [WWID] = []
        var byWWID: [WWID: [Path]] = [:]
        for path in input.paths {
            guard let wwid = path.identity.wwid, !blacklisted.contains(path.device.name) else { continue }
            if byWWID[wwid] == nil { order.append(wwid) }
            byWWID[wwid, default: []].append(path)
        }
        // A mapped WWID lists its paths in table order.
        for map in input.plan.maps { byWWID[map.wwid] = map.paths }
        var out: [AssemblyReport.Group] = []
        for wwid in StableOrder.sorted(order, by: { $0 < $1 }) {
            let paths = byWWID[wwid] ?? []
            let usable = paths.filter { path in
                let state = path.device.state ?? "running"
                guard state == "running" || state == "live" else { return false }
                guard !busy.contains(path.device.name) else { return false }
                if let check = input.checks[path.device.devt], check.isDown { return false }
                return true
            }
            let map = input.plan.maps.first { $0.wwid == wwid }?.name
            out.append(AssemblyReport.Group(wwid: wwid.value, paths: paths.map { $0.device.name },
                                            usablePaths: usable.map { $0.device.name }, map: map,
                                            reason: map == nil ? reasons[wwid] : nil,
                                            conflict: conflicts.contains(wwid)))
        }
        return out
    }
}
