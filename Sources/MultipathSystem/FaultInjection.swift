// FaultInjection: crash points for the fault-matrix tests (tests/vm/faults.sh), compiled into
// every build so the shipped binary is the one proven. Off unless MPATHBOOT_FAULT is set.
import CMPath

/// A point in `MapBuilder.createMap` where mpathboot can be made to die, to prove that a
/// later run cleans up what a killed run left (see `StrayMaps`).
///
/// `MPATHBOOT_FAULT=kill-after-create[:NAME]` or `kill-after-load[:NAME]`: right after the
/// `DM_DEVICE_CREATE` (or the table load) of the map NAME (of the first map when no NAME is
/// given), the process sends itself SIGKILL: no rollback, no atexit, exactly what a kill -9 or
/// a power cut at that instant leaves behind. Any other value is ignored.
public struct FaultInjection: Equatable, Sendable {
    public enum Point: String, Equatable, Sendable {
        case afterCreate = "kill-after-create"
        case afterLoad = "kill-after-load"
    }

    public var point: Point?
    /// Only this map (nil: whichever map reaches the point first).
    public var mapName: String?

    public init(point: Point? = nil, mapName: String? = nil) {
        self.point = point
        self.mapName = mapName
    }

    /// No fault: what every normal run has.
    public static let none = FaultInjection()

    /// Parses an `MPATHBOOT_FAULT` value; `.none` for anything it does not know.
    public static func parse(_ value: String) -> FaultInjection {
        var name: String? = nil
        var word = value
        if let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")) {
            word = String(value[..<colon])
            let rest = String(value[value.utf8.index(after: colon)...])
            if !rest.isEmpty { name = rest }
        }
        guard let point = Point(rawValue: word) else { return .none }
        return FaultInjection(point: point, mapName: name)
    }

    /// The fault the environment asks for (`getenv("MPATHBOOT_FAULT")`).
    public static func fromEnvironment() -> FaultInjection {
        guard let value = getenv("MPATHBOOT_FAULT") else { return .none }
        return parse(String(cString: value))
    }

    /// True when `point` for map `name` is where this run must die.
    public func fires(at point: Point, name: String) -> Bool {
        guard let wanted = self.point, wanted == point else { return false }
        return mapName == nil || mapName == name
    }

    /// Dies with SIGKILL when `point` for `name` is the chosen one; returns otherwise.
    func reached(_ point: Point, name: String) {
        guard fires(at: point, name: name) else { return }
        _ = kill(getpid(), SIGKILL)
    }
}
