// AssembleCommand: scan → identify → plan → apply → report.
import MultipathCore
import MultipathSystem

/// `mpathboot [assemble]`: creates the multipath maps and their partition maps.
struct AssembleCommand<DM: DeviceMapperControl> {
    let discovery: PathDiscovery
    let config: ConfigLoader
    let dm: DM
    let console: Console
    let dryRun: Bool
    let udevDatabase: UdevDatabase
    let writeUdevDatabase: Bool

    func run() -> ExitCode {
        guard let paths = MpathBoot.discoverPaths(discovery, console: console) else { return .failure }
        if console.logs(.info) {
            for path in paths { console.log(.info, PathReport.line(path)) }
        }

        let loaded = config.load()
        loaded.diagnostics.forEach(console.log)
        var context = PlanningContext(config: loaded.config)
        switch existingMaps() {
        case .success(let maps): context.existingMaps = maps
        case .failure(let error):
            console.log(.error, "device-mapper is not usable: \(error.message) (is dm-multipath loaded?)")
            return .failure
        }

        let matcher = PosixRegexMatcher()
        let plan = MapPlanner.plan(paths: paths, context: context, matcher: matcher)
        for pattern in matcher.invalidPatterns {
            console.log(.warning, "regular expression '\(pattern)' does not compile; it matches nothing")
        }
        plan.diagnostics.forEach(console.log)
        if console.logs(.info) {
            for device in plan.unclaimed { console.log(.info, "\(device.device): not mapped: \(device.reasonText)") }
        }
        if plan.maps.isEmpty {
            console.log(.notice, "nothing to multipath (\(paths.count) path devices)")
            return .nothingToDo
        }
        if dryRun {
            for map in plan.maps {
                console.output("\(map.name) \(map.uuid) \(actionWord(map.action)) paths \(PathReport.names(map.paths))")
                console.output(map.table.text)
                if console.verbosity >= 3 { settingLines(map).forEach(console.output) }
            }
            return .success
        }

        // One check per path, bounded in time, before anything is created.
        let checker = PathChecker(devRoot: discovery.roots.dev)
        var failedPaths: [String: [DeviceNumber]] = [:]
        for map in plan.maps {
            let configured = map.settings?.checker.value ?? "tur"
            let choice = PathCheckerKind.forConfigured(configured)
            if choice.substituted {
                console.log(.info, "\(map.name): checker '\(configured)' is not built in; using tur at boot")
            }
            for path in map.paths {
                let verdict = checker.check(path.device, kind: choice.kind)
                let severity: Diagnostic.Severity = verdict.isDown ? .warning : .info
                if console.logs(severity) {
                    console.log(severity, "\(path.device.name): \(choice.kind.rawValue) checker: \(verdict.text)")
                }
                if verdict.isDown { failedPaths[map.name, default: []].append(path.device.devt) }
            }
        }

        let nodes = DeviceNodes(devRoot: discovery.roots.dev)
        let builder = MapBuilder(dm: dm, partitionSource: DevicePartitionSource(nodes: nodes), nodes: nodes)
        var failed = false
        for map in plan.maps {
            if console.logs(.debug) {
                console.log(.debug, "\(map.name): table \(map.table.text)")
                settingLines(map).forEach { console.log(.debug, "\(map.name):\($0)") }
            }
            let outcome = builder.apply(map, failing: failedPaths[map.name] ?? [])
            outcome.diagnostics.forEach(console.log)
            switch outcome.state {
            case .failed(let step, let message):
                failed = true
                console.log(.error, "\(map.name): \(step) failed, map removed: \(message)")
            case .created, .existing, .reloaded:
                recordInUdevDatabase(outcome)
                let device = outcome.device.map { " (\($0))" } ?? ""
                console.log(.notice, "\(map.name): \(stateWord(outcome.state))\(device) over \(PathReport.names(map.paths)), uuid \(map.uuid)")
                for partition in outcome.partitions {
                    let device = partition.device.map { " (\($0))" } ?? ""
                    console.log(.notice, "\(partition.name): \(partition.created ? "created" : "exists")\(device), uuid \(partition.uuid)")
                }
            }
        }
        return failed ? .failure : .success
    }

    /// The multipath maps in the kernel. A dry run must not even make libdm create
    /// /dev/mapper/control on a kernel without device-mapper: it reads maps only when the
    /// driver is registered (`/proc/misc`), and plans as if there were none otherwise.
    private func existingMaps() -> Result<[ExistingMap], SystemError> {
        if dryRun {
            let misc = (try? FileSystem.readText(discovery.roots.proc + "/misc")) ?? ""
            guard TextScan.contains(misc, " device-mapper\n") else {
                console.log(.info, "device-mapper is not loaded; planning as if no maps exist")
                return .success([])
            }
        }
        do throws(SystemError) {
            return .success(try ExistingMaps.read(dm))
        } catch {
            guard dryRun else { return .failure(error) }
            console.log(.warning, "device-mapper is not usable (\(error.message)); planning as if no maps exist")
            return .success([])
        }
    }

    /// Leaves the udev database records a udev-run initramfs would have left, so the real
    /// root's udev runs the dm rules for these maps on coldplug and multipathd adopts them
    /// without a reload (see UdevDatabase). Only when no udevd runs; `--no-udev-db` skips it.
    private func recordInUdevDatabase(_ outcome: MapOutcome) {
        guard writeUdevDatabase, !udevDatabase.udevIsRunning else { return }
        if let device = outcome.device,
           let problem = udevDatabase.record(device, properties: UdevDatabase.multipathMapProperties) {
            console.log(problem)
        }
        for partition in outcome.partitions {
            if let device = partition.device,
               let problem = udevDatabase.record(device, properties: UdevDatabase.partitionMapProperties) {
                console.log(problem)
            }
        }
    }

    /// `  <keyword> <value> (setting: <origin>)` per resolved setting, name and priorities
    /// first, in the spirit of multipath-tools' -v3 log.
    private func settingLines(_ map: MapPlan) -> [String] {
        var lines = ["  alias \(map.name) (setting: \(map.nameSource.rawValue))"]
        for (index, path) in map.paths.enumerated() where index < map.priorities.count {
            lines.append("  \(path.device.name) prio \(map.priorities[index])")
        }
        for (keyword, setting) in map.settings?.report ?? [] {
            lines.append("  \(keyword) \(setting.value.isEmpty ? "\"\"" : setting.value) (setting: \(setting.origin.text))")
        }
        return lines
    }

    private func actionWord(_ action: MapPlan.Action) -> String {
        switch action {
        case .create: return "create"
        case .keep: return "keep"
        case .reload: return "reload"
        }
    }

    private func stateWord(_ state: MapOutcome.State) -> String {
        switch state {
        case .created: return "created"
        case .existing: return "exists"
        case .reloaded: return "reloaded with new paths"
        case .failed: return "failed"
        }
    }
}

/// Reads the multipath maps that already exist.
enum ExistingMaps {
    static func read<DM: DeviceMapperControl>(_ dm: DM) throws(SystemError) -> [ExistingMap] {
        var out: [ExistingMap] = []
        for info in try dm.devices() where info.uuid.hasPrefix("mpath-") {
            let targets = try dm.targets(name: info.name, status: false)
            // multipath-tools' `dm_is_mpath`: exactly one target, of type multipath.
            guard targets.count == 1, targets[0].type == "multipath",
                  let readback = MultipathTargetReadback.parseTable(targets[0].parameters) else { continue }
            out.append(ExistingMap(name: info.name, uuid: info.uuid, device: info.device,
                                   pathDevices: readback.paths.map { $0.device }))
        }
        return out
    }
}
