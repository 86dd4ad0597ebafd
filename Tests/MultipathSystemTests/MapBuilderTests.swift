// MapBuilder: the order of device-mapper calls and the rollback of half-made maps.
import Testing
@testable import MultipathCore
@testable import MultipathSystem
import TestSupport

private let wwid = WWID(udevValue: "35000c50015ea71ac")!

private func twoPathPlan() -> MapPlan {
    var paths: [Path] = []
    for (name, minor) in [("sda", UInt32(0)), ("sdb", UInt32(16))] {
        var device = BlockDevice(name: name, kind: .scsiDisk, devt: DeviceNumber(major: 8, minor: minor))
        device.sizeSectors = 131072
        paths.append(Path(device: device, identity: PathIdentity(wwid: wwid, source: nil)))
    }
    return MapPlan(name: wwid.value, nameSource: .wwid, wwid: wwid, paths: paths,
                   table: MultipathPolicy.table(for: paths, matcher: PosixRegexMatcher()), action: .create)
}

private func builder(_ dm: RecordingDeviceMapper, partitions: PartitionTable? = nil,
                     error: SystemError? = nil) -> MapBuilder<RecordingDeviceMapper, FixedPartitionSource> {
    // Nodes go to a scratch folder (mknod needs root; without it that is a diagnostic, not
    // an error), so the dm call order is what these tests look at.
    MapBuilder(dm: dm, partitionSource: FixedPartitionSource(table: partitions, error: error),
               nodes: DeviceNodes(devRoot: Fixtures.scratchDirectory()))
}

@Test func createLoadsAndResumesInThatOrder() {
    let dm = RecordingDeviceMapper()
    let outcome = builder(dm).apply(twoPathPlan())
    #expect(outcome.state == .created)
    #expect(dm.calls == [
        "create 35000c50015ea71ac mpath-35000c50015ea71ac",
        "load 35000c50015ea71ac 0 131072 multipath 0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1",
        "resume 35000c50015ea71ac",
    ])
}

@Test(arguments: ["load", "resume"])
func aFailedStepRemovesTheHalfMadeMap(step: String) {
    let dm = RecordingDeviceMapper()
    dm.failing = "\(step) 35000c50015ea71ac"
    let outcome = builder(dm).apply(twoPathPlan())
    #expect(outcome.state == .failed(step: step, message: "device-mapper \(step) of 35000c50015ea71ac failed: \(Errno(rawValue: 22))"))
    #expect(dm.calls.last == "remove 35000c50015ea71ac")
    #expect(dm.devicesByName.isEmpty)
}

@Test func aFailedCreateLeavesNothingToRemove() {
    let dm = RecordingDeviceMapper()
    dm.failing = "create"
    let outcome = builder(dm).apply(twoPathPlan())
    guard case .failed(let step, _) = outcome.state else {
        Issue.record("expected failure")
        return
    }
    #expect(step == "create")
    #expect(dm.calls.count == 1)
}

@Test func partitionMapsAreCreatedOnTheNewMap() {
    let dm = RecordingDeviceMapper()
    let table = PartitionTable(partitions: [DiskPartition(number: 1, start: 2048, length: 2048),
                                            DiskPartition(number: 2, start: 4096, length: 126_943)], warnings: [])
    let outcome = builder(dm, partitions: table).apply(twoPathPlan())
    #expect(outcome.partitions.map { $0.name } == ["35000c50015ea71ac-part1", "35000c50015ea71ac-part2"])
    #expect(dm.calls.contains("create 35000c50015ea71ac-part2 part2-mpath-35000c50015ea71ac"))
    #expect(dm.calls.contains("load 35000c50015ea71ac-part2 0 126943 linear 254:0 4096"))
    #expect(dm.devicesByName.count == 3)
}

@Test func anUnreadablePartitionTableKeepsTheMapAndWarns() {
    let dm = RecordingDeviceMapper()
    let outcome = builder(dm, error: .malformed(path: "/dev/mapper/x", detail: "bad GPT header CRC")).apply(twoPathPlan())
    #expect(outcome.state == .created)
    #expect(outcome.partitions.isEmpty)
    #expect(outcome.diagnostics.contains { $0.message.hasSuffix("bad GPT header CRC") })
}

@Test func rerunningOnAnExistingMapChangesNothing() {
    let dm = RecordingDeviceMapper()
    var plan = twoPathPlan()
    _ = builder(dm).apply(plan)
    let before = dm.calls.count
    plan.action = .keep
    let outcome = builder(dm).apply(plan)
    #expect(outcome.state == .existing)
    #expect(dm.calls[before...].allSatisfy { $0.hasPrefix("info") })
}

@Test func pathsThatFailedTheirCheckAreFailedAfterTheMapIsLive() {
    let dm = RecordingDeviceMapper()
    let outcome = builder(dm).apply(twoPathPlan(), failing: [DeviceNumber(major: 8, minor: 16)])
    #expect(outcome.state == .created)
    let resume = dm.calls.firstIndex(of: "resume 35000c50015ea71ac")
    let message = dm.calls.firstIndex(of: "message 35000c50015ea71ac fail_path 8:16")
    #expect(resume != nil && message != nil && resume! < message!)
}

@Test func pathStatesFollowTheCheckerWithoutRepeats() {
    let dm = RecordingDeviceMapper()
    var plan = twoPathPlan()
    let sdb = DeviceNumber(major: 8, minor: 16)
    _ = builder(dm).apply(plan, failing: [sdb])
    #expect(dm.failedPaths == [sdb])
    plan.action = .keep
    // Still down on the next pass: already failed, nothing is sent again.
    var before = dm.calls.count
    _ = builder(dm).apply(plan, failing: [sdb], reinstating: [DeviceNumber(major: 8, minor: 0)])
    #expect(!dm.calls[before...].contains { $0.hasPrefix("message") })
    // Up again: reinstated once, with a notice.
    before = dm.calls.count
    let outcome = builder(dm).apply(plan, reinstating: [DeviceNumber(major: 8, minor: 0), sdb])
    #expect(dm.calls[before...].filter { $0.hasPrefix("message") } == ["message 35000c50015ea71ac reinstate_path 8:16"])
    #expect(outcome.diagnostics.contains(Diagnostic(.notice, "35000c50015ea71ac", "path 8:16 reinstated (checker: up)")))
    #expect(dm.failedPaths.isEmpty)
}

@Test func aLoadFailingForWantOfTheMultipathTargetSaysSo() {
    let dm = RecordingDeviceMapper()
    dm.failing = "load 35000c50015ea71ac"
    dm.registeredTargets = ["striped", "linear", "error", "zero"]
    let outcome = builder(dm).apply(twoPathPlan())
    #expect(outcome.state == .failed(step: "load", message:
        "device-mapper load of 35000c50015ea71ac failed: \(Errno(rawValue: 22)) (the kernel has no 'multipath' target: is the dm-multipath module loaded?)"))
    #expect(dm.calls.last == "remove 35000c50015ea71ac")
    #expect(dm.devicesByName.isEmpty)
}

@Test func aLoadFailureWithEveryTargetPresentKeepsTheKernelsError() {
    let dm = RecordingDeviceMapper()
    dm.failing = "load 35000c50015ea71ac"
    dm.failingErrno = Errno(rawValue: 6)
    let outcome = builder(dm).apply(twoPathPlan())
    #expect(outcome.state == .failed(step: "load", message: "device-mapper load of 35000c50015ea71ac failed: \(Errno(rawValue: 6))"))
}

@Test func thePartitionTableIsReadFromAReadyPathOfTheBestGroupFirst() {
    var plan = twoPathPlan()
    plan.priorities = [10, 50]
    let sda = DeviceNumber(major: 8, minor: 0)
    let sdb = DeviceNumber(major: 8, minor: 16)
    let both = builder(RecordingDeviceMapper())
    _ = both.apply(plan, readable: [sda, sdb])
    #expect(both.partitionSource.requests.asked.map { $0.paths } == [["sdb", "sda"]])

    // A standby or failed path is not offered (only the checker's "ready" ones are readable).
    let one = builder(RecordingDeviceMapper())
    _ = one.apply(plan, readable: [sda])
    #expect(one.partitionSource.requests.asked.map { $0.paths } == [["sda"]])

    // None ready: only the map itself is left to read.
    let none = builder(RecordingDeviceMapper())
    _ = none.apply(plan)
    #expect(none.partitionSource.requests.asked.map { $0.paths } == [[]])
}
