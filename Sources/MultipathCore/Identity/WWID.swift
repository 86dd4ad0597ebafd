// WWID: a path's multipath WWID as multipathd derives it from the udev property, plus
// mpathboot's refusal to map identifiers that cannot name one device.

/// A multipath WWID: the udev `uid_attribute` value as multipath-tools 0.9.4 stores it.
///
/// Comparison and hashing are by UTF-8 bytes, like multipath's `strcmp`.
public struct WWID: Hashable, Comparable, Sendable {
    /// Why a udev value is not accepted as a WWID.
    public enum Rejection: Error, Equatable, Sendable {
        /// The property is unset or empty (multipathd: "empty udev uid").
        case empty
        /// After truncation the bytes are not valid UTF-8: mpathboot cannot hand the exact
        /// bytes on, so it does not map the device.
        case invalidUTF8
        /// "mpath-" + the WWID does not fit the kernel's 129-byte DM UUID field
        /// (DM_UUID_LEN): multipathd could not create this map either.
        case tooLongForDMUUID(bytes: Int)
        /// Only a type prefix, or a prefix followed only by zeros, 'f's, blanks, '_', '.'
        /// or '-': an unset or placeholder identifier that many devices share.
        case placeholder

        /// A one-line description for a log.
        public var message: String {
            switch self {
            case .empty: return "empty identifier"
            case .invalidUTF8: return "identifier is not valid UTF-8"
            case .tooLongForDMUUID(let bytes): return "identifier of \(bytes) bytes does not fit a DM UUID"
            case .placeholder: return "placeholder identifier"
            }
        }
    }

    /// The WWID, exactly as multipathd will hold it.
    public let value: String

    /// The WWID for a udev property value, or nil (see `parse(udevValue:)`).
    public init?(udevValue: String) {
        guard case .success(let wwid) = WWID.parse(udevBytes: Array(udevValue.utf8)) else { return nil }
        self = wwid
    }

    /// The WWID for a udev result (its `multipathUIDBytes`), or nil.
    public init?(udevSerial: UdevSerial) {
        guard case .success(let wwid) = WWID.parse(udevBytes: udevSerial.multipathUIDBytes) else { return nil }
        self = wwid
    }

    private init(validated bytes: [UInt8]) {
        value = String(decoding: bytes, as: UTF8.self)
    }

    /// The WWID for a udev property value, or why there is none.
    public static func parse(udevValue: String) -> Result<WWID, Rejection> {
        parse(udevBytes: Array(udevValue.utf8))
    }

    /// The WWID for the raw bytes of a udev property value, or why there is none.
    ///
    /// multipath-tools (discovery.c `get_udev_uid`, `get_uid`): the value is copied with
    /// `strlcpy` into `WWID_SIZE` (128) bytes, so at most 127 survive; a value of 128 bytes or
    /// more first goes through `fix_broken_nvme_wwid` (drops hex "00" pairs padding the
    /// serial and model of an "nvme.VVVV-serial-model-nsid" WWID) and is used when that
    /// shortens it below 128; trailing spaces (' ' only) are then stripped.
    ///
    /// mpathboot then rejects, rather than map something that may not be unique:
    /// - an empty result (multipathd would not use the path either);
    /// - bytes that are not valid UTF-8 (cannot be passed on exactly);
    /// - more than 122 bytes ("mpath-" + WWID must fit the 128 characters of a DM UUID);
    /// - placeholders: nothing after the first character, or after a "eui."/"naa."/"t10."/
    ///   "uuid." prefix, but '0', 'f'/'F', ' ', '_', '.' or '-'. This catches all-zero and
    ///   all-ones NAA/EUI-64 designators ("3000000000000000", "2" + zeros), scsi_id's bare
    ///   type digit left by an empty or failed designator ("3", "S", "0"), IBM 3542-style
    ///   all-blank identifiers ("1" + spaces becomes "1"), and all-'_' values.
    public static func parse(udevBytes: [UInt8]) -> Result<WWID, Rejection> {
        var bytes = UdevText.cString(udevBytes)
        if bytes.count >= 128 {
            if let fixed = fixBrokenNVMeWWID(bytes) {
                bytes = fixed
            } else {
                bytes.removeLast(bytes.count - 127)
            }
        }
        while bytes.last == 0x20 { bytes.removeLast() }
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard isValidUTF8(bytes) else { return .failure(.invalidUTF8) }
        guard bytes.count <= 122 else { return .failure(.tooLongForDMUUID(bytes: bytes.count)) }
        guard !isPlaceholder(bytes) else { return .failure(.placeholder) }
        return .success(WWID(validated: bytes))
    }

    /// The device-mapper UUID multipath gives the map: "mpath-" + WWID
    /// (devmapper.h `UUID_PREFIX`, devmapper.c `dm_addmap`).
    public var dmUUID: String { "mpath-" + value }

    // Both over the contiguous UTF-8 at once: the generic elementsEqual and a combine per
    // byte cost 1,600 instructions a lookup of the planner's WWID dictionary.
    public static func == (lhs: WWID, rhs: WWID) -> Bool {
        var a = lhs.value
        var b = rhs.value
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8 { x in b.withUTF8 { y in x.elementsEqual(y) } }
    }

    public func hash(into hasher: inout Hasher) {
        var text = value
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(value.utf8.count)
    }

    public static func < (lhs: WWID, rhs: WWID) -> Bool {
        var a = lhs.value
        var b = rhs.value
        return a.withUTF8 { x in b.withUTF8 { y in x.lexicographicallyPrecedes(y) } }
    }

    private static let fillers: [UInt8] = Array("0fF _.-".utf8)
    private static let textPrefixes: [[UInt8]] = [
        Array("eui.".utf8), Array("naa.".utf8), Array("t10.".utf8), Array("uuid.".utf8),
    ]

    private static func isPlaceholder(_ bytes: [UInt8]) -> Bool {
        var body = Array(bytes.dropFirst())
        for prefix in textPrefixes where bytes.starts(with: prefix) {
            body = Array(bytes.dropFirst(prefix.count))
        }
        return body.allSatisfy { fillers.contains($0) }
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let length = UdevText.utf8EncodedValidUnichar(bytes, at: i)
            guard length > 0 else { return false }
            i += length
        }
        return true
    }

    /// multipath-tools `fix_broken_nvme_wwid()` (discovery.c): for a value shorter than 256
    /// bytes of the form "nvme.XXXX-<serial hex>-<model hex>-<nsid>", removes trailing "00"
    /// pairs from the model and then the serial part; the result when it is below 128 bytes.
    static func fixBrokenNVMeWWID(_ value: [UInt8]) -> [UInt8]? {
        guard value.count < 256, value.count > 9, value.starts(with: Array("nvme.".utf8)),
              value[9] == 0x2D else { return nil }
        for i in 5..<9 where !isHexDigit(value[i]) { return nil }
        var mangled = value
        guard let modelEnd = mangled.lastIndex(of: 0x2D) else { return nil }
        let serialSearchEnd = skipZeroesBackward(&mangled, end: modelEnd)
        guard let serialEnd = mangled[..<serialSearchEnd].lastIndex(of: 0x2D),
              mangled[..<serialEnd].lastIndex(of: 0x2D) == 9 else { return nil }
        _ = skipZeroesBackward(&mangled, end: serialEnd)
        guard mangled.count < 128 else { return nil }
        return mangled
    }

    /// `skip_zeroes_backward()`: removes "00" pairs right before `end`; returns the new end.
    private static func skipZeroesBackward(_ bytes: inout [UInt8], end: Int) -> Int {
        var p = end
        while p >= 2 && bytes[p - 1] == 0x30 && bytes[p - 2] == 0x30 { p -= 2 }
        if p != end { bytes.removeSubrange(p..<end) }
        return p
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }
}
