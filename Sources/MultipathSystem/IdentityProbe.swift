// IdentityProbe: completes a SCSI path's identification data. Sysfs attributes first (no
// I/O to the device); SG_IO INQUIRY on the device node only for what sysfs lacks.
import CMPath
import MultipathCore

/// Fetches INQUIRY / VPD data over SG_IO when sysfs did not provide it.
public struct IdentityProbe: Sendable {
    public var devRoot: String
    public var scsi: ScsiGeneric

    public init(devRoot: String = "/dev", scsi: ScsiGeneric = ScsiGeneric()) {
        self.devRoot = devRoot
        self.scsi = scsi
    }

    /// The target port groups of the logical unit behind `device` and their states: REPORT
    /// TARGET PORT GROUPS sent down that path (SPC-4 6.36). nil when the node cannot be opened
    /// or the command fails twice.
    public func targetPortGroups(_ device: BlockDevice) -> [TargetPortGroup]? {
        let node = devRoot + "/" + device.name
        let fd = cmp_open(node, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // The first command after an ALUA change may be answered with UNIT ATTENTION: once more.
        guard let data = (try? scsi.reportTargetPortGroups(fd: fd, device: node))
                ?? (try? scsi.reportTargetPortGroups(fd: fd, device: node)) else { return nil }
        return TargetPortGroups.parse(data)
    }

    /// `data` with the standard INQUIRY and VPD 0x83/0x80 pages filled in over SG_IO where
    /// sysfs had none. A failure is returned as a diagnostic; whatever was read is kept.
    public func complete(_ data: ScsiIdentityData?, for device: BlockDevice)
        -> (data: ScsiIdentityData?, problem: Diagnostic?) {
        guard device.kind == .scsiDisk else { return (data, nil) }
        var result = data ?? ScsiIdentityData(origin: .sgio)
        if result.inquiry != nil && result.page83 != nil { return (result, nil) }
        let node = devRoot + "/" + device.name
        // O_NONBLOCK: never wait on a device that is not ready; read-only: never write a path.
        let fd: Int32
        switch retryingOnInterrupt({ cmp_open(node, O_RDONLY | O_NONBLOCK) }) {
        case .success(let value): fd = value
        case .failure(let errno):
            return (data, Diagnostic(.warning, device.name, "no VPD in sysfs and cannot open \(node) for INQUIRY: \(errno)"))
        }
        defer { close(fd) }
        do throws(SystemError) {
            if result.inquiry == nil { result.inquiry = try scsi.standardInquiry(fd: fd, device: node) }
            if result.page83 == nil {
                result.page83 = try scsi.vpdPage(0x83, fd: fd, device: node)
                result.origin = .sgio
            }
            if result.page80 == nil { result.page80 = try? scsi.vpdPage(0x80, fd: fd, device: node) }
            return (result, nil)
        } catch {
            return (result, Diagnostic(.warning, device.name, error.message))
        }
    }
}
