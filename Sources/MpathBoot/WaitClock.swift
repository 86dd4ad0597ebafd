// WaitClock: the monotonic clock and sleep that bound `mpathboot wait` (a seam for tests).
import CMPath

/// Milliseconds since an arbitrary start, and sleeping.
public protocol WaitClock {
    func nowMilliseconds() -> Int64
    func sleep(milliseconds: UInt32)
}

/// `clock_gettime(CLOCK_MONOTONIC)` and `nanosleep`, immune to the wall clock being set
/// during boot.
public struct MonotonicClock: WaitClock {
    public init() {}
    public func nowMilliseconds() -> Int64 { cmp_monotonic_ms() }
    public func sleep(milliseconds: UInt32) { cmp_sleep_ms(milliseconds) }
}
