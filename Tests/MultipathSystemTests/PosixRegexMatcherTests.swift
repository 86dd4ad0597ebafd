// PosixRegexMatcher: libc regex semantics, and the answer cache giving the same answers as
// asking regexec afresh.
import Testing
@testable import MultipathCore
@testable import MultipathSystem
import Glibc

@Test func extendedRegexUnanchoredAsMultipathTools() {
    let matcher = PosixRegexMatcher()
    #expect(matcher.matches("^(sd[a-z]|dasd[a-z]|nvme[0-9])", "sdb"))
    #expect(!matcher.matches("^(sd[a-z]|dasd[a-z]|nvme[0-9])", "dm-0"))
    #expect(matcher.matches("scsi_debug", "Xscsi_debugY"))
    #expect(matcher.matchesInvertible("!^(sd[a-z]|dasd[a-z]|nvme[0-9])", "loop0"))
    #expect(!matcher.matchesInvertible("!^(sd[a-z]|dasd[a-z]|nvme[0-9])", "sdq"))
}

@Test func cachedAnswersAreKeptPerPatternAndText() {
    let matcher = PosixRegexMatcher()
    // The same pattern against alternating texts, each asked several times: a cache keyed by
    // the pattern alone, or answering the last text's result, would get some of these wrong.
    let texts = ["HSV1[01]0", "HSV210", "HSV1X0", "MSA", "HSV100", "hsv110"]
    let expected = [false, false, false, false, true, false]
    for _ in 0..<3 {
        for (text, want) in zip(texts, expected) {
            #expect(matcher.matches("^HSV1[01]0", text) == want, "\(text)")
        }
    }
    // A second pattern over the same texts has its own answers.
    for (text, want) in zip(texts, [true, true, true, false, true, false]) {
        #expect(matcher.matches("HSV", text) == want, "\(text)")
    }
    #expect(matcher.matches("^HSV1[01]0", "HSV100"))
}

@Test func invalidPatternMatchesNothingAndIsReportedOnce() {
    let matcher = PosixRegexMatcher()
    #expect(!matcher.matches("a(b", "a(b"))
    #expect(!matcher.matches("a(b", "ab"))
    #expect(matcher.invalidPatterns == ["a(b"])
    #expect(matcher.matches("a\\(b", "xa(by"))
}

@Test func invertedPatternsAreCachedApartFromTheirTail() {
    let matcher = PosixRegexMatcher()
    // The tail and the inverted pattern asked alternately, each several times: their
    // answers must stay opposite (a shared cache entry would return one for the other).
    for _ in 0..<3 {
        #expect(matcher.matches("^sd[a-z]", "sdc"))
        #expect(!matcher.matchesInvertible("!^sd[a-z]", "sdc"))
        #expect(!matcher.matches("^sd[a-z]", "loop1"))
        #expect(matcher.matchesInvertible("!^sd[a-z]", "loop1"))
    }
}

@Test func invertedPatternThatDoesNotCompileMatchesNothing() {
    // multipath-tools' store_ble drops an entry whose regex (after the '!') does not
    // compile, so "!sd(" blacklists nothing rather than everything.
    let matcher = PosixRegexMatcher()
    #expect(!matcher.matchesInvertible("!sd(", "sda"))
    #expect(!matcher.matchesInvertible("!sd(", "loop0"))
    #expect(matcher.invalidPatterns == ["!sd("])
}

/// regcomp + regexec afresh, as multipath-tools asks them.
private func regexecAnswer(_ pattern: String, _ text: String) -> Bool {
    var regex = regex_t()
    guard regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { return false }
    defer { regfree(&regex) }
    return regexec(&regex, text, 0, nil, 0) == 0
}

@Test func literalPatternsGiveRegexecsAnswers() {
    // Every hardware-table pattern (most are plain names, answered by substring search) and
    // some edge cases, against vendor/model texts: the matcher must agree with regexec.
    var patterns: [String] = ["", "HP", "a b", "x-y", "1:2", "LUNZ", "Xport", "%", "sd!"]
    for entry in HardwareTable.entries {
        patterns += [entry.vendor, entry.product, entry.revision, entry.blacklistProduct].compactMap { $0 }
    }
    let texts = ["", "HP", "HPE", "hp", "COMPAQ", "A HP B", "MSA VOLUME", "Universal Xport", "LUNZ", "DGC",
                 "NETAPP", "LUN C-Mode", "QEMU HARDDISK", "scsi_debug", "Linux", "x-y", "1:2", "%", "sd!x",
                 "IBM", "2145", "DellEMC", "PowerStore", "NVMe", "dellemc-powerstore"]
    let matcher = PosixRegexMatcher()
    for pattern in patterns {
        for text in texts {
            #expect(matcher.matches(pattern, text) == regexecAnswer(pattern, text), "'\(pattern)' on '\(text)'")
        }
    }
}
