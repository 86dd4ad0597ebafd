// BindingsFile: /etc/multipath/bindings, multipath-tools' table of user_friendly_names
// aliases (`libmultipath/alias.c`, 0.9.4), and the alias numbering (`mpatha`, ..., `mpathaa`).

/// One line of the bindings file that has an alias: `<alias> <wwid>`.
public struct BindingEntry: Equatable, Sendable {
    public var alias: String
    /// nil for a malformed line (an alias alone). Such a line still takes part in choosing
    /// the number of a new alias, as in multipath-tools.
    public var wwid: String?
    public var line: Int

    public init(alias: String, wwid: String?, line: Int) {
        self.alias = alias
        self.wwid = wwid
        self.line = line
    }
}

/// The bindings as multipath-tools 0.9.4 looks them up: it reads the file from the top for
/// every lookup and takes the first matching line, so for a WWID bound twice the first alias
/// wins, and for an alias bound twice the first WWID wins.
public struct Bindings: Equatable, Sendable {
    /// WWID → alias, first binding of each WWID (`alias.c:lookup_binding`).
    public var aliasByWWID: [String: String]
    /// Alias → WWID, first binding of each alias whose WWID fits WWID_SIZE (`alias.c:rlookup_binding`).
    public var wwidByAlias: [String: String]
    /// Every line with an alias, in file order.
    public var entries: [BindingEntry]

    public init(aliasByWWID: [String: String] = [:], wwidByAlias: [String: String] = [:], entries: [BindingEntry] = []) {
        self.aliasByWWID = aliasByWWID
        self.wwidByAlias = wwidByAlias
        self.entries = entries
    }

    /// The number multipath-tools 0.9.4 gives the next new alias with `prefix`, for a WWID
    /// not in the file (`alias.c:lookup_binding`): walking the lines in order, the number
    /// starts at 1 and steps past each `prefix`+number met in sequence; if a later line
    /// holds a bigger number that the walk did not reach, the result is the biggest + 1.
    /// `isTaken` is `id_already_taken` (a device-mapper map of that name exists for another
    /// WWID); such numbers are skipped. nil when no number is left (INT_MAX reached).
    public func unusedID(prefix: String, isTaken: (Int) -> Bool = { _ in false }) -> Int? {
        let intMax = BindingsFile.intMax
        var id = 1
        var biggest = 1
        var smallestBigger = intMax
        for entry in entries {
            let current = BindingsFile.scanDevname(entry.alias, prefix: prefix) ?? -1
            if current == id {
                if id < intMax {
                    id += 1
                } else {
                    id = -1
                    break
                }
            }
            if current > biggest { biggest = current }
            if current > id && current < smallestBigger { smallestBigger = current }
        }
        if id >= smallestBigger {
            id = biggest < intMax ? biggest + 1 : -1
        }
        if id > 0 {
            while isTaken(id) {
                if id == intMax {
                    id = -1
                    break
                }
                id += 1
                if id == smallestBigger {
                    if biggest == intMax {
                        id = -1
                        break
                    }
                    if biggest >= smallestBigger { id = biggest + 1 }
                }
            }
        }
        return id > 0 ? id : nil
    }
}

/// Parses `/etc/multipath/bindings` and formats/scans alias numbers (`alias.c`, 0.9.4).
///
/// Format: `<alias> <wwid>` per line, separated by spaces or tabs; `#` starts a comment
/// anywhere on a line; a CR ends the line like a LF. Lines are only reported, never changed:
/// the file belongs to multipath-tools, and mpathboot does not write it.
public enum BindingsFile {
    /// What multipath-tools writes at the top of a new bindings file (`BINDINGS_FILE_HEADER`).
    public static let header = """
        # Multipath bindings, Version : 1.0
        # NOTE: this file is automatically maintained by the multipath program.
        # You should not need to edit this file in normal circumstances.
        #
        # Format:
        # alias wwid
        #

        """

    static let intMax = 2_147_483_647
    /// `LINE_MAX` (2048) minus the NUL: what one `fgets` reads.
    static let maxLineBytes = 2047
    /// `WWID_SIZE` (128) minus the NUL: longer WWIDs are skipped by `rlookup_binding`.
    static let maxWWIDBytes = 127

    public static func parse(_ text: String, path: String = "/etc/multipath/bindings")
        -> (bindings: Bindings, diagnostics: [Diagnostic]) {
        var bindings = Bindings()
        var diagnostics: [Diagnostic] = []
        var lineOfWWID: [String: Int] = [:]
        var lineOfAlias: [String: Int] = [:]
        for (number, bytes) in lines(text) {
            let subject = "\(path):\(number)"
            // strpbrk(buf, "#\n\r"): the line ends at the first of these.
            var content = bytes
            if let end = content.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == 0x0A || $0 == 0x0D }) {
                content.removeSubrange(end..<content.count)
            }
            // strtok_r(" \t").
            let fields = content.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
                .map { String(decoding: $0, as: UTF8.self) }
            guard let alias = fields.first else { continue }
            guard fields.count > 1 else {
                bindings.entries.append(BindingEntry(alias: alias, wwid: nil, line: number))
                diagnostics.append(Diagnostic(.warning, subject, "malformed binding '\(alias)' without a WWID, ignored"))
                continue
            }
            let wwid = fields[1]
            bindings.entries.append(BindingEntry(alias: alias, wwid: wwid, line: number))
            if fields.count > 2 {
                diagnostics.append(Diagnostic(.notice, subject, "text after the WWID ignored: '\(fields[2])'"))
            }
            if let first = lineOfWWID[wwid] {
                let firstAlias = bindings.aliasByWWID[wwid] ?? ""
                diagnostics.append(Diagnostic(.warning, subject,
                                              "WWID \(wwid) is already bound to '\(firstAlias)' at line \(first); "
                                              + "'\(alias)' is not used for it"))
            } else {
                lineOfWWID[wwid] = number
                bindings.aliasByWWID[wwid] = alias
            }
            if wwid.utf8.count > maxWWIDBytes {
                diagnostics.append(Diagnostic(.warning, subject,
                                              "WWID longer than \(maxWWIDBytes) bytes; alias '\(alias)' cannot be looked up"))
                continue
            }
            if let first = lineOfAlias[alias] {
                let firstWWID = bindings.wwidByAlias[alias] ?? ""
                diagnostics.append(Diagnostic(.warning, subject,
                                              "alias '\(alias)' is already bound to \(firstWWID) at line \(first); "
                                              + "multipath-tools uses that binding for the alias"))
            } else {
                lineOfAlias[alias] = number
                bindings.wwidByAlias[alias] = wwid
            }
        }
        return (bindings, diagnostics)
    }

    /// The file's lines as `fgets(buf, LINE_MAX)` returns them (a longer line is read in
    /// pieces that each count as a line), cut at a NUL as the C string is.
    static func lines(_ text: String) -> [(number: Int, bytes: [UInt8])] {
        TextScan.fgetsLines(text, maxBytes: maxLineBytes)
    }

    /// `alias.c:format_devname`: 1 → "a", 26 → "z", 27 → "aa", 702 → "zz", 703 → "aaa"
    /// (bijective base 26). nil for numbers below 1.
    public static func formatDevname(_ id: Int) -> String? {
        guard id > 0 else { return nil }
        var id = id
        var letters: [UInt8] = []
        while id >= 1 {
            id -= 1
            letters.append(UInt8(ascii: "a") + UInt8(id % 26))
            id /= 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// `alias.c:scan_devname`: the number of `prefix` + letters ("mpathc" → 3), or nil when
    /// `alias` does not start with `prefix`, has nothing after it, has more than 7 letters,
    /// has anything but a–z, or would exceed INT_MAX. A space or tab ends the letters, as
    /// in multipath-tools.
    public static func scanDevname(_ alias: String, prefix: String) -> Int? {
        let a = Array(alias.utf8)
        let p = Array(prefix.utf8)
        guard a.count >= p.count, Array(a[0..<p.count]) == p else { return nil }
        guard a.count != p.count, a.count <= p.count + 7 else { return nil }
        let last26 = intMax / 26
        var n = 0
        for byte in a[p.count...] {
            if byte == 0x20 || byte == 0x09 { break }
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { return nil }
            let i = Int(byte - UInt8(ascii: "a"))
            if n > last26 || (n == last26 && i >= intMax % 26) { return nil }
            n = n * 26 + i
            n += 1
        }
        // 0 only when a space or tab follows the prefix; multipath-tools treats it as no number.
        return n > 0 ? n : nil
    }
}
