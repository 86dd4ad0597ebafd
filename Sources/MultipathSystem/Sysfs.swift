// Sysfs: enumerates path devices from /sys/block and reads their attributes. The root is
// injectable so tests run on captured /sys trees.
import CMPath
import MultipathCore

/// Reads block devices and their SCSI/NVMe attributes from a sysfs tree.
///
/// Counterparts: the kernel's `/sys/block/<name>` (block/genhd.c, block/partitions),
/// `/sys/block/<name>/device` → the `scsi_device` (drivers/scsi/scsi_sysfs.c) or the NVMe
/// controller/namespace (drivers/nvme/host/core.c). Mounts come from
/// `<procRoot>/self/mountinfo`.
public struct Sysfs: Sendable {
    public var root: String
    public var procRoot: String

    public init(root: String = "/sys", procRoot: String = "/proc") {
        self.root = root
        self.procRoot = procRoot
    }

    /// True when `root` looks like a mounted sysfs (it has `block/` or `class/block/`).
    public var isAvailable: Bool {
        FileSystem.exists(root + "/block") || FileSystem.exists(root + "/class/block")
    }

    /// Every SCSI disk and NVMe namespace under `/sys/block`, in kernel-name order, with
    /// their raw identification data. Devices that cannot be read are reported, not fatal.
    public func pathDevices(only wanted: Set<String>? = nil)
        throws(SystemError) -> (devices: [(BlockDevice, ScsiIdentityData?)], problems: [Diagnostic]) {
        var names = try FileSystem.listDirectory(root + "/block")
        if let wanted { names = names.filter { wanted.contains($0) } }
        let mounted = mountedDevices()
        var devices: [(BlockDevice, ScsiIdentityData?)] = []
        var problems: [Diagnostic] = []
        for name in names.sorted(by: TextScan.kernelNameLess) {
            let kind: BlockDevice.Kind
            if name.hasPrefix("sd") {
                kind = .scsiDisk
            } else if name.hasPrefix("nvme") {
                kind = .nvmeNamespace
            } else {
                continue
            }
            // Native NVMe multipath's per-controller path nodes (nvmeXcYnZ) are hidden: the
            // kernel makes no /dev node for them and multipath-tools skips them silently.
            if FileSystem.attribute(root + "/block/" + name + "/hidden") == "1" { continue }
            do throws(SystemError) {
                devices.append(try device(named: name, kind: kind, mounted: mounted))
            } catch {
                problems.append(Diagnostic(.warning, name, "skipped: \(error.message)"))
            }
        }
        return (devices, problems)
    }

    /// Reads one block device.
    func device(named name: String, kind: BlockDevice.Kind, mounted: Set<DeviceNumber>)
        throws(SystemError) -> (BlockDevice, ScsiIdentityData?) {
        let base = root + "/block/" + name
        guard let devText = FileSystem.attribute(base + "/dev") else {
            throw .malformed(path: base + "/dev", detail: "missing or unreadable")
        }
        guard let devt = DeviceNumber(devText) else {
            throw .malformed(path: base + "/dev", detail: "not MAJ:MIN: '\(devText)'")
        }
        var device = BlockDevice(name: name, kind: kind, devt: devt)
        device.sysfsPath = FileSystem.realPath(base) ?? ""
        device.sizeSectors = UInt64(FileSystem.attribute(base + "/size") ?? "") ?? 0
        device.logicalBlockSize = UInt32(FileSystem.attribute(base + "/queue/logical_block_size") ?? "") ?? 512
        device.readOnly = FileSystem.attribute(base + "/ro") == "1"
        device.removable = FileSystem.attribute(base + "/removable") == "1"
        device.holders = (try? FileSystem.listDirectory(base + "/holders")) ?? []

        // Partitions are subdirectories holding a `partition` attribute (block/partitions/core.c).
        var busy = mounted.contains(devt)
        for entry in (try? FileSystem.listDirectory(base)) ?? [] where entry.hasPrefix(name) {
            let partition = base + "/" + entry
            guard FileSystem.exists(partition + "/partition") else { continue }
            if let text = FileSystem.attribute(partition + "/dev"), let partDevt = DeviceNumber(text),
               mounted.contains(partDevt) {
                busy = true
            }
            device.partitionHolders += (try? FileSystem.listDirectory(partition + "/holders")) ?? []
        }
        device.mounted = busy

        let devicePath = FileSystem.realPath(base + "/device") ?? ""
        switch kind {
        case .scsiDisk:
            let address = devicePath.split(separator: "/").last.flatMap { ScsiAddress($0) }
            device.scsiAddress = address
            device.vendor = FileSystem.attribute(base + "/device/vendor") ?? ""
            device.model = FileSystem.attribute(base + "/device/model") ?? ""
            device.revision = FileSystem.attribute(base + "/device/rev") ?? ""
            device.state = FileSystem.attribute(base + "/device/state")
            device.accessState = FileSystem.attribute(base + "/device/access_state")
            device.deviceHandler = FileSystem.attribute(base + "/device/dh_state")
            device.transport = Sysfs.transport(ofDevicePath: devicePath)
            device.targetNodeName = targetNodeName(devicePath: devicePath)
            let identity = ScsiIdentityData(
                inquiry: try? FileSystem.readBytes(base + "/device/inquiry", limit: 1024),
                page83: try? FileSystem.readBytes(base + "/device/vpd_pg83", limit: 65536),
                page80: try? FileSystem.readBytes(base + "/device/vpd_pg80", limit: 65536),
                origin: .sysfs)
            return (device, identity)
        case .nvmeNamespace:
            device.transport = .nvme
            device.nvmeWWID = FileSystem.attribute(base + "/wwid")
            device.nvmeNamespaceID = UInt32(FileSystem.attribute(base + "/nsid") ?? "")
            device.vendor = "NVME"
            // With native NVMe multipath the disk's `device` is the subsystem, not a controller.
            let parent = String(devicePath.split(separator: "/").last ?? "")
            device.nvmeNativeMultipath = parent.hasPrefix("nvme-subsys")
            // The controller (or, under native multipath, the subsystem) carries the model.
            device.model = FileSystem.attribute(base + "/device/model") ?? ""
            device.revision = FileSystem.attribute(base + "/device/firmware_rev") ?? ""
            if !device.nvmeNativeMultipath {
                device.nvmeController = parent
                device.state = FileSystem.attribute(base + "/device/state")
            }
            return (device, nil)
        }
    }

    /// The transport a SCSI device's sysfs path reveals (`rport-` for FC, `session` for
    /// iSCSI, `end_device-` for SAS, `ata` for libata, `usb`, `virtio`).
    static func transport(ofDevicePath path: String) -> BlockDevice.Transport? {
        if path.isEmpty { return nil }
        var result = BlockDevice.Transport.other
        for component in path.split(separator: "/") {
            if component.hasPrefix("rport-") { return .fibreChannel }
            if component.hasPrefix("session") { return .iscsi }
            if component.hasPrefix("end_device-") { return .sas }
            if component.hasPrefix("usb") { return .usb }
            if component.hasPrefix("ata") { result = .ata }
            if component.hasPrefix("virtio") { result = .virtio }
            if component.hasPrefix("pseudo_") || component.hasPrefix("adapter") { result = .scsiDebug }
        }
        return result
    }

    /// FC: `/sys/class/fc_transport/targetH:C:T/node_name`; iSCSI:
    /// `/sys/class/iscsi_session/sessionN/targetname` (multipath-tools `sysfs_get_tgt_nodename`).
    func targetNodeName(devicePath: String) -> String? {
        for component in devicePath.split(separator: "/") {
            if component.hasPrefix("session") {
                return FileSystem.attribute(root + "/class/iscsi_session/" + component + "/targetname")
            }
            if component.hasPrefix("target"), devicePath.split(separator: "/").contains(where: { $0.hasPrefix("rport-") }) {
                return FileSystem.attribute(root + "/class/fc_transport/" + component + "/node_name")
            }
        }
        return nil
    }

    /// The dev_t of every mounted file system (third field of mountinfo, `MAJ:MIN`).
    func mountedDevices() -> Set<DeviceNumber> {
        guard let text = try? FileSystem.readText(procRoot + "/self/mountinfo") else { return [] }
        var out = Set<DeviceNumber>()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 3)
            if fields.count >= 3, let devt = DeviceNumber(fields[2]) { out.insert(devt) }
        }
        return out
    }
}
