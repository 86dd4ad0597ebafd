// MapPlanner: groups paths by WWID and decides, per WWID, whether and how to map it.
// Pure: paths, the wwids file and the maps that already exist in; a Plan out.

/// What the planner needs besides the paths.
public struct PlanningContext: Equatable, Sendable {
    public var config: PolicyConfig
    /// Multipath maps already in the kernel.
    public var existingMaps: [ExistingMap]

    public init(config: PolicyConfig = PolicyConfig(), existingMaps: [ExistingMap] = []) {
        self.config = config
        self.existingMaps = existingMaps
    }
}

/// Turns discovered paths into map plans.
///
/// multipath-tools' rules (blacklist, find_multipaths, select_alias, propsel) plus
/// mpathboot's own, stricter where data safety is at stake:
/// - a path without a WWID is never mapped;
/// - paths are grouped only when WWID, size, vendor/product and (when both report one) the
///   unit serial agree; any disagreement leaves every path of that WWID unmapped;
/// - a WWID any of whose paths is mounted or held by something other than its own map is
///   left alone entirely.
public enum MapPlanner {
    public static func plan<M: PatternMatcher>(paths: [Path], context: PlanningContext, matcher: M) -> Plan {
        let config = context.config
        var unclaimed: [UnclaimedDevice] = []
        var diagnostics: [Diagnostic] = []
        var byWWID: [WWID: [Path]] = [:]
        var order: [WWID] = []

        // The device rules' verdict for each vendor/model, worked out once: every path of an
        // array model gets the same one (the hardware table's 123 product_blacklist checks
        // were half of the planner's instructions at 128 paths).
        var deviceVerdicts: [String: DeviceVerdict] = [:]
        for path in StableOrder.sorted(paths, by: { BlockDevice.discoveryOrder($0.device, $1.device) }) {
            if path.device.nvmeNativeMultipath {
                unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: nil,
                                                 reason: .nativeNvmeMultipath))
                continue
            }
            let model = path.device.vendor + "\u{0}" + path.device.model
            let verdict: DeviceVerdict
            if let known = deviceVerdicts[model] {
                verdict = known
            } else {
                verdict = DeviceVerdict(reason: Blacklist.deviceReason(vendor: path.device.vendor, model: path.device.model,
                                                                       config: config, matcher: matcher))
                deviceVerdicts[model] = verdict
            }
            if let reason = Blacklist.reason(for: path, config: config, matcher: matcher, deviceReason: verdict.reason) {
                unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: path.identity.wwid,
                                                 reason: .blacklisted(reason)))
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

        let findMultipaths = config.findMultipaths
        var maps: [MapPlan] = []
        // The device entries for each vendor/product/revision, worked out once: every LUN of
        // an array model matches the same entries (1024 LUNs: 1024 walks of the table before).
        var devicesByModel: [String: [(entry: DeviceEntry, builtin: Bool)]] = [:]
        // The maps in the kernel by DM UUID and by name, once: `wait` plans again every half
        // second with every map existing, and a search per WWID was quadratic.
        // (Indexes, not copies: a [String: Int] costs the binary no new specialisation.)
        var existingByUUID: [String: Int] = [:]
        var existingByName: [String: Int] = [:]
        for (index, map) in context.existingMaps.enumerated() {
            if existingByUUID[map.uuid] == nil { existingByUUID[map.uuid] = index }
            if existingByName[map.name] == nil { existingByName[map.name] = index }
        }
        for wwid in StableOrder.sorted(order, by: { $0 < $1 }) {
            var group = byWWID[wwid] ?? []
            let existing = existingByUUID[wwid.dmUUID].map { context.existingMaps[$0] }

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
            let listed = config.knownWWIDs.contains(wwid.value)
            guard shouldMultipath(mode: findMultipaths.value, paths: group.count, listed: listed,
                                  existing: existing != nil) else {
                for path in group {
                    unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: wwid,
                                                     reason: .notMultipathed(findMultipaths.value)))
                }
                continue
            }
            // A path the kernel has taken offline cannot be opened (sd_open: ENXIO), and a
            // table naming it fails to load: the map is made over the others, and
            // multipathd adds the path when it comes back.
            let offline = group.filter { isOffline($0.device) }
            group.removeAll { isOffline($0.device) }
            for path in offline {
                let state = path.device.state ?? "offline"
                diagnostics.append(Diagnostic(.warning, path.device.name,
                    "device state \(state); left out of the map for \(wwid.value) (multipathd adds it when it is back)"))
                unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: wwid, reason: .offline(state)))
            }
            guard !group.isEmpty else { continue }
            let first = group[0].device
            let model = first.vendor + "\u{0}" + first.model + "\u{0}" + first.revision
            let matched: [(entry: DeviceEntry, builtin: Bool)]
            if let known = devicesByModel[model] {
                matched = known
            } else {
                matched = config.matchingDevices(for: first, matcher: matcher)
                devicesByModel[model] = matched
            }
            let layers = config.layers(for: wwid, devices: matched)
            let naming = name(for: wwid, layers: layers, config: config)
            if let note = naming.note { diagnostics.append(Diagnostic(.notice, wwid.value, note)) }
            var name = naming.name
            var nameSource = naming.source
            if let existing, existing.name != name {
                diagnostics.append(Diagnostic(.warning, existing.name,
                    "exists for \(wwid.value); keeping that name (multipath-tools would call it '\(name)')"))
                name = existing.name
                nameSource = .existing
            }
            if existing == nil, let clash = existingByName[name].map({ context.existingMaps[$0] }) {
                diagnostics.append(Diagnostic(.error, name,
                    "a device-mapper map of that name exists with UUID '\(clash.uuid)'; not creating one for \(wwid.value)"))
                for path in group {
                    unclaimed.append(UnclaimedDevice(device: path.device.name, wwid: wwid,
                                                     reason: .conflict("map name taken")))
                }
                continue
            }
            let settings = MultipathPolicy.settings(for: group, layers: layers)
            let priorities = group.map {
                MultipathPolicy.priority(of: $0, prio: settings.prio.value, args: settings.prioArgs.value,
                                         matcher: matcher)
            }
            if !MultipathPolicy.builtinPrioritizers.contains(settings.prio.value) {
                diagnostics.append(Diagnostic(.warning, wwid.value,
                    "prioritizer '\(settings.prio.value)' is not built in; paths get priority 1 (multipathd will re-rate them)"))
            }
            let table = MultipathPolicy.table(for: group, settings: settings, priorities: priorities)
            var action = MapPlan.Action.create
            if let existing {
                let have = Set(existing.pathDevices)
                let added = group.filter { !have.contains($0.device.devt) }.map { $0.device.name }
                action = added.isEmpty ? .keep : .reload(added: added)
            }
            if group.count == 1 {
                diagnostics.append(Diagnostic(.warning, wwid.value,
                    "only one path (\(group[0].device.name)); mapping it degraded (find_multipaths \(findMultipaths.value)\(listed ? ", listed in the wwids file" : ""))"))
            }
            var plan = MapPlan(name: name, nameSource: nameSource, wwid: wwid, paths: group, table: table,
                               action: action)
            plan.settings = settings
            plan.priorities = priorities
            maps.append(plan)
        }
        return Plan(maps: maps, unclaimed: unclaimed, diagnostics: diagnostics)
    }

    /// A vendor/model's device-rule verdict (a struct, so that "not blacklisted" can be
    /// remembered in a dictionary).
    struct DeviceVerdict {
        var reason: String?
    }

    /// multipath-tools `wwids.c:should_multipath` for the `multipath` command: `no` and
    /// `greedy` take every path; `strict` only WWIDs in the wwids file; `yes` and `smart`
    /// also two or more paths or an existing map. (smart's "maybe" wait is multipathd's and
    /// udev's business; at boot a lone unlisted path is simply not mapped.)
    public static func shouldMultipath(mode: String, paths: Int, listed: Bool, existing: Bool) -> Bool {
        switch mode {
        case "no", "greedy": return true
        case "strict": return listed
        default: return listed || paths >= 2 || existing
        }
    }

    /// `propsel.c:select_alias`: multipaths alias > bindings alias (with user_friendly_names)
    /// > the WWID. A missing binding is not invented: the bindings file is never written at
    /// boot, so the map is named by WWID and the real root may pick an alias later.
    static func name(for wwid: WWID, layers: SettingLayers, config: PolicyConfig)
        -> (name: String, source: MapPlan.NameSource, note: String?) {
        if let alias = layers.multipath?.alias, !alias.isEmpty {
            return (alias, .multipathsAlias, nil)
        }
        let friendly = layers.resolve(.userFriendlyNames, builtin: "no")
        guard MultipathPolicy.isYes(friendly.value) else { return (wwid.value, .wwid, nil) }
        if let alias = config.bindings[wwid.value] { return (alias, .bindings, nil) }
        return (wwid.value, .wwid,
                "user_friendly_names is on but the bindings file has no alias for this WWID; naming the map by WWID (the installed system may give it an alias and rename it)")
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

    /// `sd_open` refuses a device in these states (`scsi_device_online` is false).
    static func isOffline(_ device: BlockDevice) -> Bool {
        device.state == "offline" || device.state == "transport-offline"
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
