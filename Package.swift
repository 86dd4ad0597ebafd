// swift-tools-version:6.2
// mpathboot: assemble dm-multipath maps in an initramfs without udev or multipath-tools.
//
// The manifest never switches on Embedded Swift: the Makefile passes those flags for the
// shipped static binary (`make`), so `swift build` / `swift test` here are plain Swift on
// the very same sources.
import PackageDescription

// Untyped throws, `weak` and friends are errors in the Embedded build; making them errors
// here too catches them in a normal `swift build`. (`any P` is caught only by `make`.)
let embeddedClean: [SwiftSetting] = [.treatWarning("EmbeddedRestrictions", as: .error)]

let package = Package(
    name: "mpathboot",
    products: [
        .executable(name: "mpathboot", targets: ["mpathboot"]),
    ],
    targets: [
        // C shim: headers (libc, <scsi/sg.h>, <linux/fs.h>, <libdevmapper.h>) and tiny
        // static inline wrappers for variadic calls and macros. No logic.
        .target(name: "CMPath", linkerSettings: [.linkedLibrary("devmapper")]),
        // The shipped binary's malloc (C): a size-class free-list allocator that never hands
        // small blocks back to the kernel. Replaces musl's only in the static musl build.
        .target(name: "BootAllocator"),
        // The shipped binary's Unicode normalization data (C): none, so String compares
        // scalars as multipath-tools compares bytes. Only in the static musl build.
        .target(name: "InertNormalization"),
        // Pure core: bytes and text in, values out. No I/O, no logging.
        .target(name: "MultipathCore", swiftSettings: embeddedClean),
        // OS layer: sysfs, /dev scan, SG_IO, block reads, device-mapper through libdm.
        .target(name: "MultipathSystem", dependencies: ["CMPath", "MultipathCore"],
                swiftSettings: embeddedClean),
        // The command line: argument parsing, orchestration, output. Tests call it directly.
        .target(name: "MpathBoot", dependencies: ["MultipathSystem", "MultipathCore"],
                swiftSettings: embeddedClean),
        .executableTarget(name: "mpathboot", dependencies: ["MpathBoot", "CMPath", "BootAllocator", "InertNormalization"],
                          swiftSettings: embeddedClean),
        .testTarget(name: "MultipathCoreTests", dependencies: ["MultipathCore"]),
        // Test doubles and /sys trees captured from real guests, shared by the test targets.
        .target(name: "TestSupport", dependencies: ["MultipathSystem", "MultipathCore"],
                path: "Tests/TestSupport", resources: [.copy("Fixtures")]),
        .testTarget(name: "MultipathSystemTests", dependencies: ["MultipathSystem", "MultipathCore", "TestSupport",
                                                                "BootAllocator"]),
        .testTarget(name: "MpathBootTests", dependencies: ["MpathBoot", "MultipathSystem", "MultipathCore", "TestSupport"]),
    ]
)
