// MultipathConfig: /etc/multipath.conf and /etc/multipath/conf.d/*.conf, checked and merged
// the way multipath-tools 0.9.4 loads them (config.c `_init_config`, dict.c handlers).

/// `blacklist` or `blacklist_exceptions` rules: POSIX extended regexes kept as written
/// (a leading `!` inverts, as in multipath-tools' `check_invert`).
public struct BlacklistRules: Equatable, Sendable {
    public var devnode: [String]
    public var wwid: [String]
    public var property: [String]
    public var protocolRules: [String]
    /// `device { vendor product }` entries: only `vendor`, `product` and `origin` are used;
    /// a nil pattern matches any value. Entries with neither are dropped, as multipath-tools
    /// drops them (`merge_blacklist_device`).
    public var devices: [DeviceEntry]

    public init(devnode: [String] = [], wwid: [String] = [], property: [String] = [],
                protocolRules: [String] = [], devices: [DeviceEntry] = []) {
        self.devnode = devnode
        self.wwid = wwid
        self.property = property
        self.protocolRules = protocolRules
        self.devices = devices
    }
}

/// A `multipaths { multipath { ... } }` entry.
public struct MultipathEntry: Equatable, Sendable {
    /// Compared with a map's WWID as an exact string (`config.c:find_mpe`).
    public var wwid: String
    public var alias: String?
    public var settings: SettingSet
    /// `file:line` of the section (of the last one, when several for one WWID were merged).
    public var origin: String

    public init(wwid: String, alias: String? = nil, settings: SettingSet = SettingSet(), origin: String) {
        self.wwid = wwid
        self.alias = alias
        self.settings = settings
        self.origin = origin
    }
}

/// The merged configuration files. Values are stored in canonical form, the form
/// `multipath -t` prints them in (`1` → `yes`, `multibus_x` → `multibus`, `007` → `7`,
/// capped numbers capped); a value multipath-tools treats as "not set" (`failback 0`,
/// `rr_min_io 0`, `dev_loss_tmo 0`, ...) is not stored.
public struct MultipathConfig: Equatable, Sendable {
    public var defaults: SettingSet
    public var blacklist: BlacklistRules
    public var blacklistExceptions: BlacklistRules
    /// `devices` entries in table order (a later entry has precedence over an earlier one).
    /// Entries with identical vendor/product/revision text are already merged into one.
    public var devices: [DeviceEntry]
    public var overrides: SettingSet
    /// One entry per WWID, in WWID (byte) order, as multipath-tools keeps its table.
    public var multipaths: [MultipathEntry]
    /// The files read, in reading order.
    public var sources: [String]

    public init(defaults: SettingSet = SettingSet(), blacklist: BlacklistRules = BlacklistRules(),
                blacklistExceptions: BlacklistRules = BlacklistRules(), devices: [DeviceEntry] = [],
                overrides: SettingSet = SettingSet(), multipaths: [MultipathEntry] = [], sources: [String] = []) {
        self.defaults = defaults
        self.blacklist = blacklist
        self.blacklistExceptions = blacklistExceptions
        self.devices = devices
        self.overrides = overrides
        self.multipaths = multipaths
        self.sources = sources
    }
}

/// Reads multipath.conf files into a `MultipathConfig` as multipath-tools 0.9.4 does, never
/// failing: what multipath-tools would ignore or reject is reported (`file:line` subjects)
/// and left out, and everything else applies.
public enum MultipathConfigParser {
    /// The sections of multipath.conf (`dict.c:init_keywords`).
    public static let grammar = ConfigSectionGrammar("", [
        ConfigSectionGrammar("defaults"),
        ConfigSectionGrammar("blacklist", [ConfigSectionGrammar("device")]),
        ConfigSectionGrammar("blacklist_exceptions", [ConfigSectionGrammar("device")]),
        ConfigSectionGrammar("devices", [ConfigSectionGrammar("device")]),
        ConfigSectionGrammar("overrides", [ConfigSectionGrammar("protocol")]),
        ConfigSectionGrammar("multipaths", [ConfigSectionGrammar("multipath")]),
    ])

    /// The names in a config directory listing that multipath-tools reads, in its reading order
    /// (`config.c:process_config_dir`): those whose last `.` starts `.conf` exactly, sorted by
    /// `alphasort`, which is `strcmp` byte order since multipath-tools never calls `setlocale`.
    public static func configDirOrder(_ names: [String]) -> [String] {
        let conf = Array(".conf".utf8)
        let picked = names.filter { name in
            let bytes = Array(name.utf8)
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
            return Array(bytes[dot...]) == conf
        }
        return stableSorted(picked) { ConfigText.bytesLess($0, $1) }
    }

    /// Parses and merges the files, given in multipath-tools' reading order: /etc/multipath.conf
    /// first, then the conf.d files in `configDirOrder` order.
    ///
    /// Later files add to earlier ones as multipath-tools' handlers do: `defaults` and
    /// `overrides` keywords replace earlier values one by one; `devices` entries are appended
    /// and entries with the same vendor/product/revision text merged (`factorize_hwtable`);
    /// `blacklist`/`blacklist_exceptions` rules are appended (duplicates dropped,
    /// `merge_blacklist`); `multipaths` entries are appended, then merged per WWID
    /// (`merge_mptable`).
    public static func parse(files: [(path: String, text: String)]) -> (MultipathConfig, [Diagnostic]) {
        var builder = Builder()
        for file in files { builder.read(path: file.path, text: file.text) }
        return builder.finish()
    }

    // MARK: - Keyword tables (dict.c:init_keywords, 0.9.4)

    /// What a keyword line does in a section.
    enum Role: Equatable {
        /// A `ConfigKeyword` attribute: validated, then stored in the section's `SettingSet`.
        case setting(ConfigKeyword)
        /// Valid for multipath-tools, without effect on what mpathboot does.
        case unused
        /// Accepted and ignored by multipath-tools 0.9.4 (`declare_deprecated_handler`).
        case deprecated
        /// Handled by the section itself (wwid, alias, vendor, blacklist regexes, ...).
        case special
        /// Opens a subsection.
        case section
    }

    /// The sections, named as diagnostics name them.
    enum Section {
        case top, defaults, blacklist, exceptions, blacklistDevice, exceptionsDevice
        case devices, device, overrides, protocolSection, multipaths, multipath

        var label: String {
            switch self {
            case .top: return "top level"
            case .defaults: return "defaults"
            case .blacklist: return "blacklist"
            case .exceptions: return "blacklist_exceptions"
            case .blacklistDevice: return "blacklist/device"
            case .exceptionsDevice: return "blacklist_exceptions/device"
            case .devices: return "devices"
            case .device: return "devices/device"
            case .overrides: return "overrides"
            case .protocolSection: return "overrides/protocol"
            case .multipaths: return "multipaths"
            case .multipath: return "multipaths/multipath"
            }
        }

        static let all: [Section] = [.top, .defaults, .blacklist, .exceptions, .blacklistDevice, .exceptionsDevice,
                                     .devices, .device, .overrides, .protocolSection, .multipaths, .multipath]
    }

    /// Map attributes every one of defaults, devices/device, overrides and multipaths/multipath takes.
    static let mapSettings: [ConfigKeyword] = [
        .pathGroupingPolicy, .pathSelector, .prio, .prioArgs, .failback, .rrWeight, .noPathRetry, .rrMinIO,
        .rrMinIORq, .flushOnLastDel, .features, .userFriendlyNames, .skipKpartx, .maxSectorsKB,
    ]
    /// Attributes of defaults, devices/device and overrides, but not of multipaths/multipath.
    static let pathSettings: [ConfigKeyword] = [
        .uidAttribute, .pathChecker, .aliasPrefix, .fastIOFailTmo, .devLossTmo, .retainAttachedHwHandler,
        .detectPrio, .detectChecker,
    ]
    static let defaultsOnlySettings: [ConfigKeyword] = [
        .findMultipaths, .findMultipathsTimeout, .pollingInterval, .queueWithoutDaemon, .bindingsFile,
        .wwidsFile, .partitionDelimiter, .allowUSBDevices,
    ]
    static let deviceOnlySettings: [ConfigKeyword] = [.hardwareHandler, .vpdVendor]

    /// Keywords of the device-like sections that mpathboot does not use.
    static let unusedCommon = [
        "deferred_remove", "delay_watch_checks", "delay_wait_checks", "san_path_err_threshold",
        "san_path_err_forget_rate", "san_path_err_recovery_time", "marginal_path_err_sample_time",
        "marginal_path_err_rate_threshold", "marginal_path_err_recheck_gap_time",
        "marginal_path_double_failed_time", "ghost_delay",
    ]
    static let unusedDefaults = unusedCommon + [
        "verbosity", "max_polling_interval", "reassign_maps", "uid_attrs", "max_fds", "checker_timeout", "mode",
        "uid", "gid", "eh_deadline", "prkeys_file", "log_checker_err", "reservation_key", "all_tg_pt", "force_sync",
        "strict_timing", "uxsock_timeout", "retrigger_tries", "retrigger_delay", "missing_uev_wait_timeout",
        "disable_changed_wwids", "remove_retries", "enable_foreign", "marginal_pathgroups", "recheck_wwid",
    ]
    static let unusedDeviceOrOverrides = unusedCommon + ["eh_deadline", "all_tg_pt", "recheck_wwid"]
    static let unusedMultipath = unusedCommon + ["mode", "uid", "gid", "reservation_key"]

    /// The role of `name` in `section`; nil when multipath-tools has no such keyword there.
    static func role(_ name: String, in section: Section) -> Role? {
        func setting(_ list: [ConfigKeyword]) -> Role? {
            for keyword in list where keyword.rawValue == name { return .setting(keyword) }
            return nil
        }
        switch section {
        case .top:
            return ["defaults", "blacklist", "blacklist_exceptions", "devices", "overrides", "multipaths"]
                .contains(name) ? .section : nil
        case .defaults:
            if name == "checker" { return .setting(.pathChecker) }
            if let role = setting(mapSettings + pathSettings + defaultsOnlySettings) { return role }
            if ["multipath_dir", "getuid_callout", "pg_timeout", "config_dir"].contains(name) { return .deprecated }
            return unusedDefaults.contains(name) ? .unused : nil
        case .blacklist, .exceptions:
            if name == "device" { return .section }
            return ["devnode", "wwid", "property", "protocol"].contains(name) ? .special : nil
        case .blacklistDevice, .exceptionsDevice:
            return name == "vendor" || name == "product" ? .special : nil
        case .devices:
            return name == "device" ? .section : nil
        case .device:
            if name == "checker" { return .setting(.pathChecker) }
            if let role = setting(mapSettings + pathSettings + deviceOnlySettings) { return role }
            if ["vendor", "product", "revision", "product_blacklist"].contains(name) { return .special }
            if name == "getuid_callout" || name == "pg_timeout" { return .deprecated }
            return unusedDeviceOrOverrides.contains(name) ? .unused : nil
        case .overrides:
            if name == "checker" { return .setting(.pathChecker) }
            if let role = setting(mapSettings + pathSettings) { return role }
            if name == "protocol" { return .section }
            if name == "getuid_callout" { return .deprecated }
            return unusedDeviceOrOverrides.contains(name) ? .unused : nil
        case .protocolSection:
            if name == "type" { return .special }
            return ["fast_io_fail_tmo", "dev_loss_tmo", "eh_deadline"].contains(name) ? .unused : nil
        case .multipaths:
            return name == "multipath" ? .section : nil
        case .multipath:
            if let role = setting(mapSettings) { return role }
            if name == "wwid" || name == "alias" { return .special }
            if name == "pg_timeout" { return .deprecated }
            return unusedMultipath.contains(name) ? .unused : nil
        }
    }

    /// Keywords installed with `install_keyword_multi`: no "duplicate keyword" warning.
    static func isMulti(_ name: String, in section: Section) -> Bool {
        switch section {
        case .blacklist, .exceptions: return ["devnode", "wwid", "property", "protocol", "device"].contains(name)
        case .devices: return name == "device"
        case .overrides: return name == "protocol"
        case .multipaths: return name == "multipath"
        default: return false
        }
    }

    /// The section of a subsection keyword.
    static func subsection(_ name: String, of section: Section) -> Section? {
        switch (section, name) {
        case (.top, "defaults"): return .defaults
        case (.top, "blacklist"): return .blacklist
        case (.top, "blacklist_exceptions"): return .exceptions
        case (.top, "devices"): return .devices
        case (.top, "overrides"): return .overrides
        case (.top, "multipaths"): return .multipaths
        case (.blacklist, "device"): return .blacklistDevice
        case (.exceptions, "device"): return .exceptionsDevice
        case (.devices, "device"): return .device
        case (.overrides, "protocol"): return .protocolSection
        case (.multipaths, "multipath"): return .multipath
        default: return nil
        }
    }

    /// The sections (other than `section`) where `name` is a keyword.
    static func sectionsAccepting(_ name: String, except section: Section) -> [String] {
        var out: [String] = []
        for other in Section.all where other != section && role(name, in: other) != nil { out.append(other.label) }
        return out
    }

    // MARK: - Values (dict.c set_* handlers)

    /// What a handler does with a value.
    enum Outcome: Equatable {
        /// Store this (canonical) value; `note` is a warning to report (capping).
        case store(String, note: String?)
        /// The value means "not set": remove any earlier value; `note` says why, `capped` is a
        /// warning to report first (a negative number capped to 0).
        case unset(note: String, capped: String? = nil)
        /// Invalid: report, keep the earlier value.
        case reject(String)
    }

    static let intMax: Int64 = 2_147_483_647
    static let intMin: Int64 = -2_147_483_648
    static let uintMax: UInt64 = 4_294_967_295

    /// The handler of `keyword` (dict.c, 0.9.4) applied to `value`.
    static func check(_ keyword: ConfigKeyword, _ value: String) -> Outcome {
        let name = keyword.rawValue
        switch keyword {
        case .pathGroupingPolicy:
            // pgpolicies.c:get_pgpolicy_id compares prefixes (strncmp).
            for policy in ["failover", "multibus", "group_by_serial", "group_by_prio", "group_by_node_name"]
                where ConfigText.hasBytePrefix(value, policy) {
                return .store(policy, note: nil)
            }
            return .reject(invalid(name, value, "failover, multibus, group_by_serial, group_by_prio or group_by_node_name"))
        case .pathSelector:
            return argumentString(name, value, countIndex: 1)
        case .features, .hardwareHandler:
            return argumentString(name, value, countIndex: 0)
        case .noPathRetry:
            if value == "fail" || value == "0" { return .store("fail", note: nil) }
            if value == "queue" { return .store("queue", note: nil) }
            return integer(name, value, min: 1, max: intMax, expected: "fail, queue or a number of retries")
        case .failback:
            if value == "manual" || value == "immediate" || value == "followover" { return .store(value, note: nil) }
            let outcome = integer(name, value, min: 0, max: intMax,
                                  expected: "manual, immediate, followover or a number of seconds")
            return zeroIsUnset(outcome, name)
        case .rrMinIO, .rrMinIORq, .maxSectorsKB:
            return zeroIsUnset(integer(name, value, min: 0, max: intMax, expected: "a number"), name)
        case .findMultipathsTimeout:
            return zeroIsUnset(integer(name, value, min: intMin, max: intMax, expected: "a number of seconds"), name)
        case .rrWeight:
            if value == "priorities" || value == "uniform" { return .store(value, note: nil) }
            return .reject(invalid(name, value, "priorities or uniform"))
        case .prio, .prioArgs, .uidAttribute, .pathChecker:
            return .store(value, note: nil)
        case .userFriendlyNames, .flushOnLastDel, .retainAttachedHwHandler, .detectPrio, .detectChecker,
             .skipKpartx, .queueWithoutDaemon, .allowUSBDevices:
            // set_yes_no / set_yes_no_undef: "1" and "0" are accepted too.
            if value == "yes" || value == "1" { return .store("yes", note: nil) }
            if value == "no" || value == "0" { return .store("no", note: nil) }
            return .reject(invalid(name, value, "yes or no"))
        case .aliasPrefix, .partitionDelimiter:
            // set_str_noslash
            if value.utf8.contains(UInt8(ascii: "/")) {
                return .reject("\(name) \"\(value)\" cannot contain a slash; ignored")
            }
            return .store(value, note: nil)
        case .bindingsFile, .wwidsFile:
            // set_path
            if value.utf8.first != UInt8(ascii: "/") {
                return .reject("\(name) \"\(value)\" is not an absolute path; ignored")
            }
            return .store(value, note: nil)
        case .fastIOFailTmo:
            // set_undef_off_zero
            if value == "off" || value == "0" { return .store(value, note: nil) }
            return integer(name, value, min: 1, max: intMax, expected: "off, 0 or a number of seconds")
        case .devLossTmo:
            return devLoss(value)
        case .vpdVendor:
            // discovery.c vpd_vendor_pages: "undef" (index 0, i.e. not set) and "hp3par".
            if value == "hp3par" { return .store(value, note: nil) }
            if value == "undef" { return .unset(note: "vpd_vendor \"undef\" means not set") }
            return .reject(invalid(name, value, "hp3par"))
        case .findMultipaths:
            // def_find_multipaths_handler: the mode names, then yes/1 → on, no/0 → off.
            for mode in ["off", "on", "strict", "greedy", "smart"] where value == mode { return .store(mode, note: nil) }
            if value == "no" || value == "0" { return .store("off", note: nil) }
            if value == "yes" || value == "1" { return .store("on", note: nil) }
            return .reject(invalid(name, value, "strict, yes, no, greedy, smart, on or off"))
        case .pollingInterval:
            return pollingInterval(value)
        case .configDir:
            // Never reached: 0.9.4 installs config_dir with a deprecated handler.
            return .reject("ignoring deprecated option \"config_dir\"")
        }
    }

    static func invalid(_ name: String, _ value: String, _ expected: String) -> String {
        "invalid value for \(name): \"\(value)\" (expected \(expected)); ignored"
    }

    static func zeroIsUnset(_ outcome: Outcome, _ name: String) -> Outcome {
        if case .store("0", let capped) = outcome {
            return .unset(note: "\(name) 0 means not set in multipath-tools; the next layer or the built-in default applies",
                          capped: capped)
        }
        return outcome
    }

    /// `do_set_int`: `strtol` with white space around the number allowed, then capped into
    /// [min, max] with a warning.
    static func integer(_ name: String, _ value: String, min: Int64, max: Int64, expected: String) -> Outcome {
        guard let number = CNumber.strtolWhole(value) else { return .reject(invalid(name, value, expected)) }
        if number > max { return .store(String(max), note: "value for \(name) too large, capping at \(max)") }
        if number < min { return .store(String(min), note: "value for \(name) too small, capping at \(min)") }
        return .store(String(number), note: nil)
    }

    /// `set_arg_str`: the word at `countIndex` must be a count of the words after it
    /// (`features "1 queue_if_no_path"`, `path_selector "round-robin 0"`). Stored as written.
    static func argumentString(_ name: String, _ value: String, countIndex: Int) -> Outcome {
        let words = CNumber.words(value)
        var count: Int64 = -1
        if words.count > countIndex {
            count = CNumber.strtolWord(words[countIndex]) ?? -1
        }
        if count < 0 {
            return .reject("missing argument count for \(name) in \"\(value)\"; ignored")
        }
        let found = Int64(words.count - 1 - countIndex)
        if count != found {
            return .reject("invalid argument count for \(name) in \"\(value)\": got '\(count)', expected '\(found)'; ignored")
        }
        return .store(value, note: nil)
    }

    /// `set_dev_loss`: "infinity", or `sscanf("%u")` (leading white space, a sign, digits, and
    /// anything after them ignored; "-1" wraps to UINT_MAX, which is infinity). 0 is "not set".
    static func devLoss(_ value: String) -> Outcome {
        if value == "infinity" { return .store("infinity", note: nil) }
        guard let number = CNumber.scanUnsigned(value) else {
            return .reject(invalid("dev_loss_tmo", value, "infinity or a number of seconds"))
        }
        if number == 0 { return .unset(note: "dev_loss_tmo 0 means not set in multipath-tools") }
        if number >= uintMax { return .store("infinity", note: nil) }
        return .store(String(number), note: nil)
    }

    /// `checkint_handler` / `set_uint`: digits only (white space around allowed), at most
    /// UINT_MAX; UINT_MAX itself is the "undefined" marker and becomes UINT_MAX - 1.
    static func pollingInterval(_ value: String) -> Outcome {
        guard let number = CNumber.strtoulWhole(value), number <= uintMax else {
            return .reject(invalid("polling_interval", value, "a number of seconds"))
        }
        return .store(String(number == uintMax ? number - 1 : number), note: nil)
    }

    /// Keywords whose value is a string in multipath-tools' structs: `merge_str` copies them
    /// into a merged entry only when non-empty.
    static func isStringAttribute(_ keyword: ConfigKeyword) -> Bool {
        switch keyword {
        case .uidAttribute, .features, .hardwareHandler, .pathSelector, .pathChecker, .prio, .prioArgs, .aliasPrefix:
            return true
        default:
            return false
        }
    }

    // MARK: - Legacy features (propsel.c:reconcile_features_with_options)

    /// `propsel.c:reconcile_features_with_options`: a `queue_if_no_path` feature becomes
    /// `no_path_retry queue` unless `no_path_retry` is set, and `retain_attached_hw_handler`
    /// becomes the attribute of that name unless it is set; both words are removed from the
    /// features string (`structs.c:remove_feature`). `noPathRetry`/`retainHwHandler` are the
    /// values set so far (nil: not set). Returns the new values and what was done.
    public static func reconcileFeatures(features: String, noPathRetry: String?, retainHwHandler: String?)
        -> (features: String, noPathRetry: String?, retainHwHandler: String?, notes: [String]) {
        var features = features
        var noPathRetry = noPathRetry
        var retain = retainHwHandler
        var notes: [String] = []
        let queueIfNoPath = "queue_if_no_path"
        let retainWord = "retain_attached_hw_handler"
        // strstr: any occurrence counts here, even inside a longer word.
        if TextScan.contains(features, queueIfNoPath) {
            if let current = noPathRetry, current != "queue" {
                notes.append("features \"\(features)\": '\(queueIfNoPath)' is deprecated and ignored because "
                             + "no_path_retry is set to '\(current)'")
            } else if noPathRetry == nil {
                noPathRetry = "queue"
                notes.append("features \"\(features)\": '\(queueIfNoPath)' is deprecated; using no_path_retry queue")
            } else {
                notes.append("features \"\(features)\": '\(queueIfNoPath)' is deprecated; no_path_retry is queue already")
            }
            features = removeFeature(features, queueIfNoPath)
        }
        if TextScan.contains(features, retainWord) {
            if retain == nil {
                retain = "yes"
                notes.append("features \"\(features)\": '\(retainWord)' is deprecated; using retain_attached_hw_handler yes")
            } else if retain == "no" {
                notes.append("features \"\(features)\": '\(retainWord)' is deprecated and ignored because "
                             + "retain_attached_hw_handler is set to 'no'")
            } else {
                notes.append("features \"\(features)\": '\(retainWord)' is deprecated")
            }
            features = removeFeature(features, retainWord)
        }
        return (features, noPathRetry, retain, notes)
    }

    /// `structs.c:remove_feature` for a one-word feature: drops the word and decrements the
    /// count; unchanged when the word is not a whole word after the first byte, or the
    /// string does not start with a count followed by white space.
    static func removeFeature(_ features: String, _ word: String) -> String {
        let f = Array(features.utf8)
        let w = Array(word.utf8)
        guard !w.isEmpty, f.count > w.count else { return features }
        var position: Int? = nil
        var p = 1
        while p + w.count <= f.count {
            if Array(f[p..<(p + w.count)]) == w {
                if ConfigSyntax.isCSpace(f[p - 1]) && (p + w.count == f.count || ConfigSyntax.isCSpace(f[p + w.count])) {
                    position = p
                    break
                }
                p += w.count
            } else {
                p += 1
            }
        }
        guard let found = position else { return features }
        // Feature count: strtoul from the start (leading white space skipped).
        var index = 0
        while index < f.count && ConfigSyntax.isCSpace(f[index]) { index += 1 }
        let digitsStart = index
        var count: Int64 = 0
        while index < f.count, f[index] >= 0x30, f[index] <= 0x39 {
            if count < intMax { count = count * 10 + Int64(f[index] - 0x30) }
            index += 1
        }
        guard index > digitsStart, index < f.count, ConfigSyntax.isCSpace(f[index]) else { return features }
        count -= 1
        if count == 0 { return "0" }
        var out = Array(String(count).utf8)
        out += f[index..<found]
        var rest = found + w.count
        while rest < f.count && ConfigSyntax.isCSpace(f[rest]) { rest += 1 }
        if rest < f.count {
            out += f[rest...]
        } else {
            while let last = out.last, ConfigSyntax.isCSpace(last) { out.removeLast() } // strchop
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Hardware table

    /// `config.c:factorize_hwtable` against the built-in table: a built-in entry whose
    /// vendor, product and revision text equal a configured entry's is merged into that entry
    /// (configured values win, the built-in entry fills the rest) and leaves the built-in
    /// table. multipath-tools does this while loading the config files; `parse` cannot, as it
    /// does not have the built-in table.
    public static func absorbHardwareTable(builtin: [DeviceEntry], devices: [DeviceEntry])
        -> (builtin: [DeviceEntry], devices: [DeviceEntry], diagnostics: [Diagnostic]) {
        var remaining: [DeviceEntry] = []
        var devices = devices
        var diagnostics: [Diagnostic] = []
        for entry in builtin {
            var absorbed = false
            for index in devices.indices where sameStrings(devices[index], entry) {
                devices[index] = merged(devices[index], from: entry)
                diagnostics.append(Diagnostic(.info, devices[index].origin,
                                              "device section for \(describe(entry)) replaces the built-in entry "
                                              + "(\(entry.origin)); unset attributes are taken from it"))
                absorbed = true
                break
            }
            if !absorbed { remaining.append(entry) }
        }
        return (remaining, devices, diagnostics)
    }

    /// `config.c:hwe_strmatch` == 0: vendor, product and revision are equal strings (or both unset).
    static func sameStrings(_ a: DeviceEntry, _ b: DeviceEntry) -> Bool {
        ConfigText.sameOptional(a.vendor, b.vendor) && ConfigText.sameOptional(a.product, b.product)
            && ConfigText.sameOptional(a.revision, b.revision)
    }

    /// `config.c:merge_hwe(dst, src)`: `dst` keeps its values and takes the ones it lacks from
    /// `src` (empty strings are not taken).
    static func merged(_ dst: DeviceEntry, from src: DeviceEntry) -> DeviceEntry {
        var out = dst
        out.settings = mergedSettings(dst.settings, from: src.settings)
        if out.blacklistProduct == nil, let product = src.blacklistProduct, !product.isEmpty {
            out.blacklistProduct = product
        }
        return out
    }

    static func mergedSettings(_ dst: SettingSet, from src: SettingSet) -> SettingSet {
        var out = dst
        for keyword in ConfigKeyword.allCases where out[keyword] == nil {
            guard let value = src[keyword] else { continue }
            if isStringAttribute(keyword) && value.isEmpty { continue }
            out[keyword] = value
        }
        return out
    }

    static func describe(_ entry: DeviceEntry) -> String {
        var text = "\"" + (entry.vendor ?? "") + "\" \"" + (entry.product ?? "") + "\""
        if let revision = entry.revision { text += " revision \"" + revision + "\"" }
        return text
    }

    /// A stable sort (Swift's `sort` is not documented to be stable; multipath-tools' `msort` is).
    static func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        StableOrder.sorted(items, by: less)
    }

    // MARK: - Reading

    /// A `multipath` section before the WWID check of `merge_mptable`.
    struct PendingMultipath {
        var wwid: String?
        var alias: String?
        var settings = SettingSet()
        var origin: String
    }

    /// The state of `_init_config` across the files.
    struct Builder {
        var config = MultipathConfig()
        var diagnostics: [Diagnostic] = []
        /// `file:line` of each defaults/overrides value, for later diagnostics about it.
        var defaultsOrigin: [ConfigKeyword: String] = [:]
        var overridesOrigin: [ConfigKeyword: String] = [:]
        var multipaths: [PendingMultipath] = []
        // Per file:
        var path = ""
        var fileDiagnostics: [(line: Int, diagnostic: Diagnostic)] = []

        init() {}

        mutating func note(_ severity: Diagnostic.Severity, _ line: Int, _ message: String) {
            fileDiagnostics.append((line, Diagnostic(severity, "\(path):\(line)", message)))
        }

        /// `process_file` + `factorize_hwtable` for one file.
        mutating func read(path: String, text: String) {
            self.path = path
            config.sources.append(path)
            let parsed = ConfigSyntax.parseNumbered(text, path: path, grammar: MultipathConfigParser.grammar)
            fileDiagnostics = parsed.diagnostics
            var newDevices: [DeviceEntry] = []
            var seen: [String] = []
            for node in parsed.nodes {
                guard accept(node, in: .top, seen: &seen) != nil else { continue }
                let children = node.children ?? []
                switch node.keyword {
                case "defaults":
                    // Copies: a mutating call cannot also take inout parts of self.
                    var values = config.defaults, origins = defaultsOrigin
                    settings(children, in: .defaults, into: &values, origins: &origins)
                    config.defaults = values
                    defaultsOrigin = origins
                case "overrides":
                    var values = config.overrides, origins = overridesOrigin
                    settings(children, in: .overrides, into: &values, origins: &origins)
                    config.overrides = values
                    overridesOrigin = origins
                case "blacklist":
                    var list = config.blacklist
                    rules(children, in: .blacklist, into: &list)
                    config.blacklist = list
                case "blacklist_exceptions":
                    var list = config.blacklistExceptions
                    rules(children, in: .exceptions, into: &list)
                    config.blacklistExceptions = list
                case "devices":
                    var seenInDevices: [String] = []
                    for child in children where accept(child, in: .devices, seen: &seenInDevices) != nil {
                        newDevices.append(device(child))
                    }
                case "multipaths":
                    var seenInMultipaths: [String] = []
                    for child in children where accept(child, in: .multipaths, seen: &seenInMultipaths) != nil {
                        multipaths.append(multipath(child))
                    }
                default:
                    break
                }
            }
            // Diagnostics in line order: the syntax ones came first, the keyword ones after.
            let ordered = MultipathConfigParser.stableSorted(fileDiagnostics) { $0.line < $1.line }
            diagnostics += ordered.map { $0.diagnostic }
            factorize(newDevices)
        }

        /// The keyword lookup of `process_stream`: the line's role, or nil (with a diagnostic)
        /// when it has none here. Also `warn_on_duplicates` for keywords that may appear once.
        mutating func accept(_ node: ConfigNode, in section: Section, seen: inout [String]) -> Role? {
            guard let role = MultipathConfigParser.role(node.keyword, in: section) else {
                unknown(node, in: section)
                return nil
            }
            // A known subsection keyword is a section node (ConfigSyntax follows the same grammar).
            if role == .section && !node.isSection { return nil }
            if !MultipathConfigParser.isMulti(node.keyword, in: section) {
                if seen.contains(node.keyword) && role == .section {
                    // multipath-tools warns, then reads the section like the first one.
                    note(.warning, node.line, "duplicate section '\(node.keyword)'; its lines are read like those "
                         + "of the first one (later values win)")
                } else if seen.contains(node.keyword) {
                    note(.warning, node.line, "duplicate keyword '\(node.keyword)' in section '\(section.label)'; "
                         + "the later value is used")
                } else {
                    seen.append(node.keyword)
                }
            }
            switch role {
            case .deprecated:
                note(.warning, node.line, "ignoring deprecated option '\(node.keyword)' (multipath-tools 0.9.4 ignores it)")
                return nil
            case .unused:
                note(.debug, node.line, "'\(node.keyword)' is valid but not used by mpathboot")
                return nil
            default:
                return role
            }
        }

        mutating func unknown(_ node: ConfigNode, in section: Section) {
            let elsewhere = MultipathConfigParser.sectionsAccepting(node.keyword, except: section)
            var message: String
            if section == .top {
                message = elsewhere.isEmpty ? "unknown keyword '\(node.keyword)' outside any section"
                                            : "keyword '\(node.keyword)' is not allowed outside a section"
            } else if elsewhere.isEmpty {
                message = "unknown keyword '\(node.keyword)' in section '\(section.label)'"
            } else {
                message = "keyword '\(node.keyword)' is not allowed in section '\(section.label)'"
            }
            if !elsewhere.isEmpty { message += " (it belongs in " + elsewhere.joined(separator: ", ") + ")" }
            message += ", ignored"
            if node.value == "{" {
                // multipath-tools opens a section only for a keyword it knows there.
                message += section == .top
                    ? "; its '{' opens no section, so its lines are read at top level and its '}' is unmatched"
                    : "; its '{' opens no section, so its lines are read as part of '\(section.label)' "
                      + "and its '}' closes '\(section.label)'"
            }
            note(.warning, node.line, message)
        }

        /// A settings section (defaults, overrides, devices/device, multipaths/multipath) line.
        mutating func setting(_ node: ConfigNode, _ keyword: ConfigKeyword, into settings: inout SettingSet,
                              origins: inout [ConfigKeyword: String]) {
            let value = node.value ?? ""
            if keyword == .bindingsFile || keyword == .wwidsFile {
                // declare_def_warn_handler
                note(.notice, node.line, "'\(keyword.rawValue)' is deprecated in multipath-tools and will be "
                     + "disabled in a future release")
            }
            switch MultipathConfigParser.check(keyword, value) {
            case .store(let canonical, let capped):
                if let capped { note(.warning, node.line, capped) }
                settings[keyword] = canonical
                origins[keyword] = "\(path):\(node.line)"
            case .unset(let why, let capped):
                if let capped { note(.warning, node.line, capped) }
                note(.info, node.line, why)
                settings[keyword] = nil
                origins[keyword] = nil
            case .reject(let message):
                if keyword == .pollingInterval && settings[keyword] == nil {
                    // checkint_handler decrements conf->checkint even when set_uint rejected the
                    // value, turning the "unset" marker UINT_MAX into 4294967294 seconds.
                    note(.warning, node.line, "invalid value for polling_interval: \"\(value)\"; multipath-tools 0.9.4 "
                         + "then uses 4294967294 (checkint_handler decrements its unset marker)")
                    settings[keyword] = "4294967294"
                    origins[keyword] = "\(path):\(node.line)"
                } else {
                    note(.warning, node.line, message)
                }
            }
        }

        mutating func settings(_ nodes: [ConfigNode], in section: Section, into settings: inout SettingSet,
                               origins: inout [ConfigKeyword: String]) {
            var seen: [String] = []
            for node in nodes {
                guard let role = accept(node, in: section, seen: &seen) else { continue }
                if case .setting(let keyword) = role {
                    setting(node, keyword, into: &settings, origins: &origins)
                } else if role == .section {
                    // overrides/protocol: per-transport fast_io_fail_tmo/dev_loss_tmo/eh_deadline.
                    protocolSection(node)
                }
            }
        }

        /// `overrides { protocol { type ... } }`: checked, not used by mpathboot.
        mutating func protocolSection(_ node: ConfigNode) {
            var seen: [String] = []
            var hasType = false
            for child in node.children ?? [] {
                guard accept(child, in: .protocolSection, seen: &seen) != nil else { continue }
                if child.keyword == "type" {
                    let types = ["undef", "ccw", "cciss", "scsi:fcp", "scsi:spi", "scsi:ssa", "scsi:sbp", "scsi:srp",
                                 "scsi:iscsi", "scsi:sas", "scsi:adt", "scsi:ata", "scsi:usb", "scsi:unspec",
                                 "nvme:pcie", "nvme:rdma", "nvme:fc", "nvme:tcp", "nvme:loop", "nvme:apple-nvme",
                                 "nvme:unspec"]
                    if types.contains(child.value ?? "") {
                        hasType = true
                    } else {
                        note(.warning, child.line, MultipathConfigParser.invalid("type", child.value ?? "",
                                                                                 "a protocol such as scsi:fcp"))
                    }
                }
            }
            if !hasType {
                note(.warning, node.line, "protocol section without a valid type, ignored (validate_pctable)")
            } else {
                note(.debug, node.line, "overrides/protocol sections are not used by mpathboot")
            }
        }

        /// A `device` section of `devices` (`device_handler` + `hw_*_handler`s).
        mutating func device(_ node: ConfigNode) -> DeviceEntry {
            var entry = DeviceEntry(vendor: nil, product: nil, settings: SettingSet(), origin: "\(path):\(node.line)")
            var seen: [String] = []
            var unusedOrigins: [ConfigKeyword: String] = [:]
            for child in node.children ?? [] {
                guard let role = accept(child, in: .device, seen: &seen) else { continue }
                if case .setting(let keyword) = role {
                    setting(child, keyword, into: &entry.settings, origins: &unusedOrigins)
                    continue
                }
                let value = child.value ?? ""
                switch child.keyword {
                case "vendor": entry.vendor = value
                case "product": entry.product = value
                case "revision": entry.revision = value
                case "product_blacklist": entry.blacklistProduct = value
                default: break
                }
            }
            return entry
        }

        /// A `multipath` section of `multipaths` (`multipath_handler` + `mp_*_handler`s).
        mutating func multipath(_ node: ConfigNode) -> PendingMultipath {
            var entry = PendingMultipath(origin: "\(path):\(node.line)")
            var seen: [String] = []
            var unusedOrigins: [ConfigKeyword: String] = [:]
            for child in node.children ?? [] {
                guard let role = accept(child, in: .multipath, seen: &seen) else { continue }
                if case .setting(let keyword) = role {
                    setting(child, keyword, into: &entry.settings, origins: &unusedOrigins)
                    continue
                }
                let value = child.value ?? ""
                if child.keyword == "wwid" {
                    entry.wwid = value
                } else if child.keyword == "alias" {
                    // set_str_noslash
                    if value.utf8.contains(UInt8(ascii: "/")) {
                        note(.warning, child.line, "alias \"\(value)\" cannot contain a slash; ignored")
                    } else {
                        if value.isEmpty { note(.warning, child.line, "empty alias") }
                        entry.alias = value
                    }
                }
            }
            return entry
        }

        /// blacklist / blacklist_exceptions (`ble_*_handler`s, `store_ble`, `set_ble_device`).
        mutating func rules(_ nodes: [ConfigNode], in section: Section, into rules: inout BlacklistRules) {
            var seen: [String] = []
            for node in nodes {
                guard let role = accept(node, in: section, seen: &seen) else { continue }
                if role == .section {
                    let deviceSection: Section = section == .blacklist ? .blacklistDevice : .exceptionsDevice
                    var entry = DeviceEntry(vendor: nil, product: nil, settings: SettingSet(),
                                            origin: "\(path):\(node.line)")
                    var seenInDevice: [String] = []
                    for child in node.children ?? [] where accept(child, in: deviceSection, seen: &seenInDevice) != nil {
                        if child.keyword == "vendor" { entry.vendor = child.value ?? "" }
                        if child.keyword == "product" { entry.product = child.value ?? "" }
                    }
                    if entry.vendor == nil && entry.product == nil {
                        note(.notice, node.line, "device section without vendor or product in '\(section.label)', "
                             + "ignored (merge_blacklist_device)")
                    } else {
                        rules.devices.append(entry)
                    }
                    continue
                }
                let value = node.value ?? ""
                if value.isEmpty {
                    note(.warning, node.line, "empty \(node.keyword) pattern in '\(section.label)' matches everything")
                }
                switch node.keyword {
                case "devnode": rules.devnode.append(value)
                case "wwid": rules.wwid.append(value)
                case "property": rules.property.append(value)
                case "protocol": rules.protocolRules.append(value)
                default: break
                }
            }
        }

        /// `factorize_hwtable(hwtable, old_size, file)`: drop this file's entries without
        /// vendor or product, then merge every entry into a later one of this file with the same
        /// vendor/product/revision text (the later one's values win).
        mutating func factorize(_ newDevices: [DeviceEntry]) {
            var table = config.devices
            var n = table.count
            for entry in newDevices {
                if entry.vendor == nil || entry.product == nil {
                    diagnostics.append(Diagnostic(.warning, entry.origin,
                                                  "device section without vendor or product, ignored"))
                } else {
                    table.append(entry)
                }
            }
            var restart = true
            while restart {
                restart = false
                search: for i in table.indices {
                    var j = max(n, i + 1)
                    while j < table.count {
                        if MultipathConfigParser.sameStrings(table[j], table[i]) {
                            let older = table[i]
                            let severity: Diagnostic.Severity = i >= n ? .warning : .info
                            diagnostics.append(Diagnostic(severity, table[j].origin,
                                                          "duplicate device section for \(MultipathConfigParser.describe(older)) "
                                                          + "(also at \(older.origin)); merged, this one's values win"))
                            table[j] = MultipathConfigParser.merged(table[j], from: older)
                            table.remove(at: i)
                            if i < n { n -= 1 }
                            restart = true
                            break search
                        }
                        j += 1
                    }
                }
            }
            config.devices = table
        }

        /// The end of `_init_config`: `merge_mptable`, `merge_blacklist*`, and the legacy
        /// features of each layer.
        mutating func finish() -> (MultipathConfig, [Diagnostic]) {
            // merge_mptable: entries without wwid dropped; sorted by wwid (stable); a later
            // entry for the same wwid absorbs the earlier one.
            var valid: [PendingMultipath] = []
            for entry in multipaths {
                if entry.wwid == nil {
                    diagnostics.append(Diagnostic(.warning, entry.origin, "multipath section without wwid, ignored"))
                } else {
                    valid.append(entry)
                }
            }
            let sorted = MultipathConfigParser.stableSorted(valid) { ConfigText.bytesLess($0.wwid ?? "", $1.wwid ?? "") }
            var table: [MultipathEntry] = []
            for pending in sorted {
                let wwid = pending.wwid ?? ""
                var entry = MultipathEntry(wwid: wwid, alias: pending.alias, settings: pending.settings,
                                           origin: pending.origin)
                if let last = table.last, ConfigText.sameBytes(last.wwid, wwid) {
                    diagnostics.append(Diagnostic(.warning, entry.origin,
                                                  "duplicate multipath section for wwid \(wwid) (also at \(last.origin)); "
                                                  + "merged, this one's values win"))
                    if entry.alias == nil, let alias = last.alias, !alias.isEmpty { entry.alias = alias }
                    entry.settings = MultipathConfigParser.mergedSettings(entry.settings, from: last.settings)
                    table[table.count - 1] = entry
                } else {
                    table.append(entry)
                }
            }
            config.multipaths = table

            // merge_blacklist / merge_blacklist_device: the first of equal entries stays.
            config.blacklist = deduplicated(config.blacklist)
            config.blacklistExceptions = deduplicated(config.blacklistExceptions)

            // Legacy feature words, layer by layer (see reconcileFeatures).
            var layer = config.defaults
            reconcile(&layer, retain: true, subject: defaultsOrigin[.features] ?? "defaults")
            config.defaults = layer
            layer = config.overrides
            reconcile(&layer, retain: true, subject: overridesOrigin[.features] ?? "overrides")
            config.overrides = layer
            for index in config.devices.indices {
                layer = config.devices[index].settings
                reconcile(&layer, retain: true, subject: config.devices[index].origin)
                config.devices[index].settings = layer
            }
            for index in config.multipaths.indices {
                layer = config.multipaths[index].settings
                reconcile(&layer, retain: false, subject: config.multipaths[index].origin)
                config.multipaths[index].settings = layer
            }
            return (config, diagnostics)
        }

        /// Applies `reconcileFeatures` to one layer. `retain`: whether the layer has a
        /// retain_attached_hw_handler attribute (multipaths entries do not).
        mutating func reconcile(_ settings: inout SettingSet, retain: Bool, subject: String) {
            guard let features = settings[.features] else { return }
            let result = MultipathConfigParser.reconcileFeatures(
                features: features, noPathRetry: settings[.noPathRetry],
                retainHwHandler: retain ? settings[.retainAttachedHwHandler] : "yes")
            guard !result.notes.isEmpty else { return }
            settings[.features] = result.features
            settings[.noPathRetry] = result.noPathRetry
            if retain { settings[.retainAttachedHwHandler] = result.retainHwHandler }
            for note in result.notes { diagnostics.append(Diagnostic(.info, subject, note)) }
        }

        func deduplicated(_ rules: BlacklistRules) -> BlacklistRules {
            func unique(_ list: [String]) -> [String] {
                var out: [String] = []
                for item in list where !out.contains(where: { ConfigText.sameBytes($0, item) }) { out.append(item) }
                return out
            }
            var out = rules
            out.devnode = unique(rules.devnode)
            out.wwid = unique(rules.wwid)
            out.property = unique(rules.property)
            var devices: [DeviceEntry] = []
            for entry in rules.devices where !devices.contains(where: {
                ConfigText.sameOptional($0.vendor, entry.vendor) && ConfigText.sameOptional($0.product, entry.product)
            }) {
                devices.append(entry)
            }
            out.devices = devices
            return out
        }
    }
}

/// Byte-wise string helpers: multipath-tools compares with `strcmp`, Swift's `==` and `<`
/// compare Unicode canonical equivalents as equal.
enum ConfigText {
    static func sameBytes(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    static func sameOptional(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return sameBytes(x, y)
        default: return false
        }
    }

    /// `strncmp(text, prefix, strlen(prefix)) == 0`.
    static func hasBytePrefix(_ text: String, _ prefix: String) -> Bool {
        let t = Array(text.utf8)
        let p = Array(prefix.utf8)
        return t.count >= p.count && Array(t[0..<p.count]) == p
    }

    /// `strcmp(a, b) < 0`.
    static func bytesLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

/// C number parsing as multipath-tools' handlers do it (`strtol`, `strtoul`, `sscanf("%u")`).
enum CNumber {
    static func digit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Reads `[white space][sign]digits` from `bytes` at `start`: the value saturated to the
    /// C `long` range (as strtol does on overflow), and the index after the digits; nil when
    /// there are no digits.
    static func strtol(_ bytes: [UInt8], from start: Int) -> (value: Int64, end: Int)? {
        var index = start
        while index < bytes.count && ConfigSyntax.isCSpace(bytes[index]) { index += 1 }
        var negative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        let digitsStart = index
        var magnitude: UInt64 = 0
        var overflow = false
        while index < bytes.count && digit(bytes[index]) {
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            if o1 || o2 { overflow = true } else { magnitude = plus }
            index += 1
        }
        guard index > digitsStart else { return nil }
        let limit: UInt64 = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        if overflow || magnitude > limit { return (negative ? Int64.min : Int64.max, index) }
        if negative { return (magnitude == limit ? Int64.min : -Int64(magnitude), index) }
        return (Int64(magnitude), index)
    }

    /// `do_set_int`'s acceptance: the whole value is one number, white space around it allowed.
    static func strtolWhole(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, let (value, end) = strtol(bytes, from: 0) else { return nil }
        var index = end
        while index < bytes.count && ConfigSyntax.isCSpace(bytes[index]) { index += 1 }
        return index == bytes.count ? value : nil
    }

    /// `set_arg_str`'s count: strtol over a whole word (a value past the `long` range counts
    /// as ERANGE, i.e. no count).
    static func strtolWord(_ word: [UInt8]) -> Int64? {
        guard let (value, end) = strtol(word, from: 0), end == word.count else { return nil }
        if value == Int64.max || value == Int64.min { return nil }
        return value
    }

    /// `set_arg_str`'s words: split at " \f\r\t\v" (not at newlines, which a value cannot hold).
    static func words(_ text: String) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0C || byte == 0x0D || byte == 0x09 || byte == 0x0B {
                if !current.isEmpty { out.append(current); current = [] }
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// `set_uint`: white space, then digits (no sign), then only white space; saturates at
    /// UInt64.max (beyond UINT_MAX either way).
    static func strtoulWhole(_ text: String) -> UInt64? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count && ConfigSyntax.isCSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, digit(bytes[index]) else { return nil }
        var value: UInt64 = 0
        while index < bytes.count && digit(bytes[index]) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            value = (o1 || o2) ? UInt64.max : plus
            index += 1
        }
        while index < bytes.count && ConfigSyntax.isCSpace(bytes[index]) { index += 1 }
        return index == bytes.count ? value : nil
    }

    /// `sscanf(buff, "%u", &u)`: white space, a sign, digits (anything after them ignored),
    /// converted as strtoul does (a minus negates modulo 2^64, overflow gives ULONG_MAX),
    /// then truncated to `unsigned int`.
    static func scanUnsigned(_ text: String) -> UInt64? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count && ConfigSyntax.isCSpace(bytes[index]) { index += 1 }
        var negative = false
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count, digit(bytes[index]) else { return nil }
        var value: UInt64 = 0
        var overflow = false
        while index < bytes.count && digit(bytes[index]) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(bytes[index] - 0x30))
            if o1 || o2 { overflow = true } else { value = plus }
            index += 1
        }
        var result: UInt64 = overflow ? UInt64.max : value
        if negative && !overflow { result = 0 &- value }
        return result & 0xFFFF_FFFF
    }
}
