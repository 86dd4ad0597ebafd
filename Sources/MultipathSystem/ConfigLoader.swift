// ConfigLoader: reads the configuration files multipath-tools reads — /etc/multipath.conf,
// /etc/multipath/conf.d/*.conf, the bindings and wwids files — and hands their text to the
// core parsers. Only reads; the bindings and wwids files are never written at boot.
import MultipathCore

/// Loads the planner's configuration from an /etc tree.
public struct ConfigLoader: Sendable {
    public var etcRoot: String
    /// `--config FILE`: replaces /etc/multipath.conf and the conf.d files.
    public var configFile: String?
    /// `mpathboot.find_multipaths=` from the kernel command line: replaces the defaults
    /// section's find_multipaths (installers boot with `yes` before any wwids file exists).
    public var findMultipaths: String?

    public init(etcRoot: String = "/etc", configFile: String? = nil, findMultipaths: String? = nil) {
        self.etcRoot = etcRoot
        self.configFile = configFile
        self.findMultipaths = findMultipaths
    }

    /// The configuration, and what was noticed while reading it. A file that cannot be read
    /// or parsed is reported and skipped: configuration never stops a boot.
    public func load() -> (config: PolicyConfig, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var files: [(path: String, text: String)] = []
        let mainFile = configFile ?? etcRoot + "/multipath.conf"
        if let text = read(mainFile, required: configFile != nil, into: &diagnostics) {
            files.append((mainFile, text))
        }
        if configFile == nil {
            let dir = etcRoot + "/multipath/conf.d"
            let names = (try? FileSystem.listDirectory(dir)) ?? []
            for name in MultipathConfigParser.configDirOrder(names) {
                if let text = read(dir + "/" + name, required: true, into: &diagnostics) {
                    files.append((dir + "/" + name, text))
                }
            }
        }
        let policy = PolicyConfig.fromConfigFiles(files)
        diagnostics += policy.diagnostics
        var config = policy.config
        let wwidsPath = etcRoot + "/multipath/wwids"
        if let text = read(wwidsPath, required: false, into: &diagnostics) {
            let parsed = WwidsFile.parse(text, path: wwidsPath)
            diagnostics += parsed.diagnostics
            config.knownWWIDs = Set(parsed.wwids)
        }
        let bindingsPath = etcRoot + "/multipath/bindings"
        if let text = read(bindingsPath, required: false, into: &diagnostics) {
            let parsed = BindingsFile.parse(text, path: bindingsPath)
            diagnostics += parsed.diagnostics
            config.bindings = parsed.bindings.aliasByWWID
        }
        if let mode = findMultipaths {
            config.defaults.values[.findMultipaths] = mode
            diagnostics.append(Diagnostic(.info, "kernel command line", "find_multipaths \(mode) (mpathboot.find_multipaths)"))
        }
        return (config, diagnostics)
    }

    /// The file's text, nil when it is absent (a note only when `required`) or unreadable.
    private func read(_ path: String, required: Bool, into diagnostics: inout [Diagnostic]) -> String? {
        guard FileSystem.exists(path) else {
            if required { diagnostics.append(Diagnostic(.warning, path, "does not exist; ignored")) }
            return nil
        }
        do throws(SystemError) {
            return try FileSystem.readText(path)
        } catch {
            diagnostics.append(Diagnostic(.warning, path, "\(error.message); ignored, built-in defaults apply"))
            return nil
        }
    }
}
