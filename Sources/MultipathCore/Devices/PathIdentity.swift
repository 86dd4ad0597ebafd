// PathIdentity: the WWID of one path, derived exactly as the installed system's udev
// will derive ID_SERIAL (SCSI) or ID_WWN (NVMe), because multipathd compares the two.

/// The identity of one path: its WWID and where it came from, or why it has none.
public struct PathIdentity: Equatable, Sendable {
    public var wwid: WWID?
    public var source: WWIDSource?
    /// Target Port Group Support from standard INQUIRY byte 5 bits 5:4 (SPC-4 6.6.2):
    /// 0 none, 1 implicit, 2 explicit, 3 both. Decides the `1 alua` hardware handler.
    public var tpgs: UInt8
    /// Unit serial number (VPD 0x80) when known; used to refuse grouping paths that
    /// claim one WWID but report different serials.
    public var serial: String?
    /// Why there is no WWID, for the report (nil when there is one).
    public var problem: String?
    /// The identification properties udev will set (`ID_SERIAL`, `SCSI_IDENT_*`, `ID_WWN`);
    /// empty when unknown. The property blacklist rules look at them.
    public var udevProperties: [String] = []

    public init(wwid: WWID?, source: WWIDSource?, tpgs: UInt8 = 0, serial: String? = nil,
                problem: String? = nil) {
        self.wwid = wwid
        self.source = source
        self.tpgs = tpgs
        self.serial = serial
        self.problem = problem
    }
}

/// Derives a path's identity from its raw identification data.
public enum PathIdentifier {
    /// The identity udev (systemd 252 `60-persistent-storage.rules`) would give `device`.
    ///
    /// Order, as the rules: vendor `ATA` → ata_id; otherwise (or if ata_id yields nothing)
    /// scsi_id's page 0x83 / 0x80 rules; NVMe → the namespace `wwid` attribute (ID_WWN).
    /// A device udev would give no ID gets no WWID, and is never mapped.
    public static func identify(_ device: BlockDevice, data: ScsiIdentityData?) -> PathIdentity {
        switch device.kind {
        case .nvmeNamespace:
            guard let attribute = device.nvmeWWID,
                  let serial = ScsiIdentity.nvmeWWID(sysfsWWID: attribute) else {
                return PathIdentity(wwid: nil, source: nil, problem: "no wwid attribute")
            }
            return finish(serial, tpgs: 0, serialNumber: nil)
        case .scsiDisk:
            guard let data else {
                return PathIdentity(wwid: nil, source: nil, problem: "no identification data")
            }
            let inquiry: StandardInquiry
            if let bytes = data.inquiry, let parsed = try? StandardInquiry(bytes: bytes) {
                inquiry = parsed
            } else {
                inquiry = StandardInquiry(vendor: device.vendor, product: device.model,
                                          revision: device.revision)
            }
            let serialNumber = data.page80.flatMap { UnitSerialNumberPage.serialString($0) }
            // The installed system runs 55-scsi-sg3_id.rules before 60-persistent-storage.rules
            // (ata_id, scsi_id); pages read over SG_IO are invisible to the former.
            guard let serial = ScsiIdentity.udevSerial(
                inquiry: inquiry, page83: data.page83, page80: data.page80,
                ataIdentify: data.ataIdentify, rules: .sg3UtilsThenSystemd,
                vpdPagesInSysfs: data.origin == .sgio ? false : nil) else {
                return PathIdentity(wwid: nil, source: nil, tpgs: inquiry.tpgs,
                                    serial: serialNumber,
                                    problem: "no usable designator in VPD 0x83 or 0x80")
            }
            return finish(serial, tpgs: inquiry.tpgs, serialNumber: serialNumber)
        }
    }

    private static func finish(_ serial: UdevSerial, tpgs: UInt8, serialNumber: String?) -> PathIdentity {
        var identity: PathIdentity
        switch WWID.parse(udevBytes: serial.multipathUIDBytes) {
        case .success(let wwid):
            identity = PathIdentity(wwid: wwid, source: serial.source, tpgs: tpgs, serial: serialNumber)
        case .failure(let rejection):
            identity = PathIdentity(wwid: nil, source: serial.source, tpgs: tpgs, serial: serialNumber,
                                    problem: "\(rejection.message) '\(serial.multipathUID)'")
        }
        identity.udevProperties = serial.propertyNames
        if serial.idWWNBytes != nil && !identity.udevProperties.contains("ID_WWN") {
            identity.udevProperties.append("ID_WWN")
        }
        return identity
    }
}

/// A path device together with its identity: the planner's input.
public struct Path: Equatable, Sendable {
    public var device: BlockDevice
    public var identity: PathIdentity

    public init(device: BlockDevice, identity: PathIdentity) {
        self.device = device
        self.identity = identity
    }
}
