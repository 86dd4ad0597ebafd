// ConfigKeyword: the multipath.conf attributes mpathboot understands, by their keyword.

/// An attribute that `defaults`, `devices/device`, `overrides` or `multipaths/multipath` can
/// set (multipath-tools `libmultipath/dict.c`). The raw value is the keyword as written in
/// multipath.conf. Values are kept as text in `SettingSet`; `SettingResolver` interprets them.
public enum ConfigKeyword: String, CaseIterable, Sendable {
    // Map attributes.
    case pathGroupingPolicy = "path_grouping_policy"
    case pathSelector = "path_selector"
    case features
    case hardwareHandler = "hardware_handler"
    case noPathRetry = "no_path_retry"
    case failback
    case rrMinIO = "rr_min_io"
    case rrMinIORq = "rr_min_io_rq"
    case rrWeight = "rr_weight"
    case prio
    case prioArgs = "prio_args"
    case userFriendlyNames = "user_friendly_names"
    case aliasPrefix = "alias_prefix"
    case flushOnLastDel = "flush_on_last_del"
    case retainAttachedHwHandler = "retain_attached_hw_handler"
    case detectPrio = "detect_prio"
    case detectChecker = "detect_checker"
    // Path attributes.
    case pathChecker = "path_checker"
    case uidAttribute = "uid_attribute"
    case fastIOFailTmo = "fast_io_fail_tmo"
    case devLossTmo = "dev_loss_tmo"
    case vpdVendor = "vpd_vendor"
    case maxSectorsKB = "max_sectors_kb"
    // defaults-only attributes.
    case findMultipaths = "find_multipaths"
    case findMultipathsTimeout = "find_multipaths_timeout"
    case pollingInterval = "polling_interval"
    case queueWithoutDaemon = "queue_without_daemon"
    case bindingsFile = "bindings_file"
    case wwidsFile = "wwids_file"
    case configDir = "config_dir"
    case partitionDelimiter = "partition_delimiter"
    case skipKpartx = "skip_kpartx"
    case allowUSBDevices = "allow_usb_devices"
}

/// Attribute values as written (text), by keyword. Insertion of a keyword that is already
/// present replaces it, as a later line in the same section does in multipath-tools.
public struct SettingSet: Equatable, Sendable {
    public var values: [ConfigKeyword: String]

    public init(_ values: [ConfigKeyword: String] = [:]) {
        self.values = values
    }

    public subscript(_ keyword: ConfigKeyword) -> String? {
        get { values[keyword] }
        set { values[keyword] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }
}

/// A `device` entry: which devices it matches and what it sets. Used for the built-in
/// hardware table and for `devices { device { ... } }` in multipath.conf alike.
public struct DeviceEntry: Equatable, Sendable {
    /// POSIX extended regular expressions, unanchored (multipath-tools `hwe->vendor` etc.);
    /// nil matches anything.
    public var vendor: String?
    public var product: String?
    public var revision: String?
    /// Products of this vendor that are blacklisted (RDAC access LUNs, `LUNZ`, ...).
    public var blacklistProduct: String?
    public var settings: SettingSet
    /// The hwtable comment (array family), or `file:line` of a config entry.
    public var origin: String

    public init(vendor: String?, product: String?, revision: String? = nil, blacklistProduct: String? = nil,
                settings: SettingSet, origin: String) {
        self.vendor = vendor
        self.product = product
        self.revision = revision
        self.blacklistProduct = blacklistProduct
        self.settings = settings
        self.origin = origin
    }
}
