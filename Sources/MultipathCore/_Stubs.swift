// TEMPORARY: stand-ins until the identity and partition cores land. Delete.
public enum WWIDSource: String, Sendable { case vpd83NAA5 = "vpd83-naa5" }
public struct UdevSerial: Equatable { public var idSerial: String; public var source: WWIDSource }
public struct WWID: Hashable, Comparable, Sendable {
    public let value: String
    public init?(udevValue: String) { if udevValue.isEmpty { return nil }; value = udevValue }
    public var dmUUID: String { "mpath-" + value }
    public static func < (a: WWID, b: WWID) -> Bool { a.value < b.value }
}
public struct StandardInquiry { public var tpgs: UInt8 = 0
    public init(bytes: [UInt8]) throws(ScsiParseError) {}
    public init(vendor: String, product: String, revision: String) {} }
public enum ScsiParseError: Error { case x }
public enum ScsiIdentity {
    public static func udevSerial(inquiry: StandardInquiry, page83: [UInt8]?, page80: [UInt8]?) -> UdevSerial? { nil }
    public static func nvmeWWID(sysfsWWID: String) -> UdevSerial? { nil }
}
public enum AtaIdentify { public static func udevSerial(identify: [UInt8]) -> UdevSerial? { nil } }
public enum UnitSerialNumberPage { public static func serialString(_ b: [UInt8]) -> String? { nil } }
