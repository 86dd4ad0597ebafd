// BootOptions: what the kernel command line tells mpathboot at boot.

/// The kernel command-line options mpathboot honours when run with `--cmdline`.
///
/// | Option | Effect |
/// |---|---|
/// | `rd.multipath=0`, `rd_NO_MULTIPATH`, `nompath`, `multipath=off` | no multipath at boot: the spellings dracut's 90multipath and multipath-tools' `60-multipath.rules` honour |
/// | `rd.mpathboot=0` | turn off mpathboot only |
/// | `mpathboot.find_multipaths=MODE` | overrides find_multipaths (`strict`, `yes`, `greedy`, `smart`, `no`, `on`, `off`); installers typically want `yes` |
/// | `mpathboot.wait=SECONDS` | the budget of `mpathboot wait` when `--timeout` is not given |
/// | `mpathboot.min_paths=N` | the paths `mpathboot wait` wants per map when `--min-paths` is not given |
/// | `mpathboot.debug`, `rd.debug` | debug logging |
public struct BootOptions: Equatable, Sendable {
    /// The option that turned mpathboot off, as written; nil when it is on.
    public var disabledBy: String?
    public var findMultipaths: String?
    public var waitSeconds: Int?
    public var minPaths: Int?
    public var debug: Bool

    public init(disabledBy: String? = nil, findMultipaths: String? = nil, waitSeconds: Int? = nil,
                minPaths: Int? = nil, debug: Bool = false) {
        self.disabledBy = disabledBy
        self.findMultipaths = findMultipaths
        self.waitSeconds = waitSeconds
        self.minPaths = minPaths
        self.debug = debug
    }

    /// The find_multipaths modes multipath-tools 0.9.4 accepts (`def_find_multipaths_handler`).
    public static let findMultipathsModes = ["strict", "yes", "greedy", "smart", "no", "on", "off", "0", "1"]

    /// Reads the options out of `cmdline`. A malformed value is reported and ignored.
    public static func from(_ cmdline: KernelCommandLine) -> (options: BootOptions, diagnostics: [Diagnostic]) {
        var options = BootOptions()
        var diagnostics: [Diagnostic] = []
        let subject = "kernel command line"
        if cmdline.flag("rd.multipath") == false {
            options.disabledBy = "rd.multipath=\(cmdline.value("rd.multipath") ?? "0")"
        } else if cmdline.contains("rd_NO_MULTIPATH") {
            options.disabledBy = "rd_NO_MULTIPATH"
        } else if cmdline.contains("nompath") {
            options.disabledBy = "nompath"
        } else if cmdline.flag("multipath") == false {
            options.disabledBy = "multipath=\(cmdline.value("multipath") ?? "off")"
        } else if cmdline.flag("rd.mpathboot") == false {
            options.disabledBy = "rd.mpathboot=\(cmdline.value("rd.mpathboot") ?? "0")"
        }
        if let mode = cmdline.value("mpathboot.find_multipaths") {
            if findMultipathsModes.contains(mode) {
                options.findMultipaths = mode
            } else {
                diagnostics.append(Diagnostic(.warning, subject,
                    "mpathboot.find_multipaths=\(mode) is not a find_multipaths mode (strict, yes, greedy, smart, no); ignored"))
            }
        }
        options.waitSeconds = count("mpathboot.wait", in: cmdline, max: 3600, subject: subject, into: &diagnostics)
        options.minPaths = count("mpathboot.min_paths", in: cmdline, max: 1024, subject: subject, into: &diagnostics)
        options.debug = cmdline.flag("mpathboot.debug") == true || cmdline.flag("rd.debug") == true
        return (options, diagnostics)
    }

    private static func count(_ key: String, in cmdline: KernelCommandLine, max: Int, subject: String,
                              into diagnostics: inout [Diagnostic]) -> Int? {
        guard let text = cmdline.value(key) else {
            if cmdline.contains(key) {
                diagnostics.append(Diagnostic(.warning, subject, "\(key) needs a value (\(key)=N); ignored"))
            }
            return nil
        }
        guard let number = Int(text), number >= 0, number <= max else {
            diagnostics.append(Diagnostic(.warning, subject,
                "\(key)=\(text) is not a whole number from 0 to \(max); ignored"))
            return nil
        }
        return number
    }
}
