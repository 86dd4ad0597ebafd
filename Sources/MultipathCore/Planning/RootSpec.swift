// RootSpec: what `mpathboot wait` is told to wait for, in the spellings a root= takes.

/// A device named the way initramfs tools name the root device.
///
/// Accepted: `UUID=`/`LABEL=` and their `/dev/disk/by-uuid/`, `/dev/disk/by-label/` links
/// (udev's `\xNN` escapes decoded), dracut's `block:` prefix, `/dev/mapper/NAME`,
/// `/dev/disk/by-id/dm-name-NAME` and `dm-uuid-UUID`, `/dev/dm-N`, `MAJ:MIN`, `/dev/KNAME`,
/// and a bare word, which may be a map name, a WWID or a kernel device name.
/// `PARTUUID=`/`PARTLABEL=` are not looked up (`unsupported`).
public enum RootSpec: Equatable, Sendable {
    case mapName(String)
    case dmUUID(String)
    case dmMinor(UInt32)
    case device(DeviceNumber)
    case kernelName(String)
    case filesystemUUID(String)
    case filesystemLabel(String)
    /// A map name, a WWID or a kernel name: tried in that order.
    case word(String)
    case unsupported(String)

    public static func parse(_ text: String) -> RootSpec {
        var spec = text
        if spec.hasPrefix("block:") { spec = String(spec.dropFirst(6)) }
        if let rest = after("UUID=", in: spec) { return .filesystemUUID(lowercased(rest)) }
        if let rest = after("LABEL=", in: spec) { return .filesystemLabel(rest) }
        if spec.hasPrefix("PARTUUID=") || spec.hasPrefix("PARTLABEL=") || spec.hasPrefix("/dev/disk/by-part") {
            return .unsupported(text)
        }
        if let rest = after("/dev/disk/by-uuid/", in: spec) { return .filesystemUUID(lowercased(unescaped(rest))) }
        if let rest = after("/dev/disk/by-label/", in: spec) { return .filesystemLabel(unescaped(rest)) }
        if let rest = after("/dev/disk/by-id/dm-name-", in: spec) { return .mapName(unescaped(rest)) }
        if let rest = after("/dev/disk/by-id/dm-uuid-", in: spec) { return .dmUUID(unescaped(rest)) }
        if let rest = after("/dev/mapper/", in: spec) { return .mapName(rest) }
        if let rest = after("/dev/dm-", in: spec), let minor = UInt32(rest) { return .dmMinor(minor) }
        if let devt = DeviceNumber(spec) { return .device(devt) }
        if let rest = after("/dev/", in: spec), !rest.isEmpty, !TextScan.contains(rest, "/") { return .kernelName(rest) }
        if spec.isEmpty || spec.hasPrefix("/") || TextScan.contains(spec, "=") { return .unsupported(text) }
        return .word(spec)
    }

    private static func after(_ prefix: String, in text: String) -> String? {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }

    private static func lowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// udev's link-name escaping (`\x20` for a space, `\x2f` for '/'), undone.
    static func unescaped(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x5C, index + 3 < bytes.count, bytes[index + 1] == 0x78,
               let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3]) {
                out.append(high << 4 | low)
                index += 4
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
