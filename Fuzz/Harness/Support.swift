// Support: what the fuzz harnesses share. Compiled into the MultipathCore module by
// scripts/fuzz.sh only (never by `swift build` or `make`), so it may use internal API.

#if canImport(Glibc)
import Glibc
#endif

/// The fuzz targets, one static function per libFuzzer binary (see Fuzz/Entry.swift).
/// Each one feeds the input to parsers and stops the process, via `fuzzCheck`, when a
/// documented property of the result does not hold. Crashes inside the parsers (index out
/// of range, arithmetic overflow, ASan reports) stop it anyway.
public enum FuzzTargets {}

/// Stops the fuzzer with `message` when `condition` is false. `fatalError` keeps its
/// message in -O builds, unlike `precondition`.
@inline(never)
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String,
               file: StaticString = #fileID, line: UInt = #line) {
    if !condition {
        fatalError("fuzz invariant violated: " + message(), file: file, line: line)
    }
}

/// Lowercase hex of at most the first 300 bytes, for messages.
func fuzzHex(_ bytes: [UInt8]) -> String {
    bytes.count <= 300 ? Hex.string(bytes) : Hex.string(bytes.prefix(300)) + "…"
}

/// Checks shared by the identification targets.
enum FuzzIdentity {
    /// A fixed SPC-4 standard INQUIRY (scsi_level 7): 55-scsi-sg3_id.rules decodes the
    /// sysfs attributes.
    static let spc4Inquiry = StandardInquiry(zeroPadding:
        [0x00, 0x00, 0x06, 0x02, 31, 0x00, 0x00, 0x02]
        + Array("LIO-ORG ".utf8) + Array("disk0           ".utf8) + Array("4.0 ".utf8))

    /// A fixed SPC-2 standard INQUIRY (version 3, scsi_level 4): 55-scsi-sg3_id.rules asks
    /// the device, so the pages go through `sg_inq --page=…` instead of `--inhex`.
    static let spc2Inquiry = StandardInquiry(zeroPadding:
        [0x00, 0x00, 0x03, 0x02, 31, 0x00, 0x00, 0x02]
        + Array("HITACHI ".utf8) + Array("OPEN-V          ".utf8) + Array("5001".utf8))

    /// A well-formed VPD page 0x80 (serial "SER12345").
    static let page80: [UInt8] = [0x00, 0x80, 0x00, 0x08] + Array("SER12345".utf8)

    static let fillers: [UInt8] = Array("0fF _.-".utf8)
    static let textPrefixes: [[UInt8]] = ["eui.", "naa.", "t10.", "uuid."].map { Array($0.utf8) }
    static let nvmePrefix: [UInt8] = Array("nvme.".utf8)

    /// `WWID.parse(udevBytes:)`, checking what an accepted WWID must be:
    /// - non-empty, at most 122 bytes ("mpath-" + WWID fits a 128-byte DM UUID), no NUL,
    ///   no trailing space;
    /// - valid UTF-8 and taken verbatim from the value (a prefix of it up to the first NUL),
    ///   except when `fix_broken_nvme_wwid` rewrote an "nvme." value of 128 bytes or more;
    /// - never all zeros, and never a placeholder (type digit or text prefix followed only
    ///   by '0', 'f', 'F', ' ', '_', '.', '-');
    /// - parsing it again gives the same WWID.
    @discardableResult
    static func checkWWID(_ udevBytes: [UInt8]) -> WWID? {
        let result = WWID.parse(udevBytes: udevBytes)
        guard case .success(let wwid) = result else { return nil }
        let bytes = Array(wwid.value.utf8)
        let shown = fuzzHex(bytes)
        fuzzCheck(!bytes.isEmpty, "empty WWID accepted from \(fuzzHex(udevBytes))")
        fuzzCheck(bytes.count <= 122, "WWID of \(bytes.count) bytes accepted: \(shown)")
        fuzzCheck(!bytes.contains(0), "WWID with a NUL: \(shown)")
        fuzzCheck(bytes.last != 0x20, "WWID with a trailing space: \(shown)")
        fuzzCheck(wwid.dmUUID.utf8.count <= 128, "DM UUID too long for WWID \(shown)")

        let value = UdevText.cString(udevBytes)
        let verbatim = value.starts(with: bytes)
        let nvmeFixed = value.count >= 128 && value.starts(with: nvmePrefix) && bytes.starts(with: nvmePrefix)
        fuzzCheck(verbatim || nvmeFixed, "WWID \(shown) is not taken from the value \(fuzzHex(value))")
        fuzzCheck(String(validating: bytes, as: UTF8.self) != nil, "WWID is not UTF-8: \(shown)")
        if verbatim {
            fuzzCheck(String(validating: value.prefix(bytes.count), as: UTF8.self) != nil,
                      "WWID accepted from invalid UTF-8: \(fuzzHex(value))")
        }

        fuzzCheck(bytes.contains { $0 != 0x30 }, "all-zero WWID accepted: \(shown)")
        var body = Array(bytes.dropFirst())
        for prefix in textPrefixes where bytes.starts(with: prefix) {
            body = Array(bytes.dropFirst(prefix.count))
        }
        fuzzCheck(body.contains { !fillers.contains($0) }, "placeholder WWID accepted: \(shown)")

        guard case .success(let again) = WWID.parse(udevBytes: bytes) else {
            fuzzCheck(false, "WWID \(shown) is rejected when parsed again")
            return nil
        }
        fuzzCheck(again == wwid && again.hashValue == wwid.hashValue && !(again < wwid),
                  "WWID \(shown) changes when parsed again")
        return wwid
    }

    /// Checks a udev identification result and the WWID multipath would take from it:
    /// properties that udev stores are never empty and never contain '\n' or '\r' (udev
    /// splits imported output at both), and `WWID(udevSerial:)` agrees with `checkWWID`.
    static func checkSerial(_ serial: UdevSerial?) {
        guard let serial else { return }
        let properties: [(String, [UInt8]?)] = [
            ("ID_SERIAL", serial.idSerialBytes), ("ID_SERIAL_SHORT", serial.idSerialShortBytes),
            ("ID_WWN", serial.idWWNBytes), ("ID_WWN_WITH_EXTENSION", serial.idWWNWithExtensionBytes),
        ]
        for (name, value) in properties {
            guard let value else { continue }
            fuzzCheck(!value.isEmpty, "\(name) set to an empty value")
            fuzzCheck(!value.contains(0x0A) && !value.contains(0x0D),
                      "\(name) contains a line break: \(fuzzHex(value))")
        }
        if serial.uidAttribute == .idSerial {
            fuzzCheck(serial.idSerialBytes != nil, "SCSI result without ID_SERIAL")
        }
        _ = serial.idSerial
        _ = serial.multipathUID
        let checked = checkWWID(serial.multipathUIDBytes)
        fuzzCheck(WWID(udevSerial: serial) == checked, "WWID(udevSerial:) disagrees with WWID.parse")
    }

    /// ID_SERIAL of the disk under both rule sets (and, for sg3_utils, with the pages in
    /// sysfs and fetched from the device), each checked with `checkSerial`.
    static func identify(inquiry: StandardInquiry, page83: [UInt8]?, page80: [UInt8]?,
                         ataIdentify: [UInt8]? = nil) {
        checkSerial(ScsiIdentity.udevSerial(inquiry: inquiry, page83: page83, page80: page80,
                                            ataIdentify: ataIdentify, rules: .sg3UtilsThenSystemd))
        checkSerial(ScsiIdentity.udevSerial(inquiry: inquiry, page83: page83, page80: page80,
                                            ataIdentify: ataIdentify, rules: .sg3UtilsThenSystemd,
                                            vpdPagesInSysfs: false))
        checkSerial(ScsiIdentity.udevSerial(inquiry: inquiry, page83: page83, page80: page80,
                                            ataIdentify: ataIdentify, rules: .systemdOnly))
    }
}

/// The disk image encoding shared by the `mbr` and `gpt` targets.
///
/// - byte 0, bit 0: logical block size 4096 (set) or 512 (clear);
/// - byte 0, bits 1-3: disk size: 0 = exactly the payload, else 8 KiB, 32 KiB,
///   64 KiB + 512, 128 KiB, 256 KiB, 1 MiB - 512, 1 MiB;
/// - byte 0, bit 4: `gpt` only: recompute the GPT header and entry array CRCs;
/// - byte 1: tail length in 512-byte units;
/// - the rest, the payload: all but its last `tail` bytes are copied to the start of the
///   disk, the tail to the end of the disk (so a small input can hold both the primary and
///   the backup GPT). Everything else reads as zero; what does not fit is cut off.
struct FuzzDiskImage {
    static let sizes = [0, 8 << 10, 32 << 10, (64 << 10) + 512, 128 << 10, 256 << 10,
                        (1 << 20) - 512, 1 << 20]

    /// One zeroed buffer per fixed size, reused: a fresh 1 MiB array per input costs more
    /// (page faults under ASan) than parsing it.
    nonisolated(unsafe) private static var spares: [[UInt8]] = Array(repeating: [], count: 8)

    var bytes: [UInt8]
    var logicalBlockSize: Int
    var repairCRCs: Bool
    private let sizeClass: Int

    init(_ input: [UInt8]) {
        let flags = input.first ?? 0
        logicalBlockSize = flags & 0x01 != 0 ? 4096 : 512
        repairCRCs = flags & 0x10 != 0
        sizeClass = Int(flags >> 1) & 0x07
        let tailUnits = input.count > 1 ? Int(input[1]) : 0
        let payloadCount = max(input.count - 2, 0)
        let tailCount = min(tailUnits * 512, payloadCount)
        let size = sizeClass == 0 ? payloadCount : FuzzDiskImage.sizes[sizeClass]
        var disk = FuzzDiskImage.spares[sizeClass]
        FuzzDiskImage.spares[sizeClass] = []
        if disk.count != size {
            disk = [UInt8](repeating: 0, count: size)
        }
        let headCount = min(payloadCount - tailCount, size)
        let tailFit = min(tailCount, size)
        input.withUnsafeBufferPointer { source in
            disk.withUnsafeMutableBufferPointer { target in
                guard let to = target.baseAddress else { return }
                if headCount > 0 {
                    to.update(from: source.baseAddress! + 2, count: headCount)
                }
                if tailFit > 0 {
                    (to + (size - tailFit)).update(from: source.baseAddress! + (input.count - tailFit), count: tailFit)
                }
            }
        }
        bytes = disk
    }

    var reader: ByteImageReader { ByteImageReader(bytes: bytes, logicalBlockSize: logicalBlockSize) }

    /// Zeroes the buffer and keeps it for the next input of the same size class.
    mutating func recycle() {
        guard sizeClass != 0 else { return }
        var disk = bytes
        bytes = []
        disk.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { memset(base, 0, buffer.count) }
        }
        FuzzDiskImage.spares[sizeClass] = disk
    }
}

/// Checks shared by the partition table targets.
enum FuzzPartitions {
    /// `PartitionTableReader.read` on the image, checking what the result promises:
    /// - only partitions the kernel accepts: inside the disk, aligned to the logical block
    ///   size, non-empty, numbered 1...256 in increasing order;
    /// - kinds that match the scheme (GPT entries; DOS primaries and extended 1-4,
    ///   logicals from 5);
    /// - no read outside the image (`readFailed` cannot happen with an in-memory image).
    static func read(_ image: FuzzDiskImage) {
        let reader = image.reader
        let table: PartitionTable?
        do {
            table = try PartitionTableReader.read(reader)
        } catch {
            if case .readFailed = error {
                fuzzCheck(false, "parser read outside the image: \(error.message)")
            }
            _ = error.message
            return
        }
        guard let table else { return }
        let diskSectors = UInt64(reader.bytes.count) / 512
        let multiplier = UInt64(reader.logicalBlockSize / 512)
        var lastNumber = 0
        for partition in table.partitions {
            let (end, overflow) = partition.start.addingReportingOverflow(partition.length)
            fuzzCheck(!overflow && end <= diskSectors,
                      "partition \(partition.number) (\(partition.start)+\(partition.length)) outside the \(diskSectors)-sector disk")
            fuzzCheck(partition.length > 0, "empty partition \(partition.number)")
            fuzzCheck(partition.start % multiplier == 0 && partition.length % multiplier == 0,
                      "partition \(partition.number) not aligned to \(reader.logicalBlockSize)")
            fuzzCheck(partition.number > lastNumber && partition.number <= 256,
                      "partition number \(partition.number) after \(lastNumber)")
            lastNumber = partition.number
            switch (table.scheme, partition.kind) {
            case (.gpt, .gpt): break
            case (.dos, .primary), (.dos, .extended):
                fuzzCheck(partition.number <= 4, "DOS primary numbered \(partition.number)")
            case (.dos, .logical):
                fuzzCheck(partition.number >= 5, "DOS logical numbered \(partition.number)")
            default:
                fuzzCheck(false, "partition kind \(partition.kind) in a \(table.scheme) table")
            }
        }
        for warning in table.warnings {
            fuzzCheck(!warning.isEmpty, "empty warning")
        }
    }
}
