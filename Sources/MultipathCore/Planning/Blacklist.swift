// Blacklist: multipath-tools' filters (blacklist.c): devnode, device (vendor/product and
// the hardware table's bl_product), wwid and property rules, with blacklist_exceptions
// always winning over blacklist entries.

/// Decides whether a path is blacklisted.
public enum Blacklist {
    /// The built-in devnode rule (`setup_default_blist`): only sd, dasd and nvme names pass.
    public static let defaultDevnode = "!^(sd[a-z]|dasd[a-z]|nvme[0-9])"
    /// The built-in property exception: a path needs one of these udev properties.
    public static let defaultPropertyException = "(SCSI_IDENT_|ID_WWN)"

    /// Why `path` is blacklisted, or nil when it is not.
    public static func reason<M: PatternMatcher>(for path: Path, config: PolicyConfig, matcher: M) -> String? {
        let device = path.device
        // devnode
        if !config.exceptions.devnode.contains(where: { matcher.matchesInvertible($0, device.name) }) {
            for rule in [defaultDevnode] + config.blacklist.devnode where matcher.matchesInvertible(rule, device.name) {
                return "devnode matches '\(rule)'"
            }
        }
        // device: configured vendor/product rules, and the hardware table's bl_product.
        let excepted = config.exceptions.devices.contains { entryMatches($0, device, matcher, product: $0.product) }
        if !excepted {
            for entry in config.blacklist.devices where entryMatches(entry, device, matcher, product: entry.product) {
                return "device \(device.vendor)/\(device.model) matches blacklist \(entry.vendor ?? ".*")/\(entry.product ?? ".*")"
            }
            // The two lists one after the other, by index: `builtinDevices + devices` copied
            // (and retained) all 123 built-in entries for every path.
            for list in [config.builtinDevices, config.devices] {
                for index in list.indices {
                    guard let blocked = list[index].blacklistProduct else { continue }
                    if entryMatches(list[index], device, matcher, product: blocked) {
                        return "device \(device.vendor)/\(device.model) is a \(list[index].origin) access LUN (bl_product '\(blocked)')"
                    }
                }
            }
        }
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

    static func entryMatches<M: PatternMatcher>(_ entry: DeviceEntry, _ device: BlockDevice, _ matcher: M,
                                                product: String?) -> Bool {
        if let vendor = entry.vendor, !matcher.matches(vendor, device.vendor) { return false }
        if let product, !matcher.matches(product, device.model) { return false }
        return true
    }
}
