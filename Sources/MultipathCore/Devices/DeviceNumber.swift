// DeviceNumber: a block device's dev_t, as the kernel prints it in sysfs `dev` files
// and as dm tables name devices ("8:16").

/// A Linux device number (`dev_t`), split into major and minor.
///
/// The text form `MAJ:MIN` is what sysfs `dev` attributes contain and what a
/// device-mapper table line uses to name a device. The corresponding C macros are
/// `major()`, `minor()` and `makedev()`.
public struct DeviceNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var major: UInt32
    public var minor: UInt32

    public init(major: UInt32, minor: UInt32) {
        self.major = major
        self.minor = minor
    }

    /// Parses `MAJ:MIN` as found in `/sys/block/X/dev`, ignoring surrounding white space.
    /// Returns nil for anything else.
    public init?(_ text: some StringProtocol) {
        let trimmed = TextScan.trimmed(String(text))
        let parts = TextScan.fields(trimmed[...], separator: 0x3A)
        guard parts.count == 2, let major = UInt32(parts[0]), let minor = UInt32(parts[1]) else {
            return nil
        }
        self.init(major: major, minor: minor)
    }

    @inline(never)
    public var description: String { "\(major):\(minor)" }

    public static func < (a: DeviceNumber, b: DeviceNumber) -> Bool {
        (a.major, a.minor) < (b.major, b.minor)
    }
}
