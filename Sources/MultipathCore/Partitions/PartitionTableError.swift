/// Why a partition table was refused. Each case names the byte offset on the
/// whole-disk device where the problem was found.
///
/// "No table at all" is not an error: `PartitionTableReader.read(_:)` returns
/// `nil` for that. These errors cover the cases where kpartx (multipath-tools
/// 0.9.4) would map nothing although a table is clearly present, where it would
/// build maps that point at the wrong sectors, and I/O failures.
public enum PartitionTableError: Error, Equatable, Sendable {
    /// The injected `SectorReader` failed, or returned fewer bytes than asked for.
    case readFailed(byteOffset: UInt64, count: Int, reason: String)

    /// The logical block size is not a power of two between 512 and 65536.
    /// kpartx (`get_sector_size`) only divides it by 512; the dm alignment check
    /// assumes a power of two.
    case unsupportedLogicalBlockSize(Int)

    /// Sector 0 holds a protective MBR (a slot of type 0xEE), but neither the
    /// primary nor the backup GPT header is valid. kpartx `read_dos_pt` gives up
    /// on 0xEE, so nothing would be mapped.
    case invalidGPT(primary: GPTHeaderDefect, backup: GPTHeaderDefect)

    /// A valid GPT header exists but sector 0 has neither a protective MBR nor a
    /// DOS signature. kpartx `find_valid_gpt` (without `-g`) then ignores the
    /// GPT, so nothing would be mapped.
    case gptWithoutProtectiveMBR(headerByteOffset: UInt64)

    /// The extended (EBR) chain comes back to an EBR that already produced a
    /// logical partition. kpartx `read_extended_partition` would go round the
    /// loop until all 256 slots are used, creating many overlapping maps.
    case extendedChainLoop(ebrByteOffset: UInt64)

    /// kpartx's C arithmetic would truncate this value: the 32-bit product
    /// `sector_size_mul * start_sect` in `read_extended_partition`, the
    /// `unsigned int` sector given to `getblock`, or the 64-bit LBA products in
    /// `read_gpt_pt`. The map that kpartx would build points at the wrong sectors.
    /// `partitionNumber` is 0 when the value is the location of an EBR.
    case arithmeticOverflow(partitionNumber: Int, entryByteOffset: UInt64)

    /// A label that kpartx also reads (bsd, solaris, unixware, mac, sun or ps3;
    /// `kpartx.c:initpts`) but that this module does not decode.
    case unsupportedScheme(name: String, byteOffset: UInt64)

    /// One-line, human-readable explanation, for the boot log.
    public var message: String {
        switch self {
        case .readFailed(let offset, let count, let reason):
            return "read of \(count) bytes at byte \(offset) failed: \(reason)"
        case .unsupportedLogicalBlockSize(let size):
            return "unsupported logical block size \(size) (expected a power of two from 512 to 65536)"
        case .invalidGPT(let primary, let backup):
            return "protective MBR found but no valid GPT: primary: \(primary.message); backup: \(backup.message)"
        case .gptWithoutProtectiveMBR(let offset):
            return "valid GPT header at byte \(offset) but sector 0 has no protective MBR; kpartx ignores such a GPT"
        case .extendedChainLoop(let offset):
            return "extended partition chain loops back to the EBR at byte \(offset)"
        case .arithmeticOverflow(let number, let offset):
            if number == 0 {
                return "EBR address from the entry at byte \(offset) overflows kpartx's 32-bit sector arithmetic"
            }
            return "partition \(number) (entry at byte \(offset)) overflows kpartx's sector arithmetic"
        case .unsupportedScheme(let name, let offset):
            return "\(name) disk label at byte \(offset) is not supported"
        }
    }

    /// Why one GPT header (with its partition entry array) failed the checks of
    /// kpartx `is_gpt_valid` (UEFI 2.10 §5.3.2 "GPT Header").
    public enum GPTHeaderDefect: Equatable, Sendable {
        /// The header lies beyond the end of the disk, or its byte offset does not fit in `off_t`.
        case unreadable(lba: UInt64)
        /// The first 8 bytes are not "EFI PART".
        case badSignature(byteOffset: UInt64)
        /// `HeaderSize` is larger than the 512 bytes kpartx reads.
        case headerSizeTooLarge(byteOffset: UInt64, headerSize: UInt32)
        /// `HeaderCRC32` does not match the CRC of the first `HeaderSize` bytes.
        case headerCRCMismatch(byteOffset: UInt64, stored: UInt32, computed: UInt32)
        /// `MyLBA` is not the LBA the header was read from.
        case myLBAMismatch(byteOffset: UInt64, recorded: UInt64, expected: UInt64)
        /// `SizeOfPartitionEntry` is not 128.
        case unsupportedEntrySize(byteOffset: UInt64, entrySize: UInt32)
        /// The entry array is empty, lies beyond the end of the disk, or its offset overflows.
        case entryArrayUnreadable(byteOffset: UInt64)
        /// The entry array is larger than `GPT.maximumEntryArrayBytes`.
        case entryArrayTooLarge(byteOffset: UInt64, bytes: UInt64)
        /// `PartitionEntryArrayCRC32` does not match the entry array.
        case entryArrayCRCMismatch(byteOffset: UInt64, stored: UInt32, computed: UInt32)

        /// One-line, human-readable explanation.
        public var message: String {
            switch self {
            case .unreadable(let lba):
                return "LBA \(lba) is beyond the end of the disk"
            case .badSignature(let offset):
                return "no \"EFI PART\" signature at byte \(offset)"
            case .headerSizeTooLarge(let offset, let size):
                return "header at byte \(offset) claims size \(size) > 512"
            case .headerCRCMismatch(let offset, let stored, let computed):
                return "header CRC at byte \(offset) is 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))"
            case .myLBAMismatch(let offset, let recorded, let expected):
                return "header at byte \(offset) records MyLBA \(recorded), expected \(expected)"
            case .unsupportedEntrySize(let offset, let size):
                return "header at byte \(offset) has entry size \(size), expected 128"
            case .entryArrayUnreadable(let offset):
                return "partition entry array at byte \(offset) cannot be read"
            case .entryArrayTooLarge(let offset, let bytes):
                return "partition entry array at byte \(offset) is \(bytes) bytes, too large"
            case .entryArrayCRCMismatch(let offset, let stored, let computed):
                return "entry array CRC at byte \(offset) is 0x\(String(stored, radix: 16)), computed 0x\(String(computed, radix: 16))"
            }
        }
    }
}
