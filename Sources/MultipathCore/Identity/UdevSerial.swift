// UdevSerial: the identification properties udev stores for one disk. The values are kept
// as bytes because that is what multipathd compares; the String views are for display.

/// The identification properties udev sets for a disk (ID_SERIAL, ID_SERIAL_SHORT, ID_WWN,
/// ID_WWN_WITH_EXTENSION), and the one multipath-tools reads as the WWID.
public struct UdevSerial: Equatable, Sendable {
    /// The udev property multipath-tools uses as the WWID (`uid_attribute`): ID_SERIAL for
    /// SCSI disks (`DEFAULT_UID_ATTRIBUTE`), ID_WWN for NVMe (built-in "NVMe" hwentry).
    public enum UidAttribute: String, Equatable, Sendable {
        case idSerial = "ID_SERIAL"
        case idWWN = "ID_WWN"
    }

    /// ID_SERIAL, byte for byte; nil when udev sets none (NVMe results carry ID_WWN only).
    public var idSerialBytes: [UInt8]?
    /// ID_SERIAL_SHORT; nil when udev sets none (e.g. ata_id without a serial number).
    public var idSerialShortBytes: [UInt8]?
    /// ID_WWN ("0x" + at most 16 hex digits for SCSI; the `wwid` attribute for NVMe).
    public var idWWNBytes: [UInt8]?
    /// ID_WWN_WITH_EXTENSION.
    public var idWWNWithExtensionBytes: [UInt8]?
    /// Which designator or tool produced the identifier multipath reads.
    public var source: WWIDSource
    public var uidAttribute: UidAttribute
    /// The names of all identification properties the rules set (`SCSI_IDENT_LUN_NAA_REG`,
    /// `ID_WWN`, ...): multipath-tools' property blacklist (`blacklist.c:filter_property`)
    /// looks at these.
    public var propertyNames: [String] = []

    public init(idSerialBytes: [UInt8]?, idSerialShortBytes: [UInt8]? = nil,
                idWWNBytes: [UInt8]? = nil, idWWNWithExtensionBytes: [UInt8]? = nil,
                source: WWIDSource, uidAttribute: UidAttribute = .idSerial) {
        self.idSerialBytes = idSerialBytes
        self.idSerialShortBytes = idSerialShortBytes
        self.idWWNBytes = idWWNBytes
        self.idWWNWithExtensionBytes = idWWNWithExtensionBytes
        self.source = source
        self.uidAttribute = uidAttribute
    }

    public var idSerial: String? { UdevSerial.text(idSerialBytes) }
    public var idSerialShort: String? { UdevSerial.text(idSerialShortBytes) }
    public var idWWN: String? { UdevSerial.text(idWWNBytes) }
    public var idWWNWithExtension: String? { UdevSerial.text(idWWNWithExtensionBytes) }

    /// The value of `uidAttribute`: what multipathd copies into the path's WWID before
    /// truncating it (see `WWID`). Empty when that property is unset.
    public var multipathUIDBytes: [UInt8] {
        (uidAttribute == .idSerial ? idSerialBytes : idWWNBytes) ?? []
    }

    /// `multipathUIDBytes` as text.
    public var multipathUID: String { String(decoding: multipathUIDBytes, as: UTF8.self) }

    /// Builds the result from the final property table of a udev event.
    init?(_ properties: UdevProperties, source: WWIDSource) {
        guard let serial = properties.value(UdevKey.idSerial) else { return nil }
        self.init(idSerialBytes: serial,
                  idSerialShortBytes: properties.value(UdevKey.idSerialShort),
                  idWWNBytes: properties.value(UdevKey.idWWN),
                  idWWNWithExtensionBytes: properties.value(UdevKey.idWWNWithExtension),
                  source: source)
        propertyNames = properties.keys.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func text(_ bytes: [UInt8]?) -> String? {
        guard let bytes else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
