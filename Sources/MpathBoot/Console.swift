// Console: where mpathboot's output and log lines go. Log lines go to stderr and, with
// --kmsg, to /dev/kmsg with a priority; results go to stdout. Tests capture both.
import CMPath
import MultipathCore
import MultipathSystem

/// Output and logging for one run.
public final class Console {
    public let verbosity: Int
    private var kmsgFD: Int32 = -1
    /// When capturing (tests), what would have gone to stdout and stderr.
    public private(set) var capturedOutput = ""
    public private(set) var capturedLog = ""
    private let capturing: Bool
    /// When set, a log line identical to one already logged is dropped: `wait` assembles
    /// again every half second and only news should reach the console.
    public var suppressRepeats = false
    private var logged: Set<String> = []

    public init(verbosity: Int, kmsgPath: String? = nil, capturing: Bool = false) {
        self.verbosity = verbosity
        self.capturing = capturing
        if let kmsgPath {
            kmsgFD = cmp_open(kmsgPath, O_WRONLY)
        }
    }

    deinit {
        if kmsgFD >= 0 { close(kmsgFD) }
    }

    /// Writes a result line to stdout.
    public func output(_ line: String) {
        outputText(line + "\n")
    }

    /// Writes text that ends in its own newline (a pretty-printed JSON document) to stdout.
    public func outputText(_ text: String) {
        if capturing {
            capturedOutput += text
        } else {
            Console.write(fd: 1, text)
        }
    }

    /// Whether a line at `severity` would be logged.
    public func logs(_ severity: Diagnostic.Severity) -> Bool {
        let threshold: Diagnostic.Severity
        switch verbosity {
        case 0: threshold = .error
        case 1: threshold = .notice
        case 2: threshold = .info
        default: threshold = .debug
        }
        return severity >= threshold
    }

    /// Logs a line at `severity` if the verbosity allows it. Per-path and per-map lines
    /// check `logs(_:)` first, so their text is not built for nothing (an @autoclosure
    /// here would do that everywhere, but costs a specialised copy of this function per
    /// call site: 55 KB of the binary).
    public func log(_ severity: Diagnostic.Severity, _ message: String) {
        guard logs(severity) else { return }
        if suppressRepeats {
            guard logged.insert(message).inserted else { return }
        }
        let prefix: String
        switch severity {
        case .error: prefix = "error: "
        case .warning: prefix = "warning: "
        default: prefix = ""
        }
        if capturing {
            capturedLog += prefix + message + "\n"
        } else {
            Console.write(fd: 2, "mpathboot: " + prefix + message + "\n")
        }
        if kmsgFD >= 0 {
            // /dev/kmsg takes one record per write; <N> is the syslog priority.
            Console.write(fd: kmsgFD, "<\(severity.rawValue)>mpathboot: \(prefix)\(message)\n")
        }
    }

    public func log(_ diagnostic: Diagnostic) {
        log(diagnostic.severity, diagnostic.text)
    }

    static func write(fd: Int32, _ text: String) {
        // A log line that cannot be written (closed stderr, full kmsg) is dropped.
        _ = FileSystem.writeAll(fd: fd, text)
    }
}
