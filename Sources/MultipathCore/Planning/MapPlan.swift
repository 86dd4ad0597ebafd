// MapPlan: what mpathboot intends to do for one WWID, before anything touches the kernel.

/// The plan for one multipath map.
public struct MapPlan: Equatable, Sendable {
    /// What has to happen in device-mapper.
    public enum Action: Equatable, Sendable {
        /// No map with this WWID exists: create it.
        case create
        /// The map exists with exactly these paths: leave the table alone.
        case keep
        /// The map exists but lacks paths that have appeared since (late paths): reload it.
        case reload(added: [String])
    }

    /// Where the map name came from (multipath-tools `select_alias` order).
    public enum NameSource: String, Equatable, Sendable {
        case multipathsAlias = "alias"
        case bindings
        case wwid
        case existing
    }

    public var name: String
    public var nameSource: NameSource
    public var wwid: WWID
    /// The paths in table order.
    public var paths: [Path]
    public var table: DmTable
    public var action: Action
    /// The resolved settings with their origins (for `-v3`); nil for plans made by hand.
    public var settings: MapSettings?
    /// Each path's priority, in `paths` order.
    public var priorities: [Int] = []

    public init(name: String, nameSource: NameSource, wwid: WWID, paths: [Path], table: DmTable,
                action: Action) {
        self.name = name
        self.nameSource = nameSource
        self.wwid = wwid
        self.paths = paths
        self.table = table
        self.action = action
        self.settings = nil
    }

    /// The DM UUID multipath-tools gives the map: `mpath-<wwid>`.
    public var uuid: String { wwid.dmUUID }

    /// The kernel names of the paths in `readable` (the checker's ready ones) in the order
    /// to read the map's data through them (its partition table): those of the best
    /// priority among them first, as dm-multipath's first path group would be used, then the
    /// others in table order. (No sort: each sorted(by:) call site costs the binary a
    /// specialised merge sort.)
    public func readOrder(among readable: Set<DeviceNumber>) -> [String] {
        func priority(_ index: Int) -> Int { index < priorities.count ? priorities[index] : 0 }
        var best = Int.min
        for (index, path) in paths.enumerated() where readable.contains(path.device.devt) {
            best = max(best, priority(index))
        }
        var first: [String] = []
        var others: [String] = []
        for (index, path) in paths.enumerated() where readable.contains(path.device.devt) {
            if priority(index) == best { first.append(path.device.name) } else { others.append(path.device.name) }
        }
        return first + others
    }
}

/// A device left out of every map, and why.
public struct UnclaimedDevice: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case noWWID(String)
        case busy(String)
        case conflict(String)
        case nativeNvmeMultipath
        case unsupported(String)
        case blacklisted(String)
        /// find_multipaths (the mode given) does not take this WWID.
        case notMultipathed(String)
        /// The kernel has the device offline (its state given): it cannot be in a table.
        case offline(String)
    }

    public var device: String
    public var wwid: WWID?
    public var reason: Reason

    public init(device: String, wwid: WWID?, reason: Reason) {
        self.device = device
        self.wwid = wwid
        self.reason = reason
    }

    /// Short machine word for the reason (`no_wwid`, `busy`, `single_path`, ...).
    @inline(never)
    public var reasonCode: String {
        switch reason {
        case .noWWID: return "no_wwid"
        case .busy: return "busy"
        case .conflict: return "conflict"
        case .nativeNvmeMultipath: return "native_nvme_multipath"
        case .unsupported: return "unsupported"
        case .blacklisted: return "blacklisted"
        case .notMultipathed: return "not_multipathed"
        case .offline: return "offline"
        }
    }

    /// Human explanation of the reason.
    @inline(never)
    public var reasonText: String {
        switch reason {
        case .noWWID(let why): return "no WWID (\(why))"
        case .busy(let why): return "busy (\(why))"
        case .conflict(let why): return "conflict (\(why))"
        case .nativeNvmeMultipath: return "owned by native NVMe multipath"
        case .unsupported(let why): return "unsupported (\(why))"
        case .blacklisted(let why): return "blacklisted: \(why)"
        case .offline(let state): return "device state \(state)"
        case .notMultipathed(let mode):
            switch mode {
            case "strict": return "WWID not in the wwids file (find_multipaths strict)"
            default: return "single path, WWID not in the wwids file (find_multipaths \(mode))"
            }
        }
    }
}

/// The whole plan: maps to create or keep, devices left alone, and what was noticed.
public struct Plan: Equatable, Sendable {
    public var maps: [MapPlan]
    public var unclaimed: [UnclaimedDevice]
    public var diagnostics: [Diagnostic]

    public init(maps: [MapPlan], unclaimed: [UnclaimedDevice], diagnostics: [Diagnostic]) {
        self.maps = maps
        self.unclaimed = unclaimed
        self.diagnostics = diagnostics
    }
}

/// A multipath map that already exists in the kernel (from an earlier run, or made by
/// multipath-tools), as read back through device-mapper.
public struct ExistingMap: Equatable, Sendable {
    public var name: String
    public var uuid: String
    public var device: DeviceNumber
    /// The path devices in its live table.
    public var pathDevices: [DeviceNumber]
    /// The kernel name `dm-N`, which is what `holders/` of its paths list.
    public var kernelName: String { "dm-\(device.minor)" }

    public init(name: String, uuid: String, device: DeviceNumber, pathDevices: [DeviceNumber]) {
        self.name = name
        self.uuid = uuid
        self.device = device
        self.pathDevices = pathDevices
    }
}
