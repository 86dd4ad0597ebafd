// AssembleCommand: scan → identify → plan → check → apply → report. `probe` (and `-d`) stop
// after planning and touch nothing; `--json` prints the installer report instead of text.
import MultipathCore
import MultipathSystem

/// `mpathboot [assemble]` creates the multipath maps and their partition maps; `mpathboot
/// probe` (or `assemble -d`) says what assemble would do and changes nothing.
struct AssembleCommand<DM: DeviceMapperControl> {
    let discovery: PathDiscovery
    let config: ConfigLoader
    let dm: DM
    let console: Console
    var dryRun: Bool
    let udevDatabase: UdevDatabase
    let writeUdevDatabase: Bool
    /// Print the installer report (docs/installer-interface.md) on stdout.
    var json = false
    /// Log each stage's wall time when done (`--timings`).
    var timings = false

    var assembly: Assembly<DM> { Assembly(discovery: discovery, config: config, dm: dm) }

    func run() -> ExitCode {
        switch assemble() {
        case .failure(let failure): return failure.status
        case .success(let (run, status)):
            if json {
                let report = assembly.report(run, mode: dryRun ? .probe : .assemble, version: MpathBoot.version)
                console.outputText(ReportJSON.json(report).pretty())
            }
            return status
        }
    }

    /// The run and its exit status, or the status of a run that could not even plan.
    func assemble() -> Result<(AssemblyRun, ExitCode), ExitFailure> {
        var stages = StageTimes(clock: MonotonicClock())
        defer { if timings { console.log(.notice, stages.summary) } }
        // Before the scan: the inactive table of a map a killed run left holds its paths.
        if !dryRun, let strays = try? StrayMaps.clean(dm, dryRun: false) { strays.forEach(console.log) }
        guard let paths = MpathBoot.discoverPaths(discovery, console: console) else { return .failure(ExitFailure(.failure)) }
        stages.end("discovery", count: paths.count, of: "paths")
        if console.logs(.info) {
            for path in paths { console.log(.info, PathReport.line(path)) }
        }

        let loaded = config.load()
        loaded.diagnostics.forEach(console.log)
        let service = assembly
        let dmLoaded = service.deviceMapperLoaded()
        var existing: [ExistingMap] = []
        if dryRun && !dmLoaded {
            // A dry run must not even make libdm create /dev/mapper/control on a kernel
            // without device-mapper: it plans as if there were no maps.
            console.log(.info, "device-mapper is not loaded; planning as if no maps exist")
        } else {
            do throws(SystemError) {
                existing = try service.existingMaps()
            } catch {
                guard dryRun else {
                    console.log(.error, "device-mapper is not usable: \(error.message) (is dm-multipath loaded?)")
                    return .failure(ExitFailure(.failure))
                }
                console.log(.warning, "device-mapper is not usable (\(error.message)); planning as if no maps exist")
            }
        }

        let planned = service.plan(paths: paths, config: loaded.config, existing: existing)
        let plan = planned.plan
        for pattern in planned.invalidPatterns {
            console.log(.warning, "regular expression '\(pattern)' does not compile; it matches nothing")
        }
        plan.diagnostics.forEach(console.log)
        stages.end("planning", count: plan.maps.count, of: "maps")
        if console.logs(.info) {
            for device in plan.unclaimed { console.log(.info, "\(device.device): not mapped: \(device.reasonText)") }
        }
        var run = AssemblyRun(paths: paths, config: loaded.config, plan: plan,
                              deviceMapperLoaded: dmLoaded || !dryRun,
                              scan: discovery.source == .devScan || !Sysfs(root: discovery.roots.sysfs).isAvailable
                                  ? "devscan" : "sysfs")
        run.diagnostics = loaded.diagnostics
        if plan.maps.isEmpty {
            console.log(.notice, "nothing to multipath (\(paths.count) path devices)")
            return .success((run, .nothingToDo))
        }
        if dryRun {
            if !json {
                for map in plan.maps {
                    console.output("\(map.name) \(map.uuid) \(actionWord(map.action)) paths \(PathReport.names(map.paths))")
                    console.output(map.table.text)
                    if console.verbosity >= 3 { settingLines(map).forEach(console.output) }
                }
            }
            return .success((run, .success))
        }

        // One check per path, bounded in time, before anything is created.
        var failedPaths: [String: [DeviceNumber]] = [:]
        var upPaths: [String: [DeviceNumber]] = [:]
        // Ready (not standby): where a new map's partition table can be read without it.
        var readable = Set<DeviceNumber>()
        var substituted = Set<String>()
        // By name, once: a search of `paths` per check is quadratic (16 M comparisons at 4096).
        var devtByName: [String: DeviceNumber] = [:]
        for path in paths { devtByName[path.device.name] = path.device.devt }
        for check in service.check(plan) {
            if check.substituted && !substituted.contains(check.map) {
                substituted.insert(check.map)
                console.log(.info, "\(check.map): checker '\(check.configured)' is not built in; using tur at boot")
            }
            let severity: Diagnostic.Severity = check.verdict.isDown ? .warning : .info
            if console.logs(severity) {
                console.log(severity, "\(check.path): \(check.kind.rawValue) checker: \(check.verdict.text)")
            }
            if let devt = devtByName[check.path] {
                run.checks[devt] = check.verdict
                if check.verdict.isDown {
                    failedPaths[check.map, default: []].append(devt)
                } else {
                    upPaths[check.map, default: []].append(devt)
                    if check.verdict == .up { readable.insert(devt) }
                }
            }
        }

        stages.end("path checks")
        // Asked once: whether a udevd owns the database decides, for every map, who records it.
        let udevIsRunning = udevDatabase.udevIsRunning
        var failed = false
        defer { stages.end("maps") }
        for map in plan.maps {
            if console.logs(.debug) {
                console.log(.debug, "\(map.name): table \(map.table.text)")
                settingLines(map).forEach { console.log(.debug, "\(map.name):\($0)") }
            }
            let outcome = service.apply(map, failing: failedPaths[map.name] ?? [], reinstating: upPaths[map.name] ?? [], readable: readable)
            run.outcomes.append(outcome)
            outcome.diagnostics.forEach(console.log)
            switch outcome.state {
            case .failed(let step, let message):
                failed = true
                console.log(.error, "\(map.name): \(step) failed, map removed: \(message)")
            case .created, .existing, .reloaded:
                if udevIsRunning {
                    if outcome.state != .existing { askUdevToLookAgain(at: map) }
                } else {
                    recordInUdevDatabase(outcome)
                }
                let device = outcome.device.map { " (\($0))" } ?? ""
                console.log(.notice, "\(map.name): \(stateWord(outcome.state))\(device) over \(PathReport.names(map.paths)), uuid \(map.uuid)")
                for partition in outcome.partitions {
                    let device = partition.device.map { " (\($0))" } ?? ""
                    console.log(.notice, "\(partition.name): \(partition.created ? "created" : "exists")\(device), uuid \(partition.uuid)")
                }
            }
        }
        return .success((run, failed ? .failure : .success))
    }

    /// Leaves the udev database records a udev-run initramfs would have left, so the real
    /// root's udev runs the dm rules for these maps on coldplug and multipathd adopts them
    /// without a reload (see UdevDatabase). Called only when no udevd runs; `--no-udev-db`
    /// skips it.
    private func recordInUdevDatabase(_ outcome: MapOutcome) {
        guard writeUdevDatabase else { return }
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

    /// With a udevd running (the caller checks), the paths of a map made or grown just now get
    /// a change event, so their udev properties say they are multipath paths (see UdevTrigger).
    private func askUdevToLookAgain(at map: MapPlan) {
        guard discovery.roots.sysfs != "" else { return }
        let trigger = UdevTrigger(sysfsRoot: discovery.roots.sysfs)
        for path in map.paths {
            trigger.change(disk: path.device.name).forEach(console.log)
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

/// An exit status as an error, for commands that stop early.
struct ExitFailure: Error {
    var status: ExitCode
    init(_ status: ExitCode) { self.status = status }
}
