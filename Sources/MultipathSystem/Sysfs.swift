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
        let all = try FileSystem.listDirectory(root + "/block")
        var names = all
        if let wanted { names = names.filter { wanted.contains($0) } }
        guard let block = SysfsDirectory(path: root + "/block") else {
            throw .file(path: root + "/block", operation: "open", Errno.current)
        }
        // The links in /sys/block are resolved from its real path (see SysfsLink).
        let realBlock = FileSystem.realPath(block.path) ?? block.path
        let usage = BlockUsage.read(self, block: block, names: all)
        var devices: [(BlockDevice, ScsiIdentityData?)] = []
        var problems: [Diagnostic] = []
        for name in StableOrder.sorted(names, by: TextScan.kernelNameLess) {
            guard let kind = BlockDeviceName.pathKind(of: name) else { continue }
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
                devices.append(try device(base, named: name, kind: kind, sysfsPath: sysfsPath, usage: usage,
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
                usage: BlockUsage, displayDetails: Bool = true) throws(SystemError) -> (BlockDevice, ScsiIdentityData?) {
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
        device.holders = usage.holders(of: name)
        device.partitionHolders = usage.partitionHolders(of: name)
        device.mounted = usage.mountedDisks.contains(name)

        // The parent device (what `device` points at) is known from the disk's own path and
        // opened by `..` steps: through the link it cost a readlink and a walk of the link's
        // text, about 180 µs a path in the benchmark guest. The link only when that fails.
        let devicePath: String
        let parent: SysfsDirectory?
        if let known = SysfsLink.parentDevice(ofBlockDevice: sysfsPath),
           let opened = base.subdirectory(known.steps == 2 ? "../.." : "..", path: known.path) {
            devicePath = known.path
            parent = opened
        } else {
            devicePath = base.link("device").flatMap { SysfsLink.resolve($0, from: sysfsPath) }
                ?? FileSystem.realPath(base.path + "/device") ?? ""
            parent = base.subdirectory("device")
        }
        let lastComponent = DevicePath.lastComponent(of: devicePath)
        switch kind {
        case .scsiDisk:
            let address = lastComponent.flatMap { ScsiAddress($0) }
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
            device.transport = DevicePath.transport(of: devicePath)
            device.targetNodeName = targetNodeName(devicePath: devicePath)
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
            let parentName = String(lastComponent ?? "")
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

    /// True when the SCSI disk `name`'s target port group has the PREF bit: its device's
    /// `preferred_path` (scsi_sysfs.c, `SCSI_ACCESS_STATE_PREFERRED`, set by the device
    /// handler together with `access_state`). Read apart from `device(...)`, only for the
    /// paths whose state no REPORT TARGET PORT GROUPS answer replaced (see `ALUAStates`).
    public func isPreferredPath(of name: String) -> Bool {
        FileSystem.attribute(root + "/block/" + name + "/device/preferred_path") == "1"
    }

    /// FC: `/sys/class/fc_transport/targetH:C:T/node_name`; iSCSI:
    /// `/sys/class/iscsi_session/sessionN/targetname` (multipath-tools `sysfs_get_tgt_nodename`).
    func targetNodeName(devicePath path: String) -> String? {
        var fibreChannel = false
        DevicePath.forEachComponent(of: path) { component in
            fibreChannel = DevicePath.starts(component, "rport-")
            return !fibreChannel
        }
        var found: String?
        DevicePath.forEachComponent(of: path) { component in
            if DevicePath.starts(component, "session") {
                found = FileSystem.attribute(root + "/class/iscsi_session/" + String(decoding: component, as: UTF8.self) + "/targetname")
                return false
            }
            if fibreChannel && DevicePath.starts(component, "target") {
                found = FileSystem.attribute(root + "/class/fc_transport/" + String(decoding: component, as: UTF8.self) + "/node_name")
                return false
            }
            return true
        }
        return found
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
