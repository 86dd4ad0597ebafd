// REPORT TARGET PORT GROUPS data and the path's group from VPD 0x83.
import Testing
@testable import MultipathCore

@Test func rtpgDescriptorsParseWithTheirPorts() {
    // Two groups: id 1 active/optimized + PREF with 2 ports, id 2 standby with 1 port.
    let data: [UInt8] = [0, 0, 0, 28,
                         0x80, 0x0F, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2,
                         0x02, 0x0F, 0, 2, 0, 0, 0, 1, 0, 0, 0, 3]
    let groups = TargetPortGroups.parse(data)
    #expect(groups == [TargetPortGroup(id: 1, state: 0, preferred: true),
                       TargetPortGroup(id: 2, state: 2, preferred: false)])
    #expect(groups.map { $0.stateText } == ["active/optimized", "standby"])
}

@Test func rtpgDataThatLiesAboutItsLengthIsCut() {
    #expect(TargetPortGroups.parse([0, 0, 0, 200, 0x01, 0, 0, 7, 0, 0, 0, 0]) == [TargetPortGroup(id: 7, state: 1, preferred: false)])
    #expect(TargetPortGroups.parse([0, 0, 0, 8, 0x01, 0, 0, 7, 0, 0, 0, 9]).count == 1)
    #expect(TargetPortGroups.parse([0, 0]).isEmpty)
}

@Test func thePathsGroupComesFromTheTargetPortGroupDesignator() {
    // NAA (LU), then target port group designator (assoc target port, type 5) id 0x0102.
    let page: [UInt8] = [0, 0x83, 0, 20,
                         0x01, 0x03, 0, 8, 0x60, 1, 2, 3, 4, 5, 6, 7,
                         0x01, 0x15, 0, 4, 0, 0, 0x01, 0x02]
    #expect(TargetPortGroups.groupID(page83: page) == 0x0102)
    #expect(TargetPortGroups.groupID(page83: Array(page.prefix(16))) == nil)
}
