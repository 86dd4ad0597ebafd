// Errno: a C errno value as a Swift value, in the shape of swift-system's `Errno`.
import CMPath

/// An error number from a failed system call.
///
/// The corresponding C variable is `errno`; `message` is `strerror(errno)`.
public struct Errno: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The calling thread's current `errno`.
    public static var current: Errno { Errno(rawValue: cmp_errno()) }

    public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
    public static let interrupted = Errno(rawValue: EINTR)
    public static let ioError = Errno(rawValue: EIO)
    public static let busy = Errno(rawValue: EBUSY)
    public static let exists = Errno(rawValue: EEXIST)
    public static let noDevice = Errno(rawValue: ENXIO)
    public static let invalidArgument = Errno(rawValue: EINVAL)
    public static let timedOut = Errno(rawValue: ETIMEDOUT)
    public static let outOfMemory = Errno(rawValue: ENOMEM)

    /// `strerror(3)` text, e.g. "No such file or directory".
    public var message: String {
        guard let text = strerror(rawValue) else { return "errno \(rawValue)" }
        return String(cString: text)
    }

    public var description: String { "\(message) (errno \(rawValue))" }
}

/// Runs `call` until it does not fail with EINTR; -1 results become `.failure(Errno)`.
/// (swift-system's `valueOrErrno(retryOnInterrupt:)`.)
@inline(__always)
func retryingOnInterrupt<I: FixedWidthInteger>(_ call: () -> I) -> Result<I, Errno> {
    while true {
        let value = call()
        if value != -1 { return .success(value) }
        let error = Errno.current
        if error != .interrupted { return .failure(error) }
    }
}
