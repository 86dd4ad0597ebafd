// MpathBoot: the entry point shared by the executable and the tests.
import MultipathCore
import MultipathSystem

/// Runs mpathboot.
public enum MpathBoot {
    public static let version = "0.1.0"

    /// Parses `arguments` (without the program name) and runs the subcommand against `dm`.
    /// Runs discovery and logs what it noticed; nil (after logging why) when it failed.
    static func discoverPaths(_ discovery: PathDiscovery, console: Console) -> [Path]? {
        do throws(SystemError) {
            let result = try discovery.discover()
            result.diagnostics.forEach(console.log)
            return result.paths
        } catch {
            console.log(.error, "cannot scan for paths: \(error.message)")
            return nil
        }
    }

    public static func run<DM: DeviceMapperControl>(arguments: [String], dm: DM,
                                                    capturing: Bool = false) -> (status: ExitCode, console: Console) {
        switch Arguments.parse(arguments) {
        case .failure(let error):
            let console = Console(verbosity: 1, capturing: capturing)
            console.log(.error, "\(error.message) (see mpathboot --help)")
            return (.usage, console)
        case .success(let args):
            let console = Console(verbosity: args.verbosity, kmsgPath: args.kmsg ? args.roots.dev + "/kmsg" : nil,
                                  capturing: capturing)
            let roots = SystemRoots(sysfs: args.roots.sysfs, proc: args.roots.proc, dev: args.roots.dev,
                                    etc: args.roots.etc)
            let discovery = PathDiscovery(roots: roots, source: args.noSysfs ? .devScan : .automatic)
            let status: ExitCode
            switch args.command {
            case .help:
                console.output(HelpText.text)
                status = .success
            case .version:
                console.output("mpathboot \(version)")
                status = .success
            case .assemble, .probe:
                let config = ConfigLoader(etcRoot: args.roots.etc, configFile: args.configFile)
                status = AssembleCommand(discovery: discovery, config: config, dm: dm, console: console,
                                         dryRun: args.dryRun || args.command == .probe,
                                         udevDatabase: UdevDatabase(runRoot: args.roots.run),
                                         writeUdevDatabase: !args.noUdevDatabase, json: args.json).run()
            case .resolve:
                // The scan's own notices ("nothing to multipath") are not resolve's business.
                let quiet = args.verbosity >= 2 ? console : Console(verbosity: 0, capturing: capturing)
                let config = ConfigLoader(etcRoot: args.roots.etc, configFile: args.configFile)
                let probe = AssembleCommand(discovery: discovery, config: config, dm: dm, console: quiet,
                                            dryRun: true, udevDatabase: UdevDatabase(runRoot: args.roots.run),
                                            writeUdevDatabase: false, json: true)
                status = ResolveCommand(probe: probe, console: console, query: args.operands[0], json: args.json).run()
            case .flush:
                status = FlushCommand(dm: dm, procRoot: args.roots.proc, console: console, names: args.operands).run()
            case .paths:
                status = PathsCommand(discovery: discovery, console: console, json: args.json).run()
            case .status:
                status = StatusCommand(dm: dm, console: console, names: args.operands).run()
            }
            return (status, console)
        }
    }
}
