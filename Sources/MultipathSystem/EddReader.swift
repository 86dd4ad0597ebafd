// EddReader: the BIOS disks the kernel's EDD driver recorded (/sys/firmware/edd), and the
// MBR signature of a map or disk to compare them with. Only reads.
import MultipathCore

/// Reads `/sys/firmware/edd/int13_dev*/` (drivers/firmware/edd.c) under an injectable root.
public struct EddReader: Sendable {
    public var sysfsRoot: String

    public init(sysfsRoot: String = "/sys") {
        self.sysfsRoot = sysfsRoot
    }

    /// The EDD entries in BIOS-id order, or why there are none. Absent EDD is said, never
    /// guessed around: an EFI-stub kernel never asks the BIOS, and the `edd` module must be
    /// loaded for the directory to exist.
    public func read() -> (devices: [EddDevice], unavailable: String?) {
        let base = sysfsRoot + "/firmware/edd"
        guard FileSystem.exists(base) else {
            if FileSystem.exists(sysfsRoot + "/firmware/efi") {
                return ([], "booted through UEFI: the firmware gives no EDD data (\(base) does not exist)")
            }
            return ([], "\(base) does not exist (legacy BIOS boot with the edd module loaded is needed)")
        }
        var devices: [EddDevice] = []
        for name in (try? FileSystem.listDirectory(base)) ?? [] {
            guard let id = EddDevice.biosID(directoryName: name) else { continue }
            let dir = base + "/" + name
            devices.append(EddDevice(
                biosID: id,
                sectors: FileSystem.attribute(dir + "/sectors").flatMap { UInt64($0) },
                mbrSignature: FileSystem.attribute(dir + "/mbr_signature").flatMap(EddDevice.signature),
                hostBus: FileSystem.attribute(dir + "/host_bus"),
                interface: FileSystem.attribute(dir + "/interface")))
        }
        if devices.isEmpty { return ([], "\(base) lists no int13_dev entries") }
        // listDirectory sorts by name: int13_dev80 < int13_dev81 < ... (two hex digits).
        return (devices, nil)
    }

    /// The MBR disk signature (4 bytes at offset 440, little-endian, as edd.c records it) of
    /// the device at `path`, opened read-only; nil when it cannot be read. Callers pass a
    /// map's node or a plain disk, never one path of a multipath LUN.
    public static func mbrSignature(devicePath path: String) -> UInt32? {
        guard let bytes = try? FileSystem.readBytes(path, limit: 512), bytes.count >= 444 else { return nil }
        return UInt32(bytes[440]) | UInt32(bytes[441]) << 8 | UInt32(bytes[442]) << 16 | UInt32(bytes[443]) << 24
    }
}
