// PartitionMapPlanner: the linear maps kpartx (`kpartx -a -p -part`) would create for the
// partitions of a multipath map.

/// One partition map to create on top of a multipath map.
public struct PartitionMapPlan: Equatable, Sendable {
    public var number: Int
    /// `<map>-part<N>` (the `-p -part` delimiter Debian's and upstream's rules use).
    public var name: String
    /// `part<N>-mpath-<wwid>` (kpartx `make_prefixed_uuid`).
    public var uuid: String
    public var table: DmTable

    public init(number: Int, name: String, uuid: String, table: DmTable) {
        self.number = number
        self.name = name
        self.uuid = uuid
        self.table = table
    }
}

/// Plans partition maps from a parsed partition table.
public enum PartitionMapPlanner {
    /// The delimiter between map name and partition number. Debian's initramfs script and
    /// upstream `kpartx.rules` both run `kpartx -p -part`.
    public static let delimiter = "-part"

    /// Partition maps for `table`, read from the map `mapName` (device `mapDevice`, UUID
    /// `mapUUID`, `mapSectors` long). Partitions reaching past the end of the map are left
    /// out with a warning rather than mapped short.
    public static func plan(mapName: String, mapUUID: String, mapDevice: DeviceNumber,
                            mapSectors: UInt64, table: PartitionTable)
        -> (partitions: [PartitionMapPlan], diagnostics: [Diagnostic]) {
        var plans: [PartitionMapPlan] = []
        var diagnostics: [Diagnostic] = []
        for warning in table.warnings {
            diagnostics.append(Diagnostic(.warning, mapName, warning))
        }
        for partition in table.partitions {
            guard partition.length > 0 else { continue }
            let (end, overflow) = partition.start.addingReportingOverflow(partition.length)
            if overflow || end > mapSectors {
                diagnostics.append(Diagnostic(.warning, mapName,
                    "partition \(partition.number) (start \(partition.start), \(partition.length) sectors) ends beyond the device (\(mapSectors) sectors); not mapped"))
                continue
            }
            let name = "\(mapName)\(delimiter)\(partition.number)"
            plans.append(PartitionMapPlan(
                number: partition.number, name: name, uuid: "part\(partition.number)-\(mapUUID)",
                table: DmTable(length: partition.length,
                               .linear(device: mapDevice, offset: partition.start))))
        }
        return (plans, diagnostics)
    }
}
