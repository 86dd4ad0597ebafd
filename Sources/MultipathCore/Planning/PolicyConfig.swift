// PolicyConfig: everything the planner needs from configuration, already read: the merged
// multipath.conf, the built-in hardware table, the bindings and wwids files.

/// Blacklist or blacklist_exceptions rules (regex strings, as written).
public struct FilterRules: Equatable, Sendable {
    public var devnode: [String]
    public var wwid: [String]
    public var property: [String]
    public var devices: [DeviceEntry]

    public init(devnode: [String] = [], wwid: [String] = [], property: [String] = [], devices: [DeviceEntry] = []) {
        self.devnode = devnode
        self.wwid = wwid
        self.property = property
        self.devices = devices
    }
}

/// The configuration the planner applies.
public struct PolicyConfig: Equatable, Sendable {
    public var defaults: SettingSet
    public var overrides: SettingSet
    /// `devices` entries from multipath.conf, in file order.
    public var devices: [DeviceEntry]
    /// The built-in hardware table (`HardwareTable.entries`), in table order.
    public var builtinDevices: [DeviceEntry]
    public var multipaths: [MultipathEntry]
    public var blacklist: FilterRules
    public var exceptions: FilterRules
    /// `/etc/multipath/bindings`: WWID → alias.
    public var bindings: [String: String]
    /// `/etc/multipath/wwids`.
    public var knownWWIDs: Set<String>

    public init(defaults: SettingSet = SettingSet(), overrides: SettingSet = SettingSet(), devices: [DeviceEntry] = [],
                builtinDevices: [DeviceEntry] = [], multipaths: [MultipathEntry] = [],
                blacklist: FilterRules = FilterRules(), exceptions: FilterRules = FilterRules(),
                bindings: [String: String] = [:], knownWWIDs: Set<String> = []) {
        self.defaults = defaults
        self.overrides = overrides
        self.devices = devices
        self.builtinDevices = builtinDevices
        self.multipaths = multipaths
        self.blacklist = blacklist
        self.exceptions = exceptions
        self.bindings = bindings
        self.knownWWIDs = knownWWIDs
    }

    /// The policy of multipath.conf and conf.d files (`files`, in reading order), over the
    /// built-in hardware table: parsed, merged, and with config `device` entries that repeat a
    /// built-in entry's vendor/product/revision absorbing it in place (config.c
    /// `factorize_hwtable`). The wwids and bindings files are not part of it.
    public static func fromConfigFiles(_ files: [(path: String, text: String)],
                                       builtin: [DeviceEntry] = HardwareTable.entries) -> (config: PolicyConfig, diagnostics: [Diagnostic]) {
        let (merged, parseDiagnostics) = MultipathConfigParser.parse(files: files)
        let absorbed = MultipathConfigParser.absorbHardwareTable(builtin: builtin, devices: merged.devices)
        let config = PolicyConfig(defaults: merged.defaults, overrides: merged.overrides, devices: absorbed.devices,
                                  builtinDevices: absorbed.builtin, multipaths: merged.multipaths,
                                  blacklist: FilterRules(devnode: merged.blacklist.devnode, wwid: merged.blacklist.wwid,
                                                         property: merged.blacklist.property,
                                                         devices: merged.blacklist.devices),
                                  exceptions: FilterRules(devnode: merged.blacklistExceptions.devnode,
                                                          wwid: merged.blacklistExceptions.wwid,
                                                          property: merged.blacklistExceptions.property,
                                                          devices: merged.blacklistExceptions.devices))
        return (config, parseDiagnostics + absorbed.diagnostics)
    }

    /// multipath-tools' built-in default for find_multipaths when nothing sets it (0.9.4:
    /// `strict`, `defaults.h` DEFAULT_FIND_MULTIPATHS; Debian ships no multipath.conf).
    public static let defaultFindMultipaths = "strict"

    /// The find_multipaths mode, normalised (`on`→`yes`, `off`/`0`→`no`, `1`→`yes`).
    public var findMultipaths: ResolvedSetting {
        guard let value = defaults[.findMultipaths] else {
            return ResolvedSetting(PolicyConfig.defaultFindMultipaths, .builtin)
        }
        switch value {
        case "on", "1": return ResolvedSetting("yes", .defaults)
        case "off", "0": return ResolvedSetting("no", .defaults)
        default: return ResolvedSetting(value, .defaults)
        }
    }

    /// The layers that apply to a WWID whose first path is `path`.
    public func layers<M: PatternMatcher>(for wwid: WWID, path: BlockDevice, matcher: M) -> SettingLayers {
        layers(for: wwid, devices: matchingDevices(for: path, matcher: matcher))
    }

    /// The layers for a WWID, given the device entries its first path matches.
    public func layers(for wwid: WWID, devices matched: [(entry: DeviceEntry, builtin: Bool)]) -> SettingLayers {
        SettingLayers(multipath: multipaths.last { $0.wwid == wwid.value }, overrides: overrides,
                      devices: matched, defaults: defaults)
    }

    /// The configured and built-in device entries matching `path`'s vendor, product and
    /// revision, most specific first (a function of those three strings alone).
    public func matchingDevices<M: PatternMatcher>(for path: BlockDevice, matcher: M) -> [(entry: DeviceEntry, builtin: Bool)] {
        SettingLayers.matchingDevices(vendor: path.vendor, product: path.model, revision: path.revision,
                                      builtin: builtinDevices, configured: devices, matcher: matcher)
    }
}
