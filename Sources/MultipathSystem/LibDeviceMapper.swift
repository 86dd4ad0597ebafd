// LibDeviceMapper: DeviceMapperControl over libdevmapper (linked statically in the shipped
// binary). One dm_task per operation; errors carry libdm's errno.
import CMPath
import MultipathCore

/// Device-mapper through libdevmapper's `dm_task` API.
///
/// udev synchronisation is switched off (`dm_udev_set_sync_support(0)`): in the initramfs
/// no udev may run, and the static libdm is built without it anyway. libdm then creates and
/// removes the `/dev/mapper/<name>` nodes itself on resume and remove.
public struct LibDeviceMapper: DeviceMapperControl {
    public init() {
        dm_udev_set_sync_support(0)
    }

    /// True when the kernel's device-mapper answers (`DM_VERSION` works).
    public static func isAvailable() -> Bool {
        var buffer = [CChar](repeating: 0, count: 64)
        return buffer.withUnsafeMutableBufferPointer { dm_driver_version($0.baseAddress, 64) } != 0
    }

    public func devices() throws(SystemError) -> [DmDeviceInfo] {
        let task = try makeTask(Int32(DM_DEVICE_LIST), step: "list", name: "")
        defer { dm_task_destroy(task) }
        try run(task, step: "list", name: "")
        var names: [String] = []
        if var entry = dm_task_get_names(task), entry.pointee.dev != 0 {
            while true {
                names.append(String(cString: cmp_dm_names_name(entry)))
                let next = entry.pointee.next
                if next == 0 { break }
                entry = UnsafeMutableRawPointer(entry).advanced(by: Int(next))
                    .assumingMemoryBound(to: dm_names.self)
            }
        }
        var out: [DmDeviceInfo] = []
        for name in names {
            if let info = try info(name: name) { out.append(info) }
        }
        return out
    }

    public func info(name: String) throws(SystemError) -> DmDeviceInfo? {
        let task = try makeTask(Int32(DM_DEVICE_INFO), step: "info", name: name)
        defer { dm_task_destroy(task) }
        try run(task, step: "info", name: name)
        var info = dm_info()
        guard dm_task_get_info(task, &info) != 0 else {
            throw .deviceMapper(step: "info", name: name, errno: nil, detail: "dm_task_get_info failed")
        }
        guard info.exists != 0 else { return nil }
        let uuid = dm_task_get_uuid(task).map { String(cString: $0) } ?? ""
        return DmDeviceInfo(name: name, uuid: uuid,
                            device: DeviceNumber(major: info.major, minor: info.minor),
                            openCount: info.open_count, targetCount: info.target_count,
                            suspended: info.suspended != 0, liveTable: info.live_table != 0)
    }

    public func targets(name: String, status: Bool) throws(SystemError) -> [DmTargetReport] {
        let step = status ? "status" : "table"
        let task = try makeTask(Int32(status ? DM_DEVICE_STATUS : DM_DEVICE_TABLE), step: step, name: name)
        defer { dm_task_destroy(task) }
        try run(task, step: step, name: name)
        var out: [DmTargetReport] = []
        var next: UnsafeMutableRawPointer? = nil
        repeat {
            var start: UInt64 = 0
            var length: UInt64 = 0
            var type: UnsafeMutablePointer<CChar>? = nil
            var params: UnsafeMutablePointer<CChar>? = nil
            next = dm_get_next_target(task, next, &start, &length, &type, &params)
            if let type {
                out.append(DmTargetReport(start: start, length: length, type: String(cString: type),
                                          parameters: params.map { String(cString: $0) } ?? ""))
            }
        } while next != nil
        return out
    }

    public func create(name: String, uuid: String) throws(SystemError) -> DeviceNumber {
        let task = try makeTask(Int32(DM_DEVICE_CREATE), step: "create", name: name)
        defer { dm_task_destroy(task) }
        guard dm_task_set_uuid(task, uuid) != 0 else {
            throw .deviceMapper(step: "create", name: name, errno: nil, detail: "bad UUID '\(uuid)'")
        }
        try run(task, step: "create", name: name)
        var info = dm_info()
        guard dm_task_get_info(task, &info) != 0, info.exists != 0 else {
            throw .deviceMapper(step: "create", name: name, errno: nil, detail: "device missing after create")
        }
        return DeviceNumber(major: info.major, minor: info.minor)
    }

    public func load(name: String, table: DmTable, readOnly: Bool) throws(SystemError) {
        let task = try makeTask(Int32(DM_DEVICE_RELOAD), step: "load", name: name)
        defer { dm_task_destroy(task) }
        if readOnly { _ = dm_task_set_ro(task) }
        for target in table.targets {
            guard dm_task_add_target(task, target.start, target.length, target.typeName, target.parameters) != 0 else {
                throw .deviceMapper(step: "load", name: name, errno: nil,
                                    detail: "libdm refused target '\(target.line)'")
            }
        }
        try run(task, step: "load", name: name)
    }

    public func resume(name: String, noFlush: Bool) throws(SystemError) {
        let task = try makeTask(Int32(DM_DEVICE_RESUME), step: "resume", name: name)
        defer { dm_task_destroy(task) }
        if noFlush { _ = dm_task_no_flush(task) }
        try run(task, step: "resume", name: name)
        // libdm stacks node operations (mknod /dev/mapper/<name>) and runs them here.
        dm_task_update_nodes()
    }

    public func remove(name: String) throws(SystemError) {
        let task = try makeTask(Int32(DM_DEVICE_REMOVE), step: "remove", name: name)
        defer { dm_task_destroy(task) }
        // The kernel may briefly see the device open (e.g. a blkid probe): let libdm retry.
        _ = dm_task_retry_remove(task)
        try run(task, step: "remove", name: name)
        dm_task_update_nodes()
    }

    public func message(name: String, _ text: String) throws(SystemError) {
        let task = try makeTask(Int32(DM_DEVICE_TARGET_MSG), step: "message", name: name)
        defer { dm_task_destroy(task) }
        guard dm_task_set_sector(task, 0) != 0, dm_task_set_message(task, text) != 0 else {
            throw .deviceMapper(step: "message", name: name, errno: nil, detail: "cannot set message '\(text)'")
        }
        try run(task, step: "message '\(text)'", name: name)
    }

    public func targetTypes() -> [String]? {
        guard let task = try? makeTask(Int32(DM_DEVICE_LIST_VERSIONS), step: "targets", name: "") else { return nil }
        defer { dm_task_destroy(task) }
        guard dm_task_run(task) != 0, var entry = dm_task_get_versions(task) else { return nil }
        var out: [String] = []
        while true {
            out.append(String(cString: cmp_dm_versions_name(entry)))
            let next = entry.pointee.next
            if next == 0 { break }
            entry = UnsafeMutableRawPointer(entry).advanced(by: Int(next)).assumingMemoryBound(to: dm_versions.self)
        }
        return out
    }

    private func makeTask(_ type: Int32, step: String, name: String) throws(SystemError) -> OpaquePointer {
        guard let task = dm_task_create(type) else {
            throw .deviceMapper(step: step, name: name, errno: nil,
                                detail: "dm_task_create failed (is device-mapper in the kernel?)")
        }
        if !name.isEmpty && dm_task_set_name(task, name) == 0 {
            dm_task_destroy(task)
            throw .deviceMapper(step: step, name: name, errno: nil, detail: "bad name")
        }
        return task
    }

    private func run(_ task: OpaquePointer, step: String, name: String) throws(SystemError) {
        guard dm_task_run(task) != 0 else {
            let code = dm_task_get_errno(task)
            throw .deviceMapper(step: step, name: name, errno: code != 0 ? Errno(rawValue: code) : nil,
                                detail: "")
        }
    }
}
