// PosixRegexMatcher: PatternMatcher over libc's regcomp/regexec with REG_EXTENDED|REG_NOSUB,
// the engine multipath-tools uses, so a multipath.conf pattern matches the same devices.
import CMPath
import MultipathCore

/// Compiles each pattern once and matches with `regexec`, remembering each answer; a pattern
/// that is plain text (`LiteralPattern`) is answered by a substring search, as regexec would.
///
/// The corresponding C functions are `regcomp(3)` and `regexec(3)`. A pattern that does not
/// compile matches nothing and is remembered in `invalidPatterns`. Answers are cached per
/// (pattern, text): a boot asks the same questions for every path of one array model (the
/// 123 hardware-table entries and the blacklist's vendor/product rules against the same
/// vendor and model, the property rules against the same udev property names), and at 4096
/// paths regexec plus the String-to-C copy was a third of `assemble`'s instructions.
public final class PosixRegexMatcher: PatternMatcher {
    private var compiled: [String: CompiledPattern] = [:]
    public private(set) var invalidPatterns: [String] = []

    public init() {}

    public func matches(_ pattern: String, _ text: String) -> Bool {
        guard let entry = compiledPattern(pattern, inverted: false) else { return false }
        return entry.answer(text)
    }

    /// A `!pattern` is compiled without its `!` but remembered as written, so a boot's
    /// thousands of devnode checks do not each build the pattern's tail as a new String.
    public func matchesInvertible(_ pattern: String, _ text: String) -> Bool {
        guard pattern.utf8.first == UInt8(ascii: "!") else { return matches(pattern, text) }
        guard let entry = compiledPattern(pattern, inverted: true) else { return false }
        return !entry.answer(text)
    }

    /// The compiled form of `pattern` (of its tail after the `!` when `inverted`), or nil
    /// when it does not compile (then recorded in `invalidPatterns` as written).
    private func compiledPattern(_ pattern: String, inverted: Bool) -> CompiledPattern? {
        if let entry = compiled[pattern] { return entry }
        if invalidPatterns.contains(pattern) { return nil }
        let source = inverted ? String(pattern.dropFirst()) : pattern
        if let literal = LiteralPattern.bytes(of: source) {
            let entry = CompiledPattern(literal: literal)
            compiled[pattern] = entry
            return entry
        }
        guard let regex = cmp_regex_new() else { return nil }
        guard source.withCString({ cmp_regcomp_ere(regex, $0) }) == 0 else {
            free(regex)
            invalidPatterns.append(pattern)
            return nil
        }
        let entry = CompiledPattern(regex: regex)
        compiled[pattern] = entry
        return entry
    }
}

/// A compiled `regex_t` (freed with the object), or a literal pattern's bytes, and the
/// answers it gave, by text.
private final class CompiledPattern {
    let regex: UnsafeMutablePointer<regex_t>?
    let literal: [UInt8]
    var answers: [String: Bool] = [:]

    init(regex: UnsafeMutablePointer<regex_t>) {
        self.regex = regex
        self.literal = []
    }

    init(literal: [UInt8]) {
        self.regex = nil
        self.literal = literal
    }

    deinit {
        if let regex { cmp_regex_free(regex) }
    }

    /// Whether the pattern matches somewhere in `text` (`regexec`, or a substring search for
    /// a literal), remembered.
    func answer(_ text: String) -> Bool {
        if let known = answers[text] { return known }
        let answer: Bool
        if let regex {
            answer = text.withCString { regexec(regex, $0, 0, nil, 0) } == 0
        } else {
            answer = LiteralPattern.occurs(literal, in: text)
        }
        answers[text] = answer
        return answer
    }
}
