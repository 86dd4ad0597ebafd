// StrayMaps and the MPATHBOOT_FAULT crash points: what a run killed between create and
// resume leaves behind, and how the next run clears it before building the map again.
import Testing
@testable import MultipathCore
@testable import MultipathSystem
import TestSupport

private let wwid = "35000c50015ea71ac"
private let table = DmTable(targets: [DmTarget(start: 0, length: 131072, kind: .linear(device: DeviceNumber(major: 8, minor: 0), offset: 0))])

/// The device-mapper state a run killed at `point` leaves: the device made, perhaps loaded,
/// never resumed (so no live table).
private func killedRun(_ dm: RecordingDeviceMapper, name: String = wwid, uuid: String = "mpath-\(wwid)",
                       loaded: Bool) throws {
    _ = try dm.create(name: name, uuid: uuid)
    if loaded { try dm.load(name: name, table: table, readOnly: false) }
}

@Test(arguments: [("mpath-35000c50015ea71ac", true), ("part2-mpath-35000c50015ea71ac", true),
                  ("part12-mpath-x", true), ("mpath-", false), ("part-mpath-35000c50015ea71ac", false),
                  ("partx-mpath-3500", false), ("part1-mpath-", false), ("LVM-abc", false),
                  ("CRYPT-LUKS2-abc", false), ("", false), ("mpath", false)])
func multipathUUIDs(uuid: String, ours: Bool) {
    #expect(StrayMaps.isMultipathUUID(uuid) == ours)
}

@Test(arguments: [false, true])
func aMapLeftWithoutALiveTableIsRemovedAndReported(loaded: Bool) throws {
    let dm = RecordingDeviceMapper()
    try killedRun(dm, loaded: loaded)
    let diagnostics = try StrayMaps.clean(dm, dryRun: false, settleMilliseconds: 0)
    #expect(diagnostics == [Diagnostic(.warning, wwid,
        "left half-made by an earlier run (uuid mpath-35000c50015ea71ac, no live table); removed")])
    #expect(dm.calls.suffix(3) == ["list -", "info \(wwid)", "remove \(wwid)"])
    #expect(dm.devicesByName.isEmpty)
}

@Test func liveOpenAndForeignMapsAreLeftAlone() throws {
    let dm = RecordingDeviceMapper()
    // A live multipath map, a live partition map, an LVM volume without a live table, and
    // one of ours without a live table that someone holds open.
    _ = try dm.create(name: "live", uuid: "mpath-3live")
    try dm.load(name: "live", table: table, readOnly: false)
    try dm.resume(name: "live", noFlush: false)
    _ = try dm.create(name: "live-part1", uuid: "part1-mpath-3live")
    try dm.resume(name: "live-part1", noFlush: false)
    _ = try dm.create(name: "vg-lv", uuid: "LVM-xyz")
    _ = try dm.create(name: "held", uuid: "mpath-3held")
    dm.devicesByName["held"]?.info.openCount = 1
    let before = dm.devicesByName.keys.sorted()

    let diagnostics = try StrayMaps.clean(dm, dryRun: false, settleMilliseconds: 0)
    #expect(diagnostics == [Diagnostic(.warning, "held", "uuid mpath-3held has no live table but is open (1); left alone")])
    #expect(!dm.calls.contains { $0.hasPrefix("remove") })
    #expect(dm.devicesByName.keys.sorted() == before)
}

@Test func aMapThatGoesLiveMeanwhileIsAnotherProcesssAndStays() throws {
    let dm = RecordingDeviceMapper()
    try killedRun(dm, loaded: true)
    // multipathd resumes its new map between the listing and the second look.
    dm.onInfo = { name in dm.devicesByName[name]?.info.liveTable = true }
    let diagnostics = try StrayMaps.clean(dm, dryRun: false, settleMilliseconds: 0)
    #expect(diagnostics.isEmpty)
    #expect(!dm.calls.contains { $0.hasPrefix("remove") })
    #expect(dm.devicesByName[wwid]?.info.liveTable == true)
}

@Test func partitionStraysGoBeforeTheirParent() throws {
    let dm = RecordingDeviceMapper()
    try killedRun(dm, loaded: true)
    try killedRun(dm, name: "\(wwid)-part1", uuid: "part1-mpath-\(wwid)", loaded: false)
    _ = try StrayMaps.clean(dm, dryRun: false, settleMilliseconds: 0)
    #expect(dm.calls.filter { $0.hasPrefix("remove") } == ["remove \(wwid)-part1", "remove \(wwid)"])
}

@Test func aDryRunOnlyNamesTheStrays() throws {
    let dm = RecordingDeviceMapper()
    try killedRun(dm, loaded: false)
    let diagnostics = try StrayMaps.clean(dm, dryRun: true, settleMilliseconds: 0)
    #expect(diagnostics.map(\.text) == ["\(wwid): left half-made by an earlier run (uuid mpath-\(wwid), no live table); would be removed"])
    #expect(dm.devicesByName.count == 1)
}

@Test func aFailedRemovalIsAnError() throws {
    let dm = RecordingDeviceMapper()
    try killedRun(dm, loaded: false)
    dm.failing = "remove"
    dm.failingErrno = Errno(rawValue: 16)
    let diagnostics = try StrayMaps.clean(dm, dryRun: false, settleMilliseconds: 0)
    #expect(diagnostics == [Diagnostic(.error, wwid,
        "left half-made by an earlier run (uuid mpath-\(wwid), no live table); cannot remove it: device-mapper remove of \(wwid) failed: \(Errno(rawValue: 16))")])
}

@Test func aListingFailureIsThrown() {
    let dm = RecordingDeviceMapper()
    dm.failing = "list"
    #expect(throws: SystemError.self) { try StrayMaps.clean(dm, dryRun: false, settleMilliseconds: 0) }
}

@Test func faultValues() {
    #expect(FaultInjection.parse("kill-after-create") == FaultInjection(point: .afterCreate))
    #expect(FaultInjection.parse("kill-after-load:\(wwid)-part2")
            == FaultInjection(point: .afterLoad, mapName: "\(wwid)-part2"))
    #expect(FaultInjection.parse("kill-after-load:") == FaultInjection(point: .afterLoad))
    #expect(FaultInjection.parse("kill-after-resume") == .none)
    #expect(FaultInjection.parse("") == .none)
    let fault = FaultInjection(point: .afterLoad, mapName: "a")
    #expect(fault.fires(at: .afterLoad, name: "a"))
    #expect(!fault.fires(at: .afterLoad, name: "b"))
    #expect(!fault.fires(at: .afterCreate, name: "a"))
    #expect(FaultInjection(point: .afterCreate).fires(at: .afterCreate, name: "anything"))
    #expect(!FaultInjection.none.fires(at: .afterCreate, name: "a"))
}
