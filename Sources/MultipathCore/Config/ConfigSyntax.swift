// ConfigSyntax: multipath.conf text → a tree of keyword lines, read exactly as multipath-tools
// 0.9.4's line parser reads it (libmpathutil/parser.c). No keyword meanings here: which
// keywords are valid where, and what their values mean, is MultipathConfigParser's job.

/// One line of multipath.conf that the parser accepted: `keyword value`, or a section
/// (`children` non-nil) whose lines follow until its `}`.
public struct ConfigNode: Equatable, Sendable {
    public var keyword: String
    /// The value as multipath-tools' `set_value` returns it (quotes removed, `""` → `"`);
    /// nil for a section.
    public var value: String?
    /// Line number as multipath-tools counts lines (a line longer than 1023 bytes counts twice).
    public var line: Int
    public var children: [ConfigNode]?

    public init(keyword: String, value: String?, line: Int, children: [ConfigNode]? = nil) {
        self.keyword = keyword
        self.value = value
        self.line = line
        self.children = children
    }

    public var isSection: Bool { children != nil }
}

/// Which keywords open a section inside which section. multipath-tools decides this by its
/// keyword table (a keyword with a `sub` vector recurses in `process_stream`), not by a `{`
/// on the line: `defaults` alone on a line still opens the section, and an unknown `foo {`
/// opens nothing (its lines are read as part of the enclosing section, its `}` closes it).
public struct ConfigSectionGrammar: Sendable {
    public var name: String
    public var subsections: [ConfigSectionGrammar]

    public init(_ name: String, _ subsections: [ConfigSectionGrammar] = []) {
        self.name = name
        self.subsections = subsections
    }

    public func subsection(_ keyword: String) -> ConfigSectionGrammar? {
        // Keywords are ASCII (alloc_strvec splits at non-ASCII bytes outside quotes), so `==`
        // compares them as strcmp does.
        for section in subsections where section.name == keyword { return section }
        return nil
    }
}

/// The line parser: `read_line`, `alloc_strvec`, `validate_config_strvec`, `set_value` and
/// `process_stream` of multipath-tools 0.9.4 (`libmpathutil/parser.c`), as pure functions.
///
/// It never rejects a file: like multipath-tools, it drops the lines it cannot use (with a
/// diagnostic each) and keeps everything else, including the content of sections whose `}`
/// is missing at the end of the file.
public enum ConfigSyntax {
    /// `MAXBUF` (1024) minus the NUL: `fgets` hands over at most this many bytes per line.
    static let maxLineBytes = 1023

    /// A token of `alloc_strvec`: a word, or the marker it stores for each `"`.
    enum Token: Equatable {
        case quote
        case word(String)

        /// The token as a C string: the quote marker reads as an empty string.
        var text: String {
            switch self {
            case .quote: return ""
            case .word(let text): return text
            }
        }
    }

    /// Parses one file. `path` names the file in every diagnostic subject (`path:line`).
    public static func parse(_ text: String, path: String, grammar: ConfigSectionGrammar)
        -> (nodes: [ConfigNode], diagnostics: [Diagnostic]) {
        let parsed = parseNumbered(text, path: path, grammar: grammar)
        return (parsed.nodes, parsed.diagnostics.map { $0.diagnostic })
    }

    /// As `parse`, with each diagnostic's line number for merging with later diagnostics.
    static func parseNumbered(_ text: String, path: String, grammar: ConfigSectionGrammar)
        -> (nodes: [ConfigNode], diagnostics: [(line: Int, diagnostic: Diagnostic)]) {
        var reader = Reader(lines: lines(text), path: path)
        let nodes = reader.section(grammar, depth: 0, openedAt: 0)
        return (nodes, reader.diagnostics)
    }

    /// The file's lines as multipath-tools' `read_line` sees them: `fgets(buf, 1024)` (so a
    /// longer line is cut into pieces that each count as a line), then `strtok_r(buf, "\n\r")`,
    /// which ends the line at the first CR or LF after its first other byte (so CRLF files
    /// read like LF files, and a lone CR cuts the rest of its line off). A NUL ends the line
    /// too, as it ends the C string.
    static func lines(_ text: String) -> [(number: Int, bytes: [UInt8])] {
        var out: [(number: Int, bytes: [UInt8])] = []
        for (number, line) in TextScan.fgetsLines(text, maxBytes: maxLineBytes) {
            var piece = line
            // strtok_r skips leading delimiters (they stay in the buffer, where they read as
            // white space) and ends the token at the next CR or LF.
            var first = 0
            while first < piece.count, piece[first] == 0x0A || piece[first] == 0x0D { first += 1 }
            var cut = first
            while cut < piece.count, piece[cut] != 0x0A, piece[cut] != 0x0D { cut += 1 }
            piece.removeSubrange(cut..<piece.count)
            out.append((number, piece))
        }
        return out
    }

    /// `isspace` in the C locale.
    static func isCSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Splits a line into tokens as `alloc_strvec` does; nil for a blank or comment line.
    ///
    /// Outside quotes, white space and non-ASCII bytes separate tokens, `{` and `}` are tokens
    /// of their own, and `#` or `!` start a comment (also right after a word: `co#nst` reads
    /// `co`). A `"` toggles quoting and leaves a quote marker; inside quotes everything up to
    /// the next lone `"` is one word, and `""` stands for a literal `"`.
    static func tokens(_ line: [UInt8]) -> [Token]? {
        let quote = UInt8(ascii: "\""), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        let bang = UInt8(ascii: "!"), hash = UInt8(ascii: "#")
        var b = line
        b.append(0) // the C string's NUL, so lookahead never runs off the end
        func separator(_ byte: UInt8) -> Bool { isCSpace(byte) || byte >= 0x80 }
        var cp = 0
        while b[cp] != 0 && separator(b[cp]) { cp += 1 }
        if b[cp] == 0 || b[cp] == bang || b[cp] == hash { return nil }

        var tokens: [Token] = []
        var inString = false
        while true {
            let start = cp
            if b[cp] == quote && !(inString && b[cp + 1] == quote) {
                cp += 1
                tokens.append(.quote)
                inString.toggle()
            } else if !inString && (b[cp] == open || b[cp] == close) {
                tokens.append(.word(String(decoding: [b[cp]], as: UTF8.self)))
                cp += 1
            } else {
                var twoQuotes = false
                while true {
                    while (inString || (!separator(b[cp]) && b[cp] != bang && b[cp] != hash
                                        && b[cp] != open && b[cp] != close))
                        && b[cp] != 0 && b[cp] != quote {
                        cp += 1
                    }
                    // Two consecutive double quotes do not end the string.
                    if inString && b[cp] == quote && b[cp + 1] == quote {
                        twoQuotes = true
                        cp += 2
                        continue
                    }
                    break
                }
                var word = Array(b[start..<cp])
                if twoQuotes { word = collapsingDoubledQuotes(word) }
                tokens.append(.word(String(decoding: word, as: UTF8.self)))
            }
            while !inString && b[cp] != 0 && separator(b[cp]) { cp += 1 }
            if b[cp] == 0 || (!inString && (b[cp] == bang || b[cp] == hash)) { return tokens }
        }
    }

    /// `""` → `"`, left to right, as the `strstr`/`memmove` loop in `alloc_strvec` does.
    static func collapsingDoubledQuotes(_ word: [UInt8]) -> [UInt8] {
        let quote = UInt8(ascii: "\"")
        var out: [UInt8] = []
        var index = 0
        while index < word.count {
            out.append(word[index])
            if word[index] == quote && index + 1 < word.count && word[index + 1] == quote {
                index += 2
            } else {
                index += 1
            }
        }
        return out
    }

    /// The keywords `validate_config_strvec` expects a `{` after (`is_sublevel_keyword`).
    /// `overrides` and `protocol` are not among them: alone on a line they lack a value and
    /// the line is dropped, so their section does not open.
    static let sublevelKeywords = ["defaults", "blacklist", "blacklist_exceptions", "devices", "device",
                                   "multipaths", "multipath"]

    /// The value a handler gets from `set_value`: the second token, or the word between the
    /// quotes; empty quotes (or a lone `"`) give the empty string.
    static func value(_ tokens: [Token]) -> String {
        var token = tokens.count > 1 ? tokens[1] : Token.quote
        if token == .quote {
            if tokens.count > 2 { token = tokens[2] }
            if token == .quote { return "" }
        }
        return token.text
    }

    /// Reading state of `process_stream`: the lines and where we are in them.
    struct Reader {
        let lines: [(number: Int, bytes: [UInt8])]
        let path: String
        var next = 0
        var diagnostics: [(line: Int, diagnostic: Diagnostic)] = []

        init(lines: [(number: Int, bytes: [UInt8])], path: String) {
            self.lines = lines
            self.path = path
        }

        /// `sortLine`: where the diagnostic goes among the file's others (its line by default).
        mutating func note(_ line: Int, _ message: String, sortLine: Int? = nil) {
            diagnostics.append((sortLine ?? line, Diagnostic(.warning, "\(path):\(line)", message)))
        }

        /// `process_stream`: the lines of one section up to its `}` (or the end of the file).
        mutating func section(_ grammar: ConfigSectionGrammar, depth: Int, openedAt: Int) -> [ConfigNode] {
            var nodes: [ConfigNode] = []
            while next < lines.count {
                let (number, bytes) = lines[next]
                next += 1
                guard let tokens = ConfigSyntax.tokens(bytes), validate(tokens, number) else { continue }
                let keyword = tokens[0].text
                if keyword == "}" {
                    if depth > 0 { return nodes }
                    // multipath-tools logs this and then looks "}" up as a keyword, which fails.
                    note(number, "unmatched '}' outside any section, ignored")
                    continue
                }
                if let sub = grammar.subsection(keyword) {
                    let children = section(sub, depth: depth + 1, openedAt: number)
                    nodes.append(ConfigNode(keyword: keyword, value: nil, line: number, children: children))
                } else {
                    nodes.append(ConfigNode(keyword: keyword, value: ConfigSyntax.value(tokens), line: number))
                }
            }
            // Only the outermost open section reports (multipath-tools: `kw_level == 1`).
            if depth == 1 {
                note(openedAt, "section '\(grammar.name)' is not closed: missing '}' at end of file "
                     + "(its content is used, as multipath-tools uses it)", sortLine: Int.max)
            }
            return nodes
        }

        /// `validate_config_strvec`: false when the line is dropped. Lines it only warns
        /// about are used as they are.
        mutating func validate(_ tokens: [Token], _ number: Int) -> Bool {
            let first = tokens[0].text
            if first.utf8.first == UInt8(ascii: "}") {
                if tokens.count > 1 { note(number, "ignoring extra data starting with '\(tokens[1].text)'") }
                return true
            }
            if first.utf8.first == UInt8(ascii: "{") {
                note(number, "invalid keyword '{', line ignored (a section's '{' belongs on its keyword's line)")
                return false
            }
            if ConfigSyntax.sublevelKeywords.contains(first) {
                if tokens.count < 2 {
                    note(number, "missing '{' after '\(first)'")
                } else if tokens[1].text != "{" {
                    note(number, "expecting '{' after '\(first)', found '\(tokens[1].text)'")
                } else if tokens.count > 2 {
                    note(number, "ignoring extra data starting with '\(tokens[2].text)'")
                }
                return true
            }
            guard tokens.count > 1 else {
                note(number, "missing value for option '\(first)', line ignored")
                return false
            }
            if tokens[1] != .quote {
                if tokens.count > 2 { note(number, "ignoring extra data starting with '\(tokens[2].text)'") }
                return true
            }
            if tokens.count == 2 {
                note(number, "missing closing quotes")
                return true
            }
            if tokens[2] == .quote {
                if tokens.count > 3 { note(number, "ignoring extra data starting with '\(tokens[3].text)'") }
                return true
            }
            if tokens.count == 3 {
                note(number, "missing closing quotes")
                return true
            }
            if tokens[3] != .quote {
                // Cannot happen with alloc_strvec's tokens; kept as multipath-tools has it.
                note(number, "parsing error starting with '\(tokens[3].text)', line ignored")
                return false
            }
            if tokens.count > 4 { note(number, "ignoring extra data starting with '\(tokens[4].text)'") }
            return true
        }
    }
}
