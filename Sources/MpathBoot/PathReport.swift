// PathReport: how a path is shown, as a text line and as JSON.
import MultipathCore

enum PathReport {
    /// `sda 8:0 0:0:0:0 QEMU/QEMU HARDDISK 2097152 sectors wwid 35000c50015ea71ac (vpd83-naa5) running`
    static func line(_ path: Path) -> String {
        let device = path.device
        var text = "\(device.name) \(device.devt)"
        if let address = device.scsiAddress { text += " \(address)" }
        if let controller = device.nvmeController { text += " \(controller)" }
        text += " \(device.vendor)/\(device.model) \(device.sizeSectors) sectors"
        if let wwid = path.identity.wwid {
            text += " wwid \(wwid.value)"
            if let source = path.identity.source { text += " (\(source.rawValue))" }
        } else {
            text += " no wwid: \(path.identity.problem ?? "unknown")"
        }
        if let state = device.state { text += " \(state)" }
        return text
    }

    static func json(_ path: Path) -> JSONValue {
        let device = path.device
        var members: [(String, JSONValue)] = [
            ("dev", .string(device.name)),
            ("devt", .string(device.devt.description)),
            ("kind", .string(device.kind.rawValue)),
            ("hctl", .optional(device.scsiAddress?.description)),
            ("vendor", .string(device.vendor)),
            ("model", .string(device.model)),
            ("revision", .string(device.revision)),
            ("size_sectors", .uint(device.sizeSectors)),
            ("logical_block_size", .uint(UInt64(device.logicalBlockSize))),
            ("wwid", .optional(path.identity.wwid?.value)),
            ("wwid_source", .optional(path.identity.source?.rawValue)),
            ("state", .optional(device.state)),
            ("read_only", .bool(device.readOnly)),
            ("removable", .bool(device.removable)),
            ("holders", .array(device.holders.map { .string($0) })),
            ("busy", .bool(device.isBusy())),
            ("transport", .optional(device.transport?.rawValue)),
            ("alua_access_state", .optional(device.accessState)),
            ("alua_preferred", .bool(device.accessPreferred)),
            ("tpgs", .uint(UInt64(path.identity.tpgs))),
        ]
        if let controller = device.nvmeController {
            members.append(("nvme_controller", .string(controller)))
        }
        if let nsid = device.nvmeNamespaceID {
            members.append(("nvme_nsid", .uint(UInt64(nsid))))
        }
        if device.kind == .nvmeNamespace {
            members.append(("nvme_native_multipath", .bool(device.nvmeNativeMultipath)))
        }
        if let problem = path.identity.problem {
            members.append(("wwid_problem", .string(problem)))
        }
        return .object(members)
    }

    static func names(_ paths: [Path]) -> String {
        var out = ""
        for path in paths {
            if !out.isEmpty { out += "," }
            out += path.device.name
        }
        return out
    }
}
