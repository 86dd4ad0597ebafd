// PosixRegexMatcher: PatternMatcher over libc's regcomp/regexec with REG_EXTENDED|REG_NOSUB,
// the engine multipath-tools uses, so a multipath.conf pattern matches the same devices.
import CMPath
import MultipathCore

/// Compiles each pattern once and matches with `regexec`, remembering each answer.
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
        guard let entry = compiledPattern(pattern) else { return false }
        if let known = entry.answers[text] { return known }
        let answer = text.withCString { regexec(entry.regex, $0, 0, nil, 0) } == 0
        entry.answers[text] = answer
        return answer
    }

    private func compiledPattern(_ pattern: String) -> CompiledPattern? {
        if let entry = compiled[pattern] { return entry }
        if invalidPatterns.contains(pattern) { return nil }
        guard let regex = cmp_regex_new() else { return nil }
        guard pattern.withCString({ cmp_regcomp_ere(regex, $0) }) == 0 else {
            free(regex)
            invalidPatterns.append(pattern)
            return nil
        }
        let entry = CompiledPattern(regex)
        compiled[pattern] = entry
        return entry
    }
}

/// A compiled `regex_t` (freed with the object) and the answers it gave, by text.
private final class CompiledPattern {
    let regex: UnsafeMutablePointer<regex_t>
    var answers: [String: Bool] = [:]

    init(_ regex: UnsafeMutablePointer<regex_t>) {
        self.regex = regex
    }

    deinit {
        cmp_regex_free(regex)
    }
}
