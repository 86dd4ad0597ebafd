// Blacklist: multipath-tools' filters (blacklist.c): devnode, device (vendor/product and
// the hardware table's bl_product), wwid and property rules, with blacklist_exceptions
// always winning over blacklist entries.

/// Decides whether a path is blacklisted.
public enum Blacklist {
    /// The built-in devnode rule (`setup_default_blist`): only sd, dasd and nvme names pass.
    public static let defaultDevnode = "!^(sd[a-z]|dasd[a-z]|nvme[0-9])"
    /// The built-in property exception: a path needs one of these udev properties.
    public static let defaultPropertyException = "(SCSI_IDENT_|ID_WWN)"

    /// Why `path` is blacklisted, or nil when it is not, given the device rules' verdict for
    /// its vendor/model (`deviceReason(vendor:model:config:matcher:)`), which the planner
    /// works out once per array model, as it does the hardware-table match.
    public static func reason<M: PatternMatcher>(for path: Path, config: PolicyConfig, matcher: M,
                                                 deviceReason: String?) -> String? {
        let device = path.device
        // devnode: the built-in rule, then the configured ones (in that order, as
        // setup_default_blist puts the default first).
        if !config.exceptions.devnode.contains(where: { matcher.matchesInvertible($0, device.name) }) {
            if matcher.matchesInvertible(defaultDevnode, device.name) {
                return "devnode matches '\(defaultDevnode)'"
            }
            for rule in config.blacklist.devnode where matcher.matchesInvertible(rule, device.name) {
                return "devnode matches '\(rule)'"
            }
        }
        if let deviceReason { return deviceReason }
        // wwid
        if let wwid = path.identity.wwid,
           !config.exceptions.wwid.contains(where: { matcher.matchesInvertible($0, wwid.value) }) {
            for rule in config.blacklist.wwid where matcher.matchesInvertible(rule, wwid.value) {
                return "wwid matches '\(rule)'"
            }
        }
        // property: the path must carry one of the excepted udev properties, and none of
        // the blacklisted ones (blacklist.c `filter_property`).
        let properties = path.identity.udevProperties
        let exceptions = config.exceptions.property.isEmpty ? [defaultPropertyException] : config.exceptions.property
        if !properties.isEmpty {
            for rule in config.blacklist.property {
                if let hit = properties.first(where: { matcher.matchesInvertible(rule, $0) }),
                   !properties.contains(where: { name in exceptions.contains { matcher.matchesInvertible($0, name) } }) {
                    return "udev property \(hit) matches '\(rule)'"
                }
            }
            if !properties.contains(where: { name in exceptions.contains { matcher.matchesInvertible($0, name) } }) {
                return "missing udev property (none of \(exceptions.joined(separator: ", ")))"
            }
        }
        return nil
    }

    /// The device rules' verdict for a vendor/model: configured `blacklist` device entries
    /// (unless a `blacklist_exceptions` device entry matches), then the hardware table's and
    /// configured entries' `product_blacklist` (access LUNs). A function of vendor and model
    /// alone.
    public static func deviceReason<M: PatternMatcher>(vendor: String, model: String, config: PolicyConfig,
                                                       matcher: M) -> String? {
        let excepted = config.exceptions.devices.contains {
            entryMatches($0, vendor: vendor, model: model, matcher, product: $0.product)
        }
        if excepted { return nil }
        for entry in config.blacklist.devices
        where entryMatches(entry, vendor: vendor, model: model, matcher, product: entry.product) {
            return "device \(vendor)/\(model) matches blacklist \(entry.vendor ?? ".*")/\(entry.product ?? ".*")"
        }
        // The two lists one after the other, by index: `builtinDevices + devices` copied
        // (and retained) all 123 built-in entries.
        for list in [config.builtinDevices, config.devices] {
            for index in list.indices {
                guard let blocked = list[index].blacklistProduct else { continue }
                if entryMatches(list[index], vendor: vendor, model: model, matcher, product: blocked) {
                    return "device \(vendor)/\(model) is a \(list[index].origin) access LUN (bl_product '\(blocked)')"
                }
            }
        }
        return nil
    }

    static func entryMatches<M: PatternMatcher>(_ entry: DeviceEntry, vendor: String, model: String, _ matcher: M,
                                                product: String?) -> Bool {
        if let pattern = entry.vendor, !matcher.matches(pattern, vendor) { return false }
        if let product, !matcher.matches(product, model) { return false }
        return true
    }
}
