// DevScan: path discovery without /sys, the way multipath did it on Linux 2.4 (seed 000):
// probe a fixed set of /dev/sg* and /dev/sd* nodes, pair them on their SCSI address, and
// read size and identity by ioctl. Read-only, non-blocking opens; nothing is written.
import CMPath
import MultipathCore

/// Enumerates SCSI disks from device nodes alone.
///
/// - sd nodes: `/dev/sda` … `/dev/sdzz` (the first 702 names), `SCSI_IOCTL_GET_IDLUN` for
///   the address, `BLKGETSIZE64`/`BLKSSZGET` for the size, `stat` for the dev_t.
/// - sg nodes: `/dev/sg0` … `/dev/sg255`, `SG_GET_SCSI_ID` for the address. When an sd node
///   pairs with an sg node (same host/channel/target/lun), INQUIRY goes through the sg node,
///   as a 2.4 kernel requires; otherwise through the sd node (SG_IO on block devices, 2.6+).
public struct DevScan: Sendable {
    public var devRoot: String
    public var procRoot: String
    public var scsi: ScsiGeneric

    public init(devRoot: String = "/dev", procRoot: String = "/proc", scsi: ScsiGeneric = ScsiGeneric()) {
        self.devRoot = devRoot
        self.procRoot = procRoot
        self.scsi = scsi
    }

    /// The fixed sd node names: `sda`…`sdz`, then `sdaa`…`sdzz`.
    public static var diskNames: [String] {
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var names: [String] = []
        for a in letters { names.append("sd" + String(decoding: [a], as: UTF8.self)) }
        for a in letters {
            for b in letters { names.append("sd" + String(decoding: [a, b], as: UTF8.self)) }
        }
        return names
    }

    /// Every SCSI disk node that answers, with identification data read over SG_IO.
    public func pathDevices() -> (devices: [(BlockDevice, ScsiIdentityData?)], problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        let generic = genericNodes()
        let mounted = Sysfs(root: "/nonexistent", procRoot: procRoot).mountedDevices()
        var devices: [(BlockDevice, ScsiIdentityData?)] = []
        for name in DevScan.diskNames {
            let node = devRoot + "/" + name
            guard let info = try? FileSystem.status(node), cmp_s_isblk(info.st_mode) != 0 else { continue }
            let devt = DeviceNumber(major: cmp_major(info.st_rdev), minor: cmp_minor(info.st_rdev))
            // Partition nodes share the sd names' major; whole disks have minor % 16 == 0.
            guard devt.minor % 16 == 0 else { continue }
            let fd: Int32
            switch retryingOnInterrupt({ cmp_open(node, O_RDONLY | O_NONBLOCK) }) {
            case .success(let value): fd = value
            case .failure(let errno):
                // ENXIO/ENOMEDIUM: a node without a device behind it, normal in a fixed scan.
                if errno != .noDevice && errno != .noSuchFileOrDirectory {
                    problems.append(Diagnostic(.warning, name, "open \(node): \(errno)"))
                }
                continue
            }
            defer { close(fd) }
            do throws(SystemError) {
                devices.append(try probe(name: name, node: node, fd: fd, devt: devt, generic: generic,
                                         mounted: mounted))
            } catch {
                problems.append(Diagnostic(.warning, name, error.message))
            }
        }
        return (devices, problems)
    }

    private func probe(name: String, node: String, fd: Int32, devt: DeviceNumber,
                       generic: [ScsiAddress: String], mounted: Set<DeviceNumber>)
        throws(SystemError) -> (BlockDevice, ScsiIdentityData?) {
        var device = BlockDevice(name: name, kind: .scsiDisk, devt: devt)
        var size: UInt64 = 0
        guard cmp_ioctl(fd, cmp_BLKGETSIZE64(), &size) == 0 else {
            throw .ioctl(device: node, request: "BLKGETSIZE64", Errno.current)
        }
        device.sizeSectors = size / 512
        var blockSize: Int32 = 512
        if cmp_ioctl(fd, cmp_BLKSSZGET(), &blockSize) == 0 && blockSize > 0 {
            device.logicalBlockSize = UInt32(blockSize)
        }
        // struct scsi_idlun { int dev_id; int host_unique_id; }: dev_id packs
        // id | lun << 8 | channel << 16 | host << 24 (drivers/scsi/scsi_ioctl.c).
        var idlun: (Int32, Int32) = (0, 0)
        if cmp_ioctl(fd, cmp_SCSI_IOCTL_GET_IDLUN(), &idlun) == 0 {
            let packed = UInt32(bitPattern: idlun.0)
            device.scsiAddress = ScsiAddress(host: packed >> 24, channel: (packed >> 16) & 0xFF,
                                             target: packed & 0xFF, lun: UInt64((packed >> 8) & 0xFF))
        }
        device.mounted = mounted.contains(devt)
            || mounted.contains { $0.major == devt.major && $0.minor > devt.minor && $0.minor < devt.minor + 16 }

        // INQUIRY through the paired sg node when there is one (the 2.4 way).
        var inquiryNode = node
        var inquiryFD = fd
        var sgFD: Int32 = -1
        if let address = device.scsiAddress, let sg = generic[address] {
            sgFD = cmp_open(sg, O_RDONLY | O_NONBLOCK)
            if sgFD >= 0 {
                inquiryNode = sg
                inquiryFD = sgFD
            }
        }
        defer { if sgFD >= 0 { close(sgFD) } }
        var data = ScsiIdentityData(origin: .devScan)
        let inquiry = try scsi.standardInquiry(fd: inquiryFD, device: inquiryNode)
        data.inquiry = inquiry
        if let parsed = try? StandardInquiry(bytes: inquiry) {
            device.vendor = parsed.vendorString
            device.model = parsed.productString
            device.revision = parsed.revisionString
            device.removable = parsed.isRemovable
        }
        data.page83 = try? scsi.vpdPage(0x83, fd: inquiryFD, device: inquiryNode)
        data.page80 = try? scsi.vpdPage(0x80, fd: inquiryFD, device: inquiryNode)
        return (device, data)
    }

    /// sg nodes by the SCSI address they reach (`SG_GET_SCSI_ID`).
    func genericNodes() -> [ScsiAddress: String] {
        var out: [ScsiAddress: String] = [:]
        for index in 0..<256 {
            let node = devRoot + "/sg\(index)"
            guard FileSystem.exists(node) else { continue }
            let fd = cmp_open(node, O_RDONLY | O_NONBLOCK)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var id = sg_scsi_id()
            guard cmp_ioctl(fd, cmp_SG_GET_SCSI_ID(), &id) == 0 else { continue }
            let address = ScsiAddress(host: UInt32(id.host_no), channel: UInt32(id.channel),
                                      target: UInt32(id.scsi_id), lun: UInt64(id.lun))
            out[address] = node
        }
        return out
    }
}
