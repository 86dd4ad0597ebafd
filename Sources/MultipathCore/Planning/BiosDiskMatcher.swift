// BiosDiskMatcher: which multipath map (or plain disk) a BIOS drive number such as 0x80 is.
// Pure: EDD entries and candidates in, matches out.

/// A disk a BIOS drive can be: a multipath map, or a whole disk that is no path of a map.
/// A path of a map is never a candidate itself; its map is (AutoYaST's bios_id trap).
public struct BiosDiskCandidate: Equatable, Sendable {
    /// Where one of the candidate's devices sits: for a map, each of its paths.
    public struct Location: Equatable, Sendable {
        /// The canonical sysfs path (`/sys/devices/pci0000:00/0000:00:03.0/...`).
        public var sysfsPath: String
        public var address: ScsiAddress?

        public init(sysfsPath: String, address: ScsiAddress?) {
            self.sysfsPath = sysfsPath
            self.address = address
        }
    }

    public var name: String
    public var isMap: Bool
    public var sizeSectors: UInt64
    /// The 4 bytes at offset 440, read through the map (or the plain disk); nil when they
    /// could not be read (in a probe, the map does not exist yet).
    public var mbrSignature: UInt32?
    public var locations: [Location]

    public init(name: String, isMap: Bool, sizeSectors: UInt64, mbrSignature: UInt32?, locations: [Location]) {
        self.name = name
        self.isMap = isMap
        self.sizeSectors = sizeSectors
        self.mbrSignature = mbrSignature
        self.locations = locations
    }
}

/// Matches EDD entries to candidates: by MBR signature, then the EDD 3.0 device path, then
/// a unique size. Each step narrows the set the previous one left (or the whole set when it
/// matched nothing); the first step that leaves exactly one candidate decides. More than
/// one left at the end is ambiguous and resolves nothing.
public enum BiosDiskMatcher {
    public static func match(_ devices: [EddDevice], candidates: [BiosDiskCandidate]) -> [BiosDiskMatch] {
        devices.map { match($0, among: devices, candidates: candidates) }
    }

    static func match(_ device: EddDevice, among devices: [EddDevice], candidates: [BiosDiskCandidate]) -> BiosDiskMatch {
        var result = BiosDiskMatch(device: device)
        var left = candidates
        var matchedAny = false

        if let signature = device.mbrSignature, signature != 0 {
            // A BIOS may report one signature for several drives ("ghost" entries): then
            // the signature tells nothing.
            let sharing = devices.filter { $0.biosID != device.biosID && $0.mbrSignature == signature }
            if !sharing.isEmpty {
                result.notes.append("mbr_signature \(signatureText(signature)) is shared with \(sharing.map { $0.biosIDText }.joined(separator: ", ")); not used")
            } else {
                let unread = left.filter { $0.mbrSignature == nil }.map { $0.name }
                if !unread.isEmpty {
                    result.notes.append("MBR signature not readable on \(unread.joined(separator: ", "))")
                }
                let matching = left.filter { $0.mbrSignature == signature }
                if !matching.isEmpty {
                    left = matching
                    matchedAny = true
                    if let done = decide(&result, left, .mbrSignature) { return done }
                }
            }
        }
        if let slot = device.pciSlot {
            let matching = left.filter { candidate in
                candidate.locations.contains { location in onPath(location, slot: slot, device: device) }
            }
            if !matching.isEmpty {
                left = matching
                matchedAny = true
                if let done = decide(&result, left, .edd30Path) { return done }
            }
        }
        if let sectors = device.sectors, sectors > 0 {
            let matching = left.filter { $0.sizeSectors == sectors }
            if !matching.isEmpty {
                left = matching
                matchedAny = true
                if let done = decide(&result, left, .uniqueSize) { return done }
            }
        }
        if !matchedAny {
            result.notes.append("no disk matches its signature, device path or size")
            return result
        }
        result.ambiguous = true
        result.candidates = left.map { $0.name }
        return result
    }

    /// Sets the result when exactly one candidate is left.
    private static func decide(_ result: inout BiosDiskMatch, _ left: [BiosDiskCandidate],
                               _ method: BiosDiskMatch.Method) -> BiosDiskMatch? {
        guard left.count == 1 else { return nil }
        result.method = method
        result.candidates = [left[0].name]
        if left[0].isMap { result.map = left[0].name } else { result.disk = left[0].name }
        return result
    }

    /// True when the EDD device path (PCI slot, and for SCSI the target id and LUN) leads to
    /// `location`. EDD gives no PCI domain; it is 0000 on the machines that have EDD.
    static func onPath(_ location: BiosDiskCandidate.Location, slot: String, device: EddDevice) -> Bool {
        guard TextScan.contains(location.sysfsPath, "/0000:" + slot + "/") else { return false }
        if let target = device.targetID, let address = location.address, address.target != target { return false }
        if device.interfaceType == "SCSI" || device.interfaceType == "FIBRE",
           let lun = device.lun, let address = location.address, address.lun != lun {
            return false
        }
        return true
    }

    @inline(never)
    static func signatureText(_ value: UInt32) -> String {
        "0x" + Hex.string([UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF),
                           UInt8(value & 0xFF)])
    }
}
