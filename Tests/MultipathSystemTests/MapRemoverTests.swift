// MapRemover (`flush`): partition maps first, then the map; nothing removed when any of
// them is open or mounted.
import Foundation
import Testing
@testable import MultipathCore
@testable import MultipathSystem
import TestSupport

private let uuid = "mpath-35000c50015ea71ac"

private func threeMaps(mapOpen: Int32 = 2, part1Open: Int32 = 0) -> RecordingDeviceMapper {
    let dm = RecordingDeviceMapper()
    func add(_ name: String, _ uuid: String, _ minor: UInt32, open: Int32) {
        dm.devicesByName[name] = RecordingDeviceMapper.Device(
            info: DmDeviceInfo(name: name, uuid: uuid, device: DeviceNumber(major: 254, minor: minor), openCount: open),
            table: nil)
    }
    add("mpatha", uuid, 0, open: mapOpen)
    add("mpatha-part1", "part1-" + uuid, 1, open: part1Open)
    add("mpatha-part2", "part2-" + uuid, 2, open: 0)
    add("vg-root", "LVM-abcdef", 3, open: 1)
    return dm
}

/// A /proc with a mountinfo mounting `devt` on /target.
private func proc(mounting devt: String?) -> String {
    let dir = Fixtures.scratchDirectory()
    try? FileManager.default.createDirectory(atPath: dir + "/self", withIntermediateDirectories: true)
    let line = devt.map { "29 1 \($0) / /target rw,relatime - ext4 /dev/mapper/x rw\n" } ?? ""
    try? ("22 1 0:21 / /proc rw - proc proc rw\n" + line).write(toFile: dir + "/self/mountinfo", atomically: true, encoding: .utf8)
    return dir
}

@Test func unusedMapsGoPartitionsFirst() throws {
    let dm = threeMaps()
    let outcomes = try MapRemover(dm: dm, procRoot: proc(mounting: nil)).flush([])
    #expect(outcomes == [FlushOutcome(name: "mpatha", removed: ["mpatha-part1", "mpatha-part2", "mpatha"])])
    #expect(dm.calls.filter { $0.hasPrefix("remove") } == ["remove mpatha-part1", "remove mpatha-part2", "remove mpatha"])
    #expect(dm.devicesByName.keys.sorted() == ["vg-root"])
}

@Test func anOpenPartitionMapKeepsTheWholeMap() throws {
    let dm = threeMaps(mapOpen: 2, part1Open: 1)
    let outcomes = try MapRemover(dm: dm, procRoot: proc(mounting: nil)).flush(["mpatha"])
    #expect(outcomes == [FlushOutcome(name: "mpatha", refused: "in use, not removed: mpatha-part1 is open (open count 1)")])
    #expect(!dm.calls.contains { $0.hasPrefix("remove") })
}

@Test func aMountedMapIsRefusedNamingTheMountPoint() throws {
    let dm = threeMaps(mapOpen: 3)
    let outcomes = try MapRemover(dm: dm, procRoot: proc(mounting: "254:2")).flush(["/dev/mapper/mpatha"])
    #expect(outcomes == [FlushOutcome(name: "mpatha", refused: "in use, not removed: mpatha-part2 is mounted on /target; mpatha is open (open count 3, 2 of it partition maps)")])
    #expect(!dm.calls.contains { $0.hasPrefix("remove") })
}

@Test func otherDeviceMapperDevicesAndUnknownNamesAreLeftAlone() throws {
    let dm = threeMaps()
    let outcomes = try MapRemover(dm: dm, procRoot: proc(mounting: nil)).flush(["vg-root", "nosuch"])
    #expect(outcomes == [
        FlushOutcome(name: "vg-root", refused: "not a multipath map (DM UUID 'LVM-abcdef'); left alone"),
        FlushOutcome(name: "nosuch", refused: "no multipath map of that name or WWID"),
    ])
    #expect(!dm.calls.contains { $0.hasPrefix("remove") })
}

@Test func partitionUUIDsBelongToTheirMapOnly() {
    #expect(MapRemover<RecordingDeviceMapper>.isPartition("part1-" + uuid, of: uuid))
    #expect(MapRemover<RecordingDeviceMapper>.isPartition("part12-" + uuid, of: uuid))
    #expect(!MapRemover<RecordingDeviceMapper>.isPartition("part-" + uuid, of: uuid))
    #expect(!MapRemover<RecordingDeviceMapper>.isPartition("part1-" + uuid + "0", of: uuid))
    #expect(!MapRemover<RecordingDeviceMapper>.isPartition(uuid, of: uuid))
}

@Test func eddEntriesAreReadFromTheFixture() {
    let read = EddReader(sysfsRoot: Fixtures.sysfs("installer-edd")).read()
    #expect(read.unavailable == nil)
    #expect(read.devices.map { $0.biosIDText } == ["0x80", "0x81", "0x82"])
    #expect(read.devices[0] == EddDevice(biosID: 0x80, sectors: 204800, mbrSignature: 0x0a1b2c3d,
                                         hostBus: "PCI \t00:05.0  channel: 0", interface: "SATA    \tdevice: 0"))
    #expect(read.devices[2].hostBus == nil && read.devices[2].mbrSignature == 0x5ca1ab1e)
    let absent = EddReader(sysfsRoot: Fixtures.sysfs("virtio-two-paths")).read()
    #expect(absent.devices.isEmpty)
    #expect(absent.unavailable == "\(Fixtures.sysfs("virtio-two-paths"))/firmware/edd does not exist (legacy BIOS boot with the edd module loaded is needed)")
}
