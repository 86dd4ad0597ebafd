// MultipathTargetReadback: parses what the kernel reports for a dm-multipath target —
// the table (`dmsetup table`) and the status (`dmsetup status`) — per dm-mpath.c
// `multipath_status`. Used to adopt existing maps and to report path states.

/// A dm-multipath table or status line, parsed.
public struct MultipathTargetReadback: Equatable, Sendable {
    /// One path as reported: device and, for a status line, whether it is active.
    public struct PathState: Equatable, Sendable {
        public var device: DeviceNumber
        /// `A` (active) or `F` (failed) in a status line; true for table lines.
        public var active: Bool
        public var failCount: Int
    }

    /// One priority group: state letter (`A` active, `E` enabled, `D` disabled) for status
    /// lines, selector name for table lines.
    public struct GroupState: Equatable, Sendable {
        public var label: String
        public var paths: [PathState]
    }

    public var groups: [GroupState]

    /// All paths of all groups.
    public var paths: [PathState] { groups.flatMap { $0.paths } }

    /// Parses the parameters of a table line (`DM_TABLE_STATUS` with STATUSTYPE_TABLE):
    /// `<#f> f.. <#h> h.. <#pg> <init> { <sel> <#sa> sa.. <#p> <#pa> { <dev> pa.. } }`.
    public static func parseTable(_ text: String) -> MultipathTargetReadback? {
        var words = Words(text)
        guard words.skipCounted(), words.skipCounted(),
              let groupCount = words.int(), words.int() != nil else { return nil }
        var groups: [GroupState] = []
        for _ in 0..<groupCount {
            guard let selector = words.next(), words.skipCounted(),
                  let pathCount = words.int(), let argCount = words.int() else { return nil }
            var paths: [PathState] = []
            for _ in 0..<pathCount {
                guard let device = words.next().flatMap({ DeviceNumber($0) }), words.skip(argCount) else { return nil }
                paths.append(PathState(device: device, active: true, failCount: 0))
            }
            groups.append(GroupState(label: selector, paths: paths))
        }
        return MultipathTargetReadback(groups: groups)
    }

    /// Parses the parameters of a status line (STATUSTYPE_INFO):
    /// `<#f> f.. <#h> h.. <#pg> <cur> { <A|E|D> <#ss> ss.. <#p> <#pi> { <dev> <A|F> <fails> pi.. } }`.
    public static func parseStatus(_ text: String) -> MultipathTargetReadback? {
        var words = Words(text)
        guard words.skipCounted(), words.skipCounted(),
              let groupCount = words.int(), words.int() != nil else { return nil }
        var groups: [GroupState] = []
        for _ in 0..<groupCount {
            guard let state = words.next(), words.skipCounted(),
                  let pathCount = words.int(), let infoCount = words.int() else { return nil }
            var paths: [PathState] = []
            for _ in 0..<pathCount {
                guard let device = words.next().flatMap({ DeviceNumber($0) }),
                      let flag = words.next(), let fails = words.int(), words.skip(infoCount) else { return nil }
                paths.append(PathState(device: device, active: flag == "A", failCount: fails))
            }
            groups.append(GroupState(label: state, paths: paths))
        }
        return MultipathTargetReadback(groups: groups)
    }

    /// A cursor over space-separated words.
    struct Words {
        let words: [Substring]
        var index = 0

        init(_ text: String) {
            words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        }

        mutating func next() -> String? {
            guard index < words.count else { return nil }
            index += 1
            return String(words[index - 1])
        }

        mutating func int() -> Int? {
            guard let word = next(), let value = Int(word), value >= 0, value < 1 << 20 else { return nil }
            return value
        }

        mutating func skip(_ count: Int) -> Bool {
            guard index + count <= words.count else { return false }
            index += count
            return true
        }

        /// Skips a count word and that many words after it (features, handler, selector args).
        mutating func skipCounted() -> Bool {
            guard let count = int() else { return false }
            return skip(count)
        }
    }
}
