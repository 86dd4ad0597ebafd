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

/// What `groupID` answered before it walked the page in place: the first complete type-5,
/// target-port designator of the structured page.
private func groupIDFromStructuredPage(_ bytes: [UInt8]) -> UInt16? {
    guard let page = try? DeviceIdentificationPage(bytes: bytes) else { return nil }
    for designator in page.designators
    where designator.type == .targetPortGroup && designator.association == .targetPort
        && designator.identifier.count >= 4 {
        return UInt16(designator.identifier[2]) << 8 | UInt16(designator.identifier[3])
    }
    return nil
}

@Test func theInPlaceWalkAgreesWithTheStructuredPageOnMutatedPages() {
    // scsi_debug's page 0x83 (captured fixture bytes: T10, NAA-3 target port, relative port,
    // port group 0x0100, NAA target device, SCSI name), then every one-byte mutation of
    // each field that steers the walk, every cut, and pseudo-random pages.
    let page: [UInt8] = [0x00, 0x83, 0x00, 0x70,
        0x02, 0x01, 0x00, 0x1c, 0x4c, 0x69, 0x6e, 0x75, 0x78, 0x20, 0x20, 0x20, 0x73, 0x63, 0x73, 0x69,
        0x5f, 0x64, 0x65, 0x62, 0x75, 0x67, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x32, 0x30, 0x30, 0x30,
        0x01, 0x03, 0x00, 0x08, 0x33, 0x33, 0x33, 0x30, 0x00, 0x00, 0x07, 0xd0,
        0x61, 0x94, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
        0x61, 0x93, 0x00, 0x08, 0x32, 0x22, 0x22, 0x20, 0x00, 0x00, 0x07, 0xce,
        0x61, 0x95, 0x00, 0x04, 0x00, 0x00, 0x01, 0x00,
        0x61, 0xa3, 0x00, 0x08, 0x32, 0x22, 0x22, 0x20, 0x00, 0x00, 0x07, 0xcd,
        0x63, 0xa8, 0x00, 0x18, 0x6e, 0x61, 0x61, 0x2e, 0x33, 0x32, 0x32, 0x32, 0x32, 0x32, 0x32, 0x30,
        0x30, 0x30, 0x30, 0x30, 0x30, 0x37, 0x43, 0x44, 0x00, 0x00, 0x00, 0x00]
    #expect(TargetPortGroups.groupID(page83: page) == 0x0100)
    var cases: [[UInt8]] = []
    for cut in 0...page.count { cases.append(Array(page.prefix(cut))) }
    for index in [1, 2, 3, 5, 7, 39, 41, 51, 53, 57, 61, 65, 69, 73, 75] {
        for value: UInt8 in [0x00, 0x01, 0x03, 0x04, 0x05, 0x08, 0x15, 0x25, 0x55, 0x83, 0x95, 0xff] {
            var mutated = page
            mutated[index] = value
            cases.append(mutated)
        }
    }
    var state: UInt64 = 0x9e3779b97f4a7c15
    for _ in 0..<2000 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var random: [UInt8] = [0, 0x83, 0, UInt8(truncatingIfNeeded: state >> 56)]
        for _ in 0..<Int((state >> 40) & 0x3f) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Mostly small lengths and type/association bytes around 0x15.
            random.append(UInt8(truncatingIfNeeded: state >> 59) | ((state >> 33) & 1 == 0 ? 0x10 : 0))
        }
        cases.append(random)
    }
    var found = 0
    for bytes in cases {
        let expected = groupIDFromStructuredPage(bytes)
        #expect(TargetPortGroups.groupID(page83: bytes) == expected, "\(bytes)")
        if expected != nil { found += 1 }
    }
    // The cases reach both answers, not only "no group".
    #expect(found >= 100 && cases.count - found >= 100)
}
