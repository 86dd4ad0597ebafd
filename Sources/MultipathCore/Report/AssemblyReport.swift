// AssemblyReport: what `mpathboot probe` would do or `mpathboot assemble` did, as one value
// for installers (docs/installer-interface.md, docs/report.schema.json). Serialised by
// `ReportJSON`; built by `ReportBuilder`.

/// The installer report: maps, WWID groups, unclaimed devices, EDD disks, the files the
/// installed system needs, and a summary with an activation recommendation.
public struct AssemblyReport: Equatable, Sendable {
    /// The report's schema version. Bumped on every incompatible change; fields may be
    /// added without a bump (consumers ignore what they do not know).
    public static let schemaVersion = 1

    /// `probe` changes nothing and says what `assemble` would do; `assemble` did it.
    public enum Mode: String, Equatable, Sendable {
        case probe
        case assemble
    }

    /// One multipath map, planned or made.
    public struct Map: Equatable, Sendable {
        public enum State: String, Equatable, Sendable {
            /// probe: assemble would create it.
            case wouldCreate = "would_create"
            /// probe: it exists but lacks paths; assemble would reload it with them.
            case wouldReload = "would_reload"
            /// assemble: made now.
            case created
            /// assemble: existed and got its late paths by a table reload.
            case reloaded
            /// It exists already with these paths and is left as it is.
            case existing
            /// Two or more paths share the WWID but it is not mapped (`reason` says why).
            case skipped
            /// assemble: a step failed and the half-made map was removed (`reason`).
            case failed
        }

        /// A priority group of the table (dm-mpath `struct priority_group`), 1-based.
        public struct PathGroup: Equatable, Sendable {
            public var number: Int
            public var selector: String
            public var priority: Int
            public var paths: [String]

            public init(number: Int, selector: String, priority: Int, paths: [String]) {
                self.number = number
                self.selector = selector
                self.priority = priority
                self.paths = paths
            }
        }

        /// A partition map kpartx would make on the map (`<name>-part<N>`).
        public struct Partition: Equatable, Sendable {
            public var number: Int
            public var name: String
            public var dmUUID: String
            public var device: DeviceNumber?
            /// `would_create`, `created` or `existing`.
            public var state: String

            public init(number: Int, name: String, dmUUID: String, device: DeviceNumber?, state: String) {
                self.number = number
                self.name = name
                self.dmUUID = dmUUID
                self.device = device
                self.state = state
            }
        }

        public var name: String?
        public var wwid: String
        public var nameSource: String?
        public var sizeBytes: UInt64
        public var vendor: String
        public var product: String
        public var revision: String
        public var serial: String?
        public var state: State
        public var reason: String?
        /// dm device number once it exists.
        public var device: DeviceNumber?
        public var features: String?
        public var hardwareHandler: String?
        public var table: String?
        public var pathGroups: [PathGroup]
        public var paths: [ReportPath]
        public var partitions: [Partition]
        /// BIOS drive numbers (`0x80`) EDD resolved to this map.
        public var biosIDs: [String]

        public init(name: String?, wwid: String, state: State) {
            self.name = name
            self.wwid = wwid
            self.nameSource = nil
            self.sizeBytes = 0
            self.vendor = ""
            self.product = ""
            self.revision = ""
            self.serial = nil
            self.state = state
            self.reason = nil
            self.device = nil
            self.features = nil
            self.hardwareHandler = nil
            self.table = nil
            self.pathGroups = []
            self.paths = []
            self.partitions = []
            self.biosIDs = []
        }

        /// `mpath-<wwid>`.
        public var dmUUID: String { "mpath-" + wwid }
    }

    /// The paths sharing one WWID (blacklisted and native-NVMe devices are not grouped).
    public struct Group: Equatable, Sendable {
        public var wwid: String
        public var paths: [String]
        /// Paths that can carry I/O: device state running (or unknown), not busy, and, after
        /// assemble's checkers, not found down.
        public var usablePaths: [String]
        /// The map name when the group is (or would be) mapped.
        public var map: String?
        /// Why it is not mapped, when it is not.
        public var reason: String?
        /// The paths disagree on size, vendor/product or serial: not one LUN.
        public var conflict: Bool

        public init(wwid: String, paths: [String], usablePaths: [String], map: String?, reason: String?,
                    conflict: Bool) {
            self.wwid = wwid
            self.paths = paths
            self.usablePaths = usablePaths
            self.map = map
            self.reason = reason
            self.conflict = conflict
        }
    }

    /// A device left out of every map.
    public struct Unclaimed: Equatable, Sendable {
        public var dev: String
        public var wwid: String?
        /// `blacklisted`, `busy`, `no_wwid`, `conflict`, `native_nvme_multipath`,
        /// `unsupported`, `not_multipathed`, `offline`.
        public var reason: String
        public var detail: String

        public init(dev: String, wwid: String?, reason: String, detail: String) {
            self.dev = dev
            self.wwid = wwid
            self.reason = reason
            self.detail = detail
        }
    }

    /// What the environment looked like.
    public struct Environment: Equatable, Sendable {
        /// `sysfs` or `devscan`.
        public var scan: String
        /// device-mapper was registered in the kernel (`/proc/misc`).
        public var deviceMapperLoaded: Bool

        public init(scan: String, deviceMapperLoaded: Bool) {
            self.scan = scan
            self.deviceMapperLoaded = deviceMapperLoaded
        }
    }

    /// The decision aid for installers (`multipath -d` counted by libstorage-ng).
    public struct Summary: Equatable, Sendable {
        public var wwidGroups: Int
        /// Groups with two or more usable paths: the only ones that recommend activation.
        public var multiPathGroups: Int
        public var singlePathGroups: Int
        public var maps: Int
        public var mapsFailed: Int
        public var unclaimed: Int
        public var recommendActivation: Bool
        public var reasons: [String]
    }

    public var mode: Mode
    public var version: String
    public var environment: Environment
    public var findMultipaths: String
    public var userFriendlyNames: Bool
    public var maps: [Map]
    /// Every WWID group; `ReportJSON` lists groups of one path apart.
    public var groups: [Group]
    public var unclaimed: [Unclaimed]
    public var edd: EddReport
    /// `/etc/multipath/bindings` and `/etc/multipath/wwids` for the installed system.
    public var bindingsFile: String
    public var wwidsFile: String
    public var diagnostics: [Diagnostic]

    public init(mode: Mode, version: String, environment: Environment, findMultipaths: String,
                userFriendlyNames: Bool, maps: [Map], groups: [Group], unclaimed: [Unclaimed], edd: EddReport,
                bindingsFile: String, wwidsFile: String, diagnostics: [Diagnostic]) {
        self.mode = mode
        self.version = version
        self.environment = environment
        self.findMultipaths = findMultipaths
        self.userFriendlyNames = userFriendlyNames
        self.maps = maps
        self.groups = groups
        self.unclaimed = unclaimed
        self.edd = edd
        self.bindingsFile = bindingsFile
        self.wwidsFile = wwidsFile
        self.diagnostics = diagnostics
    }

    /// Counts, and whether to activate multipath: only a WWID with two or more usable
    /// paths (not in conflict) recommends it; single-path WWIDs never do (libstorage-ng's
    /// `looks_like_real_multipath`, bsc#1082542).
    public var summary: Summary {
        var reasons: [String] = []
        var multi = 0
        var single = 0
        for group in groups {
            if group.paths.count == 1 { single += 1 }
            guard !group.conflict, group.usablePaths.count >= 2 else { continue }
            multi += 1
            var text = "WWID \(group.wwid) has \(group.usablePaths.count) usable paths (\(group.usablePaths.joined(separator: ", ")))"
            if let map = group.map {
                text += ", map \(map)"
            } else if let reason = group.reason {
                text += ", but \(mode == .probe ? "assemble would not map it" : "it was not mapped"): \(reason)"
            }
            reasons.append(text)
        }
        if multi == 0 {
            reasons.append("no WWID has two or more usable paths")
            if single > 0 {
                reasons.append("\(single) single-path WWID\(single == 1 ? "" : "s") do not count")
            }
        }
        let failed = maps.filter { $0.state == .failed }.count
        let mapped = maps.filter { $0.state != .skipped && $0.state != .failed }.count
        return Summary(wwidGroups: groups.count, multiPathGroups: multi, singlePathGroups: single,
                       maps: mapped, mapsFailed: failed, unclaimed: unclaimed.count,
                       recommendActivation: multi > 0, reasons: reasons)
    }
}
