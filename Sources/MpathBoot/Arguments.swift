// Arguments: the hand-written command-line parser (swift-argument-parser needs reflection,
// which Embedded Swift lacks).

/// The subcommands.
public enum Subcommand: String, Sendable {
    case assemble
    case probe
    case resolve
    case flush
    case paths
    case status
    case wait
    case udevCheck = "udev-check"
    case failIfNoPath = "fail-if-no-path"
    case help
    case version
}

/// Parsed command-line options.
public struct Arguments: Sendable {
    public var command: Subcommand = .assemble
    public var dryRun = false
    public var json = false
    /// 0 quiet, 1 default (notices, warnings, errors), 2 `-v` (info), 3 `-v3`/`-vv` (debug).
    public var verbosity = 1
    public var kmsg = false
    /// Scan /dev nodes even when /sys is mounted (the 2.4 method).
    public var noSysfs = false
    /// `--config FILE`: use this file instead of /etc/multipath.conf and conf.d.
    public var configFile: String?
    /// `--no-udev-db`: do not leave udev database records for the maps.
    public var noUdevDatabase = false
    /// `--timings`: assemble/probe say how long each stage took.
    public var timings = false
    /// `--cmdline`: read /proc/cmdline for rd.multipath=0 and the mpathboot.* options.
    public var cmdline = false
    /// `wait --timeout S`; nil: mpathboot.wait, else 10.
    public var timeoutSeconds: Int?
    /// `wait --min-paths N`; nil: mpathboot.min_paths, else 2.
    public var minPaths: Int?
    public var roots = RootOptions()
    public var operands: [String] = []

    /// Test and rescue overrides for where the system is found.
    public struct RootOptions: Sendable {
        public var sysfs = "/sys"
        public var proc = "/proc"
        public var dev = "/dev"
        public var etc = "/etc"
        public var run = "/run"
    }

    public init() {}

    /// Parses `argv` without the program name. Errors name the offending argument.
    public static func parse(_ argv: [String]) -> Result<Arguments, UsageError> {
        var args = Arguments()
        var index = 0
        var sawCommand = false
        func value(_ option: String) -> Result<String, UsageError> {
            index += 1
            guard index < argv.count else { return .failure(UsageError(message: "\(option) needs a value")) }
            return .success(argv[index])
        }
        while index < argv.count {
            let word = argv[index]
            switch word {
            case "-h", "--help": args.command = .help
            case "--version": args.command = .version
            case "-d", "--dry-run": args.dryRun = true
            case "--json": args.json = true
            case "-q", "--quiet": args.verbosity = 0
            case "-v": args.verbosity = max(args.verbosity, 2)
            case "-vv", "-v3": args.verbosity = 3
            case "-v0": args.verbosity = 0
            case "-v1": args.verbosity = 1
            case "-v2": args.verbosity = 2
            case "--kmsg": args.kmsg = true
            case "--no-sysfs": args.noSysfs = true
            case "--no-udev-db": args.noUdevDatabase = true
            case "--timings": args.timings = true
            case "--cmdline": args.cmdline = true
            case "--timeout", "--min-paths":
                switch value(word) {
                case .failure(let error): return .failure(error)
                case .success(let text):
                    guard let number = Int(text), number >= 0, number <= (word == "--timeout" ? 3600 : 1024) else {
                        return .failure(UsageError(message: "\(word) needs a whole number, not '\(text)'"))
                    }
                    if word == "--timeout" { args.timeoutSeconds = number } else { args.minPaths = number }
                }
            case "--config":
                switch value(word) {
                case .failure(let error): return .failure(error)
                case .success(let path): args.configFile = path
                }
            case "--sysfs-root", "--proc-root", "--dev-root", "--etc-root", "--run-root":
                switch value(word) {
                case .failure(let error): return .failure(error)
                case .success(let path):
                    switch word {
                    case "--sysfs-root": args.roots.sysfs = path
                    case "--proc-root": args.roots.proc = path
                    case "--dev-root": args.roots.dev = path
                    case "--run-root": args.roots.run = path
                    default: args.roots.etc = path
                    }
                }
            default:
                if word.hasPrefix("-") {
                    return .failure(UsageError(message: "unknown option '\(word)'"))
                }
                if !sawCommand, let command = Subcommand(rawValue: word) {
                    args.command = command
                    sawCommand = true
                } else {
                    args.operands.append(word)
                }
            }
            index += 1
        }
        switch args.command {
        case .assemble, .probe, .failIfNoPath, .paths:
            if let extra = args.operands.first {
                return .failure(UsageError(message: "unexpected argument '\(extra)'"))
            }
        case .wait:
            if args.operands.count > 1 {
                return .failure(UsageError(message: "wait takes one ROOTSPEC, not '\(args.operands[1])'"))
            }
        case .udevCheck:
            if args.operands.count != 1 {
                return .failure(UsageError(message: "udev-check needs exactly one device"))
            }
        case .resolve:
            if args.operands.count != 1 {
                return .failure(UsageError(message: args.operands.isEmpty ? "resolve needs a name (map, /dev/sdX, MAJ:MIN, WWID, by-id link or BIOS id)"
                                                                          : "resolve takes one name, got \(args.operands.count)"))
            }
        case .status, .flush, .help, .version:
            break
        }
        return .success(args)
    }
}

/// A command-line mistake.
public struct UsageError: Error, Sendable {
    public var message: String
}
