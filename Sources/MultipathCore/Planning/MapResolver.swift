// MapResolver: which multipath map a name means. Installers hold many names for one disk
// (a path `sdb`, `8:16`, a WWID, a by-id link, a BIOS id); each must lead to the map, never
// to one of its paths (yast PR #1011, anaconda `--ondisk`, curtin `v2_get_path_to_disk`).

/// The answer to `mpathboot resolve`.
public struct MapResolution: Equatable, Sendable {
    /// The one map, when exactly one matched.
    public var map: AssemblyReport.Map?
    /// How the query matched (`name`, `wwid`, `path`, `dev_t`, `dm_device`, `by_id`, `bios_id`).
    public var method: String?
    /// Why nothing was resolved.
    public var error: String?
    /// Every map the query could mean (more than one: ambiguous).
    public var candidates: [String]

    public init(map: AssemblyReport.Map?, method: String?, error: String?, candidates: [String]) {
        self.map = map
        self.method = method
        self.error = error
        self.candidates = candidates
    }
}

/// Resolves a name to exactly one map of a report (maps that exist or would be made).
public enum MapResolver {
    /// `query` as the user gave it; `linkTarget` the kernel name a `/dev` symlink (by-id,
    /// by-path) points to, when the OS layer could follow it.
    public static func resolve(_ query: String, in report: AssemblyReport, linkTarget: String? = nil) -> MapResolution {
        let maps = report.maps.filter { $0.name != nil && $0.state != .skipped && $0.state != .failed }
        var found: [(AssemblyReport.Map, String)] = []
        func add(_ map: AssemblyReport.Map, _ method: String) {
            if !found.contains(where: { $0.0.wwid == map.wwid }) { found.append((map, method)) }
        }

        if let id = EddDevice.biosID(text: query) {
            return bios(id, query: query, report: report, maps: maps)
        }
        var name = query
        if name.hasPrefix("/dev/") { name = String(name.dropFirst(5)) }
        if name.hasPrefix("mapper/") { name = String(name.dropFirst(7)) }

        var pathNames: [String] = []
        if let target = linkTarget { pathNames.append(target) }
        if let byID = byIDName(name) {
            let link = stripPartition(byID)
            for map in maps {
                if link == "dm-name-" + (map.name ?? "") || link == "dm-uuid-" + map.dmUUID
                    || link == "scsi-" + map.wwid || link == "nvme-" + map.wwid || link == "wwn-" + wwn(map.wwid) {
                    add(map, "by_id")
                }
            }
        } else {
            pathNames.append(name)
        }

        for map in maps {
            if map.name == name { add(map, "name") }
            if map.wwid == name { add(map, "wwid") }
            if let device = map.device, device.description == name { add(map, "dev_t") }
            if map.partitions.contains(where: { $0.name == name || $0.device?.description == name }) {
                add(map, "partition")
            }
        }
        for candidate in pathNames {
            let base = stripPartition(candidate)
            for map in maps {
                if map.paths.contains(where: { $0.dev == candidate || $0.dev == base || $0.device.description == candidate }) {
                    add(map, candidate.contains(":") ? "dev_t" : "path")
                }
                if let device = map.device, candidate == "dm-\(device.minor)" { add(map, "dm_device") }
                if map.partitions.contains(where: { partition in
                    guard let device = partition.device else { return false }
                    return candidate == "dm-\(device.minor)" }) {
                    add(map, "dm_device")
                }
            }
        }

        if found.count == 1 {
            return MapResolution(map: found[0].0, method: found[0].1, error: nil, candidates: [found[0].0.name ?? ""])
        }
        if found.count > 1 {
            let names = found.map { $0.0.name ?? $0.0.wwid }
            return MapResolution(map: nil, method: nil,
                                 error: "'\(query)' is ambiguous: it matches \(names.joined(separator: ", "))", candidates: names)
        }
        return MapResolution(map: nil, method: nil, error: notFound(query, names: pathNames, report: report),
                             candidates: [])
    }

    static func bios(_ id: UInt8, query: String, report: AssemblyReport, maps: [AssemblyReport.Map]) -> MapResolution {
        guard report.edd.available else {
            return MapResolution(map: nil, method: nil,
                                 error: "\(query): no EDD data (\(report.edd.reason ?? "unavailable")); a BIOS id cannot be resolved",
                                 candidates: [])
        }
        guard let match = report.edd.disks.first(where: { $0.device.biosID == id }) else {
            return MapResolution(map: nil, method: nil, error: "\(query): EDD has no such BIOS drive", candidates: [])
        }
        if match.ambiguous {
            return MapResolution(map: nil, method: nil,
                                 error: "\(query) is ambiguous: it may be \(match.candidates.joined(separator: ", "))",
                                 candidates: match.candidates)
        }
        if let name = match.map, let map = maps.first(where: { $0.name == name }) {
            return MapResolution(map: map, method: "bios_id", error: nil, candidates: [name])
        }
        if let disk = match.disk {
            return MapResolution(map: nil, method: nil,
                                 error: "\(query) is \(disk), which is not part of a multipath map", candidates: [])
        }
        return MapResolution(map: nil, method: nil, error: "\(query): no disk matches its EDD data", candidates: [])
    }

    static func notFound(_ query: String, names: [String], report: AssemblyReport) -> String {
        for name in names {
            let base = stripPartition(name)
            if let skipped = report.maps.first(where: { $0.name == nil && $0.paths.contains { $0.dev == base } }) {
                return "\(query): \(base) is a path of WWID \(skipped.wwid), which is not mapped: \(skipped.reason ?? "skipped")"
            }
            if let entry = report.unclaimed.first(where: { $0.dev == base }) {
                return "\(query): \(base) is not part of a multipath map: \(entry.detail)"
            }
        }
        return "\(query): no multipath map, path, WWID or dev_t of that name"
    }

    /// `disk/by-id/<link>` → `<link>`; nil for other names.
    static func byIDName(_ name: String) -> String? {
        guard name.hasPrefix("disk/by-id/") else { return nil }
        return String(name.dropFirst(11))
    }

    /// `sdb2` → `sdb`, `nvme0n1p2` → `nvme0n1`, `<link>-part2` → `<link>`; else unchanged.
    static func stripPartition(_ name: String) -> String {
        let bytes = Array(name.utf8)
        var digits = bytes.count
        while digits > 0 && bytes[digits - 1] >= 0x30 && bytes[digits - 1] <= 0x39 { digits -= 1 }
        guard digits < bytes.count, digits > 0 else { return name }
        let head = Array(bytes[0..<digits])
        let suffix = Array("-part".utf8)
        if head.count > suffix.count && head.suffix(suffix.count).elementsEqual(suffix) {
            return String(decoding: head.dropLast(suffix.count), as: UTF8.self)
        }
        if name.hasPrefix("sd") && head.count > 2 {
            return String(decoding: head, as: UTF8.self)
        }
        // nvme0n1p2: a `p` after the namespace's `n<digits>`.
        if name.hasPrefix("nvme") && head.last == UInt8(ascii: "p") && TextScan.contains(String(decoding: head, as: UTF8.self), "n") {
            let namespace = head.dropLast()
            if let last = namespace.last, last >= 0x30 && last <= 0x39 {
                return String(decoding: namespace, as: UTF8.self)
            }
        }
        return name
    }

    /// udev's `wwn-0x<ID_WWN_WITH_EXTENSION>` for an NAA WWID: the WWID without its leading
    /// designator-type digit (`3` for NAA).
    static func wwn(_ wwid: String) -> String {
        guard wwid.hasPrefix("3") else { return "-" }
        return "0x" + wwid.dropFirst()
    }
}
