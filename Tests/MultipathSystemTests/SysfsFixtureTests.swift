// Sysfs discovery on /sys trees captured from real guests (tests/vm/capture.sh):
// Debian's 6.1 kernel with two virtio-scsi paths, scsi_debug with 4 LUNs x 2 hosts, and an
// LIO LUN over two tcm_loop paths in different ALUA port groups.
import Foundation
import Testing
@testable import MultipathCore
@testable import MultipathSystem
import TestSupport

/// No configuration files but `find_multipaths yes` (the built-in default is strict).
let findMultipathsYes = PlanningContext(config: PolicyConfig(defaults: SettingSet([.findMultipaths: "yes"]),
                                                             builtinDevices: HardwareTable.entries))

func discover(_ name: String) throws -> (paths: [Path], diagnostics: [Diagnostic]) {
    try PathDiscovery(roots: Fixtures.roots(name)).discover()
}

@Test func virtioTwoPathsAreTwoScsiDisksWithTheirSysfsFacts() throws {
    let (paths, diagnostics) = try discover("virtio-two-paths")
    #expect(diagnostics.isEmpty)
    #expect(paths.map { $0.device.name } == ["sda", "sdb"])
    let sda = paths[0].device
    #expect(sda.devt == DeviceNumber(major: 8, minor: 0))
    #expect(sda.kind == .scsiDisk)
    #expect(sda.scsiAddress != nil)
    #expect(sda.vendor == "QEMU")
    #expect(sda.model == "QEMU HARDDISK")
    #expect(sda.sizeSectors == 131072)
    #expect(sda.logicalBlockSize == 512)
    #expect(sda.state == "running")
    #expect(sda.transport == .virtio)
    #expect(!sda.readOnly && !sda.removable && !sda.mounted)
    #expect(sda.holders.isEmpty && sda.partitionHolders.isEmpty)
    #expect(Set(paths.map { $0.device.scsiAddress!.host }).count == 2)
}

@Test func virtioTwoPathsGetTheNAAWWIDAndPlanOneMap() throws {
    let (paths, _) = try discover("virtio-two-paths")
    #expect(paths.map { $0.identity.wwid?.value } == ["35000c50015ea71ac", "35000c50015ea71ac"])
    let plan = MapPlanner.plan(paths: paths, context: findMultipathsYes, matcher: PosixRegexMatcher())
    #expect(plan.maps.count == 1)
    #expect(plan.maps.first?.table.text
            == "0 131072 multipath 0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1")
}

@Test func scsiDebugGivesFourLUNsOverTwoHostsWithALUAStates() throws {
    let (paths, diagnostics) = try discover("scsi-debug-4x2")
    #expect(diagnostics.isEmpty)
    #expect(paths.count == 8)
    #expect(paths.allSatisfy { $0.device.transport == .scsiDebug && $0.device.accessState != nil })
    let plan = MapPlanner.plan(paths: paths, context: findMultipathsYes, matcher: PosixRegexMatcher())
    #expect(plan.maps.count == 4)
    for map in plan.maps {
        #expect(map.paths.count == 2)
        #expect(Set(map.paths.map { $0.device.scsiAddress!.lun }).count == 1)
        #expect(Set(map.paths.map { $0.device.scsiAddress!.host }) == [0, 1])
    }
}

@Test func aMountedPartitionMakesItsDiskBusy() throws {
    // /proc/self/mountinfo with sda2 (8:2) mounted, as when root sits on a raw path.
    let proc = FileManager.default.temporaryDirectory.appendingPathComponent("mpathboot-proc-\(getpid())")
    try FileManager.default.createDirectory(at: proc.appendingPathComponent("self"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: proc) }
    try "22 1 8:2 / / ro,relatime - ext4 /dev/sda2 ro\n".write(
        to: proc.appendingPathComponent("self/mountinfo"), atomically: true, encoding: .utf8)
    let roots = SystemRoots(sysfs: Fixtures.sysfs("virtio-two-paths"), proc: proc.path, dev: Fixtures.nowhere)
    let paths = try PathDiscovery(roots: roots).discover().paths
    #expect(paths.map { $0.device.mounted } == [true, false])
    let plan = MapPlanner.plan(paths: paths, context: findMultipathsYes, matcher: PosixRegexMatcher())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map { $0.reasonCode } == ["busy", "busy"])
}

@Test func noSysfsAndNoDevIsAnErrorNamingBoth() {
    let nowhere = Fixtures.nowhere
    let roots = SystemRoots(sysfs: nowhere + "/sys", proc: nowhere, dev: nowhere + "/dev")
    #expect(throws: SystemError.file(path: nowhere + "/sys/block",
                                     operation: "scan (and no \(nowhere)/dev to fall back on)", .noSuchFileOrDirectory)) {
        try PathDiscovery(roots: roots).discover()
    }
}

// The WWIDs below are what Debian's udev (with multipath-tools' sg3-utils rules) stored for
// the same devices in the same guest: tests/vm/oracle.sh, tests/vm/ORACLE.md.

@Test func aSATADiskGetsTheSg3UtilsATAName() throws {
    let (paths, diagnostics) = try discover("sata")
    #expect(diagnostics.isEmpty)
    #expect(paths.map { $0.device.name } == ["sda"])
    #expect(paths.first?.device.transport == .ata)
    #expect(paths.first?.identity.wwid?.value == "QEMU_HARDDISK_SATA0001")
    #expect(paths.first?.identity.source == .vpd83ATA)
}

@Test func anNVMeNamespaceGetsTheWwidAttributeAsID_WWN() throws {
    let (paths, diagnostics) = try discover("nvme")
    #expect(diagnostics.isEmpty)
    let path = try #require(paths.first)
    #expect(path.device.kind == .nvmeNamespace)
    #expect(path.device.devt == DeviceNumber(major: 259, minor: 0))
    #expect(path.device.nvmeController == "nvme0")
    #expect(path.device.nvmeNamespaceID == 1)
    #expect(!path.device.nvmeNativeMultipath)
    #expect(path.device.model == "QEMU NVMe Ctrl")
    #expect(path.identity.wwid?.value == "nvme.1b36-4e564d4530303031-51454d55204e564d65204374726c-00000001")
}

@Test func nativeNVMeMultipathHeadsAreReportedAndHiddenPathsSkipped() throws {
    let (paths, diagnostics) = try discover("nvme-native-mp")
    #expect(diagnostics.isEmpty)
    // nvme0c0n1 and nvme0c1n1 are hidden path nodes: not listed at all.
    #expect(paths.map { $0.device.name } == ["nvme0n1"])
    #expect(paths.first?.device.nvmeNativeMultipath == true)
    #expect(paths.first?.device.model == "QEMU NVMe Ctrl")
    let plan = MapPlanner.plan(paths: paths, context: findMultipathsYes, matcher: PosixRegexMatcher())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map { $0.reasonCode } == ["native_nvme_multipath"])
}

@Test func withoutDisplayDetailsTheIdentitiesAndPlanAreTheSame() throws {
    var discovery = PathDiscovery(roots: Fixtures.roots("scsi-debug-4x2"))
    let full = try discovery.discover().paths
    discovery.readsDisplayDetails = false
    let lean = try discovery.discover().paths
    #expect(lean.map { $0.identity.wwid } == full.map { $0.identity.wwid })
    #expect(lean.map { $0.device.accessState } == full.map { $0.device.accessState })
    let matcher = PosixRegexMatcher()
    #expect(MapPlanner.plan(paths: lean, context: findMultipathsYes, matcher: matcher).maps.map { $0.table.text }
            == MapPlanner.plan(paths: full, context: findMultipathsYes, matcher: matcher).maps.map { $0.table.text })
}

@Test func aPreferredNonOptimizedLIOPortGroupGoesFirstAsMultipathToolsPutsIt() throws {
    // Captured from the lio-pref guest (tests/vm/capture.sh lio-pref): one LIO LUN over two
    // tcm_loop paths, sda in port group 0 (active/optimized), sdb in group 2
    // (active/non-optimized, PREF bit: preferred_path 1). No /dev here, so no RTPG answers:
    // states and PREF bits are sysfs's. multipath-tools' sysfs prioritizer gives sdb 10 + 80,
    // and Debian's multipath loaded this very table on those disks (tests/vm/mpath-oracle.sh
    // lio-pref).
    let (paths, diagnostics) = try discover("lio-pref")
    #expect(diagnostics.isEmpty)
    #expect(paths.map { $0.device.accessState } == ["active/optimized", "active/non-optimized"])
    #expect(paths.map { $0.device.accessPreferred } == [false, true])
    let plan = MapPlanner.plan(paths: paths, context: findMultipathsYes, matcher: PosixRegexMatcher())
    let map = try #require(plan.maps.first)
    #expect(map.name == "360014055f1b2e4c7a904d3e9c1a00000")
    #expect(map.priorities == [50, 90])
    #expect(map.table.text
            == "0 32768 multipath 1 queue_if_no_path 1 alua 2 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:0 1")
}

@Test func holdersComeFromTheSlavesOfDmAndMdDevices() throws {
    // The virtio-two-paths tree, copied, with dm-0 over sda and md0 over sdb1 and sdb2, as
    // the kernel lists them in the holders' slaves/ (the paths' holders/ stay empty here:
    // mpathboot reads the other side only).
    let root = Fixtures.scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.copyItem(atPath: Fixtures.sysfs("virtio-two-paths"), toPath: root + "/sys")
    for (holder, slaves) in [("dm-0", ["sda"]), ("md0", ["sdb2", "sdb1"])] {
        let slavesDir = root + "/sys/devices/virtual/block/" + holder + "/slaves"
        try FileManager.default.createDirectory(atPath: slavesDir, withIntermediateDirectories: true)
        for slave in slaves {
            try FileManager.default.createSymbolicLink(atPath: slavesDir + "/" + slave,
                                                       withDestinationPath: "../../../../" + slave)
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/sys/block/" + holder,
                                                   withDestinationPath: "../devices/virtual/block/" + holder)
    }
    let roots = SystemRoots(sysfs: root + "/sys", proc: Fixtures.nowhere, dev: Fixtures.nowhere)
    let paths = try PathDiscovery(roots: roots).discover().paths
    #expect(paths.map { $0.device.name } == ["sda", "sdb"])
    #expect(paths.map { $0.device.holders } == [["dm-0"], []])
    #expect(paths.map { $0.device.partitionHolders } == [[], ["md0", "md0"]])
    #expect(paths.map { $0.device.mounted } == [false, false])
}
