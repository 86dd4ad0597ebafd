// ReportJSON: the installer report as JSON, exactly as docs/report.schema.json describes it.
// Absent values are null, sizes are integers in bytes, booleans are booleans.

/// Serialises `AssemblyReport`s (and the resolve answer) to `JSONValue`.
public enum ReportJSON {
    public static func json(_ report: AssemblyReport) -> JSONValue {
        let summary = report.summary
        let multi = report.groups.filter { $0.paths.count >= 2 }
        let single = report.groups.filter { $0.paths.count < 2 }
        return .object([
            ("schema", .int(Int64(AssemblyReport.schemaVersion))),
            ("tool", .string("mpathboot")),
            ("version", .string(report.version)),
            ("mode", .string(report.mode.rawValue)),
            ("environment", .object([
                ("scan", .string(report.environment.scan)),
                ("device_mapper_loaded", .bool(report.environment.deviceMapperLoaded)),
                ("edd_available", .bool(report.edd.available)),
            ])),
            ("policy", .object([
                ("find_multipaths", .string(report.findMultipaths)),
                ("user_friendly_names", .bool(report.userFriendlyNames)),
                ("partition_delimiter", .string(PartitionMapPlanner.delimiter)),
            ])),
            ("summary", .object([
                ("wwid_groups", count(summary.wwidGroups)),
                ("multi_path_groups", count(summary.multiPathGroups)),
                ("single_path_groups", count(summary.singlePathGroups)),
                ("maps", count(summary.maps)),
                ("maps_failed", count(summary.mapsFailed)),
                ("unclaimed", count(summary.unclaimed)),
                ("recommend_activation", .bool(summary.recommendActivation)),
                ("reasons", strings(summary.reasons)),
            ])),
            ("maps", .array(report.maps.map(map))),
            ("wwid_groups", .array(multi.map(group))),
            ("single_path_groups", .array(single.map(group))),
            ("unclaimed", .array(report.unclaimed.map { entry in
                .object([
                    ("dev", .string(entry.dev)),
                    ("wwid", .optional(entry.wwid)),
                    ("reason", .string(entry.reason)),
                    ("detail", .string(entry.detail)),
                ])
            })),
            ("edd", edd(report.edd)),
            ("target_config", .object([
                ("bindings", .string(report.bindingsFile)),
                ("wwids", .string(report.wwidsFile)),
            ])),
            ("diagnostics", .array(report.diagnostics.map(diagnostic))),
        ])
    }

    public static func map(_ map: AssemblyReport.Map) -> JSONValue {
        .object([
            ("name", .optional(map.name)),
            ("wwid", .string(map.wwid)),
            ("dm_uuid", .string(map.dmUUID)),
            ("name_source", .optional(map.nameSource)),
            ("dev_path", .optional(map.name.map { "/dev/mapper/" + $0 })),
            ("dev_t", .optional(map.device?.description)),
            ("size_bytes", .uint(map.sizeBytes)),
            ("vendor", .string(map.vendor)),
            ("product", .string(map.product)),
            ("revision", .string(map.revision)),
            ("serial", .optional(map.serial)),
            ("state", .string(map.state.rawValue)),
            ("reason", .optional(map.reason)),
            ("features", .optional(map.features)),
            ("hwhandler", .optional(map.hardwareHandler)),
            ("table", .optional(map.table)),
            ("path_groups", .array(map.pathGroups.map { group in
                .object([
                    ("group", count(group.number)),
                    ("selector", .string(group.selector)),
                    ("prio", .int(Int64(group.priority))),
                    ("paths", strings(group.paths)),
                ])
            })),
            ("paths", .array(map.paths.map(path))),
            ("partitions", .array(map.partitions.map { partition in
                .object([
                    ("number", count(partition.number)),
                    ("name", .string(partition.name)),
                    ("dm_uuid", .string(partition.dmUUID)),
                    ("dev_path", .string("/dev/mapper/" + partition.name)),
                    ("dev_t", .optional(partition.device?.description)),
                    ("state", .string(partition.state)),
                ])
            })),
            ("bios_ids", strings(map.biosIDs)),
        ])
    }

    static func path(_ path: ReportPath) -> JSONValue {
        .object([
            ("dev", .string(path.dev)),
            ("dev_t", .string(path.device.description)),
            ("hctl", .optional(path.hctl)),
            ("transport", .optional(path.transport)),
            ("state", .optional(path.state)),
            ("prio", path.priority.map { .int(Int64($0)) } ?? .null),
            ("checker", .optional(path.checker)),
            ("checker_detail", .optional(path.checkerDetail)),
        ])
    }

    static func group(_ group: AssemblyReport.Group) -> JSONValue {
        .object([
            ("wwid", .string(group.wwid)),
            ("paths", strings(group.paths)),
            ("usable_paths", strings(group.usablePaths)),
            ("map", .optional(group.map)),
            ("reason", .optional(group.reason)),
            ("conflict", .bool(group.conflict)),
        ])
    }

    public static func edd(_ edd: EddReport) -> JSONValue {
        .object([
            ("available", .bool(edd.available)),
            ("reason", .optional(edd.reason)),
            ("disks", .array(edd.disks.map(biosDisk))),
        ])
    }

    public static func biosDisk(_ match: BiosDiskMatch) -> JSONValue {
        let device = match.device
        return .object([
            ("bios_id", .string(device.biosIDText)),
            ("sectors", device.sectors.map { .uint($0) } ?? .null),
            ("mbr_signature", .optional(device.mbrSignature.map(BiosDiskMatcher.signatureText))),
            ("host_bus", .optional(device.hostBus)),
            ("interface", .optional(device.interface)),
            ("pci_slot", .optional(device.pciSlot)),
            ("map", .optional(match.map)),
            ("disk", .optional(match.disk)),
            ("method", .optional(match.method?.rawValue)),
            ("ambiguous", .bool(match.ambiguous)),
            ("candidates", strings(match.candidates)),
            ("notes", strings(match.notes)),
        ])
    }

    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("level", .string(diagnostic.severity.label)),
            ("subject", .string(diagnostic.subject)),
            ("message", .string(diagnostic.message)),
        ])
    }

    static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    static func count(_ value: Int) -> JSONValue { .int(Int64(value)) }
}
