// EddDevice: one BIOS disk as the kernel's EDD driver shows it (/sys/firmware/edd/int13_devXX).

/// What BIOS INT 13h (Enhanced Disk Drive services, EDD 3.0) said about one BIOS drive,
/// read from `drivers/firmware/edd.c`'s sysfs files.
///
/// - `mbr_signature`: `0x%08x`, the 4 bytes at MBR offset 440 as the BIOS read them;
/// - `sectors`: the total sector count (`%llu`);
/// - `host_bus`: the 4-character bus type then e.g. `\t00:1f.2  channel: 0` (PCI, PCIX, XPRS);
/// - `interface`: the 8-character interface type then e.g. `\tid: 0  lun: 0` (SCSI),
///   `\tdevice: 1` (ATA, SATA), `\twwid: 5000c500 lun: 0` (FIBRE).
///
/// `host_bus` and `interface` exist only for EDD 3.0 devices. Legacy-BIOS boots only: an
/// EFI-stub kernel never queries EDD.
public struct EddDevice: Equatable, Sendable {
    /// The BIOS drive number, 0x80 for the first hard disk.
    public var biosID: UInt8
    public var sectors: UInt64?
    public var mbrSignature: UInt32?
    public var hostBus: String?
    public var interface: String?
    /// `bus:slot.function` from a PCI-type host_bus (`00:1f.2`); the domain is always 0000.
    public var pciSlot: String?
    /// The interface type word (`SCSI`, `SATA`, `ATA`, `FIBRE`, `USB`, ...).
    public var interfaceType: String?
    /// SCSI target id and LUN (SCSI), or the LUN (FIBRE, ATAPI).
    public var targetID: UInt32?
    public var lun: UInt64?

    public init(biosID: UInt8, sectors: UInt64? = nil, mbrSignature: UInt32? = nil,
                hostBus: String? = nil, interface: String? = nil) {
        self.biosID = biosID
        self.sectors = sectors
        self.mbrSignature = mbrSignature
        self.hostBus = hostBus.map(TextScan.trimmed)
        self.interface = interface.map(TextScan.trimmed)
        self.pciSlot = nil
        self.interfaceType = nil
        self.targetID = nil
        self.lun = nil
        if let hostBus = self.hostBus { parseHostBus(hostBus) }
        if let interface = self.interface { parseInterface(interface) }
    }

    /// `0x80`, the form installers (hwinfo's `bios_id`) use.
    @inline(never)
    public var biosIDText: String { "0x" + Hex.byte(biosID) }

    /// The drive number of a directory name `int13_dev80`, nil for anything else.
    public static func biosID(directoryName name: String) -> UInt8? {
        guard name.hasPrefix("int13_dev") else { return nil }
        return UInt8(String(name.dropFirst(9)), radix: 16)
    }

    /// `0x80`, `80h`-free: a BIOS id as a user types it (`0x80`, `0X81`), nil otherwise.
    public static func biosID(text: String) -> UInt8? {
        guard text.hasPrefix("0x") || text.hasPrefix("0X") else { return nil }
        let digits = String(text.dropFirst(2))
        guard !digits.isEmpty, digits.utf8.count <= 2, let value = UInt8(digits, radix: 16), value >= 0x80 else { return nil }
        return value
    }

    /// `mbr_signature`: `0x1234abcd`.
    public static func signature(_ text: String) -> UInt32? {
        let value = TextScan.trimmed(text)
        guard value.hasPrefix("0x") else { return nil }
        return UInt32(String(value.dropFirst(2)), radix: 16)
    }

    private mutating func parseHostBus(_ text: String) {
        let parts = text.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2 else { return }
        let type = TextScan.trimmed(String(parts[0]))
        guard type == "PCI" || type == "PCIX" || type == "XPRS" else { return }
        // `%02x:%02x.%d  channel: %u`
        if let slot = parts[1].split(separator: " ").first, slot.contains(":"), slot.contains(".") {
            pciSlot = String(slot)
        }
    }

    private mutating func parseInterface(_ text: String) {
        let parts = text.split(separator: "\t", maxSplits: 1)
        guard let first = parts.first else { return }
        let type = TextScan.trimmed(String(first))
        interfaceType = type.isEmpty ? nil : type
        guard parts.count == 2 else { return }
        // `id: 0  lun: 0`, `device: 1  lun: 0`, `wwid: 5000c500 lun: 0`: key/value words.
        let words = parts[1].split(separator: " ")
        var index = 0
        while index + 1 < words.count {
            let key = words[index]
            let value = String(words[index + 1])
            switch key {
            case "id:": if type == "SCSI" { targetID = UInt32(value) }
            case "lun:": lun = type == "FIBRE" ? UInt64(value, radix: 16) : UInt64(value)
            default: break
            }
            index += 2
        }
    }
}
