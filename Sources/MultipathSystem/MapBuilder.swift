// MapBuilder: carries out map plans in device-mapper in the order that cannot leave a
// half-made device (create → load → resume, remove on any failure), then adds the
// partition maps kpartx would add.
import MultipathCore

/// Reads the partition table of a freshly made map (a seam for tests).
public protocol PartitionTableSource {
    /// The table on the device `device` known as `/dev/mapper/<mapName>`, read from one of
    /// its path devices `paths` (kernel names, best first) when one can be read, else through
    /// the map; nil when the device carries no recognisable table.
    func partitionTable(mapName: String, device: DeviceNumber, paths: [String]) throws(SystemError) -> PartitionTable?
}

/// What became of one planned map.
public struct MapOutcome: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        case created
        case existing
        case reloaded
        /// The step that failed and the error; nothing of the map is left behind.
        case failed(step: String, message: String)
    }

    public struct PartitionOutcome: Equatable, Sendable {
        public var name: String
        public var uuid: String
        public var device: DeviceNumber?
        public var created: Bool
    }

    public var name: String
    public var uuid: String
    public var state: State
    public var device: DeviceNumber?
    public var partitions: [PartitionOutcome]
    public var diagnostics: [Diagnostic]
}

/// Applies `MapPlan`s through a `DeviceMapperControl`.
public struct MapBuilder<DM: DeviceMapperControl, Partitions: PartitionTableSource> {
    public var dm: DM
    public var partitionSource: Partitions
    public var nodes: DeviceNodes
    /// The test crash point (`MPATHBOOT_FAULT`); `.none` in every normal run.
    public var fault: FaultInjection

    public init(dm: DM, partitionSource: Partitions, nodes: DeviceNodes,
                fault: FaultInjection = .fromEnvironment()) {
        self.dm = dm
        self.partitionSource = partitionSource
        self.nodes = nodes
        self.fault = fault
    }

    /// Creates, keeps or reloads the map of `plan`, fails the paths in `failing` (their
    /// checker said they are down: they stay in the table, so multipathd can reinstate them,
    /// but no I/O waits on them first), reinstates failed paths in `reinstating` (their
    /// checker says they are up), then adds the partition maps, whose table is read from a
    /// path in `readable` (checker: ready, not standby) when there is one.
    public func apply(_ plan: MapPlan, failing: [DeviceNumber] = [], reinstating: [DeviceNumber] = [],
                      readable: Set<DeviceNumber> = []) -> MapOutcome {
        var outcome = MapOutcome(name: plan.name, uuid: plan.uuid, state: .created, device: nil,
                                 partitions: [], diagnostics: [])
        do throws(SystemError) {
            switch plan.action {
            case .create:
                outcome.device = try createMap(name: plan.name, uuid: plan.uuid, table: plan.table)
                outcome.state = .created
            case .keep:
                outcome.device = try dm.info(name: plan.name)?.device
                outcome.state = .existing
            case .reload:
                // A live table swap keeping queued I/O (multipath-tools `dm_addmap_reload`).
                try load(name: plan.name, table: plan.table)
                try dm.resume(name: plan.name, noFlush: true)
                outcome.device = try dm.info(name: plan.name)?.device
                outcome.state = .reloaded
            }
        } catch {
            outcome.state = .failed(step: stepName(error), message: error.message)
            return outcome
        }
        guard let device = outcome.device else {
            outcome.state = .failed(step: "info", message: "map \(plan.name) vanished")
            return outcome
        }
        setPathStates(of: plan, failing: failing, reinstating: reinstating, into: &outcome)
        if let problem = nodes.ensure(name: plan.name, device: device) {
            outcome.diagnostics.append(problem)
        }
        addPartitions(of: plan, device: device, readable: readable, into: &outcome)
        return outcome
    }

    /// Without a multipathd in the initramfs, mpathboot is the one that keeps path states
    /// true: `fail_path` for a path its checker finds down (so no I/O waits on it first), and
    /// `reinstate_path` for a failed path whose checker finds it up again (a path that was
    /// not ready when the map was made, seen again by `wait`). The kernel's status says which
    /// paths are active, so nothing is sent twice.
    private func setPathStates(of plan: MapPlan, failing: [DeviceNumber], reinstating: [DeviceNumber],
                               into outcome: inout MapOutcome) {
        guard !failing.isEmpty || !reinstating.isEmpty else { return }
        var active: Set<DeviceNumber> = []
        var failed: Set<DeviceNumber> = []
        if case .create = plan.action {
            plan.paths.forEach { active.insert($0.device.devt) }
        } else if let status = try? dm.targets(name: plan.name, status: true), status.count == 1,
                  let readback = MultipathTargetReadback.parseStatus(status[0].parameters) {
            for path in readback.paths {
                if path.active { active.insert(path.device) } else { failed.insert(path.device) }
            }
        }
        for path in failing where active.contains(path) {
            message(plan.name, "fail_path \(path)", done: Diagnostic(.warning, plan.name, "path \(path) failed in the map (checker)"),
                    into: &outcome)
        }
        for path in reinstating where failed.contains(path) {
            message(plan.name, "reinstate_path \(path)", done: Diagnostic(.notice, plan.name, "path \(path) reinstated (checker: up)"),
                    into: &outcome)
        }
    }

    private func message(_ name: String, _ text: String, done: Diagnostic, into outcome: inout MapOutcome) {
        do throws(SystemError) {
            try dm.message(name: name, text)
            outcome.diagnostics.append(done)
        } catch {
            outcome.diagnostics.append(Diagnostic(.warning, name, error.message))
        }
    }

    /// `DM_DEVICE_CREATE`, `DM_TABLE_LOAD`, `DM_DEVICE_RESUME`; on any failure the device is
    /// removed again before the error is thrown, so no empty or suspended map survives.
    /// Only a killed process can leave one (no live table): `StrayMaps` removes it next run.
    public func createMap(name: String, uuid: String, table: DmTable) throws(SystemError) -> DeviceNumber {
        let device = try dm.create(name: name, uuid: uuid)
        fault.reached(.afterCreate, name: name)
        do throws(SystemError) {
            try load(name: name, table: table)
            fault.reached(.afterLoad, name: name)
            try dm.resume(name: name, noFlush: false)
        } catch {
            do throws(SystemError) {
                try dm.remove(name: name)
            } catch let removeError {
                throw .deviceMapper(step: stepName(error), name: name, errno: nil,
                                    detail: "\(error.message); removing the half-made map failed too: \(removeError.message)")
            }
            throw error
        }
        return device
    }

    /// `DM_TABLE_LOAD`; when it fails and the kernel lacks a target type the table uses
    /// (dm-multipath not loaded, and no modprobe in the initramfs to load it on demand), the
    /// error says so instead of only the kernel's EINVAL.
    private func load(name: String, table: DmTable) throws(SystemError) {
        do throws(SystemError) {
            try dm.load(name: name, table: table, readOnly: false)
        } catch {
            guard case .deviceMapper(let step, let failed, let errno, let detail) = error,
                  let known = dm.targetTypes() else { throw error }
            var missing: [String] = []
            for target in table.targets where !known.contains(target.typeName) && !missing.contains(target.typeName) {
                missing.append(target.typeName)
            }
            guard let first = missing.first else { throw error }
            let module = first == "multipath" ? "dm-multipath" : "dm-" + first
            let hint = "the kernel has no '\(first)' target: is the \(module) module loaded?"
            throw .deviceMapper(step: step, name: failed, errno: errno, detail: detail.isEmpty ? hint : detail + "; " + hint)
        }
    }

    private func addPartitions(of plan: MapPlan, device: DeviceNumber, readable: Set<DeviceNumber>,
                               into outcome: inout MapOutcome) {
        let paths = plan.readOrder(among: readable)
        let table: PartitionTable?
        do throws(SystemError) {
            table = try partitionSource.partitionTable(mapName: plan.name, device: device, paths: paths)
        } catch {
            outcome.diagnostics.append(Diagnostic(.warning, plan.name,
                "partition table not usable, no partition maps: \(error.message)"))
            return
        }
        guard let table else { return }
        let planned = PartitionMapPlanner.plan(mapName: plan.name, mapUUID: plan.uuid, mapDevice: device,
                                               mapSectors: plan.table.length, table: table)
        outcome.diagnostics += planned.diagnostics
        for partition in planned.partitions {
            var result = MapOutcome.PartitionOutcome(name: partition.name, uuid: partition.uuid,
                                                     device: nil, created: false)
            do throws(SystemError) {
                if let existing = try dm.info(name: partition.name) {
                    guard existing.uuid == partition.uuid else {
                        outcome.diagnostics.append(Diagnostic(.error, partition.name,
                            "exists with UUID '\(existing.uuid)', expected '\(partition.uuid)'; left alone"))
                        continue
                    }
                    result.device = existing.device
                } else {
                    result.device = try createMap(name: partition.name, uuid: partition.uuid,
                                                  table: partition.table)
                    result.created = true
                }
            } catch {
                outcome.diagnostics.append(Diagnostic(.error, partition.name, error.message))
                continue
            }
            if let node = result.device, let problem = nodes.ensure(name: partition.name, device: node) {
                outcome.diagnostics.append(problem)
            }
            outcome.partitions.append(result)
        }
    }

    private func stepName(_ error: SystemError) -> String {
        if case .deviceMapper(let step, _, _, _) = error { return step }
        return "io"
    }
}
