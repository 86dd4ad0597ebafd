// WwidsFile: /etc/multipath/wwids, multipath-tools' list of WWIDs known to be multipathed.

/// Parses the wwids file (multipath-tools `wwids.c`).
///
/// Format: one `/<wwid>/` per line; `#` starts a comment (multipath-tools removes an entry
/// by overwriting its leading `/` with `#`). Lines that are neither give a diagnostic with
/// the line number and are skipped; nothing in the file is ever lost or rewritten here.
public enum WwidsFile {
    public static func parse(_ text: String, path: String = "/etc/multipath/wwids")
        -> (wwids: [String], diagnostics: [Diagnostic]) {
        var wwids: [String] = []
        var diagnostics: [Diagnostic] = []
        var lineNumber = 0
        // Split on the byte: "\r\n" is one Character in Swift, so a Character split would
        // not end a CRLF line (the fuzzer's Fuzz/crashes/wwids/crlf-line-ending). fgets in
        // multipath-tools ends lines at '\n' only; the '\r' is trimmed below.
        for rawLine in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = TextScan.trimmed(String(decoding: rawLine, as: UTF8.self))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes.first == UInt8(ascii: "/"), bytes.last == UInt8(ascii: "/") else {
                diagnostics.append(Diagnostic(.warning, "\(path):\(lineNumber)",
                                              "not a /wwid/ entry, ignored: '\(line)'"))
                continue
            }
            wwids.append(String(decoding: bytes[1..<(bytes.count - 1)], as: UTF8.self))
        }
        return (wwids, diagnostics)
    }
}
