// MultipathPolicy: the dm-multipath table multipath-tools 0.9.4 builds for one WWID from
// its resolved settings: grouping policy, path priorities, selector, features,
// no_path_retry and hardware handler (propsel.c, pgpolicies.c, dmparser.c assemble_map).

/// The settings of one map, each with its origin (what `-v3` reports).
public struct MapSettings: Equatable, Sendable {
    public var groupingPolicy: ResolvedSetting
    public var selector: ResolvedSetting
    public var features: ResolvedSetting
    public var noPathRetry: ResolvedSetting
    public var hardwareHandler: ResolvedSetting
    public var prio: ResolvedSetting
    public var prioArgs: ResolvedSetting
    public var rrMinIORq: ResolvedSetting
    public var rrWeight: ResolvedSetting
    public var checker: ResolvedSetting

    /// `(keyword, value, origin)` lines in multipath-tools' -v3 order.
    public var report: [(String, ResolvedSetting)] {
        [("path_grouping_policy", groupingPolicy), ("path_selector", selector), ("features", features),
         ("no_path_retry", noPathRetry), ("hardware_handler", hardwareHandler), ("prio", prio),
         ("prio_args", prioArgs), ("rr_min_io_rq", rrMinIORq), ("rr_weight", rrWeight),
         ("path_checker", checker)]
    }

    public static func == (a: MapSettings, b: MapSettings) -> Bool {
        a.report.map { $0.1 } == b.report.map { $0.1 }
    }
}

/// multipath-tools' table construction.
public enum MultipathPolicy {
    /// The default path selector (`defaults.h` DEFAULT_SELECTOR).
    public static let defaultSelector = "service-time 0"

    /// Resolves every setting for `paths` (all of one WWID) from `layers`.
    public static func settings(for paths: [Path], layers: SettingLayers) -> MapSettings {
        let allTPGS = !paths.isEmpty && paths.allSatisfy { $0.identity.tpgs != 0 }
        let anyTPGS = paths.contains { $0.identity.tpgs != 0 }

        // select_prio: detect_prio (overrides > devices > defaults > yes) wins when TPGS is on.
        let detectPrio = layers.resolve(.detectPrio, builtin: "yes", pathAttribute: true)
        var prio = layers.resolve(.prio, builtin: "const")
        var prioArgs = layers.resolve(.prioArgs, builtin: "")
        if isYes(detectPrio.value) && anyTPGS {
            let hasAccessState = paths.allSatisfy { $0.device.accessState != nil && !$0.device.accessStateFromRTPG }
            prio = ResolvedSetting(hasAccessState ? "sysfs" : "alua", .detected("TPGS \(hasAccessState ? "with" : "without") access_state"))
            prioArgs = ResolvedSetting("", .detected("detect_prio"))
        } else if prio.value == "alua" && !anyTPGS {
            prio = ResolvedSetting("const", .detected("alua without TPGS"))
        }

        // select_hwhandler with retain_attached_hw_handler (forced on for kernels >= 4.3).
        var handler = layers.resolve(.hardwareHandler, builtin: "0")
        if let attached = paths.compactMap({ $0.device.deviceHandler }).first(where: { $0 != "detached" && !$0.isEmpty }) {
            handler = ResolvedSetting("1 \(attached)", .detected("attached scsi_dh"))
        } else if allTPGS && handler.origin == .builtin {
            handler = ResolvedSetting("1 alua", .detected("TPGS"))
        } else if handler.value == "1 alua" && !allTPGS {
            handler = ResolvedSetting("0", .detected("not every path supports TPGS"))
        }

        let detectChecker = layers.resolve(.detectChecker, builtin: "yes", pathAttribute: true)
        var checker = layers.resolve(.pathChecker, builtin: "tur", pathAttribute: true)
        if isYes(detectChecker.value) && anyTPGS {
            checker = ResolvedSetting("tur", .detected("TPGS"))
        }

        return MapSettings(
            groupingPolicy: layers.resolve(.pathGroupingPolicy, builtin: "failover"),
            selector: layers.resolve(.pathSelector, builtin: defaultSelector),
            features: layers.resolve(.features, builtin: "0"),
            noPathRetry: layers.resolve(.noPathRetry, builtin: "undef"),
            hardwareHandler: handler,
            prio: prio,
            prioArgs: prioArgs,
            rrMinIORq: layers.resolve(.rrMinIORq, builtin: "1"),
            rrWeight: layers.resolve(.rrWeight, builtin: "uniform"),
            checker: checker)
    }

    /// The table for `paths` (in discovery order) under `settings`, with each path's
    /// priority from `priorities` (same order).
    public static func table(for paths: [Path], settings: MapSettings, priorities: [Int]) -> DmTable {
        let repeatBase = max(1, Int(settings.rrMinIORq.value) ?? 1)
        let weighted = settings.rrWeight.value == "priorities"
        var groups: [(key: String, members: [Int])] = []
        for index in paths.indices {
            let key = groupKey(settings.groupingPolicy.value, path: paths[index], priority: priorities[index], index: index)
            if let existing = groups.firstIndex(where: { $0.key == key }) {
                groups[existing].members.append(index)
            } else {
                groups.append((key, [index]))
            }
        }
        var built: [MultipathTable.Group] = []
        for group in groups {
            let members = group.members.map { index in
                MultipathTable.GroupPath(device: paths[index].device.devt,
                                         repeatCount: weighted ? repeatBase * max(1, priorities[index]) : repeatBase)
            }
            let sum = group.members.reduce(0) { $0 + priorities[$1] }
            built.append(MultipathTable.Group(selector: settings.selector.value, paths: members,
                                              priority: sum / max(1, group.members.count)))
        }
        // sort_pathgroups: higher priority first, then more paths first; otherwise stable.
        let ordered = StableOrder.sorted(built) { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            return a.paths.count > b.paths.count
        }
        let table = MultipathTable(features: features(settings.features.value, noPathRetry: settings.noPathRetry.value),
                                   hardwareHandler: settings.hardwareHandler.value, groups: ordered)
        return DmTable(length: paths.first?.device.sizeSectors ?? 0, .multipath(table))
    }

    /// The table with multipath-tools' built-in defaults and no configuration.
    public static func table<M: PatternMatcher>(for paths: [Path], matcher: M) -> DmTable {
        let settings = self.settings(for: paths, layers: SettingLayers(multipath: nil, overrides: SettingSet(),
                                                                       devices: [], defaults: SettingSet()))
        return table(for: paths, settings: settings,
                     priorities: paths.map {
                         priority(of: $0, prio: settings.prio.value, args: settings.prioArgs.value, matcher: matcher)
                     })
    }

    /// The prioritizers computed here; others are rated 1 and left to multipathd.
    public static let builtinPrioritizers: Set<String> = ["const", "sysfs", "alua", "weightedpath"]

    /// The features string with `queue_if_no_path` added or removed per `no_path_retry`
    /// (propsel.c `select_no_path_retry` + structs.c `add_feature`/`remove_feature`);
    /// `undef` (nothing sets it) leaves the features as configured.
    public static func features(_ configured: String, noPathRetry: String) -> String {
        var words = configured.split(separator: " ").map(String.init)
        if !words.isEmpty { words.removeFirst() }
        if noPathRetry == "undef" { return configured.isEmpty ? "0" : configured }
        let queues = noPathRetry == "queue" || (Int(noPathRetry).map { $0 > 0 } ?? false)
        let has = words.contains("queue_if_no_path")
        if queues && !has {
            words.append("queue_if_no_path")
        } else if !queues && has && noPathRetry == "fail" {
            words.removeAll { $0 == "queue_if_no_path" }
        }
        return words.isEmpty ? "0" : "\(words.count) " + words.joined(separator: " ")
    }

    /// A path's priority under prioritizer `prio` (libmultipath/prioritizers).
    /// - const: 1. - sysfs/alua: from the ALUA access state (50 optimized, 10 non-optimized,
    ///   5 lba-dependent, 1 standby, 0 otherwise), plus 80 when the path's port group has the
    ///   PREF bit and is not active/optimized, or is and `args` has `exclusive_pref_bit`
    ///   (sysfs.c and alua.c `getprio`). - weightedpath: see `weightedPriority`.
    /// Prioritizers that need vendor commands (emc, rdac, hds, ontap, hp_sw, ...) are not
    /// built in; they count as const and the plan says so.
    public static func priority<M: PatternMatcher>(of path: Path, prio: String, args: String, matcher: M) -> Int {
        switch prio {
        case "sysfs", "alua":
            let base: Int
            switch path.device.accessState {
            case "active/optimized": base = 50
            case "active/non-optimized": base = 10
            case "lba-dependent": base = 5
            case "standby": base = 1
            case nil: return 1
            default: base = 0
            }
            // A preferred optimized path already leads; the bit only lifts the others,
            // unless the array's preference is to beat even optimized paths.
            if path.device.accessPreferred && (base != 50 || hasExclusivePrefBit(args)) { return base + 80 }
            return base
        case "weightedpath":
            return weightedPriority(of: path, args: args, matcher: matcher) ?? 0
        default:
            return 1
        }
    }

    /// Whether the prioritizer arguments ask for `exclusive_pref_bit`, as
    /// `get_exclusive_pref_arg` decides it: the first occurrence of the word counts, and only
    /// when blanks (space, tab) or the ends of `args` surround it.
    static func hasExclusivePrefBit(_ args: String) -> Bool {
        let text = Array(args.utf8), word = Array("exclusive_pref_bit".utf8)
        guard text.count >= word.count else { return false }
        for start in 0...(text.count - word.count) where text[start..<(start + word.count)].elementsEqual(word) {
            let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
            let end = start + word.count
            return (end == text.count || isBlank(text[end])) && (start == 0 || isBlank(text[start - 1]))
        }
        return false
    }

    /// weightedpath (prioritizers/weightedpath.c): args `hbtl|devname|serial|wwn regex prio ...`;
    /// the first pair whose regex matches gives the priority.
    static func weightedPriority<M: PatternMatcher>(of path: Path, args: String, matcher: M) -> Int? {
        let words = args.split(separator: " ").map(String.init)
        guard words.count >= 3 else { return nil }
        let subject: String
        switch words[0] {
        case "hbtl": subject = path.device.scsiAddress?.description ?? ""
        case "devname": subject = path.device.name
        case "serial": subject = path.identity.serial ?? ""
        default: subject = path.identity.wwid?.value ?? ""
        }
        var index = 1
        while index + 1 < words.count {
            if matcher.matches(words[index], subject) { return Int(words[index + 1]) }
            index += 2
        }
        return nil
    }

    static func groupKey(_ policy: String, path: Path, priority: Int, index: Int) -> String {
        switch policy {
        case "multibus": return "all"
        case "group_by_prio": return "\(priority)"
        case "group_by_serial": return path.identity.serial ?? ""
        // sysfs_get_tgt_nodename: paths to the same target node share a group; a path whose
        // node name is unknown forms its own group, as multipath-tools' empty name compares.
        case "group_by_node_name": return path.device.targetNodeName ?? "?\(index)"
        default: return "\(index)"
        }
    }

    static func isYes(_ value: String) -> Bool { value == "yes" || value == "on" || value == "1" }
}
