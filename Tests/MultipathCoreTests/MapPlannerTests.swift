// Grouping and safety rules of the planner.
import Testing
@testable import MultipathCore

@Test func twoPathsWithOneWWIDBecomeOneMapNamedByWWID() throws {
    let plan = makePlan([makePath("sdb", 8, 16), makePath("sda", 8, 0)], context())
    let map = try #require(plan.maps.first)
    #expect(plan.maps.count == 1)
    #expect(map.name == "35000c50015ea71ac")
    #expect(map.uuid == "mpath-35000c50015ea71ac")
    #expect(map.action == .create)
    #expect(map.paths.map { $0.device.name } == ["sda", "sdb"])
    #expect(plan.unclaimed.isEmpty)
}

@Test func aSinglePathIsLeftAloneUnlessListedInTheWwidsFile() {
    let single = [makePath("sda", 8, 0)]
    let unlisted = makePlan(single, context())
    #expect(unlisted.maps.isEmpty)
    #expect(unlisted.unclaimed.map { $0.reasonCode } == ["not_multipathed"])

    let listed = makePlan(single, context(knownWWIDs: ["35000c50015ea71ac"]))
    #expect(listed.maps.count == 1)
    #expect(listed.diagnostics.contains { $0.severity == .warning })
}

@Test func differentWWIDsAreNeverGroupedTogether() {
    let plan = makePlan([makePath("sda", 8, 0, wwid: "3600a0b800000000000000000000000a1"),
                                       makePath("sdb", 8, 16, wwid: "3600a0b800000000000000000000000a2"),
                                       makePath("sdc", 8, 32, wwid: "3600a0b800000000000000000000000a1"),
                                       makePath("sdd", 8, 48, wwid: "3600a0b800000000000000000000000a2")],
                               context())
    #expect(plan.maps.count == 2)
    for map in plan.maps {
        #expect(Set(map.paths.map { $0.identity.wwid }).count == 1)
    }
}

@Test func sizeMismatchUnderOneWWIDMapsNothing() {
    let plan = makePlan([makePath("sda", 8, 0, size: 131072), makePath("sdb", 8, 16, size: 262144)],
                               context())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map { $0.reasonCode } == ["conflict", "conflict"])
    #expect(plan.diagnostics.first?.severity == .error)
}

@Test func serialMismatchUnderOneWWIDMapsNothing() {
    var a = makePath("sda", 8, 0)
    var b = makePath("sdb", 8, 16)
    a.identity.serial = "AAA"
    b.identity.serial = "BBB"
    #expect(makePlan([a, b], context()).maps.isEmpty)
}

@Test func aMountedOrHeldPathKeepsItsWholeWWIDUnmapped() {
    var mounted = makePath("sda", 8, 0)
    mounted.device.mounted = true
    let plan = makePlan([mounted, makePath("sdb", 8, 16)], context())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.allSatisfy { $0.reasonCode == "busy" })

    var held = makePath("sda", 8, 0)
    held.device.partitionHolders = ["dm-3"]
    #expect(makePlan([held, makePath("sdb", 8, 16)], context()).maps.isEmpty)
}

@Test func pathsWithoutWWIDAreReportedNotMapped() {
    var a = makePath("sda", 8, 0)
    a.identity = PathIdentity(wwid: nil, source: nil, problem: "no usable designator")
    let plan = makePlan([a], context())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.first?.reasonCode == "no_wwid")
}

@Test func anExistingMapIsKeptOrReloadedWithLatePaths() throws {
    var sda = makePath("sda", 8, 0)
    sda.device.holders = ["dm-0"]
    let existing = ExistingMap(name: "35000c50015ea71ac", uuid: "mpath-35000c50015ea71ac",
                               device: DeviceNumber(major: 254, minor: 0),
                               pathDevices: [DeviceNumber(major: 8, minor: 0)])
    let kept = makePlan([sda], context(existingMaps: [existing]))
    #expect(kept.maps.first?.action == .keep)

    let late = makePlan([sda, makePath("sdb", 8, 16)], context(existingMaps: [existing]))
    let map = try #require(late.maps.first)
    #expect(map.action == .reload(added: ["sdb"]))
    #expect(map.table.targets[0].parameters == "0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1")
}

@Test func aNameTakenByAnotherDeviceIsAConflict() {
    let other = ExistingMap(name: "35000c50015ea71ac", uuid: "mpath-something-else",
                            device: DeviceNumber(major: 254, minor: 0), pathDevices: [])
    let plan = makePlan([makePath("sda", 8, 0), makePath("sdb", 8, 16)],
                               context(existingMaps: [other]))
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.allSatisfy { $0.reasonCode == "conflict" })
}

@Test func nativeNvmeMultipathHeadsAreNotClaimed() {
    var head = makePath("nvme0n1", 259, 0)
    head.device.kind = .nvmeNamespace
    head.device.nvmeNativeMultipath = true
    let plan = makePlan([head], context(knownWWIDs: ["35000c50015ea71ac"]))
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.first?.reasonCode == "native_nvme_multipath")
}

@Test func pathsAreInUdevEnumerationOrderNotKernelNameOrder() throws {
    // sda sits on the second controller (the order varies between boots): multipath-tools
    // takes paths in udev's order, by sysfs path, so sdb's group comes first.
    var sda = makePath("sda", 8, 0)
    var sdb = makePath("sdb", 8, 16)
    sda.device.sysfsPath = "/sys/devices/pci0000:00/0000:00:04.0/virtio1/host1/target1:0:0/1:0:0:0/block/sda"
    sdb.device.sysfsPath = "/sys/devices/pci0000:00/0000:00:03.0/virtio0/host0/target0:0:0/0:0:0:0/block/sdb"
    let map = try #require(makePlan([sda, sdb], context()).maps.first)
    #expect(map.table.targets[0].parameters == "0 0 2 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:0 1")
}

@Test func readOrderPutsTheBestReadyPathsFirstThenTheRestInTableOrder() throws {
    let paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16), makePath("sdc", 8, 32), makePath("sdd", 8, 48)]
    var map = try #require(makePlan(paths, context()).maps.first)
    map.priorities = [10, 50, 1, 50]
    let all = Set(paths.map { $0.device.devt })
    #expect(map.readOrder(among: all) == ["sdb", "sdd", "sda", "sdc"])
    // The best priority is the best among the ready paths: with sdb and sdd not ready, sda's
    // group comes first.
    let some: Set<DeviceNumber> = [DeviceNumber(major: 8, minor: 32), DeviceNumber(major: 8, minor: 0)]
    #expect(map.readOrder(among: some) == ["sda", "sdc"])
    #expect(map.readOrder(among: []) == [])
    // A hand-made plan without priorities reads in table order.
    map.priorities = []
    #expect(map.readOrder(among: all) == ["sda", "sdb", "sdc", "sdd"])
}
