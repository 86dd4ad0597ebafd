// MapPlanner: groups paths by WWID and decides, per WWID, whether and how to map it.
// Pure: paths, the wwids file and the maps that already exist in; a Plan out.

/// What the planner needs besides the paths.
public struct PlanningContext: Equatable, Sendable {
    /// WWIDs listed in `/etc/multipath/wwids`: these are mapped even with a single path.
    public var knownWWIDs: Set<String>
    /// Multipath maps already in the kernel.
    public var existingMaps: [ExistingMap]

    public init(knownWWIDs: Set<String> = [], existingMaps: [ExistingMap] = []) {
        self.knownWWIDs = knownWWIDs
        self.existingMaps = existingMaps
    }
}

/// Turns discovered paths into map plans.
///
/// Rules (mpathboot's, stricter than multipath-tools where data safety is at stake):
/// - a path without a WWID is never mapped;
/// - paths are grouped only when WWID, size, vendor/product and (when both report one) the
///   unit serial agree; any disagreement leaves every path of that WWID unmapped;
/// - a WWID is mapped when it has two or more paths, is listed in the wwids file, or already
///   has a map (multipath-tools `find_multipaths yes`);
/// - a WWID any of whose paths is mounted or held by something other than its own map is
///   left alone entirely.
public enum MapPlanner {
    public static func plan(paths: [Path], context: PlanningContext) -> Plan {
        var unclaimed: [UnclaimedDevice] = []
        var diagnostics: [Diagnostic] = []
        var byWWID: [WWID: [Path]] = [:]
        var order: [WWID] = []

        for path in paths.sorted(by: { TextScan.kernelNameLess($0.device.name, $1.device.name) }) {
            if path.device.nvmeNativeMultipath {
                unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: nil,
                                                 reason: .nativeNvmeMultipath))
                continue
            }
            guard let wwid = path.identity.wwid else {
                let why = path.identity.problem ?? "udev would set no ID_SERIAL"
                unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: nil,
                                                 reason: .noWWID(why)))
                continue
            }
            if byWWID[wwid] == nil { order.append(wwid) }
            byWWID[wwid, default: []].append(path)
        }

        var maps: [MapPlan] = []
        for wwid in order.sorted() {
            let group = byWWID[wwid] ?? []
            let existing = context.existingMaps.first { $0.uuid == wwid.dmUUID }

            if let conflict = identityConflict(group) {
                diagnostics.append(Diagnostic(.error, wwid.value,
                    "paths \(names(group)) share this WWID but \(conflict); not mapping any of them"))
                for path in group {
                    unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: wwid,
                                                     reason: .conflict(conflict)))
                }
                continue
            }
            if let busy = group.first(where: { $0.device.isBusy(exceptHolder: existing?.kernelName) }) {
                let why = busyReason(busy.device)
                diagnostics.append(Diagnostic(.warning, busy.device.name,
                    "\(why); leaving WWID \(wwid.value) (\(names(group))) unmapped"))
                for path in group {
                    unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: wwid,
                                                     reason: .busy(path.device.name == busy.device.name
                                                                   ? why : "another path (\(busy.device.name)) is busy")))
                }
                continue
            }
            let listed = context.knownWWIDs.contains(wwid.value)
            guard group.count >= 2 || listed || existing != nil else {
                unclaimed.append(UnclaimedDevice(device: group[0].device.name, wwid: wwid,
                                                 reason: .singlePath))
                continue
            }
            let name = existing?.name ?? wwid.value
            if existing == nil, let clash = context.existingMaps.first(where: { $0.name == name }) {
                diagnostics.append(Diagnostic(.error, name,
                    "a device-mapper map of that name exists with UUID '\(clash.uuid)'; not creating one for \(wwid.value)"))
                for path in group {
                    unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: wwid,
                                                     reason: .conflict("map name taken")))
                }
                continue
            }
            let table = MultipathPolicy.table(for: group)
            var action = MapPlan.Action.create
            if let existing {
                let have = Set(existing.pathDevices)
                let added = group.filter { !have.contains($0.device.devt) }.map { $0.device.name }
                action = added.isEmpty ? .keep : .reload(added: added)
            }
            if group.count == 1 {
                diagnostics.append(Diagnostic(.warning, wwid.value,
                    "only one path (\(group[0].device.name)); mapping it degraded because it is \(listed ? "listed in the wwids file" : "already mapped")"))
            }
            maps.append(MapPlan(name: name, nameSource: existing == nil ? .wwid : .existing,
                                wwid: wwid, paths: group, table: table, action: action))
        }
        return Plan(maps: maps, unclaimed: unclaimed, diagnostics: diagnostics)
    }

    /// Why paths sharing a WWID must not be grouped, or nil when they agree.
    static func identityConflict(_ group: [Path]) -> String? {
        guard let first = group.first else { return nil }
        for path in group.dropFirst() {
            if path.device.sizeSectors != first.device.sizeSectors {
                return "sizes differ (\(first.device.name) \(first.device.sizeSectors) sectors, \(path.device.name) \(path.device.sizeSectors) sectors)"
            }
            if path.device.vendor != first.device.vendor || path.device.model != first.device.model {
                return "vendor/product differ (\(first.device.vendor)/\(first.device.model) vs \(path.device.vendor)/\(path.device.model))"
            }
            if let a = first.identity.serial, let b = path.identity.serial, a != b {
                return "unit serial numbers differ ('\(a)' vs '\(b)')"
            }
        }
        if first.device.sizeSectors == 0 { return "the size is 0" }
        return nil
    }

    static func busyReason(_ device: BlockDevice) -> String {
        if device.mounted { return "mounted" }
        if let holder = device.holders.first { return "held by \(holder)" }
        if let holder = device.partitionHolders.first { return "a partition is held by \(holder)" }
        return "busy"
    }

    static func names(_ group: [Path]) -> String {
        var out = ""
        for path in group {
            if !out.isEmpty { out += "," }
            out += path.device.name
        }
        return out
    }
}
