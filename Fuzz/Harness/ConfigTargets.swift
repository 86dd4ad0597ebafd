// rtpg, multipathconf and bindings: REPORT TARGET PORT GROUPS data, the whole multipath.conf
// pipeline (line parser, keyword tables, merging, features reconciliation, hardware table
// absorption, setting resolution, planning, table rendering) and the bindings file.

extension FuzzTargets {
    /// Input: REPORT TARGET PORT GROUPS parameter data, also read as a VPD page 0x83.
    ///
    /// Asserts: at most one group per 8 bytes after the 4-byte header and within the
    /// RETURN DATA LENGTH; each group is the descriptor at its offset (state = byte 0 bits
    /// 3:0, PREF = bit 7, id = bytes 2-3), and rebuilt as descriptors without ports the
    /// groups parse back the same; `stateText` is never empty; `groupID` on the same bytes
    /// is the identifier of a type 5 designator of the page.
    public static func rtpg(_ input: [UInt8]) {
        let groups = TargetPortGroups.parse(input)
        let limit = input.count < 4 ? 0 : (input.count - 4) / 8
        fuzzCheck(groups.count <= limit, "\(groups.count) groups from \(input.count) bytes")
        var offset = 4
        var rebuilt: [UInt8] = []
        for group in groups {
            fuzzCheck(offset + 8 <= input.count, "group past the end at \(offset)")
            fuzzCheck(group.state == input[offset] & 0x0F && group.preferred == (input[offset] & 0x80 != 0)
                      && group.id == UInt16(input[offset + 2]) << 8 | UInt16(input[offset + 3]),
                      "group \(group) is not the descriptor at \(offset): \(fuzzHex(input))")
            fuzzCheck(!group.stateText.isEmpty, "empty state text for \(group.state)")
            rebuilt += [input[offset], 0, input[offset + 2], input[offset + 3], 0, 0, 0, 0]
            offset += 8 + 4 * Int(input[offset + 7])
        }
        let length = rebuilt.count
        let header: [UInt8] = [UInt8(length >> 24 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF),
                               UInt8(length & 0xFF)]
        fuzzCheck(TargetPortGroups.parse(header + rebuilt) == groups, "rebuilt descriptors differ: \(fuzzHex(input))")
        if let id = TargetPortGroups.groupID(page83: input) {
            let page = try? DeviceIdentificationPage(bytes: input)
            fuzzCheck(page?.designators.contains {
                $0.type == .targetPortGroup && $0.identifier.count >= 4
                    && UInt16($0.identifier[2]) << 8 | UInt16($0.identifier[3]) == id
            } == true, "group id \(id) is not in a type 5 designator: \(fuzzHex(input))")
        }
    }

    static let confPath = "/etc/multipath.conf"
    static let confDPath = "/etc/multipath/conf.d/local.conf"

    /// Input: multipath.conf text, cut at the first line break past its middle into
    /// /etc/multipath.conf and a conf.d file (so sections and merge rules run across files,
    /// at the cost of one parse), then through the rest of `ConfigLoader.load`'s pipeline and
    /// the planner, for two paths of one WWID and two of another (one of them a built-in
    /// hardware table device).
    ///
    /// Asserts: every diagnostic names a file that was read and a line in it
    /// (`path:N`, 1 ≤ N ≤ its line count; absorption and merge notes name the entry's
    /// origin, which is such a line too); the planner never puts two WWIDs in one map or a
    /// path twice, gives each map the UUID `mpath-<wwid>`, and renders tables without NUL,
    /// CR or LF (a dm ioctl string ends at the first NUL; a line break would split the
    /// table line); resolving the settings twice gives the same result.
    public static func multipathconf(_ input: [UInt8]) {
        var cut = input.count / 2
        while cut < input.count && input[cut] != 0x0A { cut += 1 }
        if cut < input.count { cut += 1 }
        let first = String(decoding: input[..<cut], as: UTF8.self)
        let second = String(decoding: input[cut...], as: UTF8.self)
        let files: [(path: String, text: String)] = [(confPath, first), (confDPath, second)]
        let lineCounts = [ConfigSyntax.lines(first).count, ConfigSyntax.lines(second).count]
        let policy = PolicyConfig.fromConfigFiles(files)
        for diagnostic in policy.diagnostics.prefix(64) {
            checkSubject(diagnostic.subject, files: [confPath, confDPath], lines: lineCounts)
        }
        var config = policy.config
        config.bindings = ["35000c50015ea71ac": "mpatha"]
        config.knownWWIDs = ["360002ac000000000000000010001a2b3"]
        checkPlan(config)
    }

    private static func checkSubject(_ subject: String, files: [String], lines: [Int]) {
        for (index, path) in files.enumerated() where subject.utf8.starts(with: Array((path + ":").utf8)) {
            let lines = lines[index]
            let digits = subject.utf8.dropFirst(path.utf8.count + 1)
            var number = 0
            for byte in digits.prefix(10) {
                fuzzCheck(byte >= 0x30 && byte <= 0x39, "diagnostic subject '\(subject)' has no line number")
                number = number * 10 + Int(byte - 0x30)
            }
            fuzzCheck(!digits.isEmpty && digits.count <= 10 && number >= 1 && number <= max(lines, 1),
                      "diagnostic subject '\(subject)' names a line outside the file (\(lines) lines)")
            return
        }
        fuzzCheck(false, "diagnostic subject '\(subject)' names no file:line")
    }

    private static func fuzzPath(_ name: String, minor: UInt32, wwid: String, vendor: String, model: String,
                                 tpgs: UInt8) -> Path {
        var device = BlockDevice(name: name, kind: .scsiDisk, devt: DeviceNumber(major: 8, minor: minor))
        device.sizeSectors = 131072
        device.vendor = vendor
        device.model = model
        device.sysfsPath = "/sys/devices/virtual/\(name)"
        if tpgs != 0 {
            device.accessState = minor == 0 ? "active/optimized" : "standby"
            device.deviceHandler = "alua"
        }
        return Path(device: device, identity: PathIdentity(wwid: WWID(udevValue: wwid), source: .vpd83NAA5, tpgs: tpgs))
    }

    static let planPaths: [Path] = [
        fuzzPath("sda", minor: 0, wwid: "35000c50015ea71ac", vendor: "QEMU", model: "QEMU HARDDISK", tpgs: 0),
        fuzzPath("sdb", minor: 16, wwid: "35000c50015ea71ac", vendor: "QEMU", model: "QEMU HARDDISK", tpgs: 0),
        fuzzPath("sdc", minor: 32, wwid: "360002ac000000000000000010001a2b3", vendor: "3PARdata", model: "VV", tpgs: 1),
        fuzzPath("sdd", minor: 48, wwid: "360002ac000000000000000010001a2b3", vendor: "3PARdata", model: "VV", tpgs: 1),
    ]

    private static func checkPlan(_ config: PolicyConfig) {
        let matcher = FuzzLiteralMatcher()
        let plan = MapPlanner.plan(paths: planPaths, context: PlanningContext(config: config), matcher: matcher)
        var seen: [String] = []
        for map in plan.maps {
            fuzzCheck(map.uuid == "mpath-" + map.wwid.value, "map \(map.name) has uuid \(map.uuid)")
            for path in map.paths {
                fuzzCheck(path.identity.wwid == map.wwid, "map \(map.name) holds \(path.device.name) of another WWID")
                fuzzCheck(!seen.contains(path.device.name), "\(path.device.name) is in two maps")
                seen.append(path.device.name)
            }
            let bytes = Array(map.table.text.utf8)
            fuzzCheck(!bytes.contains(0) && !bytes.contains(0x0A) && !bytes.contains(0x0D),
                      "table of \(map.name) has a NUL or line break: \(fuzzHex(bytes))")
            let layers = config.layers(for: map.wwid, path: map.paths[0].device, matcher: matcher)
            fuzzCheck(MultipathPolicy.settings(for: map.paths, layers: layers)
                      == MultipathPolicy.settings(for: map.paths, layers: layers), "settings are not deterministic")
        }
        _ = config.findMultipaths
    }

    /// Input: the bindings file.
    ///
    /// Asserts: every diagnostic names `path:N` with N within the file; every binding in
    /// the WWID → alias map is an entry of the file and its first for that WWID, every one
    /// in the alias → WWID map one for that alias; no alias or WWID is empty or holds white
    /// space, `#`, CR, LF or NUL; `formatDevname` and `scanDevname` agree for the numbers
    /// the input spells.
    public static func bindings(_ input: [UInt8]) {
        let path = "/etc/multipath/bindings"
        let text = String(decoding: input, as: UTF8.self)
        let parsed = BindingsFile.parse(text, path: path)
        let lines = BindingsFile.lines(text).count
        for diagnostic in parsed.diagnostics {
            checkSubject(diagnostic.subject, files: [path], lines: [lines])
        }
        let bad: [UInt8] = [0x20, 0x09, 0x23, 0x0A, 0x0D, 0x00]
        for entry in parsed.bindings.entries.prefix(64) {
            fuzzCheck(!entry.alias.isEmpty && !entry.alias.utf8.contains { bad.contains($0) },
                      "bad alias \(fuzzHex(Array(entry.alias.utf8)))")
            if let wwid = entry.wwid {
                fuzzCheck(!wwid.isEmpty && !wwid.utf8.contains { bad.contains($0) }, "bad WWID \(fuzzHex(Array(wwid.utf8)))")
            }
            fuzzCheck(entry.line >= 1 && entry.line <= lines, "entry line \(entry.line) of \(lines)")
        }
        for (wwid, alias) in parsed.bindings.aliasByWWID {
            let first = parsed.bindings.entries.first { $0.wwid == wwid }
            fuzzCheck(first?.alias == alias, "WWID \(wwid) bound to '\(alias)', first entry says '\(first?.alias ?? "none")'")
        }
        for (alias, wwid) in parsed.bindings.wwidByAlias {
            fuzzCheck(parsed.bindings.entries.contains { $0.alias == alias && $0.wwid == wwid },
                      "alias \(alias) → \(wwid) is no entry")
        }
        for entry in parsed.bindings.entries.prefix(8) {
            if let id = BindingsFile.scanDevname(entry.alias, prefix: "mpath") {
                fuzzCheck(id > 0, "scanDevname gave \(id)")
                fuzzCheck(BindingsFile.formatDevname(id).map { "mpath" + $0 } == entry.alias,
                          "alias \(entry.alias) scans to \(id), which formats differently")
            }
        }
        _ = parsed.bindings.unusedID(prefix: "mpath")
    }
}

/// A `PatternMatcher` for the fuzz targets: a pattern matches when, without a leading `^`
/// and a trailing `$`, it occurs literally in the text (anchored as asked). Real matching is
/// libc's regcomp/regexec in the OS layer; fuzzing glibc's regex engine is not the point,
/// and its exponential cases would show up as timeouts here.
struct FuzzLiteralMatcher: PatternMatcher {
    func matches(_ pattern: String, _ text: String) -> Bool {
        var p = pattern.utf8[...]
        let t = text.utf8
        let anchoredStart = p.first == UInt8(ascii: "^")
        if anchoredStart { p = p.dropFirst() }
        let anchoredEnd = p.last == UInt8(ascii: "$")
        if anchoredEnd { p = p.dropLast() }
        if anchoredStart && anchoredEnd { return p.elementsEqual(t) }
        if anchoredStart { return t.starts(with: p) }
        if anchoredEnd { return t.reversed().starts(with: p.reversed()) }
        if p.isEmpty { return true }
        var rest = t[...]
        while !rest.isEmpty {
            if rest.starts(with: p) { return true }
            rest = rest.dropFirst()
        }
        return false
    }

    func matchesInvertible(_ pattern: String, _ text: String) -> Bool {
        guard pattern.hasPrefix("!") else { return matches(pattern, text) }
        return !matches(String(pattern.dropFirst()), text)
    }
}
