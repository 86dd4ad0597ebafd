// SettingResolver: which value an attribute takes for a map, and where it came from, in
// multipath-tools' order (propsel.c `do_set`): multipaths > overrides > devices (config,
// newest first) > built-in hardware table (last entry first) > defaults > built-in default.

/// Where a resolved setting came from (the "(setting: ...)" of multipath-tools' -v3 log).
public enum SettingOrigin: Equatable, Sendable {
    case multipaths(String)
    case overrides
    case devices(String)
    case hardwareTable(String)
    case defaults
    case builtin
    /// Detected from the devices (detect_prio, detect_checker, TPGS for the handler).
    case detected(String)

    /// The text multipath-tools prints at -v3, with our detail.
    public var text: String {
        switch self {
        case .multipaths(let origin): return "multipath.conf multipaths section (\(origin))"
        case .overrides: return "multipath.conf overrides section"
        case .devices(let origin): return "multipath.conf devices section (\(origin))"
        case .hardwareTable(let entry): return "storage device configuration (\(entry))"
        case .defaults: return "multipath.conf defaults/devices section"
        case .builtin: return "multipath internal"
        case .detected(let how): return "detected: \(how)"
        }
    }
}

/// A value with its origin.
public struct ResolvedSetting: Equatable, Sendable {
    public var value: String
    public var origin: SettingOrigin

    public init(_ value: String, _ origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// The configuration layers that apply to one WWID.
public struct SettingLayers: Equatable, Sendable {
    /// The `multipaths/multipath` entry for the WWID, if any.
    public var multipath: MultipathEntry?
    public var overrides: SettingSet
    /// Matching device entries, highest precedence first: config entries (last written
    /// first), then hardware-table entries (last in the table first) — `config.c:find_hwe`.
    public var devices: [(entry: DeviceEntry, builtin: Bool)]
    public var defaults: SettingSet

    public init(multipath: MultipathEntry?, overrides: SettingSet, devices: [(entry: DeviceEntry, builtin: Bool)],
                defaults: SettingSet) {
        self.multipath = multipath
        self.overrides = overrides
        self.devices = devices
        self.defaults = defaults
    }

    public static func == (a: SettingLayers, b: SettingLayers) -> Bool {
        a.multipath == b.multipath && a.overrides == b.overrides && a.defaults == b.defaults
            && a.devices.map { $0.entry } == b.devices.map { $0.entry }
            && a.devices.map { $0.builtin } == b.devices.map { $0.builtin }
    }

    /// The value of `keyword` from the highest layer that sets it, or `builtin` as the
    /// built-in default. `pathAttribute` skips the multipaths layer, as multipath-tools does
    /// for path attributes (checker, uid_attribute, timeouts).
    public func resolve(_ keyword: ConfigKeyword, builtin: String, pathAttribute: Bool = false) -> ResolvedSetting {
        resolveIfSet(keyword, pathAttribute: pathAttribute) ?? ResolvedSetting(builtin, .builtin)
    }

    /// As `resolve`, but nil when no layer sets the keyword.
    public func resolveIfSet(_ keyword: ConfigKeyword, pathAttribute: Bool = false) -> ResolvedSetting? {
        if !pathAttribute, let entry = multipath, let value = entry.settings[keyword] {
            return ResolvedSetting(value, .multipaths(entry.origin))
        }
        if let value = overrides[keyword] { return ResolvedSetting(value, .overrides) }
        for device in devices {
            if let value = device.entry.settings[keyword] {
                return ResolvedSetting(value, device.builtin ? .hardwareTable(device.entry.origin)
                                                             : .devices(device.entry.origin))
            }
        }
        if let value = defaults[keyword] { return ResolvedSetting(value, .defaults) }
        return nil
    }

    /// The device entries matching a path's vendor/product/revision, in precedence order.
    public static func matchingDevices<M: PatternMatcher>(vendor: String, product: String, revision: String,
                                                          builtin: [DeviceEntry], configured: [DeviceEntry],
                                                          matcher: M) -> [(entry: DeviceEntry, builtin: Bool)] {
        var out: [(entry: DeviceEntry, builtin: Bool)] = []
        func matches(_ entry: DeviceEntry) -> Bool {
            if let pattern = entry.vendor, !matcher.matches(pattern, vendor) { return false }
            if let pattern = entry.product, !matcher.matches(pattern, product) { return false }
            if let pattern = entry.revision, !matcher.matches(pattern, revision) { return false }
            return true
        }
        for entry in configured.reversed() where matches(entry) { out.append((entry, false)) }
        for entry in builtin.reversed() where matches(entry) { out.append((entry, true)) }
        return out
    }
}
