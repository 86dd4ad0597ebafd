// UdevProperties: the slice of a udev event's property table that identification touches,
// with udev's update rules: IMPORT{program} lines go through the property-line parser,
// ENV{} assignments are truncated to the rule engine's value buffer. Keys and values are
// bytes, compared as bytes (no String comparison, hence no Unicode tables in Embedded).

/// A udev device's properties as the rules build them up during one event.
struct UdevProperties {
    /// A property name, as bytes.
    typealias Key = [UInt8]

    private struct Entry {
        var key: Key
        var value: [UInt8]
    }

    private var entries: [Entry] = []

    /// The value of `key`, or nil when unset.
    func value(_ key: Key) -> [UInt8]? {
        entries.first { UdevProperties.same($0.key, key) }?.value
    }

    /// `a == b`, length and last byte first: the keys share long prefixes (`SCSI_IDENT_LUN_`)
    /// and differ at the end, and these lookups were a tenth of a path's identification.
    @inline(__always)
    private static func same(_ a: Key, _ b: Key) -> Bool {
        a.count == b.count && a.last == b.last && a == b
    }

    /// The names of every property set, in the order they were first set.
    var keys: [Key] { entries.map { $0.key } }

    /// Whether `key` is set to a non-empty value: udev's `ENV{KEY}=="?*"`.
    func isSet(_ key: Key) -> Bool { value(key) != nil }

    /// Sets `key`, replacing an earlier value (`device_add_property`). An empty value is
    /// ignored here because no caller can produce one that udev would store.
    mutating func set(_ key: Key, _ value: [UInt8]) {
        guard !value.isEmpty else { return }
        if let index = entries.firstIndex(where: { UdevProperties.same($0.key, key) }) {
            entries[index].value = value
        } else {
            entries.append(Entry(key: key, value: value))
        }
    }

    /// Applies what an IMPORT{program} tool printed, as udev-rules.c does: the output is
    /// split at every '\n' and '\r' (`strv_split_newlines_full`, empty lines dropped), and
    /// each line goes through `get_property_from_string`: leading whitespace skipped, '#'
    /// lines and lines without '=' ignored, key and value stripped of " \t\n\r", one pair
    /// of matching surrounding quotes removed, lines with an empty key or value or an
    /// unmatched opening quote ignored. A later line overrides an earlier one.
    mutating func importOutput(_ output: [UInt8]) {
        // Lines as slices of `output`: no per-byte copy into a line buffer.
        var start = 0
        for index in 0...output.count where index == output.count || output[index] == 0x0A || output[index] == 0x0D {
            if index > start { importLine(output[start..<index]) }
            start = index + 1
        }
    }

    private mutating func importLine(_ line: ArraySlice<UInt8>) {
        guard let equals = line.firstIndex(of: 0x3D) else { return }
        var keyStart = line.startIndex
        while keyStart < equals && UdevText.isSystemdWhitespace(line[keyStart]) { keyStart += 1 }
        if keyStart < line.endIndex && line[keyStart] == 0x23 { return }
        var keyEnd = equals
        while keyEnd > keyStart && UdevText.isSystemdWhitespace(line[keyEnd - 1]) { keyEnd -= 1 }
        guard keyStart < keyEnd,
              let value = UdevText.importedValue(line[(equals + 1)...]) else { return }
        set(Array(line[keyStart..<keyEnd]), value)
    }

    /// An `ENV{KEY}="..."` assignment: the formatted value goes through a UDEV_NAME_SIZE
    /// (512) buffer, so at most 511 bytes are stored (udev-rules.c TK_A_ENV).
    mutating func assign(_ key: Key, _ value: [UInt8]) {
        set(key, value.count > 511 ? Array(value[0..<511]) : value)
    }
}

/// The property names identification reads and writes.
enum UdevKey {
    static let idSerial: UdevProperties.Key = Array("ID_SERIAL".utf8)
    static let idSerialShort: UdevProperties.Key = Array("ID_SERIAL_SHORT".utf8)
    static let idWWN: UdevProperties.Key = Array("ID_WWN".utf8)
    static let idWWNWithExtension: UdevProperties.Key = Array("ID_WWN_WITH_EXTENSION".utf8)
    static let scsiVendor: UdevProperties.Key = Array("SCSI_VENDOR".utf8)
    static let scsiModel: UdevProperties.Key = Array("SCSI_MODEL".utf8)
    static let scsiIdentSerial: UdevProperties.Key = Array("SCSI_IDENT_SERIAL".utf8)
    static let lunVendor: UdevProperties.Key = Array("SCSI_IDENT_LUN_VENDOR".utf8)
    static let lunT10: UdevProperties.Key = Array("SCSI_IDENT_LUN_T10".utf8)
    static let lunATA: UdevProperties.Key = Array("SCSI_IDENT_LUN_ATA".utf8)
    static let lunEUI64: UdevProperties.Key = Array("SCSI_IDENT_LUN_EUI64".utf8)
    static let lunName: UdevProperties.Key = Array("SCSI_IDENT_LUN_NAME".utf8)
    static let lunNAARegExt: UdevProperties.Key = Array("SCSI_IDENT_LUN_NAA_REGEXT".utf8)
    static let lunNAAReg: UdevProperties.Key = Array("SCSI_IDENT_LUN_NAA_REG".utf8)
    static let lunNAAExt: UdevProperties.Key = Array("SCSI_IDENT_LUN_NAA_EXT".utf8)
    static let lunNAALocal: UdevProperties.Key = Array("SCSI_IDENT_LUN_NAA_LOCAL".utf8)

    /// A printed "KEY=value\n" line.
    static func line(_ key: UdevProperties.Key, _ value: [UInt8]) -> [UInt8] {
        key + [0x3D] + value + [0x0A]
    }
}
