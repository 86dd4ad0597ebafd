// ScsiGeneric: SCSI commands through the SG_IO ioctl (scsi/sg.h), which works on sd block
// nodes and on sg character nodes alike. Used when sysfs does not expose the VPD pages,
// and by the 2.4-style /dev scan.
import CMPath
import MultipathCore

/// Sends SCSI commands to an open device node with `SG_IO`.
///
/// Read-only by construction: the only commands issued are INQUIRY (SPC-4 6.6) and TEST
/// UNIT READY (SPC-4 6.47), both with data flowing from the device or none at all.
public struct ScsiGeneric: Sendable {
    /// Milliseconds the kernel waits for a command before aborting it.
    public var timeoutMilliseconds: UInt32

    public init(timeoutMilliseconds: UInt32 = 5000) {
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Standard INQUIRY data (`INQUIRY`, EVPD=0), 96 bytes requested.
    public func standardInquiry(fd: Int32, device: String) throws(SystemError) -> [UInt8] {
        try send(fd: fd, device: device, command: "INQUIRY", cdb: [0x12, 0, 0, 0, 96, 0], length: 96)
    }

    /// A VPD page (`INQUIRY`, EVPD=1). The buffer is re-sized from the page length in bytes
    /// 2-3 when the first answer was cut short (multipath-tools `sgio_get_vpd`).
    public func vpdPage(_ page: UInt8, fd: Int32, device: String) throws(SystemError) -> [UInt8] {
        var length = 255
        while true {
            let cdb: [UInt8] = [0x12, 0x01, page, UInt8(length >> 8), UInt8(length & 0xFF), 0]
            let data = try send(fd: fd, device: device, command: "INQUIRY VPD 0x\(Hex.byte(page))",
                                cdb: cdb, length: length)
            guard data.count >= 4 else {
                throw .scsi(device: device, command: "INQUIRY VPD 0x\(Hex.byte(page))",
                            detail: "answer of \(data.count) bytes is shorter than a VPD header")
            }
            guard data[1] == page else {
                throw .scsi(device: device, command: "INQUIRY VPD 0x\(Hex.byte(page))",
                            detail: "device returned page 0x\(Hex.byte(data[1]))")
            }
            let full = (Int(data[2]) << 8 | Int(data[3])) + 4
            if full <= length || length >= 0xFFFF {
                return Array(data.prefix(full))
            }
            length = min(full, 0xFFFF)
        }
    }

    /// REPORT TARGET PORT GROUPS (MAINTENANCE IN, service action 0x0A; SPC-4 6.36).
    public func reportTargetPortGroups(fd: Int32, device: String) throws(SystemError) -> [UInt8] {
        let length = 4096
        let cdb: [UInt8] = [0xA3, 0x0A, 0, 0, 0, 0, UInt8(length >> 24), UInt8((length >> 16) & 0xFF),
                            UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF), 0, 0]
        return try send(fd: fd, device: device, command: "REPORT TARGET PORT GROUPS", cdb: cdb, length: length)
    }

    /// TEST UNIT READY: nil when ready, else the reason (decoded sense).
    public func testUnitReady(fd: Int32, device: String) throws(SystemError) {
        _ = try send(fd: fd, device: device, command: "TEST UNIT READY", cdb: [0, 0, 0, 0, 0, 0], length: 0)
    }

    /// Issues one command and returns the bytes the device transferred.
    func send(fd: Int32, device: String, command: String, cdb: [UInt8], length: Int) throws(SystemError) -> [UInt8] {
        var cdbBytes = cdb
        var buffer = [UInt8](repeating: 0, count: max(length, 1))
        var sense = [UInt8](repeating: 0, count: 32)
        var header = sg_io_hdr_t()
        let result: Int32 = cdbBytes.withUnsafeMutableBufferPointer { cdbPointer in
            buffer.withUnsafeMutableBufferPointer { dataPointer in
                sense.withUnsafeMutableBufferPointer { sensePointer in
                    header.interface_id = Int32(UInt8(ascii: "S"))
                    header.dxfer_direction = length > 0 ? SG_DXFER_FROM_DEV : SG_DXFER_NONE
                    header.cmd_len = UInt8(cdbPointer.count)
                    header.mx_sb_len = UInt8(sensePointer.count)
                    header.dxfer_len = UInt32(length)
                    header.dxferp = length > 0 ? UnsafeMutableRawPointer(dataPointer.baseAddress) : nil
                    header.cmdp = cdbPointer.baseAddress
                    header.sbp = sensePointer.baseAddress
                    header.timeout = timeoutMilliseconds
                    while true {
                        let rc = cmp_ioctl(fd, cmp_SG_IO(), &header)
                        if rc == 0 { return 0 }
                        if cmp_errno() != EINTR { return cmp_errno() }
                    }
                }
            }
        }
        if result != 0 {
            throw .ioctl(device: device, request: "SG_IO (\(command))", Errno(rawValue: result))
        }
        // SAM status, host (transport) status, driver status: any of them non-zero is a failure,
        // except CHECK CONDITION with RECOVERED ERROR, which carries good data.
        let status = header.status & 0x7E
        if status != 0 || header.host_status != 0 || (header.driver_status & 0x0F) != 0 {
            let senseBytes = Array(sense.prefix(Int(header.sb_len_wr)))
            if let decoded = SenseData(senseBytes), decoded.senseKey == 0x1 {
                // Recovered error: the data is valid.
            } else {
                var detail = "SCSI status 0x\(Hex.byte(header.status)), host 0x\(Hex.byte(UInt8(truncatingIfNeeded: header.host_status))), driver 0x\(Hex.byte(UInt8(truncatingIfNeeded: header.driver_status)))"
                if let decoded = SenseData(senseBytes) { detail = decoded.text }
                if header.duration >= timeoutMilliseconds && header.host_status != 0 {
                    detail += " (timed out after \(timeoutMilliseconds) ms)"
                }
                throw .scsi(device: device, command: command, detail: detail)
            }
        }
        let transferred = max(0, length - Int(header.resid))
        return Array(buffer.prefix(transferred))
    }
}
