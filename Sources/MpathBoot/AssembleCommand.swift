// AssembleCommand: scan → identify → plan → apply → report.
import MultipathCore
import MultipathSystem

/// `mpathboot [assemble]`: creates the multipath maps and their partition maps.
struct AssembleCommand<DM: DeviceMapperControl> {
    let discovery: PathDiscovery
    let dm: DM
    let console: Console
    let dryRun: Bool

    func run() -> ExitCode {
        guard let paths = MpathBoot.discoverPaths(discovery, console: console) else { return .failure }
        let roots = discovery.roots
        for path in paths {
            console.log(.info, PathReport.line(path))
        }

        var context = PlanningContext()
        let wwidsPath = roots.etc + "/multipath/wwids"
        if FileSystem.exists(wwidsPath) {
            do throws(SystemError) {
                let parsed = WwidsFile.parse(try FileSystem.readText(wwidsPath), path: wwidsPath)
                parsed.diagnostics.forEach(console.log)
                context.knownWWIDs = Set(parsed.wwids)
            } catch {
                console.log(.warning, "\(error.message); continuing without the wwids file")
            }
        }
        switch existingMaps() {
        case .success(let maps): context.existingMaps = maps
        case .failure(let error):
            console.log(.error, "device-mapper is not usable: \(error.message) (is dm-multipath loaded?)")
            return .failure
        }

        let plan = MapPlanner.plan(paths: paths, context: context)
        plan.diagnostics.forEach(console.log)
        for device in plan.unclaimed {
            console.log(.info, "\(device.device): not mapped: \(device.reasonText)")
        }
        if plan.maps.isEmpty {
            console.log(.notice, "nothing to multipath (\(paths.count) path devices)")
            return .nothingToDo
        }
        if dryRun {
            for map in plan.maps {
                console.output("\(map.name) \(map.uuid) \(actionWord(map.action)) paths \(PathReport.names(map.paths))")
                console.output(map.table.text)
            }
            return .success
        }

        let nodes = DeviceNodes(devRoot: discovery.roots.dev)
        let builder = MapBuilder(dm: dm, partitionSource: DevicePartitionSource(nodes: nodes), nodes: nodes)
        var failed = false
        for map in plan.maps {
            console.log(.debug, "\(map.name): table \(map.table.text)")
            let outcome = builder.apply(map)
            outcome.diagnostics.forEach(console.log)
            switch outcome.state {
            case .failed(let step, let message):
                failed = true
                console.log(.error, "\(map.name): \(step) failed, map removed: \(message)")
            case .created, .existing, .reloaded:
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
