// VPDGenerators: builders for INQUIRY data, VPD pages 0x83 / 0x80 and ATA IDENTIFY data,
// modelled on multipath-tools tests/vpd.c (create_vpd83, create_naa_desc, ...), so each
// test states its input as designators instead of byte soup.

import MultipathCore

/// Test data builders.
enum VPD {
    /// Bytes from a hex string ("5000c500..."); spaces are ignored.
    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8).filter { $0 != 0x20 }
        precondition(digits.count % 2 == 0, "odd hex string")
        func value(_ c: UInt8) -> UInt8 {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: preconditionFailure("not hex")
            }
        }
        return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
    }

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// `text` cut or padded with `pad` to `width` bytes (INQUIRY fields are space padded).
    static func field(_ text: String, _ width: Int, pad: UInt8 = 0x20) -> [UInt8] {
        var bytes = Array(text.utf8.prefix(width))
        while bytes.count < width { bytes.append(pad) }
        return bytes
    }

    // MARK: Standard INQUIRY

    /// Standard INQUIRY data (SPC-4 6.6.2): 36 bytes, or more with `extra`.
    static func inquiry(vendor: String, product: String, revision: String = "0001",
                        version: UInt8 = 6, deviceType: UInt8 = 0, tpgs: UInt8 = 0,
                        extra: Int = 0) -> [UInt8] {
        [deviceType, 0, version, 0x02, UInt8(31 + extra), tpgs << 4, 0, 0x02]
            + field(vendor, 8) + field(product, 16) + field(revision, 4)
            + [UInt8](repeating: 0, count: extra)
    }

    static func standardInquiry(vendor: String, product: String, revision: String = "0001",
                                version: UInt8 = 6) -> StandardInquiry {
        StandardInquiry(zeroPadding: inquiry(vendor: vendor, product: product,
                                             revision: revision, version: version))
    }

    // MARK: VPD page 0x83 designation descriptors (SPC-4 7.8.6)

    /// Association values of byte 1 bits 5:4.
    enum Association: UInt8 {
        case logicalUnit = 0, targetPort = 1, targetDevice = 2, reserved = 3
    }

    /// A designation descriptor with the given header fields.
    static func descriptor(codeSet: UInt8, type: UInt8, association: Association = .logicalUnit,
                           piv: Bool = false, protocolID: UInt8 = 0, _ data: [UInt8]) -> [UInt8] {
        precondition(data.count <= 255)
        return [protocolID << 4 | codeSet, (piv ? 0x80 : 0) | association.rawValue << 4 | type,
                0, UInt8(data.count)] + data
    }

    /// NAA designator from its hex digits (the first digit is the NAA field).
    static func naa(_ hexDigits: String, codeSet: UInt8 = 1,
                    association: Association = .logicalUnit) -> [UInt8] {
        descriptor(codeSet: codeSet, type: 3, association: association, hex(hexDigits))
    }

    /// EUI-64 based designator (8, 12 or 16 bytes).
    static func eui64(_ hexDigits: String, association: Association = .logicalUnit) -> [UInt8] {
        descriptor(codeSet: 1, type: 2, association: association, hex(hexDigits))
    }

    /// T10 vendor ID based designator: 8-byte vendor field, then the vendor-specific part.
    static func t10(vendor: String, _ id: String, codeSet: UInt8 = 2,
                    association: Association = .logicalUnit) -> [UInt8] {
        descriptor(codeSet: codeSet, type: 1, association: association, field(vendor, 8) + ascii(id))
    }

    /// Vendor-specific designator.
    static func vendorSpecific(_ data: [UInt8], codeSet: UInt8 = 2,
                               association: Association = .logicalUnit) -> [UInt8] {
        descriptor(codeSet: codeSet, type: 0, association: association, data)
    }

    /// SCSI name string, NUL padded to a multiple of 4 (SPC-4 7.8.6.11).
    static func scsiName(_ name: String, association: Association = .logicalUnit) -> [UInt8] {
        var data = ascii(name)
        repeat { data.append(0) } while data.count % 4 != 0
        return descriptor(codeSet: 3, type: 8, association: association, data)
    }

    /// Relative target port identifier (port association, binary, PIV with SAS).
    static func relativeTargetPort(_ port: UInt16) -> [UInt8] {
        descriptor(codeSet: 1, type: 4, association: .targetPort, piv: true, protocolID: 6,
                   [0, 0, UInt8(port >> 8), UInt8(port & 0xFF)])
    }

    /// Target port group designator.
    static func targetPortGroup(_ group: UInt16, association: Association = .targetPort) -> [UInt8] {
        descriptor(codeSet: 1, type: 5, association: association, piv: true, protocolID: 6,
                   [0, 0, UInt8(group >> 8), UInt8(group & 0xFF)])
    }

    /// Logical unit group designator.
    static func logicalUnitGroup(_ group: UInt16) -> [UInt8] {
        descriptor(codeSet: 1, type: 6, [0, 0, UInt8(group >> 8), UInt8(group & 0xFF)])
    }

    /// MD5 logical unit identifier.
    static func md5(_ data: [UInt8]) -> [UInt8] { descriptor(codeSet: 1, type: 7, data) }

    /// UUID designator (SPC-5): 2 header bytes, then the 16-byte UUID.
    static func uuid(_ hexDigits: String) -> [UInt8] {
        descriptor(codeSet: 1, type: 0x0A, [0x10, 0] + hex(hexDigits))
    }

    /// VPD page 0x83 holding `descriptors`; the page length defaults to their size.
    static func page83(_ descriptors: [[UInt8]], pageLength: Int? = nil,
                       pageCode: UInt8 = 0x83) -> [UInt8] {
        let body = descriptors.flatMap { $0 }
        let length = pageLength ?? body.count
        return [0, pageCode, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }

    // MARK: VPD page 0x80 (SPC-4 7.8.17)

    /// Unit serial number page with `serial` as its contents.
    static func page80(_ serial: [UInt8], pageLength: Int? = nil) -> [UInt8] {
        let length = pageLength ?? serial.count
        return [0, 0x80, UInt8(length >> 8), UInt8(length & 0xFF)] + serial
    }

    static func page80(_ serial: String) -> [UInt8] { page80(ascii(serial)) }

    // MARK: ATA IDENTIFY DEVICE (ACS-3 7.12.7)

    /// 512 bytes of IDENTIFY DEVICE data as a device returns them: string words byte-swapped.
    static func identify(model: String, serial: String, firmware: String = "1.0",
                         wwn: UInt64? = nil) -> [UInt8] {
        var data = [UInt8](repeating: 0, count: 512)
        data[0] = 0x40
        func put(_ word: Int, _ text: String, words: Int) {
            let bytes = field(text, words * 2)
            for i in 0..<words {
                data[2 * (word + i)] = bytes[2 * i + 1]
                data[2 * (word + i) + 1] = bytes[2 * i]
            }
        }
        put(10, serial, words: 10)
        put(23, firmware, words: 4)
        put(27, model, words: 20)
        if let wwn {
            for i in 0..<4 {
                let word = UInt16(truncatingIfNeeded: wwn >> (48 - 16 * i))
                data[2 * (108 + i)] = UInt8(word & 0xFF)
                data[2 * (108 + i) + 1] = UInt8(word >> 8)
            }
        }
        return data
    }
}
