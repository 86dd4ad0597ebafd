// Identity safety: paths are grouped only when everything they report about themselves
// agrees; a conflict is reported (exact text) and leaves every path of the WWID unmapped;
// identifiers that cannot name one device are never mapped; offline paths stay out of tables.
import Testing
@testable import MultipathCore

private let wwid = "35000c50015ea71ac"

private func conflictPlan(_ a: Path, _ b: Path) -> Plan {
    makePlan([a, b], context(knownWWIDs: [wwid]))
}

@Test func aSizeConflictIsReportedExactlyAndMapsNothing() {
    let plan = conflictPlan(makePath("sda", 8, 0, size: 131072), makePath("sdb", 8, 16, size: 262144))
    #expect(plan.maps.isEmpty)
    #expect(plan.diagnostics == [Diagnostic(.error, wwid,
        "paths sda,sdb share this WWID but sizes differ (sda 131072 sectors, sdb 262144 sectors); not mapping any of them")])
    #expect(plan.unclaimed.map(\.reasonText) == [
        "conflict (sizes differ (sda 131072 sectors, sdb 262144 sectors))",
        "conflict (sizes differ (sda 131072 sectors, sdb 262144 sectors))",
    ])
}

@Test func aVendorOrProductConflictIsReportedExactly() {
    var b = makePath("sdb", 8, 16)
    b.device.model = "OTHER DISK"
    let plan = conflictPlan(makePath("sda", 8, 0), b)
    #expect(plan.maps.isEmpty)
    #expect(plan.diagnostics.map(\.text) == [
        "\(wwid): paths sda,sdb share this WWID but vendor/product differ (QEMU/QEMU HARDDISK vs QEMU/OTHER DISK); not mapping any of them",
    ])
    var c = makePath("sdb", 8, 16)
    c.device.vendor = "LIO-ORG"
    #expect(conflictPlan(makePath("sda", 8, 0), c).diagnostics.map(\.message) == [
        "paths sda,sdb share this WWID but vendor/product differ (QEMU/QEMU HARDDISK vs LIO-ORG/QEMU HARDDISK); not mapping any of them",
    ])
}

@Test func aSerialConflictIsReportedExactlyButAMissingSerialIsNoConflict() {
    var a = makePath("sda", 8, 0)
    var b = makePath("sdb", 8, 16)
    a.identity.serial = "MPATH0001"
    b.identity.serial = "MPATH0002"
    let plan = conflictPlan(a, b)
    #expect(plan.maps.isEmpty)
    #expect(plan.diagnostics.map(\.message) == [
        "paths sda,sdb share this WWID but unit serial numbers differ ('MPATH0001' vs 'MPATH0002'); not mapping any of them",
    ])
    // One path without a page 0x80: nothing to compare, the paths agree on everything else.
    b.identity.serial = nil
    #expect(conflictPlan(a, b).maps.map { $0.paths.count } == [2])
}

@Test func aThirdPathThatDisagreesSpoilsTheWholeGroup() {
    let plan = makePlan([makePath("sda", 8, 0), makePath("sdb", 8, 16), makePath("sdc", 8, 32, size: 1)],
                        context(knownWWIDs: [wwid]))
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map(\.device) == ["sda", "sdb", "sdc"])
    #expect(plan.diagnostics.map(\.message) == [
        "paths sda,sdb,sdc share this WWID but sizes differ (sda 131072 sectors, sdc 1 sectors); not mapping any of them",
    ])
}

@Test func zeroSizedPathsAreNotMapped() {
    let plan = conflictPlan(makePath("sda", 8, 0, size: 0), makePath("sdb", 8, 16, size: 0))
    #expect(plan.maps.isEmpty)
    #expect(plan.diagnostics.map(\.message) == ["paths sda,sdb share this WWID but the size is 0; not mapping any of them"])
    // Even a single listed path.
    #expect(makePlan([makePath("sda", 8, 0, size: 0)], context(knownWWIDs: [wwid])).maps.isEmpty)
}

@Test func aConflictUnderOneWWIDLeavesOtherWWIDsAlone() {
    let other = "3600a0b800000000000000000000000a1"
    let plan = makePlan([makePath("sda", 8, 0), makePath("sdb", 8, 16, size: 4),
                         makePath("sdc", 8, 32, wwid: other), makePath("sdd", 8, 48, wwid: other)], context())
    #expect(plan.maps.map(\.wwid.value) == [other])
    #expect(plan.maps[0].paths.map(\.device.name) == ["sdc", "sdd"])
}

/// A page 0x83 with one NAA designator of the given bytes (binary, LU association).
private func naaPage(_ naa: [UInt8]) -> [UInt8] {
    [0x00, 0x83, 0x00, UInt8(4 + naa.count), 0x01, 0x03, 0x00, UInt8(naa.count)] + naa
}

private func scsiDisk(_ name: String, minor: UInt32) -> BlockDevice {
    var device = BlockDevice(name: name, kind: .scsiDisk, devt: DeviceNumber(major: 8, minor: minor))
    device.sizeSectors = 131072
    device.vendor = "QEMU"
    device.model = "QEMU HARDDISK"
    return device
}

/// An SPC-4 standard INQUIRY for vendor QEMU, product QEMU HARDDISK.
private let inquiry: [UInt8] = [0x00, 0x00, 0x06, 0x02, 31, 0x00, 0x00, 0x02]
    + Array("QEMU    ".utf8) + Array("QEMU HARDDISK   ".utf8) + Array("2.5+".utf8)

@Test(arguments: [
    ([UInt8](repeating: 0, count: 8), "placeholder identifier '30000000000000000'"),
    ([UInt8](repeating: 0xFF, count: 8), "placeholder identifier '3ffffffffffffffff'"),
])
func placeholderDesignatorsAreNeverMapped(naa: [UInt8], problem: String) throws {
    let data = ScsiIdentityData(inquiry: inquiry, page83: naaPage(naa), origin: .sysfs)
    let paths = [("sda", UInt32(0)), ("sdb", UInt32(16))].map { name, minor in
        let device = scsiDisk(name, minor: minor)
        return Path(device: device, identity: PathIdentifier.identify(device, data: data))
    }
    #expect(paths.allSatisfy { $0.identity.wwid == nil })
    #expect(paths[0].identity.problem == problem)
    let plan = makePlan(paths, context(findMultipaths: "greedy"))
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map(\.reasonText) == ["no WWID (\(problem))", "no WWID (\(problem))"])
}

@Test(arguments: ["", " ", "    ", "3", "1            ", "3000000000000000", "eui.0000000000000000",
                  "naa.ffffffffffffffff", "t10.", "uuid.00000000-0000-0000-0000-000000000000", "____"])
func emptyBlankAndPlaceholderValuesGiveNoWWID(value: String) {
    #expect(WWID(udevValue: value) == nil)
}

@Test func anOfflinePathIsLeftOutOfTheTableWithAWarning() throws {
    var sdb = makePath("sdb", 8, 16)
    sdb.device.state = "offline"
    let plan = makePlan([makePath("sda", 8, 0), sdb], context())
    let map = try #require(plan.maps.first)
    #expect(map.paths.map(\.device.name) == ["sda"])
    #expect(map.table.text == "0 131072 multipath 0 0 1 1 service-time 0 1 1 8:0 1")
    #expect(plan.diagnostics.map(\.text) == [
        "sdb: device state offline; left out of the map for \(wwid) (multipathd adds it when it is back)",
        "\(wwid): only one path (sda); mapping it degraded (find_multipaths yes)",
    ])
    #expect(plan.unclaimed.map(\.reasonCode) == ["offline"])
    #expect(plan.unclaimed.map(\.reasonText) == ["device state offline"])
}

@Test func whenEveryPathIsOfflineThereIsNoMap() {
    var sda = makePath("sda", 8, 0)
    var sdb = makePath("sdb", 8, 16)
    sda.device.state = "transport-offline"
    sdb.device.state = "offline"
    let plan = makePlan([sda, sdb], context())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map(\.reasonText) == ["device state transport-offline", "device state offline"])
}

@Test func anOfflinePathStillTakesPartInTheIdentityCheck() {
    var sdb = makePath("sdb", 8, 16, size: 4)
    sdb.device.state = "offline"
    let plan = makePlan([makePath("sda", 8, 0), sdb], context())
    #expect(plan.maps.isEmpty)
    #expect(plan.unclaimed.map(\.reasonCode) == ["conflict", "conflict"])
}
