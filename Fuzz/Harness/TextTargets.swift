// wwids and dmstatus: the text parsers (the wwids file, dm table and status lines, device
// numbers and SCSI addresses).

extension FuzzTargets {
    /// Input: the contents of /etc/multipath/wwids.
    ///
    /// Asserts: at most one entry or diagnostic per line; every entry appears as "/entry/"
    /// in the text and holds no line break; entries go through the WWID checks, as the map
    /// planner would use them.
    public static func wwids(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let parsed = WwidsFile.parse(text)
        // Lines end at the byte '\n' ("\r\n" is one Character, so a Character split would
        // undercount CRLF files).
        let lines = input.split(separator: 0x0A, omittingEmptySubsequences: false).count
        fuzzCheck(parsed.wwids.count + parsed.diagnostics.count <= lines,
                  "\(parsed.wwids.count) entries and \(parsed.diagnostics.count) diagnostics from \(lines) lines")
        for wwid in parsed.wwids.prefix(16) {
            let bytes = Array(wwid.utf8)
            fuzzCheck(!bytes.contains(0x0A), "wwids entry with a line break: \(fuzzHex(bytes))")
            fuzzCheck(TextScan.contains(text, "/" + wwid + "/"), "wwids entry not in the file: \(fuzzHex(bytes))")
            FuzzIdentity.checkWWID(bytes)
        }
        for diagnostic in parsed.diagnostics {
            _ = diagnostic.subject
        }
    }

    /// Input: text; parsed whole and line by line as a dm-multipath table line, a status
    /// line, a device number and a SCSI address.
    ///
    /// Asserts: a parsed table or status, written out again in canonical form, parses to
    /// the same groups and paths; `DeviceNumber` and `ScsiAddress` survive a round trip
    /// through `description`.
    public static func dmstatus(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        checkText(text)
        for line in text.split(separator: "\n").prefix(16) {
            checkText(String(line))
        }
    }

    private static func checkText(_ text: String) {
        if let table = MultipathTargetReadback.parseTable(text) {
            // <#f> <#h> <#pg> <init> { <sel> <#sa> <#p> <#pa> { <dev> } }, tab-separated so
            // that no separator joins a word's grapheme cluster.
            var words = ["0", "0", String(table.groups.count), "1"]
            for group in table.groups {
                words += [group.label, "0", String(group.paths.count), "0"]
                words += group.paths.map { $0.device.description }
            }
            let again = MultipathTargetReadback.parseTable(joined(words))
            fuzzCheck(again == table, "table line does not round-trip: \(fuzzHex(Array(text.utf8)))")
        }
        if let status = MultipathTargetReadback.parseStatus(text) {
            var words = ["0", "0", String(status.groups.count), "0"]
            for group in status.groups {
                words += [group.label, "0", String(group.paths.count), "0"]
                for path in group.paths {
                    words += [path.device.description, path.active ? "A" : "F", String(path.failCount)]
                }
            }
            let again = MultipathTargetReadback.parseStatus(joined(words))
            fuzzCheck(again == status, "status line does not round-trip: \(fuzzHex(Array(text.utf8)))")
            _ = status.paths
        }
        if let device = DeviceNumber(text) {
            fuzzCheck(DeviceNumber(device.description) == device, "DeviceNumber \(device) round trip")
        }
        if let address = ScsiAddress(text) {
            fuzzCheck(ScsiAddress(address.description) == address, "ScsiAddress \(address) round trip")
        }
    }

    private static func joined(_ words: [String]) -> String {
        var text = ""
        for word in words {
            if !text.isEmpty { text += "\t" }
            text += word
        }
        return text
    }
}
