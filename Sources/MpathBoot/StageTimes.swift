// StageTimes: wall time per stage of one assemble run, for `--timings`.

/// Milliseconds between marks of a `WaitClock`, kept as "name N ms" parts.
struct StageTimes<Clock: WaitClock> {
    let clock: Clock
    private var last: Int64
    private let start: Int64
    private var parts: [String] = []

    init(clock: Clock) {
        self.clock = clock
        start = clock.nowMilliseconds()
        last = start
    }

    /// Ends the stage `name` now; `count` and `of` say what it handled ("1024 paths").
    mutating func end(_ name: String, count: Int? = nil, of unit: String = "") {
        let now = clock.nowMilliseconds()
        parts.append("\(name) \(now - last) ms" + (count.map { " (\($0) \(unit))" } ?? ""))
        last = now
    }

    /// "timings: discovery 812 ms (1024 paths), planning 40 ms (256 maps), ..., total N ms".
    var summary: String {
        var text = "timings:"
        for (index, part) in parts.enumerated() { text += (index == 0 ? " " : ", ") + part }
        return text + (parts.isEmpty ? " " : ", ") + "total \(clock.nowMilliseconds() - start) ms"
    }
}
