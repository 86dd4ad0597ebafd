// PathCheck: what a path checker concluded, and which checker multipath-tools would use.

/// A checker's verdict on one path (multipath-tools `PATH_UP`, `PATH_GHOST`, `PATH_DOWN`).
public enum PathCheck: Equatable, Sendable {
    /// The path answers and can carry I/O.
    case up
    /// The path answers but is a standby / passive port (TUR: NOT READY, ASC/ASCQ 04/0B);
    /// it stays in the map, as multipath-tools keeps ghost paths.
    case ghost
    /// The path failed the check; it goes into the table (so multipathd can reinstate it
    /// later) but is failed in dm-multipath right after the map is made.
    case down(String)

    public var isDown: Bool {
        if case .down = self { return true }
        return false
    }

    public var text: String {
        switch self {
        case .up: return "ready"
        case .ghost: return "ghost"
        case .down(let why): return "faulty (\(why))"
        }
    }
}

/// The checkers mpathboot runs itself (libmultipath/checkers), all built in.
public enum PathCheckerKind: String, Equatable, Sendable {
    /// SG_IO TEST UNIT READY (checkers/tur.c).
    case tur
    /// An O_DIRECT read of the first block (checkers/directio.c).
    case directio
    /// A read of sector 0 (checkers/readsector0.c).
    case readsector0
    /// Only the sysfs device state (checkers/none: always up).
    case none

    /// The checker for a configured name. Vendor checkers (rdac, emc_clariion, hp_sw,
    /// cciss_tur) send vendor commands mpathboot does not implement: TEST UNIT READY stands
    /// in for them at boot, and multipathd runs the real one afterwards.
    public static func forConfigured(_ name: String) -> (kind: PathCheckerKind, substituted: Bool) {
        if let kind = PathCheckerKind(rawValue: name) { return (kind, false) }
        return (.tur, true)
    }
}
