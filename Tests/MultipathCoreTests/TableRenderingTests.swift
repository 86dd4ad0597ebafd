// Exact table strings: what multipath-tools 0.9.4 `assemble_map` and kpartx would load.
import Testing
@testable import MultipathCore

/// Builds a path with the facts the table depends on.
func makePath(_ name: String, _ major: UInt32, _ minor: UInt32, wwid: String = "35000c50015ea71ac",
              size: UInt64 = 131072, tpgs: UInt8 = 0, accessState: String? = nil,
              handler: String? = nil) -> Path {
    var device = BlockDevice(name: name, kind: .scsiDisk, devt: DeviceNumber(major: major, minor: minor))
    device.sizeSectors = size
    device.vendor = "QEMU"
    device.model = "QEMU HARDDISK"
    device.accessState = accessState
    device.deviceHandler = handler
    return Path(device: device, identity: PathIdentity(wwid: WWID(udevValue: wwid), source: .vpd83NAA5, tpgs: tpgs))
}

@Test func twoPlainPathsGiveTheDebianDefaultFailoverTable() {
    let table = MultipathPolicy.table(for: [makePath("sda", 8, 0), makePath("sdb", 8, 16)], matcher: PosixTestMatcher())
    #expect(table.text == "0 131072 multipath 0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1")
}

@Test func aluaPathsAreOrderedByPriorityAndGetTheAttachedHandler() {
    // scsi_debug with vpd_use_hostno=0: host 0 active/optimized, host 1 standby-ish states.
    let paths = [
        makePath("sda", 8, 0, tpgs: 1, accessState: "active/non-optimized", handler: "alua"),
        makePath("sdb", 8, 16, tpgs: 1, accessState: "active/optimized", handler: "alua"),
        makePath("sdc", 8, 32, tpgs: 1, accessState: "standby", handler: "alua"),
    ]
    let table = MultipathPolicy.table(for: paths, matcher: PosixTestMatcher())
    #expect(table.text == "0 131072 multipath 0 1 alua 3 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:32 1")
}

@Test func tpgsWithoutAnAttachedHandlerStillGetsAlua() {
    let paths = [makePath("sda", 8, 0, tpgs: 1, handler: "detached"), makePath("sdb", 8, 16, tpgs: 3)]
    #expect(MultipathPolicy.table(for: paths, matcher: PosixTestMatcher()).text
            == "0 131072 multipath 0 1 alua 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1")
}

@Test func mixedTpgsSupportGivesNoHandler() {
    let paths = [makePath("sda", 8, 0, tpgs: 1), makePath("sdb", 8, 16, tpgs: 0)]
    #expect(MultipathPolicy.table(for: paths, matcher: PosixTestMatcher()).text.hasPrefix("0 131072 multipath 0 0 2 1 "))
}

@Test func multiPathGroupsRenderCountsAndRepeatCounts() {
    let table = MultipathTable(
        features: "1 queue_if_no_path", hardwareHandler: "1 alua",
        groups: [
            .init(selector: "service-time 0", paths: [.init(device: DeviceNumber(major: 8, minor: 16)),
                                                      .init(device: DeviceNumber(major: 8, minor: 48))]),
            .init(selector: "service-time 0", paths: [.init(device: DeviceNumber(major: 8, minor: 32)),
                                                      .init(device: DeviceNumber(major: 8, minor: 64))]),
        ])
    // The LIO example of multipath-tools.md 3.1, byte for byte.
    #expect(table.parameters == "1 queue_if_no_path 1 alua 2 1 service-time 0 2 1 8:16 1 8:48 1 service-time 0 2 1 8:32 1 8:64 1")
}

@Test func emptyTableHasInitialGroupZero() {
    #expect(MultipathTable(groups: []).parameters == "0 0 0 0")
}

@Test func linearPartitionTargetIsKpartxShaped() {
    let table = DmTable(length: 2048, .linear(device: DeviceNumber(major: 254, minor: 0), offset: 34))
    #expect(table.text == "0 2048 linear 254:0 34")
}

@Test func tableTextJoinsTargetsByLine() {
    let table = DmTable(targets: [
        DmTarget(start: 0, length: 8, kind: .linear(device: DeviceNumber(major: 8, minor: 0), offset: 0)),
        DmTarget(start: 8, length: 8, kind: .linear(device: DeviceNumber(major: 8, minor: 16), offset: 0)),
    ])
    #expect(table.text == "0 8 linear 8:0 0\n8 8 linear 8:16 0")
    #expect(table.length == 16)
}
