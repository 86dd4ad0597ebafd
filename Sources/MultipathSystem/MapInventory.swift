// MapInventory: the multipath maps in the kernel with their partition maps and how many of
// their paths the kernel counts as usable, for `wait`, `udev-check` and `fail-if-no-path`.
import MultipathCore

/// One multipath map as the kernel reports it now.
public struct InventoryMap: Equatable, Sendable {
    public struct PartitionMap: Equatable, Sendable {
        public var name: String
        public var uuid: String
        public var device: DeviceNumber

        public init(name: String, uuid: String, device: DeviceNumber) {
            self.name = name
            self.uuid = uuid
            self.device = device
        }
    }

    public var name: String
    public var uuid: String
    public var device: DeviceNumber
    /// Every path device in the table, in table order.
    public var paths: [DeviceNumber]
    /// The paths dm-mpath reports active (`A`), i.e. not failed.
    public var activePaths: [DeviceNumber]
    /// True when the table holds `queue_if_no_path`.
    public var queueing: Bool
    /// Partition maps whose UUID is `part<N>-<uuid>` (kpartx's convention).
    public var partitions: [PartitionMap]

    public init(name: String, uuid: String, device: DeviceNumber, paths: [DeviceNumber], activePaths: [DeviceNumber],
                queueing: Bool, partitions: [PartitionMap]) {
        self.name = name
        self.uuid = uuid
        self.device = device
        self.paths = paths
        self.activePaths = activePaths
        self.queueing = queueing
        self.partitions = partitions
    }

    /// The WWID: the UUID without `mpath-`.
    public var wwid: String { String(uuid.dropFirst(6)) }
}

/// Reads the multipath maps through `DeviceMapperControl`.
public enum MapInventory {
    /// Maps whose UUID starts with `mpath-` and whose single target is multipath (as
    /// multipath-tools' `dm_is_mpath`), with their status read back.
    public static func read<DM: DeviceMapperControl>(_ dm: DM) throws(SystemError) -> [InventoryMap] {
        let devices = try dm.devices()
        var maps: [InventoryMap] = []
        for info in devices where info.uuid.hasPrefix("mpath-") {
            let table = try dm.targets(name: info.name, status: false)
            let status = try dm.targets(name: info.name, status: true)
            guard table.count == 1, table[0].type == "multipath", status.count == 1,
                  let readback = MultipathTargetReadback.parseStatus(status[0].parameters) else { continue }
            let paths = MultipathTargetReadback.parseTable(table[0].parameters)?.paths.map { $0.device }
                ?? readback.paths.map { $0.device }
            maps.append(InventoryMap(name: info.name, uuid: info.uuid, device: info.device, paths: paths,
                                     activePaths: readback.paths.filter { $0.active }.map { $0.device },
                                     queueing: hasQueueIfNoPath(table[0].parameters), partitions: []))
        }
        for info in devices where info.uuid.hasPrefix("part") {
            // part<N>-mpath-<wwid>: the map's UUID follows the first '-'.
            guard let dash = info.uuid.utf8.firstIndex(of: 0x2D) else { continue }
            let parent = String(info.uuid[info.uuid.index(after: dash)...])
            guard let index = maps.firstIndex(where: { $0.uuid == parent }) else { continue }
            maps[index].partitions.append(InventoryMap.PartitionMap(name: info.name, uuid: info.uuid, device: info.device))
        }
        return maps
    }

    /// The features word list of a multipath table (`<#features> <feature>...`) holds
    /// `queue_if_no_path`.
    static func hasQueueIfNoPath(_ parameters: String) -> Bool {
        let words = parameters.split(separator: " ")
        guard let count = words.first.flatMap({ Int($0) }), count > 0, words.count > count else { return false }
        return words[1...count].contains { $0 == "queue_if_no_path" }
    }
}
