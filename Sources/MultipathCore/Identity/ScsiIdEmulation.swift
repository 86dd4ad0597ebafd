// ScsiIdEmulation: systemd 252's `scsi_id --export --whitelisted` (src/udev/scsi_id/
// scsi_serial.c, scsi_id.c), reproduced on the bytes it would have read: its 254-byte
// INQUIRY buffers, its 256-byte serial buffers (including what a failed attempt leaves
// behind), its search order, and its export through udev_replace_whitespace/_chars.

/// What `scsi_id --export --whitelisted -d DEV` prints, given the device's data.
///
/// Assumptions, matching a default Debian 12 system: no `/etc/scsi_id.config` (so no
/// per-vendor page override), page 0 was readable and `page83` / `page80` are non-nil
/// exactly when page 0 lists them (scsi_id asks for nothing else; with page 0 unreadable it
/// prints no ID_SERIAL at all, so pass nil for both).
enum ScsiIdEmulation {
    /// SCSI_INQ_BUFF_LEN: scsi_id asks for 254 bytes of every page, so it never sees more.
    static let inquiryBufferLength = 254
    /// MAX_SERIAL_LEN: size of the serial, serial_short and output buffers.
    static let maxSerialLength = 256

    /// scsi_id's designator types (scsi_id.h).
    private static let vendorSpecific: UInt8 = 0
    private static let t10Vendor: UInt8 = 1
    private static let eui64: UInt8 = 2
    private static let naa: UInt8 = 3
    private static let targetPortGroup: UInt8 = 5
    private static let naaDontCare: UInt8 = 0xFF
    private static let binary: UInt8 = 1
    private static let ascii: UInt8 = 2

    private struct SearchEntry {
        var type: UInt8
        var naa: UInt8
        var codeSet: UInt8
        var source: WWIDSource
    }

    /// `id_search_list[]`, in order. The target port group entry only records the group
    /// (ID_TARGET_PORT) and never yields a serial; it is kept because it reads the page too.
    private static let searchList: [SearchEntry] = [
        SearchEntry(type: targetPortGroup, naa: naaDontCare, codeSet: binary, source: .vpd83NAA),
        SearchEntry(type: naa, naa: 6, codeSet: binary, source: .vpd83NAA6),
        SearchEntry(type: naa, naa: 6, codeSet: ascii, source: .vpd83NAA6),
        SearchEntry(type: naa, naa: 5, codeSet: binary, source: .vpd83NAA5),
        SearchEntry(type: naa, naa: 5, codeSet: ascii, source: .vpd83NAA5),
        SearchEntry(type: naa, naa: naaDontCare, codeSet: binary, source: .vpd83NAA),
        SearchEntry(type: naa, naa: naaDontCare, codeSet: ascii, source: .vpd83NAA),
        SearchEntry(type: eui64, naa: naaDontCare, codeSet: binary, source: .vpd83EUI64),
        SearchEntry(type: eui64, naa: naaDontCare, codeSet: ascii, source: .vpd83EUI64),
        SearchEntry(type: t10Vendor, naa: naaDontCare, codeSet: binary, source: .vpd83T10),
        SearchEntry(type: t10Vendor, naa: naaDontCare, codeSet: ascii, source: .vpd83T10),
        SearchEntry(type: vendorSpecific, naa: naaDontCare, codeSet: binary, source: .vpd83Vendor),
        SearchEntry(type: vendorSpecific, naa: naaDontCare, codeSet: ascii, source: .vpd83Vendor),
    ]

    /// The state scsi_id accumulates in `struct scsi_id_device`.
    private struct Device {
        var vendor: [UInt8]
        var model: [UInt8]
        var serial = [UInt8](repeating: 0, count: maxSerialLength)
        var serialShort = [UInt8](repeating: 0, count: maxSerialLength)
        var wwn = [UInt8](repeating: 0, count: 17)
        var wwnExtension = [UInt8](repeating: 0, count: 17)
        var source: WWIDSource = .vpd83Vendor
    }

    /// The result of a run: the lines of scsi_id's output that identification reads, and
    /// which designator produced ID_SERIAL.
    struct Output {
        var output: [UInt8]
        var source: WWIDSource
    }

    /// Runs the emulation. nil means the outcome depends on bytes scsi_id never fetched (a
    /// matching designator reaching past its 254-byte buffer, where the C code reads stack
    /// memory), so it cannot be predicted.
    static func run(inquiry: StandardInquiry, page83: [UInt8]?, page80: [UInt8]?) -> Output? {
        // scsi_std_inquiry(): vendor = bytes 8-15, model = bytes 16-31 (NUL-terminated copies).
        var device = Device(vendor: inquiry.vendor, model: inquiry.product)
        var found = false
        if let page83 {
            switch page83Inquiry(&device, page: buffer(page83)) {
            case .found: found = true
            case .notFound: break
            case .unpredictable: return nil
            }
        }
        if !found, let page80 {
            page80Inquiry(&device, page: buffer(page80))
        }
        return export(device)
    }

    /// A page as scsi_id's memzero'd 254-byte buffer holds it: truncated or zero-padded.
    private static func buffer(_ page: [UInt8]) -> [UInt8] {
        var buffer = Array(page.prefix(inquiryBufferLength))
        while buffer.count < inquiryBufferLength { buffer.append(0) }
        return buffer
    }

    private enum Outcome { case found, notFound, unpredictable }

    /// `do_scsi_page83_inquiry()` after the INQUIRY.
    private static func page83Inquiry(_ device: inout Device, page: [UInt8]) -> Outcome {
        guard page[1] == 0x83 else { return .notFound }
        // Pre-SPC-3 (EMC Symmetrix) replies have a non-zero byte 6, the reserved byte of a
        // first SPC designation descriptor: the whole page is one binary NAA-style id.
        if page[6] != 0 {
            prespc3(&device, page: page)
            return .found
        }
        let pageLength = Int(page[2]) << 8 | Int(page[3])
        for entry in searchList {
            var j = 4
            // The C loop runs to PAGE LENGTH + 3 whatever the buffer holds; past byte 253 it
            // reads stack memory. Treated as zeros there (a zero header never matches), and
            // a match that needs any such byte is reported as unpredictable.
            while j <= pageLength + 3 && j < inquiryBufferLength {
                switch checkFill(&device, page: page, at: j, entry: entry) {
                case .found: return .found
                case .unpredictable: return .unpredictable
                case .notFound: break
                }
                j += Int(byte(page, j + 3)) + 4
            }
        }
        return .notFound
    }

    /// A byte of the 254-byte buffer; beyond it, zero.
    private static func byte(_ page: [UInt8], _ index: Int) -> UInt8 {
        index < page.count ? page[index] : 0
    }

    /// `check_fill_0x83_id()` for the descriptor at `j`.
    private static func checkFill(_ device: inout Device, page: [UInt8], at j: Int,
                                  entry: SearchEntry) -> Outcome {
        // Only logical-unit designators, except the target port group (port association).
        let association = byte(page, j + 1) & 0x30
        if association == 0x10 {
            if entry.type != targetPortGroup { return .notFound }
        } else if association != 0 {
            return .notFound
        }
        if byte(page, j + 1) & 0x0F != entry.type { return .notFound }
        // The NAA nibble is byte 4 of the descriptor even when its length is 0.
        if entry.naa != naaDontCare && entry.naa != byte(page, j + 4) >> 4 { return .notFound }
        if byte(page, j) & 0x0F != entry.codeSet { return .notFound }
        let length = Int(byte(page, j + 3))
        // The only length rule: the text (2 hex digits per binary byte, the type digit and
        // a NUL, plus vendor and model for type 0) must fit in MAX_SERIAL_LEN.
        var needed = entry.codeSet == ascii ? length : length * 2
        needed += 2
        if entry.type == vendorSpecific { needed += 8 + 16 }
        if maxSerialLength < needed { return .notFound }
        if entry.type == targetPortGroup { return .notFound }
        device.serial[0] = hexDigit(entry.type)
        device.source = entry.source
        if entry.type == vendorSpecific {
            // append_vendor_model() fails on a vendor or model containing a NUL; the type
            // digit already written stays in the buffer.
            guard appendVendorModel(&device, at: 1) else { return .notFound }
        }
        // Every byte that decided this match or fills the serial must be one scsi_id
        // actually fetched; otherwise the C code used stack memory.
        let headerEnd = entry.naa == naaDontCare ? j + 4 : j + 5
        if headerEnd > inquiryBufferLength || j + 4 + length > inquiryBufferLength {
            return .unpredictable
        }
        let start = cStringLength(device.serial)
        var out = start
        if entry.codeSet == ascii {
            for i in 0..<length {
                device.serial[out] = page[j + 4 + i]
                out += 1
            }
        } else {
            for i in 0..<length {
                let b = page[j + 4 + i]
                device.serial[out] = UdevText.hexDigits[Int(b >> 4)]
                device.serial[out + 1] = UdevText.hexDigits[Int(b & 0x0F)]
                out += 2
            }
        }
        // strcpy(serial_short, serial + s)
        let short = cStringAt(device.serial, start)
        device.serialShort = short + [UInt8](repeating: 0, count: maxSerialLength - short.count)
        if entry.type == naa {
            // strncpy(wwn, serial + s, 16); strncpy(wwn_vendor_extension, serial + s + 16, 16)
            device.wwn = strncpy(device.serial, from: start, count: 16) + [0]
            device.wwnExtension = strncpy(device.serial, from: start + 16, count: 16) + [0]
        }
        return .found
    }

    /// `check_fill_0x83_prespc3()`: '3' and up to 126 bytes as hex; serial_short is a copy of
    /// the whole serial, type digit included.
    private static func prespc3(_ device: inout Device, page: [UInt8]) {
        device.serial[0] = hexDigit(naa)
        var j = cStringLength(device.serial)
        var i = 0
        while i < Int(page[3]) && j < maxSerialLength - 3 {
            device.serial[j] = UdevText.hexDigits[Int(page[4 + i] >> 4)]
            device.serial[j + 1] = UdevText.hexDigits[Int(page[4 + i] & 0x0F)]
            j += 2
            i += 1
        }
        device.serial[maxSerialLength - 1] = 0
        let copy = strncpy(device.serial, from: 0, count: maxSerialLength - 1)
        device.serialShort = copy + [0]
        device.source = .vpd83PreSPC3
    }

    /// `do_scsi_page80_inquiry()`: 'S', vendor, model, then the serial bytes as they are.
    /// The length is byte 3 only (the high byte is ignored).
    @discardableResult
    private static func page80Inquiry(_ device: inout Device, page: [UInt8]) -> Bool {
        guard page[1] == 0x80 else { return false }
        let length = Int(page[3])
        if maxSerialLength < 1 + 8 + 16 + length { return false }
        // Prepend 'S' so that this cannot collide with a type 0 ('0' + vendor + model) id.
        device.serial[0] = 0x53
        device.source = .vpd80
        guard appendVendorModel(&device, at: 1) else { return false }
        for i in 0..<length { device.serial[25 + i] = page[4 + i] }
        device.serialShort = Array(page[4..<(4 + length)])
            + [UInt8](repeating: 0, count: maxSerialLength - length)
        return true
    }

    /// `append_vendor_model()`: both fields must be free of NULs.
    private static func appendVendorModel(_ device: inout Device, at index: Int) -> Bool {
        guard !device.vendor.contains(0), !device.model.contains(0) else { return false }
        for i in 0..<8 { device.serial[index + i] = device.vendor[i] }
        for i in 0..<16 { device.serial[index + 8 + i] = device.model[i] }
        return true
    }

    /// The export block of `scsi_id()` (scsi_id.c): ID_SERIAL / ID_SERIAL_SHORT through
    /// udev_replace_whitespace(…, 255) and udev_replace_chars(…, NULL); ID_WWN as is.
    private static func export(_ device: Device) -> Output {
        var out: [UInt8] = []
        if device.serial[0] != 0 {
            var serial = UdevText.replaceWhitespace(device.serial, limit: maxSerialLength - 1)
            UdevText.replaceChars(&serial, allow: nil)
            out += UdevKey.line(UdevKey.idSerial, serial)
            var short = UdevText.replaceWhitespace(device.serialShort, limit: maxSerialLength - 1)
            UdevText.replaceChars(&short, allow: nil)
            out += UdevKey.line(UdevKey.idSerialShort, short)
        }
        // "ID_WWN=0x%s": the raw text, which for an ASCII NAA designator may hold anything.
        let wwn = UdevText.cString(device.wwn)
        if !wwn.isEmpty {
            let prefix: [UInt8] = [0x30, 0x78]
            out += UdevKey.line(UdevKey.idWWN, prefix + wwn)
            let extensionText = UdevText.cString(device.wwnExtension)
            out += UdevKey.line(UdevKey.idWWNWithExtension, prefix + wwn + extensionText)
        }
        return Output(output: out, source: device.source)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { UdevText.hexDigits[Int(value)] }

    private static func cStringLength(_ bytes: [UInt8]) -> Int {
        bytes.firstIndex(of: 0) ?? bytes.count
    }

    private static func cStringAt(_ bytes: [UInt8], _ start: Int) -> [UInt8] {
        guard start < bytes.count else { return [] }
        return UdevText.cString(Array(bytes[start...]))
    }

    /// `strncpy(dst, src + from, count)` seen as a C string: at most `count` bytes, up to a NUL.
    private static func strncpy(_ bytes: [UInt8], from: Int, count: Int) -> [UInt8] {
        guard from < bytes.count else { return [] }
        return UdevText.cString(Array(bytes[from..<min(from + count, bytes.count)]))
    }
}
