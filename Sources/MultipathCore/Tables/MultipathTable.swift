// MultipathTable: the parameters of a dm-multipath target, rendered exactly as
// multipath-tools 0.9.4 `dmparser.c:assemble_map` renders them, so that multipathd on the
// real root finds nothing to reload.

/// The parameters of one dm-multipath target.
///
/// Text form (`assemble_map`): `<features> <hwhandler> <#groups> <initial group>` then per
/// group `<selector> <#paths> 1` and per path `<maj:min> <repeat>`, e.g.
/// `0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1`.
public struct MultipathTable: Equatable, Sendable {
    /// One priority group: a path selector and its paths (kernel `struct priority_group`).
    public struct Group: Equatable, Sendable {
        /// The selector with its arguments, verbatim (`service-time 0`).
        public var selector: String
        public var paths: [GroupPath]
        /// The group's priority (the sum/average of its paths'); orders groups, not rendered.
        public var priority: Int

        public init(selector: String, paths: [GroupPath], priority: Int = 1) {
            self.selector = selector
            self.paths = paths
            self.priority = priority
        }
    }

    /// One path in a group with its selector argument (the repeat count, `rr_min_io_rq`).
    public struct GroupPath: Equatable, Sendable {
        public var device: DeviceNumber
        public var repeatCount: Int

        public init(device: DeviceNumber, repeatCount: Int = 1) {
            self.device = device
            self.repeatCount = repeatCount
        }
    }

    /// Feature words with their count first, as multipath-tools keeps them (`0`,
    /// `1 queue_if_no_path`, `3 pg_init_retries 50 queue_if_no_path`).
    public var features: String
    /// Hardware handler with its count first (`0`, `1 alua`).
    public var hardwareHandler: String
    public var groups: [Group]
    /// 1-based index of the group to use first (`bestpg`); 0 when there are no groups.
    public var initialGroup: Int

    public init(features: String = "0", hardwareHandler: String = "0", groups: [Group],
                initialGroup: Int? = nil) {
        self.features = features
        self.hardwareHandler = hardwareHandler
        self.groups = groups
        self.initialGroup = initialGroup ?? (groups.isEmpty ? 0 : 1)
    }

    /// All path devices of the table, group by group.
    public var devices: [DeviceNumber] {
        var out: [DeviceNumber] = []
        for group in groups {
            for path in group.paths { out.append(path.device) }
        }
        return out
    }

    /// The parameter string passed to the kernel (`assemble_map`'s output).
    public var parameters: String {
        var out = "\(features) \(hardwareHandler) \(groups.count) \(initialGroup)"
        for group in groups {
            // One per-path argument (the repeat count) for every selector multipath-tools uses.
            out += " \(group.selector) \(group.paths.count) 1"
            for path in group.paths {
                out += " \(path.device) \(path.repeatCount)"
            }
        }
        return out
    }
}
