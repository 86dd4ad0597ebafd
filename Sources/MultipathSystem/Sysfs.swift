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
    /// `displayDetails: false` leaves logical block size, read-only and removable at their
    /// defaults (512, false, false): nothing but `mpathboot paths` shows them.
    public func pathDevices(only wanted: Set<String>? = nil, displayDetails: Bool = true)
        throws(SystemError) -> (devices: [(BlockDevice, ScsiIdentityData?)], problems: [Diagnostic]) {
        var names = try FileSystem.listDirectory(root + "/block")
        if let wanted { names = names.filter { wanted.contains($0) } }
        guard let block = SysfsDirectory(path: root + "/block") else {
            throw .file(path: root + "/block", operation: "open", Errno.current)
        }
        // The links in /sys/block are resolved from its real path (see SysfsLink).
        let realBlock = FileSystem.realPath(block.path) ?? block.path
        let mounted = mountedDevices()
        var devices: [(BlockDevice, ScsiIdentityData?)] = []
        var problems: [Diagnostic] = []
        for name in StableOrder.sorted(names, by: TextScan.kernelNameLess) {
            let kind: BlockDevice.Kind
            if name.hasPrefix("sd") {
                kind = .scsiDisk
            } else if name.hasPrefix("nvme") {
                kind = .nvmeNamespace
            } else {
                continue
            }
            do throws(SystemError) {
                guard let base = block.subdirectory(name) else {
                    throw .file(path: block.path + "/" + name, operation: "open", Errno.current)
                }
                // Native NVMe multipath's per-controller path nodes (nvmeXcYnZ) are hidden: the
                // kernel makes no /dev node for them and multipath-tools skips them silently.
                // Only NVMe sets the flag (GENHD_FL_HIDDEN), so sd disks are not asked.
                if kind == .nvmeNamespace && base.attribute("hidden") == "1" { continue }
                let sysfsPath = block.link(name).flatMap { SysfsLink.resolve($0, from: realBlock) }
                    ?? FileSystem.realPath(base.path) ?? ""
                devices.append(try device(base, named: name, kind: kind, sysfsPath: sysfsPath, mounted: mounted,
                                          displayDetails: displayDetails))
            } catch {
                problems.append(Diagnostic(.warning, name, "skipped: \(error.message)"))
            }
        }
        return (devices, problems)
    }

    /// Reads one block device from its open directory `base` (`/sys/block/<name>`), whose
    /// real path is `sysfsPath`.
    func device(_ base: SysfsDirectory, named name: String, kind: BlockDevice.Kind, sysfsPath: String,
                mounted: Set<DeviceNumber>, displayDetails: Bool = true) throws(SystemError) -> (BlockDevice, ScsiIdentityData?) {
        guard let devText = base.attribute("dev") else {
            throw .malformed(path: base.path + "/dev", detail: "missing or unreadable")
        }
        guard let devt = DeviceNumber(devText) else {
            throw .malformed(path: base.path + "/dev", detail: "not MAJ:MIN: '\(devText)'")
        }
        var device = BlockDevice(name: name, kind: kind, devt: devt)
        device.sysfsPath = sysfsPath
        device.sizeSectors = UInt64(base.attribute("size") ?? "") ?? 0
        if displayDetails {
            device.logicalBlockSize = UInt32(base.attribute("queue/logical_block_size") ?? "") ?? 512
            device.readOnly = base.attribute("ro") == "1"
            device.removable = base.attribute("removable") == "1"
        }
        device.holders = base.list("holders") ?? []

        // Partitions are subdirectories holding a `partition` attribute (block/partitions/core.c).
        var busy = mounted.contains(devt)
        for entry in base.list(".", prefix: name) ?? [] {
            guard base.exists(entry + "/partition") else { continue }
            if let text = base.attribute(entry + "/dev"), let partDevt = DeviceNumber(text),
               mounted.contains(partDevt) {
                busy = true
            }
            device.partitionHolders += base.list(entry + "/holders") ?? []
        }
        device.mounted = busy

        let devicePath = base.link("device").flatMap { SysfsLink.resolve($0, from: sysfsPath) }
            ?? FileSystem.realPath(base.path + "/device") ?? ""
        // Split once: the address, the transport and the target node name all read it.
        let components = TextScan.fields(devicePath[...], separator: 0x2F, omittingEmpty: true)
        let parent = base.subdirectory("device")
        switch kind {
        case .scsiDisk:
            let address = components.last.flatMap { ScsiAddress($0) }
            device.scsiAddress = address
            let inquiry = try? parent?.bytes("inquiry", limit: 1024)
            if let inquiry, inquiry.count >= 36 {
                // The attributes print these very bytes (see StandardInquiry.sysfsAttributeText).
                device.vendor = StandardInquiry.sysfsAttributeText(Array(inquiry[8..<16])) ?? ""
                device.model = StandardInquiry.sysfsAttributeText(Array(inquiry[16..<32])) ?? ""
                device.revision = StandardInquiry.sysfsAttributeText(Array(inquiry[32..<36])) ?? ""
            } else {
                device.vendor = parent?.attribute("vendor") ?? ""
                device.model = parent?.attribute("model") ?? ""
                device.revision = parent?.attribute("rev") ?? ""
            }
            device.state = parent?.attribute("state")
            device.accessState = parent?.attribute("access_state")
            device.deviceHandler = parent?.attribute("dh_state")
            device.transport = Sysfs.transport(ofDevicePath: components)
            device.targetNodeName = targetNodeName(devicePath: components)
            let identity = ScsiIdentityData(
                inquiry: inquiry,
                page83: try? parent?.bytes("vpd_pg83", limit: 65536),
                page80: try? parent?.bytes("vpd_pg80", limit: 65536),
                origin: .sysfs)
            return (device, identity)
        case .nvmeNamespace:
            device.transport = .nvme
            device.nvmeWWID = base.attribute("wwid")
            device.nvmeNamespaceID = UInt32(base.attribute("nsid") ?? "")
            device.vendor = "NVME"
            // With native NVMe multipath the disk's `device` is the subsystem, not a controller.
            let parentName = String(components.last ?? "")
            device.nvmeNativeMultipath = parentName.hasPrefix("nvme-subsys")
            // The controller (or, under native multipath, the subsystem) carries the model.
            device.model = parent?.attribute("model") ?? ""
            device.revision = parent?.attribute("firmware_rev") ?? ""
            if !device.nvmeNativeMultipath {
                device.nvmeController = parentName
                device.state = parent?.attribute("state")
            }
            return (device, nil)
        }
    }

    /// The transport a SCSI device's sysfs path reveals (`rport-` for FC, `session` for
    /// iSCSI, `end_device-` for SAS, `ata` for libata, `usb`, `virtio`), given as its components.
    static func transport(ofDevicePath components: [Substring]) -> BlockDevice.Transport? {
        if components.isEmpty { return nil }
        var result = BlockDevice.Transport.other
        for component in components {
            if starts(component, "rport-") { return .fibreChannel }
            if starts(component, "session") { return .iscsi }
            if starts(component, "end_device-") { return .sas }
            if starts(component, "usb") { return .usb }
            if starts(component, "ata") { result = .ata }
            if starts(component, "virtio") { result = .virtio }
            if starts(component, "pseudo_") || starts(component, "adapter") { result = .scsiDebug }
        }
        return result
    }

    /// FC: `/sys/class/fc_transport/targetH:C:T/node_name`; iSCSI:
    /// `/sys/class/iscsi_session/sessionN/targetname` (multipath-tools `sysfs_get_tgt_nodename`).
    func targetNodeName(devicePath components: [Substring]) -> String? {
        let fibreChannel = components.contains { Sysfs.starts($0, "rport-") }
        for component in components {
            if Sysfs.starts(component, "session") {
                return FileSystem.attribute(root + "/class/iscsi_session/" + component + "/targetname")
            }
            if Sysfs.starts(component, "target"), fibreChannel {
                return FileSystem.attribute(root + "/class/fc_transport/" + component + "/node_name")
            }
        }
        return nil
    }

    /// `component.hasPrefix(prefix)`, compared as bytes: Substring.hasPrefix goes through the
    /// generic Character-by-Character `starts(with:)` (about 600 instructions a call in the
    /// Embedded build; 10% of a 4096-path dry run went to the checks in this file).
    @inline(never)
    static func starts(_ component: Substring, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard component.utf8.count >= count else { return false }
        var index = component.utf8.startIndex
        for offset in 0..<count {
            if component.utf8[index] != prefix.utf8Start[offset] { return false }
            index = component.utf8.index(after: index)
        }
        return true
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
