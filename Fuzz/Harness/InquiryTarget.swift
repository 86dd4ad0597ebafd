// inquiry: standard INQUIRY data and ATA IDENTIFY DEVICE data, both read from the same bytes.

extension FuzzTargets {
    /// Input: the sysfs `inquiry` attribute (or an INQUIRY response), and also the 512-byte
    /// IDENTIFY DEVICE data of `ata_id`.
    ///
    /// Asserts: `StandardInquiry(bytes:)` accepts exactly the inputs of 36 bytes or more and
    /// keeps them unchanged; `init(zeroPadding:)` pads to 36 and keeps the prefix;
    /// `init(vendor:product:revision:)` always gives 36 bytes; `AtaIdentify` answers nil for
    /// fewer than 512 bytes or all zeros, and otherwise an ID_SERIAL of at most 61 bytes
    /// (40 model + '_' + 20 serial) without spaces; every ID_SERIAL passes the WWID checks.
    public static func inquiry(_ input: [UInt8]) {
        do {
            let parsed = try StandardInquiry(bytes: input)
            fuzzCheck(parsed.bytes == input, "StandardInquiry changed its bytes")
            touch(parsed)
        } catch {
            fuzzCheck(input.count < 36, "StandardInquiry rejected \(input.count) bytes: \(error)")
        }

        let padded = StandardInquiry(zeroPadding: input)
        fuzzCheck(padded.bytes.count == max(36, input.count) && padded.bytes.starts(with: input),
                  "zero padding changed the data")
        touch(padded)
        // With the same bytes as ATA IDENTIFY data, for vendor "ATA" under systemd's rules.
        FuzzIdentity.identify(inquiry: padded, page83: nil, page80: nil, ataIdentify: input)

        // The sysfs vendor, model and rev attributes: the input cut at its first two '\n'.
        var fields: [[UInt8]] = [[], [], []]
        var field = 0
        for byte in input {
            fields[field].append(byte)
            if byte == 0x0A && field < 2 { field += 1 }
        }
        let rebuilt = StandardInquiry(
            vendor: String(decoding: fields[0], as: UTF8.self),
            product: String(decoding: fields[1], as: UTF8.self),
            revision: String(decoding: fields[2], as: UTF8.self),
            peripheralDeviceType: input.last ?? 0)
        fuzzCheck(rebuilt.bytes.count == 36, "rebuilt INQUIRY of \(rebuilt.bytes.count) bytes")
        fuzzCheck(rebuilt.peripheralDeviceType == (input.last ?? 0) & 0x1F, "rebuilt device type")
        touch(rebuilt)

        let ata = AtaIdentify.udevSerial(identify: input)
        if input.count < 512 || input.allSatisfy({ $0 == 0 }) {
            fuzzCheck(ata == nil, "ata_id result for data it rejects")
        }
        if let ata {
            let serial = ata.idSerialBytes ?? []
            fuzzCheck(!serial.isEmpty && serial.count <= 61, "ata_id ID_SERIAL of \(serial.count) bytes")
            fuzzCheck(!serial.contains { UdevText.isCSpace($0) || $0 == 0 },
                      "ata_id ID_SERIAL with white space or NUL: \(fuzzHex(serial))")
            if let wwn = ata.idWWNBytes {
                fuzzCheck(wwn.starts(with: [0x30, 0x78]) && wwn.count <= 18, "ata_id ID_WWN \(fuzzHex(wwn))")
            }
            FuzzIdentity.checkSerial(ata)
        }
    }

    /// Reads every field, so that a trap in an accessor is found.
    private static func touch(_ inquiry: StandardInquiry) {
        _ = inquiry.peripheralQualifier
        _ = inquiry.peripheralDeviceType
        _ = inquiry.isRemovable
        _ = inquiry.version
        _ = inquiry.responseDataFormat
        _ = inquiry.additionalLength
        _ = inquiry.tpgs
        fuzzCheck(inquiry.vendor.count == 8 && inquiry.product.count == 16 && inquiry.revision.count == 4,
                  "INQUIRY field widths")
        _ = inquiry.vendorString
        _ = inquiry.productString
        _ = inquiry.revisionString
        fuzzCheck((0...8).contains(inquiry.scsiLevel), "scsi_level \(inquiry.scsiLevel)")
        _ = inquiry.isATAVendor
    }
}
