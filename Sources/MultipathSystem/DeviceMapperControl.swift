// DeviceMapperControl: the device-mapper operations mpathboot uses, as a protocol so tests
// can substitute a recording fake (through generics, never `any`).
import MultipathCore

/// What device-mapper reports about one device (`struct dm_info` plus name and UUID).
public struct DmDeviceInfo: Equatable, Sendable {
    public var name: String
    public var uuid: String
    public var device: DeviceNumber
    /// How many openers the device has (a mounted partition map counts on its parent).
    public var openCount: Int32
    public var targetCount: Int32
    public var suspended: Bool
    public var liveTable: Bool

    public init(name: String, uuid: String, device: DeviceNumber, openCount: Int32 = 0,
                targetCount: Int32 = 0, suspended: Bool = false, liveTable: Bool = true) {
        self.name = name
        self.uuid = uuid
        self.device = device
        self.openCount = openCount
        self.targetCount = targetCount
        self.suspended = suspended
        self.liveTable = liveTable
    }
}

/// One target line as the kernel reports it (`DM_TABLE_STATUS`).
public struct DmTargetReport: Equatable, Sendable {
    public var start: UInt64
    public var length: UInt64
    public var type: String
    public var parameters: String

    public init(start: UInt64, length: UInt64, type: String, parameters: String) {
        self.start = start
        self.length = length
        self.type = type
        self.parameters = parameters
    }
}

/// Device-mapper operations (libdm's `dm_task` types). Implementations never retry a
/// failed step on their own; sequencing and rollback belong to `MapBuilder`.
public protocol DeviceMapperControl {
    /// All dm devices (`DM_DEVICE_LIST`, then `DM_DEVICE_INFO` for the UUIDs).
    func devices() throws(SystemError) -> [DmDeviceInfo]
    /// One device by name, or nil if there is none (`DM_DEVICE_INFO`).
    func info(name: String) throws(SystemError) -> DmDeviceInfo?
    /// The live table (`DM_DEVICE_TABLE`) or status (`DM_DEVICE_STATUS`) lines.
    func targets(name: String, status: Bool) throws(SystemError) -> [DmTargetReport]
    /// Creates an empty device with name and UUID (`DM_DEVICE_CREATE` without a table).
    func create(name: String, uuid: String) throws(SystemError) -> DeviceNumber
    /// Loads `table` into the inactive slot (`DM_DEVICE_RELOAD`, i.e. DM_TABLE_LOAD).
    func load(name: String, table: DmTable, readOnly: Bool) throws(SystemError)
    /// Makes the inactive table live (`DM_DEVICE_RESUME`); `noFlush` keeps queued I/O.
    func resume(name: String, noFlush: Bool) throws(SystemError)
    /// Removes the device (`DM_DEVICE_REMOVE`).
    func remove(name: String) throws(SystemError)
    /// Sends a target message to sector 0 (`DM_DEVICE_TARGET_MSG`), e.g. `fail_path 8:16`.
    func message(name: String, _ text: String) throws(SystemError)
    /// The target types the kernel has registered (`DM_LIST_VERSIONS`, `dmsetup targets`),
    /// or nil when unknown. Only asked to explain a failed table load.
    func targetTypes() -> [String]?
}

extension DeviceMapperControl {
    public func targetTypes() -> [String]? { nil }
}
