// ReportPath: one path device as the installer report shows it.

/// One path as the report shows it.
public struct ReportPath: Equatable, Sendable {
    public var dev: String
    public var device: DeviceNumber
    public var hctl: String?
    public var transport: String?
    /// SCSI device state (`running`) or NVMe controller state.
    public var state: String?
    public var priority: Int?
    /// The checker verdict after assemble (`up`, `ghost`, `down`); nil in probe.
    public var checker: String?
    public var checkerDetail: String?

    public init(dev: String, device: DeviceNumber, hctl: String?, transport: String?, state: String?,
                priority: Int?, checker: String?, checkerDetail: String?) {
        self.dev = dev
        self.device = device
        self.hctl = hctl
        self.transport = transport
        self.state = state
        self.priority = priority
        self.checker = checker
        self.checkerDetail = checkerDetail
    }
}
