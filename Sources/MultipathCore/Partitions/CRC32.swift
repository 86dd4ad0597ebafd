/// The CRC-32 that protects GPT headers and partition entry arrays
/// (UEFI 2.10 §5.3.2, `HeaderCRC32` and `PartitionEntryArrayCRC32`).
///
/// This is the IEEE 802.3 / ITU-T V.42 CRC: reflected polynomial 0xEDB88320,
/// initial value 0xFFFFFFFF, final XOR 0xFFFFFFFF. kpartx computes it as
/// `efi_crc32(buf, len) = crc32_le(~0, buf, len) ^ ~0` (kpartx/gpt.c, crc32.c).
/// The CRC of "123456789" is 0xCBF43926.
///
/// It can be fed in pieces: `update` any number of times, then read `value`.
public struct CRC32: Equatable, Sendable {
    // Running register before the final inversion.
    private var register: UInt32 = 0xFFFF_FFFF

    /// A CRC over no bytes yet.
    public init() {}

    /// The CRC of all bytes fed so far.
    public var value: UInt32 { ~register }

    /// Feeds `bytes` into the CRC.
    public mutating func update(_ bytes: [UInt8]) {
        update(bytes, range: 0..<bytes.count)
    }

    /// Feeds `bytes[range]` into the CRC.
    public mutating func update(_ bytes: [UInt8], range: Range<Int>) {
        var crc = register
        for i in range {
            crc = (crc >> 8) ^ CRC32.table[Int((crc ^ UInt32(bytes[i])) & 0xFF)]
        }
        register = crc
    }

    /// Feeds `count` zero bytes, the same as `update` with an all-zero array.
    public mutating func updateZeros(count: UInt64) {
        var crc = register
        var remaining = count
        while remaining > 0 {
            crc = (crc >> 8) ^ CRC32.table[Int(crc & 0xFF)]
            remaining -= 1
        }
        register = crc
    }

    /// The CRC of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    // The byte-at-a-time table for the reflected polynomial (entry i is the
    // CRC register after shifting byte i through eight times).
    private static let table: [UInt32] = {
        var entries = [UInt32](repeating: 0, count: 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
            entries[byte] = crc
        }
        return entries
    }()
}
