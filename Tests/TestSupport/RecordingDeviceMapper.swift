// A DeviceMapperControl that records every call and can fail a chosen one, like
// swift-system's MockingDriver: used to prove create → load → resume ordering and rollback.
import Foundation
import MultipathCore
import MultipathSystem

public final class RecordingDeviceMapper: DeviceMapperControl {
    public struct Device {
        public var info: DmDeviceInfo
        public var table: DmTable?

        public init(info: DmDeviceInfo, table: DmTable? = nil) {
            self.info = info
            self.table = table
        }
    }

    public private(set) var calls: [String] = []
    public var devicesByName: [String: Device] = [:]
    /// Fail the call whose trace entry starts with this text (e.g. "load mpatha").
    public var failing: String?
    public var failingErrno = Errno(rawValue: 22)
    /// What `targetTypes()` answers (nil: unknown, as a fake that does not say).
    public var registeredTargets: [String]? = ["striped", "linear", "error", "zero", "multipath"]
    private var nextMinor: UInt32 = 0

    private func record(_ call: String) throws(SystemError) {
        calls.append(call)
        if let failing, call.hasPrefix(failing) {
            throw .deviceMapper(step: String(call.split(separator: " ")[0]), name: String(call.split(separator: " ")[1]),
                                errno: failingErrno, detail: "")
        }
    }

    public init() {}

    public func devices() throws(SystemError) -> [DmDeviceInfo] {
        try record("list -")
        return devicesByName.values.map { $0.info }.sorted { $0.name < $1.name }
    }

    /// Called by `info(name:)` before it answers: lets a test change the state between looks.
    public var onInfo: ((String) -> Void)?

    public func info(name: String) throws(SystemError) -> DmDeviceInfo? {
        try record("info \(name)")
        onInfo?(name)
        return devicesByName[name]?.info
    }

    public func targets(name: String, status: Bool) throws(SystemError) -> [DmTargetReport] {
        try record("\(status ? "status" : "table") \(name)")
        guard let table = devicesByName[name]?.table else { return [] }
        return table.targets.map {
            DmTargetReport(start: $0.start, length: $0.length, type: $0.typeName,
                           parameters: status ? Self.status($0, failed: failedPaths) : $0.parameters)
        }
    }

    /// Paths failed by `fail_path` messages and not reinstated since (as dm-mpath keeps them).
    public var failedPaths: Set<DeviceNumber> = []

    /// The status line dm-mpath would report (service-time info args), `F` for failed paths.
    static func status(_ target: DmTarget, failed: Set<DeviceNumber>) -> String {
        guard case .multipath(let table) = target.kind else { return "" }
        var out = "2 0 0 0 \(table.groups.count) 1"
        for (index, group) in table.groups.enumerated() {
            out += " \(index == 0 ? "A" : "E") 0 \(group.paths.count) 2"
            for path in group.paths { out += " \(path.device) \(failed.contains(path.device) ? "F" : "A") 0 0 1" }
        }
        return out
    }

    public func create(name: String, uuid: String) throws(SystemError) -> DeviceNumber {
        try record("create \(name) \(uuid)")
        guard devicesByName[name] == nil else {
            throw .deviceMapper(step: "create", name: name, errno: Errno(rawValue: 17), detail: "")
        }
        let device = DeviceNumber(major: 254, minor: nextMinor)
        nextMinor += 1
        devicesByName[name] = Device(info: DmDeviceInfo(name: name, uuid: uuid, device: device, liveTable: false))
        return device
    }

    public func load(name: String, table: DmTable, readOnly: Bool) throws(SystemError) {
        try record("load \(name) \(table.text)")
        devicesByName[name]?.table = table
    }

    public func resume(name: String, noFlush: Bool) throws(SystemError) {
        try record("resume \(name)\(noFlush ? " noflush" : "")")
        devicesByName[name]?.info.liveTable = true
    }

    public func message(name: String, _ text: String) throws(SystemError) {
        try record("message \(name) \(text)")
        let words = text.split(separator: " ")
        if words.count == 2, let device = DeviceNumber(String(words[1])) {
            if words[0] == "fail_path" { failedPaths.insert(device) }
            if words[0] == "reinstate_path" { failedPaths.remove(device) }
        }
    }

    public func targetTypes() -> [String]? {
        calls.append("targets -")
        return registeredTargets
    }

    public func remove(name: String) throws(SystemError) {
        try record("remove \(name)")
        devicesByName[name] = nil
    }
}

/// Hands out a fixed partition table (or an error) instead of reading a device, and records
/// which paths it was offered to read from.
public struct FixedPartitionSource: PartitionTableSource {
    public final class Requests {
        /// Per request: the map's name and the path devices offered, in order.
        public var asked: [(map: String, paths: [String])] = []
    }

    public var table: PartitionTable?
    public var error: SystemError?
    public let requests = Requests()

    public init(table: PartitionTable? = nil, error: SystemError? = nil) {
        self.table = table
        self.error = error
    }

    public func partitionTable(mapName: String, device: DeviceNumber, paths: [String]) throws(SystemError) -> PartitionTable? {
        requests.asked.append((mapName, paths))
        if let error { throw error }
        return table
    }
}

/// Fixture trees captured from real guests by tests/vm/capture.sh.
public enum Fixtures {
    /// The sysfs root of a captured fixture, e.g. `virtio-two-paths/sys`.
    public static func sysfs(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
            .appendingPathComponent(name).appendingPathComponent("sys").path
    }

    /// A path that does not exist, for roots that must find nothing.
    public static let nowhere = "/nonexistent-mpathboot-test"

    /// Roots for discovery over a fixture: /proc and /dev point nowhere, so nothing is
    /// mounted and no SG_IO is attempted on the host.
    public static func roots(_ name: String) -> SystemRoots {
        SystemRoots(sysfs: sysfs(name), proc: nowhere, dev: nowhere, etc: nowhere)
    }

    /// A captured-by-hand /etc tree (multipath.conf, multipath/wwids, ...).
    public static func etc(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name).path
    }

    /// A fresh empty directory (for a /dev root that map building may write nodes into).
    public static func scratchDirectory() -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mpathboot-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
