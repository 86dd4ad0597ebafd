// PatternMatcher: how the core asks "does this regex match?" without doing the matching
// itself. multipath.conf and the hardware table use POSIX extended regular expressions;
// the OS layer answers with libc's regcomp/regexec, the engine multipath-tools uses.

/// Matches POSIX extended regular expressions (REG_EXTENDED|REG_NOSUB, unanchored).
public protocol PatternMatcher {
    /// True if `pattern` matches somewhere in `text`. A pattern that does not compile
    /// matches nothing (multipath-tools drops such entries when it loads them).
    func matches(_ pattern: String, _ text: String) -> Bool

    /// multipath-tools' blacklist match: a leading `!` inverts the pattern (`blacklist.c`
    /// `check_invert` / the default devnode rule `!^(sd[a-z]|dasd[a-z]|nvme[0-9])`). A `!`
    /// pattern whose tail does not compile matches nothing: `store_ble` drops the entry, it
    /// does not invert a failure into "matches everything".
    func matchesInvertible(_ pattern: String, _ text: String) -> Bool
}
