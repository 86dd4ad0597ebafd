// EddReport: the BIOS disks EDD reported and the map (or plain disk) each one is.

/// Which map or disk one BIOS drive is, and how that was decided.
public struct BiosDiskMatch: Equatable, Sendable {
    /// How the drive was matched (`BiosDiskMatcher`'s order).
    public enum Method: String, Equatable, Sendable {
        /// The MBR signature EDD recorded equals the one read through the map or disk.
        case mbrSignature = "mbr_signature"
        /// The EDD 3.0 device path (PCI slot, SCSI id/LUN) leads to one of the map's paths.
        case edd30Path = "edd30_path"
        /// Only one candidate has EDD's sector count.
        case uniqueSize = "unique_size"
    }

    public var device: EddDevice
    /// The multipath map the drive is (never a path of one).
    public var map: String?
    /// A whole disk that is no path of any map.
    public var disk: String?
    public var method: Method?
    /// True when more than one candidate was left: nothing is resolved then.
    public var ambiguous: Bool
    /// The names still in the running when the matching stopped (for an ambiguous result).
    public var candidates: [String]
    /// What else the installer should know (shared signatures, unreadable signatures).
    public var notes: [String]

    public init(device: EddDevice, map: String? = nil, disk: String? = nil, method: Method? = nil,
                ambiguous: Bool = false, candidates: [String] = [], notes: [String] = []) {
        self.device = device
        self.map = map
        self.disk = disk
        self.method = method
        self.ambiguous = ambiguous
        self.candidates = candidates
        self.notes = notes
    }
}

/// The EDD section of the report. When the firmware gave no EDD data (UEFI boot, the `edd`
/// module not loaded), `available` is false and `reason` says so: nothing is guessed.
public struct EddReport: Equatable, Sendable {
    public var available: Bool
    public var reason: String?
    public var disks: [BiosDiskMatch]

    public init(available: Bool, reason: String?, disks: [BiosDiskMatch]) {
        self.available = available
        self.reason = reason
        self.disks = disks
    }

    public static func unavailable(_ reason: String) -> EddReport {
        EddReport(available: false, reason: reason, disks: [])
    }
}
