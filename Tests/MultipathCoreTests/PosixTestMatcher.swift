// A PatternMatcher for core tests: libc's POSIX ERE, as the OS layer's matcher uses.
import Glibc
@testable import MultipathCore

struct PosixTestMatcher: PatternMatcher {
    func matches(_ pattern: String, _ text: String) -> Bool {
        var regex = regex_t()
        guard regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { return false }
        defer { regfree(&regex) }
        return regexec(&regex, text, 0, nil, 0) == 0
    }

    func matchesInvertible(_ pattern: String, _ text: String) -> Bool {
        guard pattern.hasPrefix("!") else { return matches(pattern, text) }
        let tail = String(pattern.dropFirst())
        var regex = regex_t()
        guard regcomp(&regex, tail, REG_EXTENDED | REG_NOSUB) == 0 else { return false }
        regfree(&regex)
        return !matches(tail, text)
    }
}

/// A planning context with find_multipaths set (the built-in default is strict).
func context(findMultipaths: String = "yes", knownWWIDs: Set<String> = [], existingMaps: [ExistingMap] = [],
             configure: (inout PolicyConfig) -> Void = { _ in }) -> PlanningContext {
    var config = PolicyConfig(defaults: SettingSet([.findMultipaths: findMultipaths]),
                              builtinDevices: HardwareTable.entries, knownWWIDs: knownWWIDs)
    configure(&config)
    return PlanningContext(config: config, existingMaps: existingMaps)
}

func makePlan(_ paths: [Path], _ context: PlanningContext) -> Plan {
    MapPlanner.plan(paths: paths, context: context, matcher: PosixTestMatcher())
}
