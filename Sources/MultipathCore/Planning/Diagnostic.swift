// Diagnostic: what the pure core has to say, returned as values (the core never logs).

/// A message about a device, file or map, for the CLI to log or report.
public struct Diagnostic: Equatable, Sendable {
    public enum Severity: Int, Comparable, Sendable {
        case debug = 7
        case info = 6
        case notice = 5
        case warning = 4
        case error = 3

        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue > b.rawValue }

        public var label: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .notice: return "notice"
            case .warning: return "warning"
            case .error: return "error"
            }
        }
    }

    public var severity: Severity
    /// What it is about: a device (`sda`), a file with line (`/etc/multipath.conf:12`), a map.
    public var subject: String
    public var message: String

    public init(_ severity: Severity, _ subject: String, _ message: String) {
        self.severity = severity
        self.subject = subject
        self.message = message
    }

    /// `subject: message`, the form logged.
    @inline(never)
    public var text: String { subject.isEmpty ? message : "\(subject): \(message)" }
}
