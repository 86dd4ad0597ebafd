// VPDDesignator: one designation descriptor of the Device Identification VPD page, with the
// header fields decoded into small open value types (unknown values stay representable).

/// One designation descriptor of VPD page 0x83 (SPC-4 7.8.6.1, table 459).
public struct VPDDesignator: Equatable, Sendable {
    /// CODE SET, byte 0 bits 3:0 (SPC-4 table 460).
    public struct CodeSet: RawRepresentable, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// 1: the designator is binary.
        public static let binary = CodeSet(rawValue: 1)
        /// 2: the designator is printable ASCII.
        public static let ascii = CodeSet(rawValue: 2)
        /// 3: the designator is UTF-8.
        public static let utf8 = CodeSet(rawValue: 3)
    }

    /// ASSOCIATION, byte 1 bits 5:4 (SPC-4 table 461).
    public struct Association: RawRepresentable, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// 0: the addressed logical unit. The only association a WWID may come from.
        public static let logicalUnit = Association(rawValue: 0)
        /// 1: the target port that received the INQUIRY.
        public static let targetPort = Association(rawValue: 1)
        /// 2: the SCSI target device containing the logical unit.
        public static let targetDevice = Association(rawValue: 2)
    }

    /// DESIGNATOR TYPE, byte 1 bits 3:0 (SPC-4 table 462).
    public struct DesignatorType: RawRepresentable, Hashable, Sendable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// 0: vendor specific.
        public static let vendorSpecific = DesignatorType(rawValue: 0)
        /// 1: T10 vendor ID based (8-byte vendor ID followed by vendor-specific data).
        public static let t10VendorID = DesignatorType(rawValue: 1)
        /// 2: EUI-64 based (8, 12 or 16 bytes).
        public static let eui64 = DesignatorType(rawValue: 2)
        /// 3: NAA (8 or 16 bytes; the NAA field is the first nibble).
        public static let naa = DesignatorType(rawValue: 3)
        /// 4: relative target port identifier.
        public static let relativeTargetPort = DesignatorType(rawValue: 4)
        /// 5: target port group.
        public static let targetPortGroup = DesignatorType(rawValue: 5)
        /// 6: logical unit group.
        public static let logicalUnitGroup = DesignatorType(rawValue: 6)
        /// 7: MD5 logical unit identifier.
        public static let md5LogicalUnit = DesignatorType(rawValue: 7)
        /// 8: SCSI name string (UTF-8, "eui.", "naa." or "iqn." prefixed).
        public static let scsiNameString = DesignatorType(rawValue: 8)
        /// 9: protocol specific port identifier.
        public static let protocolSpecificPort = DesignatorType(rawValue: 9)
        /// 0xA: UUID (SPC-5).
        public static let uuid = DesignatorType(rawValue: 0x0A)
    }

    /// Offset of the descriptor header in the page (4 for the first descriptor).
    public var offset: Int
    /// PROTOCOL IDENTIFIER, byte 0 bits 7:4 (meaningful only when `piv` is set).
    public var protocolIdentifier: UInt8
    public var codeSet: CodeSet
    /// PIV, byte 1 bit 7.
    public var piv: Bool
    public var association: Association
    public var type: DesignatorType
    /// The DESIGNATOR field: exactly DESIGNATOR LENGTH (byte 3) bytes.
    public var identifier: [UInt8]

    /// Builds a descriptor from its header bytes and designator.
    public init(offset: Int, byte0: UInt8, byte1: UInt8, identifier: [UInt8]) {
        self.offset = offset
        self.protocolIdentifier = byte0 >> 4
        self.codeSet = CodeSet(rawValue: byte0 & 0x0F)
        self.piv = byte1 & 0x80 != 0
        self.association = VPDDesignator.association(byte1: byte1)
        self.type = VPDDesignator.type(byte1: byte1)
        self.identifier = identifier
    }

    /// ASSOCIATION, byte 1 bits 5:4 of a descriptor header.
    public static func association(byte1: UInt8) -> Association {
        Association(rawValue: (byte1 >> 4) & 0x03)
    }

    /// DESIGNATOR TYPE, byte 1 bits 3:0 of a descriptor header.
    public static func type(byte1: UInt8) -> DesignatorType {
        DesignatorType(rawValue: byte1 & 0x0F)
    }

    /// The NAA field (first nibble) of an NAA designator; nil for other types or when empty.
    /// 2 = IEEE Extended, 3 = Locally Assigned, 5 = IEEE Registered, 6 = IEEE Registered
    /// Extended (SPC-4 7.8.6.6).
    public var naa: UInt8? {
        guard type == .naa, let first = identifier.first else { return nil }
        return first >> 4
    }
}
