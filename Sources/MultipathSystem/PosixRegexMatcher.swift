// PosixRegexMatcher: PatternMatcher over libc's regcomp/regexec with REG_EXTENDED|REG_NOSUB,
// the engine multipath-tools uses, so a multipath.conf pattern matches the same devices.
import CMPath
import MultipathCore

/// Compiles each pattern once and matches with `regexec`.
///
/// The corresponding C functions are `regcomp(3)` and `regexec(3)`. A pattern that does not
/// compile matches nothing and is remembered in `invalidPatterns`.
public final class PosixRegexMatcher: PatternMatcher {
    private var compiled: [String: UnsafeMutablePointer<regex_t>] = [:]
    public private(set) var invalidPatterns: [String] = []

    public init() {}

    deinit {
        for (_, regex) in compiled { cmp_regex_free(regex) }
    }

    public func matches(_ pattern: String, _ text: String) -> Bool {
        guard let regex = regex(for: pattern) else { return false }
        return regexec(regex, text, 0, nil, 0) == 0
    }

    private func regex(for pattern: String) -> UnsafeMutablePointer<regex_t>? {
        if let regex = compiled[pattern] { return regex }
        if invalidPatterns.contains(pattern) { return nil }
        guard let regex = cmp_regex_new() else { return nil }
        guard cmp_regcomp_ere(regex, pattern) == 0 else {
            free(regex)
            invalidPatterns.append(pattern)
            return nil
        }
        compiled[pattern] = regex
        return regex
    }
}
