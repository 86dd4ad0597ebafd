// ALUAStates.fill: ALUA states from REPORT TARGET PORT GROUPS, one answer
// shared by the paths of a logical unit. The answers come from a recorder, so the test sees
// which paths would have been asked.
import Testing
@testable import MultipathCore

@Suite("ALUA states from REPORT TARGET PORT GROUPS")
struct ALUAStateTests {
    /// A VPD 0x83 page with one designator: target port group `group` (SPC-4 7.8.6.7).
    static func page83(group: UInt16) -> [UInt8] {
        VPD.page83([VPD.targetPortGroup(group)])
    }

    static func path(_ name: String, wwid: String = "35000c50015ea71ac", serial: String? = "S1",
                     tpgs: UInt8 = 1, sysfsState: String? = nil) -> Path {
        var device = BlockDevice(name: name, kind: .scsiDisk, devt: DeviceNumber(major: 8, minor: 0))
        device.accessState = sysfsState
        return Path(device: device, identity: PathIdentity(wwid: WWID(udevValue: wwid), source: .vpd83NAA5,
                                                           tpgs: tpgs, serial: serial))
    }

    /// Runs ALUAStates.fill over `paths` with page 0x83 group `groups[i]` for path i; the device
    /// answers `answer(name)`, sysfs `preferred_path` says `preferredInSysfs(name)`. Returns the
    /// states, PREF bits, the names of the paths that were asked and of those whose
    /// `preferred_path` was read.
    static func run(_ paths: [Path], groups: [UInt16?], preferredInSysfs: @escaping (String) -> Bool = { _ in false },
                    answer: (String) -> [TargetPortGroup]?)
        -> (states: [String?], fromRTPG: [Bool], asked: [String], preferred: [Bool], readPreferred: [String]) {
        var paths = paths
        var asked: [String] = []
        var readPreferred: [String] = []
        ALUAStates.fill(&paths, page83: { groups[$0].map { page83(group: $0) } },
                        reportTargetPortGroups: { device in
                            asked.append(device.name)
                            return answer(device.name)
                        },
                        preferredPath: { device in
                            readPreferred.append(device.name)
                            return preferredInSysfs(device.name)
                        })
        return (paths.map { $0.device.accessState }, paths.map { $0.device.accessStateFromRTPG }, asked,
                paths.map { $0.device.accessPreferred }, readPreferred)
    }

    static let array = [TargetPortGroup(id: 1, state: 0x0, preferred: true),
                        TargetPortGroup(id: 2, state: 0x2, preferred: false)]

    @Test("one answer serves every path of the unit whose group it lists")
    func oneAnswerPerUnit() {
        let result = Self.run([Self.path("sda"), Self.path("sdb"), Self.path("sdc"), Self.path("sdd")],
                              groups: [1, 2, 1, 2]) { _ in Self.array }
        #expect(result.asked == ["sda"])
        #expect(result.states == ["active/optimized", "standby", "active/optimized", "standby"])
        #expect(result.fromRTPG == [true, true, true, true])
    }

    @Test("a path whose group the last answer does not list asks itself (scsi_debug: a group per host)")
    func unlistedGroupAsksAgain() {
        let answers = ["sda": [TargetPortGroup(id: 0x100, state: 0x0, preferred: false)],
                       "sdb": [TargetPortGroup(id: 0x200, state: 0x1, preferred: false)]]
        let result = Self.run([Self.path("sda"), Self.path("sdb"), Self.path("sdc")],
                              groups: [0x100, 0x200, 0x200]) { answers[$0] }
        #expect(result.asked == ["sda", "sdb"])
        #expect(result.states == ["active/optimized", "active/non-optimized", "active/non-optimized"])
    }

    @Test("paths of one WWID with different serials, or of other WWIDs, are different units")
    func otherUnitsAskThemselves() {
        let result = Self.run([Self.path("sda"), Self.path("sdb", serial: "S2"),
                               Self.path("sdc", wwid: "36001405aaaaaaaaaaaaaaaaaaaaaaaaa")],
                              groups: [1, 1, 1]) { _ in Self.array }
        #expect(result.asked == ["sda", "sdb", "sdc"])
        #expect(result.states == ["active/optimized", "active/optimized", "active/optimized"])
    }

    @Test("no answer keeps sysfs's state; no TPGS or no group in page 0x83 asks nothing")
    func failuresAndSkips() {
        let result = Self.run([Self.path("sda", sysfsState: "standby"), Self.path("sdb"),
                               Self.path("sdc", tpgs: 0), Self.path("sdd")],
                              groups: [1, 1, 1, nil]) { name in name == "sda" ? nil : Self.array }
        #expect(result.asked == ["sda", "sdb"])
        #expect(result.states == ["standby", "active/optimized", nil, nil])
        #expect(result.fromRTPG == [false, true, false, false])
    }

    @Test("an answer that replaces a sysfs state is not marked as filling a gap")
    func sysfsStateReplaced() {
        let result = Self.run([Self.path("sda", sysfsState: "active/non-optimized")], groups: [2]) { _ in Self.array }
        #expect(result.states == ["standby"])
        #expect(result.fromRTPG == [false])
    }

    @Test("the PREF bit comes from the answer that gave the state, shared answers included")
    func preferredFromTheAnswer() {
        let result = Self.run([Self.path("sda", sysfsState: "active/optimized"), Self.path("sdb"), Self.path("sdc")],
                              groups: [1, 2, 1], preferredInSysfs: { _ in true }) { _ in Self.array }
        #expect(result.asked == ["sda"])
        #expect(result.preferred == [true, false, true])
        // The answer decided: sysfs's preferred_path is not read (nor believed).
        #expect(result.readPreferred.isEmpty)
    }

    @Test("a path that keeps sysfs's state takes sysfs's preferred_path; one without a state reads nothing")
    func preferredFromSysfsWhenTheStateIs() {
        let result = Self.run([Self.path("sda", sysfsState: "active/non-optimized"), Self.path("sdb", tpgs: 0, sysfsState: "standby"),
                               Self.path("sdc", tpgs: 0), Self.path("sdd", sysfsState: "standby")],
                              groups: [1, nil, nil, nil], preferredInSysfs: { $0 != "sdd" }) { _ in nil }
        #expect(result.asked == ["sda"])
        #expect(result.states == ["active/non-optimized", "standby", nil, "standby"])
        #expect(result.readPreferred == ["sda", "sdb", "sdd"])
        #expect(result.preferred == [true, true, false, false])
    }
}
