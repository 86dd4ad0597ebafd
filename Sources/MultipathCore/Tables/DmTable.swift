// DmTable: a device-mapper table as plain values, and its exact text form.

/// One target line of a device-mapper table: `<start> <length> <type> <params>`.
///
/// Counterpart: `struct dm_target_spec` plus its parameter string (kernel
/// `include/uapi/linux/dm-ioctl.h`), the arguments of libdm's `dm_task_add_target()`.
public struct DmTarget: Equatable, Sendable {
    /// The target types mpathboot creates.
    public enum Kind: Equatable, Sendable {
        /// dm-multipath over a set of path groups (`drivers/md/dm-mpath.c`).
        case multipath(MultipathTable)
        /// dm-linear onto `device` starting at `offset` (512-byte sectors), as kpartx makes
        /// for each partition.
        case linear(device: DeviceNumber, offset: UInt64)
    }

    public var start: UInt64
    public var length: UInt64
    public var kind: Kind

    public init(start: UInt64, length: UInt64, kind: Kind) {
        self.start = start
        self.length = length
        self.kind = kind
    }

    /// The target type name the kernel knows (`multipath`, `linear`).
    public var typeName: String {
        switch kind {
        case .multipath: return "multipath"
        case .linear: return "linear"
        }
    }

    /// The parameter string, exactly as multipath-tools / kpartx pass it to libdm.
    public var parameters: String {
        switch kind {
        case .multipath(let table): return table.parameters
        case .linear(let device, let offset): return "\(device) \(offset)"
        }
    }

    /// The whole line as `dmsetup table` prints it (`0 2097152 linear 254:0 2048`).
    public var line: String { "\(start) \(length) \(typeName) \(parameters)" }
}

/// A device-mapper table: the targets of one map, in order.
public struct DmTable: Equatable, Sendable {
    public var targets: [DmTarget]

    public init(targets: [DmTarget]) {
        self.targets = targets
    }

    /// A table of one target covering `length` sectors from 0.
    public init(length: UInt64, _ kind: DmTarget.Kind) {
        self.targets = [DmTarget(start: 0, length: length, kind: kind)]
    }

    /// Total size in 512-byte sectors.
    public var length: UInt64 { targets.reduce(0) { $0 + $1.length } }

    /// The table as `dmsetup table` prints it, one line per target.
    public var text: String {
        var out = ""
        for target in targets {
            if !out.isEmpty { out += "\n" }
            out += target.line
        }
        return out
    }
}
