// ScsiIdentityData: the raw identification bytes of one SCSI path, however they were
// obtained (sysfs binary attributes or SG_IO INQUIRY). The core derives the WWID from them.

/// Raw identification data of a SCSI device.
///
/// Counterparts: sysfs `device/inquiry`, `device/vpd_pg83`, `device/vpd_pg80` (kernel
/// `scsi_sysfs.c`), or INQUIRY with EVPD pages 0x83/0x80 sent through SG_IO (SPC-4 6.6).
public struct ScsiIdentityData: Equatable, Sendable {
    /// Where the bytes came from, for reports.
    public enum Origin: String, Equatable, Sendable {
        /// sysfs binary attributes: what the real root's udev rules read too.
        case sysfs
        /// SG_IO because sysfs lacked the pages: the real root's sysfs will lack them too.
        case sgio
        /// SG_IO from the 2.4-style /dev scan, without /sys: the real root will have sysfs,
        /// whose VPD attributes the kernel fills for any device that has the pages.
        case devScan
    }

    /// Standard INQUIRY data, when available.
    public var inquiry: [UInt8]?
    /// Device Identification VPD page (0x83), header included.
    public var page83: [UInt8]?
    /// Unit Serial Number VPD page (0x80), header included.
    public var page80: [UInt8]?
    /// ATA IDENTIFY DEVICE data (512 bytes) for disks whose vendor is `ATA`, as ata_id reads it.
    public var ataIdentify: [UInt8]?
    public var origin: Origin

    public init(inquiry: [UInt8]? = nil, page83: [UInt8]? = nil, page80: [UInt8]? = nil,
                ataIdentify: [UInt8]? = nil, origin: Origin) {
        self.inquiry = inquiry
        self.page83 = page83
        self.page80 = page80
        self.ataIdentify = ataIdentify
        self.origin = origin
    }
}
