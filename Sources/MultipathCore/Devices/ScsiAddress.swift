// ScsiAddress: host:channel:target:lun, the "HCTL" that names a SCSI device in sysfs.

/// A SCSI device address, as in the sysfs directory name `H:C:T:L` of a `scsi_device`
/// (kernel `struct scsi_device` fields host_no, channel, id, lun). Also what
/// `SCSI_IOCTL_GET_IDLUN` and `SG_GET_SCSI_ID` return on a 2.4-style system.
public struct ScsiAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var host: UInt32
    public var channel: UInt32
    public var target: UInt32
    public var lun: UInt64

    public init(host: UInt32, channel: UInt32, target: UInt32, lun: UInt64) {
        self.host = host
        self.channel = channel
        self.target = target
        self.lun = lun
    }

    /// Parses `H:C:T:L` (the basename of a scsi_device's sysfs directory).
    public init?(_ text: some StringProtocol) {
        let parts = TextScan.fields(Substring(text), separator: 0x3A)
        guard parts.count == 4,
              let host = UInt32(parts[0]), let channel = UInt32(parts[1]),
              let target = UInt32(parts[2]), let lun = UInt64(parts[3]) else { return nil }
        self.init(host: host, channel: channel, target: target, lun: lun)
    }

    @inline(never)
    public var description: String { "\(host):\(channel):\(target):\(lun)" }

    public static func < (a: ScsiAddress, b: ScsiAddress) -> Bool {
        (a.host, a.channel, a.target, a.lun) < (b.host, b.channel, b.target, b.lun)
    }
}
