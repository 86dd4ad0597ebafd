// PathsCommand: `mpathboot paths [--json]`, one line (or object) per path device.
import MultipathCore
import MultipathSystem

struct PathsCommand {
    let discovery: PathDiscovery
    let console: Console
    let json: Bool

    func run() -> ExitCode {
        guard let paths = MpathBoot.discoverPaths(discovery, console: console) else { return .failure }
        if json {
            console.output(JSONValue.object([("paths", .array(paths.map(PathReport.json)))]).serialized())
        } else {
            for path in paths { console.output(PathReport.line(path)) }
        }
        return .success
    }
}
