/// One partition map that `kpartx -a -p -part` (multipath-tools 0.9.4) would
/// create on top of a dm-multipath map. Its table is one `linear` target,
/// `0 <length> linear <map major:minor> <start>`.
public struct DiskPartition: Equatable, Sendable {
    /// Where the partition comes from.
    public enum Kind: Equatable, Sendable {
        /// DOS primary slot 1–4 (kpartx `read_dos_pt`).
        case primary
        /// DOS extended container (type 0x05, 0x0F or 0x85). kpartx maps only 2
        /// sectors on 512-byte-sector disks, or one logical block otherwise.
        case extended
        /// DOS logical partition from the EBR chain (kpartx
        /// `read_extended_partition`), numbered from 5. kpartx creates these
        /// after all non-logical maps (its "contained slices" pass).
        case logical
        /// GPT partition entry (kpartx `read_gpt_pt`), numbered by entry index + 1.
        case gpt
    }

    /// Partition number N, as in the map name `<map>-partN` and the DM UUID
    /// `partN-<map uuid>`.
    public var number: Int
    /// First sector on the whole-disk map, in 512-byte units (the dm table
    /// offset), and absolute even for logical partitions.
    public var start: UInt64
    /// Length in 512-byte units (the dm target length).
    public var length: UInt64
    /// Which kind of table entry produced this partition.
    public var kind: Kind

    /// Creates a partition description. `kind` defaults to `.primary` for
    /// hand-written tables.
    public init(number: Int, start: UInt64, length: UInt64, kind: Kind = .primary) {
        self.number = number
        self.start = start
        self.length = length
        self.kind = kind
    }
}

/// The partition maps kpartx would create for one disk, with the table type it
/// recognised and any diagnostics that kpartx prints to stderr or that explain
/// why an entry was left out.
public struct PartitionTable: Equatable, Sendable {
    /// The partition-table type that produced `partitions`.
    public enum Scheme: Equatable, Sendable {
        /// MBR / DOS label with an optional extended chain (kpartx dos.c).
        case dos
        /// GUID partition table (UEFI 2.10 §5.3, kpartx gpt.c).
        case gpt
    }

    /// The table type kpartx would pick (it tries GPT first, then DOS).
    public var scheme: Scheme
    /// The maps to create, ordered by partition number. Slots of zero length
    /// use up a number but get no map.
    public var partitions: [DiskPartition]
    /// Diagnostics: header fallbacks, stale tables, entries left out, and so on.
    public var warnings: [String]

    /// Creates a table description. `scheme` defaults to `.dos` for
    /// hand-written tables.
    public init(scheme: Scheme = .dos, partitions: [DiskPartition], warnings: [String] = []) {
        self.scheme = scheme
        self.partitions = partitions
        self.warnings = warnings
    }
}

/// kpartx `struct slice` (kpartx.h): one numbered slot as the table readers fill
/// it, before kpartx skips zero-size slots and the kernel refuses bad ones.
struct KpartxSlice: Equatable {
    /// Start in 512-byte units, computed with kpartx's own (wrapping) C arithmetic.
    var start: UInt64
    /// Size in 512-byte units, computed with kpartx's own (wrapping) C arithmetic.
    var size: UInt64
    var kind: DiskPartition.Kind
    /// True when the C arithmetic truncated `start` or `size`, so they differ
    /// from the values the table really describes.
    var wrapped: Bool
    /// Byte offset of the table entry, for diagnostics.
    var entryByteOffset: UInt64

    /// An unused slot: kpartx keeps it in the array so later slots keep their numbers.
    static func empty(kind: DiskPartition.Kind, entryByteOffset: UInt64) -> KpartxSlice {
        KpartxSlice(start: 0, size: 0, kind: kind, wrapped: false, entryByteOffset: entryByteOffset)
    }
}
