// AtaIdentify: systemd 252 `ata_id --export` (src/udev/ata_id/ata_id.c), which
// 60-persistent-storage.rules runs for disks whose INQUIRY vendor is "ATA".

/// ID_SERIAL and friends from ATA IDENTIFY DEVICE data, as ata_id prints them.
public enum AtaIdentify {
    /// What ata_id gives a disk with this IDENTIFY DEVICE data (ACS-3 7.12.7).
    ///
    /// - Parameter identify: the 512 bytes as the device returns them (ATA PASS-THROUGH):
    ///   little-endian words, each string word holding its two characters swapped.
    /// - Returns: ID_SERIAL = `<model>_<serial>`, or `<model>` without a serial number; nil
    ///   for fewer than 512 bytes, all-zero data (ata_id then fails), or when both model and
    ///   serial are blank (ata_id prints an empty ID_SERIAL, which udev ignores).
    ///
    /// Rules reproduced: `disk_identify_fixup_string()` swaps the bytes of words 10-19
    /// (serial, 20 chars) and 27-46 (model, 40 chars); each goes through
    /// `udev_replace_whitespace(…, 20|40)` (leading/trailing whitespace dropped, inner runs
    /// become one '_', a NUL ends it) and `udev_replace_chars(…, NULL)`. ID_WWN and
    /// ID_WWN_WITH_EXTENSION are `0x` + words 108-111 as one 64-bit number when word 108
    /// starts with NAA 5.
    public static func udevSerial(identify: [UInt8]) -> UdevSerial? {
        guard let output = exportOutput(identify: identify) else { return nil }
        var properties = UdevProperties()
        properties.importOutput(output)
        return UdevSerial(properties, source: .ata)
    }

    /// The lines of `ata_id --export` that identification reads; nil when it fails.
    static func exportOutput(identify: [UInt8]) -> [UInt8]? {
        guard identify.count >= 512, identify.contains(where: { $0 != 0 }) else { return nil }
        var model = UdevText.replaceWhitespace(swapped(identify, word: 27, count: 20), limit: 40)
        UdevText.replaceChars(&model, allow: nil)
        var serial = UdevText.replaceWhitespace(swapped(identify, word: 10, count: 10), limit: 20)
        UdevText.replaceChars(&serial, allow: nil)
        var out: [UInt8] = []
        if serial.isEmpty {
            out += UdevKey.line(UdevKey.idSerial, model)
        } else {
            out += UdevKey.line(UdevKey.idSerial, model + [0x5F] + serial)
            out += UdevKey.line(UdevKey.idSerialShort, serial)
        }
        if word(identify, 108) & 0xF000 == 0x5000 {
            var wwn: UInt64 = 0
            for w in 108...111 { wwn = wwn << 16 | UInt64(word(identify, w)) }
            let text = [0x30, 0x78] + Array(String(wwn, radix: 16).utf8)
            out += UdevKey.line(UdevKey.idWWN, text)
            out += UdevKey.line(UdevKey.idWWNWithExtension, text)
        }
        return out
    }

    /// `count` words from `word`, each with its two bytes swapped: the ATA string order.
    private static func swapped(_ data: [UInt8], word: Int, count: Int) -> [UInt8] {
        var out: [UInt8] = []
        for w in word..<(word + count) {
            out.append(data[2 * w + 1])
            out.append(data[2 * w])
        }
        return out
    }

    private static func word(_ data: [UInt8], _ index: Int) -> UInt16 {
        UInt16(data[2 * index]) | UInt16(data[2 * index + 1]) << 8
    }
}
