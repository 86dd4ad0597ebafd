// BlockDevice: what the kernel tells about one whole-disk block device, before any
// identity is derived. Filled by the OS layer from /sys (or from ioctls on /dev when
// there is no /sys); consumed by the planner.

/// The facts about one path device (a SCSI disk `sdX` or an NVMe namespace `nvmeXnY`).
///
/// Sysfs counterparts: `/sys/block/X/{dev,size,ro,removable,holders/,queue/logical_block_size}`
/// and, for SCSI, `/sys/block/X/device/{vendor,model,rev,state,access_state,dh_state}`.
public struct BlockDevice: Equatable, Sendable {
    /// The bus the device sits on; decides which udev rule computes its identity.
    public enum Kind: String, Equatable, Sendable {
        case scsiDisk = "scsi"
        case nvmeNamespace = "nvme"
    }

    /// The transport of a SCSI path, as the sysfs device path reveals it
    /// (multipath-tools `sysfs_get_tgt_nodename` / `path_discovery` look at the same links).
    public enum Transport: String, Equatable, Sendable {
        case fibreChannel = "fc"
        case iscsi
        case sas
        case ata
        case usb
        case virtio
        case nvme
        case scsiDebug = "scsi_debug"
        case other
    }

    /// Kernel name, e.g. `sda`.
    public var name: String
    public var kind: Kind
    public var devt: DeviceNumber
    /// SCSI address for `sd` devices.
    public var scsiAddress: ScsiAddress?
    /// NVMe controller name (`nvme0`) and namespace id, for NVMe namespaces.
    public var nvmeController: String?
    public var nvmeNamespaceID: UInt32?
    /// INQUIRY vendor, product and revision, trailing blanks removed (multipath-tools
    /// `sysfs_get_vendor` etc. strip them the same way before matching).
    public var vendor: String
    public var model: String
    public var revision: String
    /// Size in 512-byte sectors (`/sys/block/X/size` is always in 512-byte units).
    public var sizeSectors: UInt64
    public var logicalBlockSize: UInt32
    /// SCSI device state (`running`, `offline`, `blocked`, ...); NVMe: controller state.
    public var state: String?
    public var readOnly: Bool
    public var removable: Bool
    /// Kernel names of the devices holding this one (`holders/`), e.g. `dm-0`.
    public var holders: [String]
    /// Holders of the device's partitions (an LV on `sda2` shows up here, not above).
    public var partitionHolders: [String]
    /// True when this device or one of its partitions is mounted.
    public var mounted: Bool
    public var transport: Transport?
    /// ALUA access state of the path, from `device/access_state` when scsi_dh_alua runs,
    /// else from REPORT TARGET PORT GROUPS (see `accessStateFromRTPG`).
    public var accessState: String?
    /// True when `accessState` came from REPORT TARGET PORT GROUPS, not sysfs (the
    /// prioritizer is then `alua`, not `sysfs`, as multipath-tools' detect_prio picks).
    public var accessStateFromRTPG: Bool
    /// The PREF bit of the path's target port group, from the same source as `accessState`:
    /// sysfs `device/preferred_path` (scsi_sysfs.c, `SCSI_ACCESS_STATE_PREFERRED`) or byte 0
    /// bit 7 of the group's REPORT TARGET PORT GROUPS descriptor. The sysfs and alua
    /// prioritizers add 80 for it (see `MultipathPolicy.priority`).
    public var accessPreferred: Bool
    /// The attached SCSI device handler (`device/dh_state`: `alua`, `emc`, `detached`, ...).
    public var deviceHandler: String?
    /// NVMe: the namespace `wwid` attribute (what udev copies into ID_WWN).
    public var nvmeWWID: String?
    /// The target's node name (FC `node_name`, iSCSI `targetname`), for group_by_node_name.
    public var targetNodeName: String?
    /// The device's canonical sysfs path (`/sys/devices/...`), empty when unknown (the /dev
    /// scan). multipath-tools lists paths in udev's enumeration order, which sorts by it.
    public var sysfsPath: String
    /// NVMe: true when the kernel's native NVMe multipath owns this namespace (the node is
    /// a multipath head, not a path; dm-multipath must leave it alone).
    public var nvmeNativeMultipath: Bool

    public init(name: String, kind: Kind, devt: DeviceNumber) {
        self.name = name
        self.kind = kind
        self.devt = devt
        self.scsiAddress = nil
        self.nvmeController = nil
        self.nvmeNamespaceID = nil
        self.vendor = ""
        self.model = ""
        self.revision = ""
        self.sizeSectors = 0
        self.logicalBlockSize = 512
        self.state = nil
        self.readOnly = false
        self.removable = false
        self.holders = []
        self.partitionHolders = []
        self.mounted = false
        self.transport = nil
        self.accessState = nil
        self.accessStateFromRTPG = false
        self.accessPreferred = false
        self.deviceHandler = nil
        self.nvmeWWID = nil
        self.nvmeNativeMultipath = false
        self.sysfsPath = ""
        self.targetNodeName = nil
    }

    /// Discovery order as multipath-tools sees it: udev's enumeration sorts devices by their
    /// sysfs path (sd-device-enumerator.c), so `sdb` on the first controller comes before
    /// `sda` on the second. Without sysfs paths, kernel-name order.
    public static func discoveryOrder(_ a: BlockDevice, _ b: BlockDevice) -> Bool {
        if !a.sysfsPath.isEmpty && !b.sysfsPath.isEmpty && a.sysfsPath != b.sysfsPath {
            return a.sysfsPath < b.sysfsPath
        }
        return TextScan.kernelNameLess(a.name, b.name)
    }

    /// True when something other than device-mapper map `exceptHolder` holds or mounts the
    /// device: then mpathboot must not claim it (loading a table over it would either fail
    /// with EBUSY or, worse, put a map beside a mounted file system).
    public func isBusy(exceptHolder: String? = nil) -> Bool {
        if mounted { return true }
        if !partitionHolders.isEmpty { return true }
        for holder in holders where holder != exceptHolder { return true }
        return false
    }
}
