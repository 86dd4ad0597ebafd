// RootLocator: which multipath map a root= spec lives on.
import MultipathCore

/// Where a root spec was found.
public enum RootPlacement: Equatable, Sendable {
    /// On these maps (indices into the inventory), directly or under stacked dm devices.
    case maps([Int])
    /// On a block device (kernel name) that no map holds: nothing to wait for.
    case elsewhere(String)
    /// Not found (yet).
    case notFound
}

/// Finds the map behind a `RootSpec` among the maps in the kernel.
///
/// Names, UUIDs, dm minors and WWIDs are matched against the inventory; kernel names go
/// through sysfs to their whole disk and then to the map holding it (a path always resolves
/// to its map); filesystem UUIDs and labels are read (read-only) from the partition maps and
/// maps themselves, never from a path device, and only from maps with a usable path, so a
/// read cannot queue forever.
public struct RootLocator: Sendable {
    public var sysfs: Sysfs
    public var nodes: DeviceNodes

    public init(sysfs: Sysfs, nodes: DeviceNodes) {
        self.sysfs = sysfs
        self.nodes = nodes
    }

    /// The index in `maps` of the map holding `spec`, or nil.
    public func locate(_ spec: RootSpec, in maps: [InventoryMap]) -> Int? {
        switch spec {
        case .mapName(let name):
            return maps.firstIndex { $0.name == name || $0.partitions.contains { $0.name == name } }
        case .dmUUID(let uuid):
            return maps.firstIndex { $0.uuid == uuid || $0.partitions.contains { $0.uuid == uuid } }
        case .dmMinor(let minor):
            return maps.firstIndex { $0.device.minor == minor || $0.partitions.contains { $0.device.minor == minor } }
        case .device(let devt):
            return maps.firstIndex { $0.device == devt || $0.partitions.contains { $0.device == devt } }
                ?? maps.firstIndex { $0.paths.contains(devt) }
        case .kernelName(let name):
            if name.hasPrefix("dm-"), let minor = UInt32(name.dropFirst(3)) { return locate(.dmMinor(minor), in: maps) }
            guard let disk = sysfs.wholeDisk(of: name) else { return nil }
            return maps.firstIndex { $0.paths.contains(disk.device) }
        case .word(let word):
            return locate(.mapName(word), in: maps) ?? maps.firstIndex { $0.wwid == word }
                ?? locate(.kernelName(word), in: maps)
        case .filesystemUUID, .filesystemLabel:
            return locateFilesystem(spec, in: maps)
        case .unsupported:
            return nil
        }
    }

    /// Where `spec` lives: on maps (directly, or under LVM/crypt/dm devices stacked on them,
    /// found through sysfs `slaves/`), on a block device no map holds, or not found yet.
    public func place(_ spec: RootSpec, in maps: [InventoryMap]) -> RootPlacement {
        if let index = locate(spec, in: maps) { return .maps([index]) }
        guard let name = blockDevice(for: spec, maps: maps) else { return .notFound }
        if name.hasPrefix("dm-") {
            var found: [Int] = []
            var visited: Set<String> = []
            collectMaps(under: name, maps: maps, into: &found, visited: &visited)
            return found.isEmpty ? .elsewhere(name) : .maps(found)
        }
        if let disk = sysfs.wholeDisk(of: name), maps.contains(where: { $0.paths.contains(disk.device) }) {
            // Seen on a path of a map (its partition map is not there yet): keep waiting.
            return .notFound
        }
        return .elsewhere(name)
    }

    /// The kernel name of the block device `spec` names, outside the maps.
    private func blockDevice(for spec: RootSpec, maps: [InventoryMap]) -> String? {
        switch spec {
        case .mapName(let name):
            return dmDevices().first { FileSystem.attribute(sysfs.root + "/block/" + $0 + "/dm/name") == name }
        case .dmUUID(let uuid):
            return dmDevices().first { FileSystem.attribute(sysfs.root + "/block/" + $0 + "/dm/uuid") == uuid }
        case .dmMinor(let minor):
            return FileSystem.exists(sysfs.root + "/block/dm-\(minor)") ? "dm-\(minor)" : nil
        case .device(let devt):
            return blockDeviceNames().first { FileSystem.attribute(sysfs.root + "/class/block/" + $0 + "/dev") == devt.description }
        case .kernelName(let name):
            return FileSystem.exists(sysfs.root + "/class/block/" + name) || sysfs.wholeDisk(of: name) != nil ? name : nil
        case .word(let word):
            return blockDevice(for: .mapName(word), maps: maps) ?? blockDevice(for: .kernelName(word), maps: maps)
        case .filesystemUUID, .filesystemLabel:
            return filesystemOutsideMaps(spec, maps)
        case .unsupported:
            return nil
        }
    }

    private func dmDevices() -> [String] {
        ((try? FileSystem.listDirectory(sysfs.root + "/block")) ?? []).filter { $0.hasPrefix("dm-") }
    }

    private func blockDeviceNames() -> [String] {
        StableOrder.sorted((try? FileSystem.listDirectory(sysfs.root + "/class/block")) ?? [], by: TextScan.kernelNameLess)
    }

    /// Probes every block device that is not a map, a partition map, or a path of a map (or a
    /// partition of one): a dead path must not stall the wait, and the maps were probed already.
    private func filesystemOutsideMaps(_ spec: RootSpec, _ maps: [InventoryMap]) -> String? {
        var mapped: Set<DeviceNumber> = []
        for map in maps {
            mapped.insert(map.device)
            map.partitions.forEach { mapped.insert($0.device) }
        }
        for name in blockDeviceNames() {
            guard let devt = FileSystem.attribute(sysfs.root + "/class/block/" + name + "/dev").flatMap({ DeviceNumber($0) }),
                  !mapped.contains(devt), (UInt64(FileSystem.attribute(sysfs.root + "/class/block/" + name + "/size") ?? "") ?? 0) > 0,
                  !name.hasPrefix("sr"), !name.hasPrefix("ram")
            else { continue }
            if let disk = sysfs.wholeDisk(of: name), maps.contains(where: { $0.paths.contains(disk.device) }) { continue }
            guard let reader = try? BlockDeviceReader(path: nodes.devRoot + "/" + name),
                  let signature = FilesystemSignature.probe(reader), Self.matches(signature, spec) else { continue }
            return name
        }
        return nil
    }

    /// The maps below dm device `name`, following `slaves/` (LVM over a map partition, crypt…).
    private func collectMaps(under name: String, maps: [InventoryMap], into found: inout [Int], visited: inout Set<String>) {
        guard visited.insert(name).inserted else { return }
        if name.hasPrefix("dm-"), let minor = UInt32(name.dropFirst(3)),
           let index = maps.firstIndex(where: { $0.device.minor == minor || $0.partitions.contains { $0.device.minor == minor } }) {
            if !found.contains(index) { found.append(index) }
            return
        }
        for slave in (try? FileSystem.listDirectory(sysfs.root + "/block/" + name + "/slaves")) ?? [] {
            collectMaps(under: slave, maps: maps, into: &found, visited: &visited)
        }
    }

    private func locateFilesystem(_ spec: RootSpec, in maps: [InventoryMap]) -> Int? {
        for (index, map) in maps.enumerated() where !map.activePaths.isEmpty {
            for name in map.partitions.map({ $0.name }) + [map.name] {
                guard let reader = try? BlockDeviceReader(path: nodes.path(of: name)),
                      let signature = FilesystemSignature.probe(reader) else { continue }
                if Self.matches(signature, spec) { return index }
            }
        }
        return nil
    }

    // The spec, not a closure, goes to the two searches above: a closure argument made the
    // optimiser clone each search once per closure (2 KB each).
    /// Whether the filesystem `signature` is the one a `UUID=` or `LABEL=` `spec` names.
    private static func matches(_ signature: FilesystemSignature, _ spec: RootSpec) -> Bool {
        switch spec {
        case .filesystemUUID(let uuid): return signature.uuid == uuid
        case .filesystemLabel(let label): return signature.label == label
        default: return false
        }
    }
}
