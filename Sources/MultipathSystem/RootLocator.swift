// RootLocator: which multipath map a root= spec lives on.
import MultipathCore

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
        case .filesystemUUID(let uuid):
            return locateFilesystem(in: maps) { $0.uuid == uuid }
        case .filesystemLabel(let label):
            return locateFilesystem(in: maps) { $0.label == label }
        case .unsupported:
            return nil
        }
    }

    private func locateFilesystem(in maps: [InventoryMap], _ matches: (FilesystemSignature) -> Bool) -> Int? {
        for (index, map) in maps.enumerated() where !map.activePaths.isEmpty {
            for name in map.partitions.map({ $0.name }) + [map.name] {
                guard let reader = try? BlockDeviceReader(path: nodes.path(of: name)),
                      let signature = FilesystemSignature.probe(reader) else { continue }
                if matches(signature) { return index }
            }
        }
        return nil
    }
}
