// A DeviceMapperControl that records every call and can fail a chosen one, like
// swift-system's MockingDriver: used to prove create → load → resume ordering and rollback.
import MultipathCore
@testable import MultipathSystem

final class RecordingDeviceMapper: DeviceMapperControl {
    struct Device {
        var info: DmDeviceInfo
        var table: DmTable?
    }

    private(set) var calls: [String] = []
    var devicesByName: [String: Device] = [:]
    /// Fail the call whose trace entry starts with this text (e.g. "load mpatha").
    var failing: String?
    var failingErrno = Errno(rawValue: 22)
    private var nextMinor: UInt32 = 0

    private func record(_ call: String) throws(SystemError) {
        calls.append(call)
        if let failing, call.hasPrefix(failing) {
            throw .deviceMapper(step: String(call.split(separator: " ")[0]), name: String(call.split(separator: " ")[1]),
                                errno: failingErrno, detail: "")
        }
    }

    func devices() throws(SystemError) -> [DmDeviceInfo] {
        try record("list -")
        return devicesByName.values.map { $0.info }.sorted { $0.name < $1.name }
    }

    func info(name: String) throws(SystemError) -> DmDeviceInfo? {
        try record("info \(name)")
        return devicesByName[name]?.info
    }

    func targets(name: String, status: Bool) throws(SystemError) -> [DmTargetReport] {
        try record("\(status ? "status" : "table") \(name)")
        guard let table = devicesByName[name]?.table else { return [] }
        return table.targets.map {
            DmTargetReport(start: $0.start, length: $0.length, type: $0.typeName,
                           parameters: status ? "2 0 0 0 0 0" : $0.parameters)
        }
    }

    func create(name: String, uuid: String) throws(SystemError) -> DeviceNumber {
        try record("create \(name) \(uuid)")
        guard devicesByName[name] == nil else {
            throw .deviceMapper(step: "create", name: name, errno: Errno(rawValue: 17), detail: "")
        }
        let device = DeviceNumber(major: 254, minor: nextMinor)
        nextMinor += 1
        devicesByName[name] = Device(info: DmDeviceInfo(name: name, uuid: uuid, device: device, liveTable: false))
        return device
    }

    func load(name: String, table: DmTable, readOnly: Bool) throws(SystemError) {
        try record("load \(name) \(table.text)")
        devicesByName[name]?.table = table
    }

    func resume(name: String, noFlush: Bool) throws(SystemError) {
        try record("resume \(name)\(noFlush ? " noflush" : "")")
        devicesByName[name]?.info.liveTable = true
    }

    func remove(name: String) throws(SystemError) {
        try record("remove \(name)")
        devicesByName[name] = nil
    }
}

/// Hands out a fixed partition table (or an error) instead of reading a device.
struct FixedPartitionSource: PartitionTableSource {
    var table: PartitionTable?
    var error: SystemError?

    func partitionTable(mapName: String, device: DeviceNumber) throws(SystemError) -> PartitionTable? {
        if let error { throw error }
        return table
    }
}
