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
        run(arguments: arguments, dm: dm, clock: MonotonicClock(), capturing: capturing)
    }

    /// `run` with the clock that bounds `wait` (tests pass one that only pretends to sleep).
    public static func run<DM: DeviceMapperControl, Clock: WaitClock>(arguments: [String], dm: DM, clock: Clock,
                                                                     capturing: Bool = false) -> (status: ExitCode, console: Console) {
        switch Arguments.parse(arguments) {
        case .failure(let error):
            let console = Console(verbosity: 1, capturing: capturing)
            console.log(.error, "\(error.message) (see mpathboot --help)")
            return (.usage, console)
        case .success(let args):
            // The kernel command line is read before the console exists: `mpathboot.debug` sets its level.
            var boot = (options: BootOptions(), diagnostics: [Diagnostic]())
            var cmdlineProblem: String?
            // udev-check always obeys the kernel command line: a udev rule that hid paths while
            // rd.multipath=0 keeps maps from being made would leave the root unfindable.
            if args.cmdline || args.command == .udevCheck {
                do throws(SystemError) {
                    boot = BootOptions.from(KernelCommandLine.parse(try FileSystem.readText(args.roots.proc + "/cmdline")))
                } catch {
                    cmdlineProblem = error.message
                }
            }
            let console = Console(verbosity: boot.options.debug ? 3 : args.verbosity,
                                  kmsgPath: args.kmsg ? args.roots.dev + "/kmsg" : nil, capturing: capturing)
            if let cmdlineProblem { console.log(.warning, "kernel command line not read: \(cmdlineProblem)") }
            boot.diagnostics.forEach(console.log)
            if let off = boot.options.disabledBy, [.assemble, .wait, .udevCheck].contains(args.command) {
                console.log(.notice, "turned off by \(off) on the kernel command line")
                return (args.command == .udevCheck ? .success : .nothingToDo, console)
            }
            let roots = SystemRoots(sysfs: args.roots.sysfs, proc: args.roots.proc, dev: args.roots.dev,
                                    etc: args.roots.etc)
            var discovery = PathDiscovery(roots: roots, source: args.noSysfs ? .devScan : .automatic)
            discovery.readsDisplayDetails = args.command == .paths
            let config = ConfigLoader(etcRoot: args.roots.etc, configFile: args.configFile,
                                      findMultipaths: boot.options.findMultipaths)
            let assemble = AssembleCommand(discovery: discovery, config: config, dm: dm, console: console,
                                           dryRun: args.dryRun, udevDatabase: UdevDatabase(runRoot: args.roots.run),
                                           writeUdevDatabase: !args.noUdevDatabase)
            let status: ExitCode
            switch args.command {
            case .help:
                console.output(HelpText.text)
                status = .success
            case .version:
                console.output("mpathboot \(version)")
                status = .success
            case .assemble, .probe:
                var command = assemble
                command.json = args.json
                command.timings = args.timings
                command.dryRun = args.dryRun || args.command == .probe
                status = command.run()
            case .resolve:
                // The scan's own notices ("nothing to multipath") are not resolve's business.
                let quiet = args.verbosity >= 2 ? console : Console(verbosity: 0, capturing: capturing)
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
            case .wait:
                let locator = RootLocator(sysfs: Sysfs(root: roots.sysfs, procRoot: roots.proc),
                                          nodes: DeviceNodes(devRoot: roots.dev))
                status = WaitCommand(assemble: assemble, dm: dm, locator: locator, console: console,
                                     specText: args.operands.first,
                                     timeoutSeconds: args.timeoutSeconds ?? boot.options.waitSeconds ?? 10,
                                     minPaths: args.minPaths ?? boot.options.minPaths ?? 2,
                                     clock: clock).run()
            case .udevCheck:
                status = UdevCheckCommand(discovery: discovery, config: config, dm: dm, console: console,
                                          device: args.operands[0]).run()
            case .failIfNoPath:
                status = FailIfNoPathCommand(dm: dm, console: console).run()
            }
            return (status, console)
        }
    }
}
