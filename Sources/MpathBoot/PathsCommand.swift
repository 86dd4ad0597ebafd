// PathsCommand: `mpathboot paths [--json]`, one line (or object) per path device.
import MultipathCore
import MultipathSystem

struct PathsCommand {
    let roots: SystemRoots
    let console: Console
    let json: Bool

    func run() -> ExitCode {
        let discovered: (paths: [Path], diagnostics: [Diagnostic])
        do throws(SystemError) {
            discovered = try PathDiscovery(roots: roots).discover()
        } catch {
            console.log(.error, "cannot scan for paths: \(error.message)")
            return .failure
        }
        discovered.diagnostics.forEach(console.log)
        if json {
            console.output(JSONValue.object([("paths", .array(discovered.paths.map(PathReport.json)))]).serialized())
        } else {
            for path in discovered.paths { console.output(PathReport.line(path)) }
        }
        return .success
    }
}
