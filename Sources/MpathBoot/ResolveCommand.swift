// ResolveCommand: `mpathboot resolve <name>`, the one multipath map a name means.
import MultipathCore
import MultipathSystem

/// Prints the map a map name, path (`/dev/sdb`, `nvme0n1`), dev_t (`8:16`), WWID,
/// `/dev/disk/by-id` link or BIOS id (`0x80`) stands for; a path always gives its map. Fails,
/// listing the candidates, when the name fits more than one map. Changes nothing: it plans
/// as `probe` does.
struct ResolveCommand<DM: DeviceMapperControl> {
    let probe: AssembleCommand<DM>
    let console: Console
    let query: String
    let json: Bool

    func run() -> ExitCode {
        let run: AssemblyRun
        switch probe.assemble() {
        case .failure(let failure): return failure.status
        case .success(let (value, _)): run = value
        }
        let report = probe.assembly.report(run, mode: .probe, version: MpathBoot.version)
        let resolution = MapResolver.resolve(query, in: report, linkTarget: linkTarget())
        if json {
            console.outputText(JSONValue.object([
                ("schema", .int(Int64(AssemblyReport.schemaVersion))),
                ("query", .string(query)),
                ("map", resolution.map.map(ReportJSON.map) ?? .null),
                ("method", .optional(resolution.method)),
                ("error", .optional(resolution.error)),
                ("candidates", .array(resolution.candidates.map { .string($0) })),
            ]).pretty())
        }
        guard let map = resolution.map, let name = map.name else {
            console.log(.error, resolution.error ?? "\(query): not resolved")
            return .failure
        }
        if !json { console.output(name) }
        console.log(.info, "\(query): \(resolution.method ?? "") → \(name) (\(map.dmUUID), \(map.state.rawValue))")
        return .success
    }

    /// The kernel name a `/dev/...` symlink (by-id, by-path, /dev/mapper) leads to, under
    /// the --dev-root; nil when the query is no such link.
    func linkTarget() -> String? {
        guard query.hasPrefix("/dev/") else { return nil }
        let devRoot = probe.discovery.roots.dev
        let path = devRoot + String(query.dropFirst(4))
        guard let real = FileSystem.realPath(path), let base = real.split(separator: "/").last else { return nil }
        let name = String(base)
        return name == String(query.split(separator: "/").last ?? "") ? nil : name
    }
}
