// AssemblyRun: what one assemble or probe run found and did, stage by stage.
import MultipathCore

/// What one assemble or probe run found and did.
public struct AssemblyRun: Sendable {
    public var paths: [Path]
    public var config: PolicyConfig
    public var plan: Plan
    /// Checker verdicts by path (empty in a probe: checkers run only when assembling).
    public var checks: [DeviceNumber: PathCheck]
    public var outcomes: [MapOutcome]
    public var deviceMapperLoaded: Bool
    public var scan: String
    public var diagnostics: [Diagnostic]

    public init(paths: [Path], config: PolicyConfig, plan: Plan, deviceMapperLoaded: Bool, scan: String) {
        self.paths = paths
        self.config = config
        self.plan = plan
        self.checks = [:]
        self.outcomes = []
        self.deviceMapperLoaded = deviceMapperLoaded
        self.scan = scan
        self.diagnostics = []
    }
}

/// One checker run, for the log.
public struct CheckerRun: Sendable {
    public var map: String
    public var path: String
    public var configured: String
    public var kind: PathCheckerKind
    public var substituted: Bool
    public var verdict: PathCheck
}
