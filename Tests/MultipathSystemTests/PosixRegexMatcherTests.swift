// PosixRegexMatcher: libc regex semantics, and the answer cache giving the same answers as
// asking regexec afresh.
import Testing
@testable import MultipathCore
@testable import MultipathSystem

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
