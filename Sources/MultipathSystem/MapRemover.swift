// MapRemover: `mpathboot flush`. Removes multipath maps (DM UUID `mpath-*`) and their
// kpartx partition maps (`part<N>-mpath-*`) when nothing uses them; refuses, and removes
// nothing of that map, when any of them is open or mounted.
import MultipathCore

/// What `flush` did with one map.
public struct FlushOutcome: Equatable, Sendable {
    public var name: String
    /// Partition maps then the map, in removal order, as far as removal got.
    public var removed: [String]
    /// Why the map was left alone (open, mounted, not a multipath map, not found).
    public var refused: String?
    /// A removal step that failed (what was removed before it stays removed).
    public var error: String?

    public init(name: String, removed: [String] = [], refused: String? = nil, error: String? = nil) {
        self.name = name
        self.removed = removed
        self.refused = refused
        self.error = error
    }
}

/// Removes unused multipath maps (multipath-tools `multipath -f` / `-F`).
public struct MapRemover<DM: DeviceMapperControl> {
    public var dm: DM
    public var procRoot: String

    public init(dm: DM, procRoot: String = "/proc") {
        self.dm = dm
        self.procRoot = procRoot
    }

    /// Flushes the maps named (map name, `/dev/mapper/<name>` or WWID), or every multipath
    /// map when `names` is empty.
    public func flush(_ names: [String]) throws(SystemError) -> [FlushOutcome] {
        let devices = try dm.devices()
        let mounts = mountPoints()
        var targets: [DmDeviceInfo] = []
        var out: [FlushOutcome] = []
        if names.isEmpty {
            targets = devices.filter { $0.uuid.hasPrefix("mpath-") }
        } else {
            for raw in names {
                let name = raw.hasPrefix("/dev/mapper/") ? String(raw.dropFirst(12)) : raw
                if let map = devices.first(where: { $0.name == name }) ?? devices.first(where: { $0.uuid == "mpath-" + name }) {
                    guard map.uuid.hasPrefix("mpath-") else {
                        out.append(FlushOutcome(name: map.name,
                            refused: "not a multipath map (DM UUID '\(map.uuid)'); left alone"))
                        continue
                    }
                    if !targets.contains(where: { $0.name == map.name }) { targets.append(map) }
                } else {
                    out.append(FlushOutcome(name: name, refused: "no multipath map of that name or WWID"))
                }
            }
        }
        for map in targets {
            out.append(flushOne(map, devices: devices, mounts: mounts))
        }
        return out
    }

    func flushOne(_ map: DmDeviceInfo, devices: [DmDeviceInfo], mounts: [DeviceNumber: String]) -> FlushOutcome {
        var outcome = FlushOutcome(name: map.name)
        let partitions = devices.filter { MapRemover.isPartition($0.uuid, of: map.uuid) }
        var problems: [String] = []
        for partition in partitions {
            if let point = mounts[partition.device] {
                problems.append("\(partition.name) is mounted on \(point)")
            } else if partition.openCount > 0 {
                problems.append("\(partition.name) is open (open count \(partition.openCount))")
            }
        }
        // Each partition map holds its parent open once; anything beyond that is a user.
        let users = Int(map.openCount) - partitions.count
        if let point = mounts[map.device] {
            problems.append("\(map.name) is mounted on \(point)")
        } else if users > 0 {
            problems.append("\(map.name) is open (open count \(map.openCount), \(partitions.count) of it partition maps)")
        }
        if !problems.isEmpty {
            outcome.refused = "in use, not removed: " + problems.joined(separator: "; ")
            return outcome
        }
        do throws(SystemError) {
            for partition in partitions {
                try dm.remove(name: partition.name)
                outcome.removed.append(partition.name)
            }
            try dm.remove(name: map.name)
            outcome.removed.append(map.name)
        } catch {
            outcome.error = error.message
        }
        return outcome
    }

    /// `part<N>-mpath-<wwid>` for the map with UUID `mpath-<wwid>` (kpartx `make_prefixed_uuid`).
    public static func isPartition(_ uuid: String, of mapUUID: String) -> Bool {
        let bytes = Array(uuid.utf8)
        let prefix = Array("part".utf8)
        guard bytes.count > prefix.count, bytes[0..<prefix.count].elementsEqual(prefix) else { return false }
        var index = prefix.count
        while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        guard index > prefix.count, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
        return bytes[(index + 1)...].elementsEqual(mapUUID.utf8)
    }

    /// Mounted dev_t → mount point, from `<proc>/self/mountinfo` (fields 3 and 5).
    func mountPoints() -> [DeviceNumber: String] {
        guard let text = try? FileSystem.readText(procRoot + "/self/mountinfo") else { return [:] }
        var out: [DeviceNumber: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count >= 5, let devt = DeviceNumber(fields[2]), out[devt] == nil {
                out[devt] = String(fields[4])
            }
        }
        return out
    }
}
