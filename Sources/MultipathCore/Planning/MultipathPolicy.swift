// MultipathPolicy: the table multipath-tools 0.9.4 builds with its built-in defaults
// (no multipath.conf): failover grouping, service-time 0, rr_min_io_rq 1, prio detection.

/// multipath-tools' built-in defaults applied to one WWID's paths.
public enum MultipathPolicy {
    /// The default path selector (`defaults.h` DEFAULT_SELECTOR).
    public static let defaultSelector = "service-time 0"

    /// The dm-multipath table for `paths` (already in discovery order).
    ///
    /// - Grouping `failover` (one path per group), groups ordered by descending priority
    ///   (`pgpolicies.c:group_paths` then `sort_pathgroups`); the first group is the best.
    /// - Priority: `sysfs` (ALUA `access_state`) when the path supports TPGS and the kernel
    ///   exposes the state, else `const` (1) — `propsel.c:detect_prio`.
    /// - Hardware handler: `propsel.c:select_hwhandler` with retain_attached_hw_handler on:
    ///   an attached handler wins (`1 <dh_state>`), else `1 alua` when every path has TPGS,
    ///   else `0`.
    public static func table(for paths: [Path]) -> DmTable {
        var groups: [MultipathTable.Group] = []
        for path in paths {
            groups.append(MultipathTable.Group(
                selector: defaultSelector,
                paths: [MultipathTable.GroupPath(device: path.device.devt, repeatCount: 1)],
                priority: priority(of: path)))
        }
        // A stable sort: equal priorities keep discovery order, as sort_pathgroups does.
        let ordered = groups.enumerated().sorted {
            $0.element.priority != $1.element.priority
                ? $0.element.priority > $1.element.priority : $0.offset < $1.offset
        }.map { $0.element }
        let table = MultipathTable(features: "0", hardwareHandler: hardwareHandler(for: paths),
                                   groups: ordered)
        return DmTable(length: paths.first?.device.sizeSectors ?? 0, .multipath(table))
    }

    /// ALUA priority from the sysfs `access_state` (prioritizers/sysfs.c): 50 optimized,
    /// 10 non-optimized, 5 lba-dependent, 1 standby, 0 otherwise; 1 (`const`) without ALUA.
    public static func priority(of path: Path) -> Int {
        guard path.identity.tpgs != 0, let state = path.device.accessState else { return 1 }
        switch state {
        case "active/optimized": return 50
        case "active/non-optimized": return 10
        case "lba-dependent": return 5
        case "standby": return 1
        default: return 0
        }
    }

    static func hardwareHandler(for paths: [Path]) -> String {
        for path in paths {
            if let handler = path.device.deviceHandler, !handler.isEmpty, handler != "detached" {
                return "1 \(handler)"
            }
        }
        if !paths.isEmpty && paths.allSatisfy({ $0.identity.tpgs != 0 }) { return "1 alua" }
        return "0"
    }
}
