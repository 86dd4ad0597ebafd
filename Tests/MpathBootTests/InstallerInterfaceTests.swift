// The installer interface end to end on a fixture with a two-path LUN, a local SATA disk and
// EDD entries: probe and assemble reports (exact, and valid against the schema), resolve,
// flush. The recording device-mapper stands in for the kernel.
import Foundation
import Testing
import MultipathCore
import MultipathSystem
import TestSupport
@testable import MpathBoot

private let lun = "35000c50015ea71ac"

private struct Machine {
    let dev = Fixtures.scratchDirectory()
    /// A /proc whose misc lists device-mapper, so read-only commands read existing maps.
    let proc: String = {
        let dir = Fixtures.scratchDirectory()
        try? "236 device-mapper\n".write(toFile: dir + "/misc", atomically: true, encoding: .utf8)
        return dir
    }()
    let dm = RecordingDeviceMapper()

    func run(_ arguments: [String], fixture: String = "installer-edd") -> (status: ExitCode, output: String, log: String) {
        let args = arguments + ["--sysfs-root", Fixtures.sysfs(fixture), "--proc-root", proc, "--dev-root", dev,
                                "--etc-root", Fixtures.etc("etc-find-multipaths-yes"),
                                "--run-root", Fixtures.scratchDirectory()]
        let result = MpathBoot.run(arguments: args, dm: dm, capturing: true)
        return (result.status, result.console.capturedOutput, result.console.capturedLog)
    }
}

private func json(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

@Test func probeReportsTheLUNTheLocalDiskAndEddExactlyAndTouchesNothing() throws {
    let machine = Machine()
    // No device-mapper in this /proc: probe must not ask libdm at all.
    try? FileManager.default.removeItem(atPath: machine.proc + "/misc")
    let result = machine.run(["probe", "--json"])
    #expect(result.status == .success)
    #expect(machine.dm.calls.isEmpty)
    let golden = try String(contentsOfFile: Fixtures.etc("installer-edd") + "/probe.json", encoding: .utf8)
    #expect(result.output == golden)
    #expect(SchemaValidator.problems(result.output) == nil)
}

@Test func probeWithNothingToMapExitsTwoAndDoesNotRecommend() {
    let result = Machine().run(["probe", "--json"], fixture: "virtio-one-path")
    #expect(result.status == .nothingToDo)
    let summary = json(result.output)["summary"] as? [String: Any]
    #expect(summary?["recommend_activation"] as? Bool == false)
    #expect(summary?["reasons"] as? [String] == ["no WWID has two or more usable paths", "1 single-path WWID do not count"])
    #expect(SchemaValidator.problems(result.output) == nil)
}

@Test func theValidatorRejectsAReportThatBreaksTheSchema() {
    let result = Machine().run(["probe", "--json"])
    let broken = result.output.replacingOccurrences(of: "\"state\": \"would_create\"", with: "\"state\": \"maybe\"")
    #expect(broken != result.output)
    #expect(SchemaValidator.problems(broken)?.contains("'maybe' is not one of") == true)
    #expect(SchemaValidator.problems("{\"schema\": 1}") != nil)
}

@Test func assembleBuildsOneMapThenResolveAndFlushUseIt() throws {
    let machine = Machine()
    let assembled = machine.run(["assemble", "--json"])
    #expect(SchemaValidator.problems(assembled.output) == nil)
    let report = json(assembled.output)
    let maps = report["maps"] as? [[String: Any]] ?? []
    #expect(maps.count == 1)
    #expect(maps.first?["state"] as? String == "created")
    #expect(maps.first?["dev_t"] as? String == "254:0")
    #expect(machine.dm.calls.filter { $0.hasPrefix("create") } == ["create \(lun) mpath-\(lun)"])
    // The scratch /dev has no sda/sdb nodes: tur fails, the paths are failed in the map, and
    // the report says so (an assemble summary counts checked paths only).
    let paths = maps.first?["paths"] as? [[String: Any]] ?? []
    #expect(paths.map { $0["checker"] as? String } == ["down", "down"])
    #expect(assembled.status == .success)

    for query in ["sda", "/dev/sdb", "8:16", lun, "0x81", "0x82", "dm-0", "/dev/disk/by-id/scsi-\(lun)"] {
        let resolved = machine.run(["resolve", query])
        #expect(resolved.status == .success, "\(query): \(resolved.log)")
        #expect(resolved.output == "\(lun)\n", "\(query)")
    }
    let local = machine.run(["resolve", "0x80"])
    #expect(local.status == .failure)
    #expect(local.log == "error: 0x80 is sdc, which is not part of a multipath map\n")
    let sdc = machine.run(["resolve", "--json", "/dev/sdc"])
    #expect(sdc.status == .failure)
    #expect(SchemaValidator.problems(sdc.output) == nil)
    #expect(json(sdc.output)["error"] as? String == "/dev/sdc: sdc is not part of a multipath map: single path, WWID not in the wwids file (find_multipaths yes)")
    let answer = machine.run(["resolve", "--json", "sdb"])
    #expect(SchemaValidator.problems(answer.output) == nil)
    #expect(json(answer.output)["method"] as? String == "path")

    let flushed = machine.run(["flush"])
    #expect(flushed.status == .success)
    #expect(flushed.output.hasSuffix("removed \(lun)\n"))
    #expect(machine.dm.devicesByName.isEmpty)
    #expect(machine.run(["flush"]).status == .nothingToDo)
}

@Test func theMbrSignatureIsReadThroughTheMapOnceItExists() throws {
    let machine = Machine()
    _ = machine.run(["assemble"])
    // Stand in for the map's node: a file with the signature 0x5ca1ab1e at byte 440.
    var sector = [UInt8](repeating: 0, count: 512)
    sector[440...443] = [0x1e, 0xab, 0xa1, 0x5c]
    sector[510] = 0x55
    sector[511] = 0xaa
    try? FileManager.default.removeItem(atPath: machine.dev + "/mapper/" + lun)
    try Data(sector).write(to: URL(fileURLWithPath: machine.dev + "/mapper/" + lun))
    let probe = machine.run(["probe", "--json"])
    #expect(SchemaValidator.problems(probe.output) == nil)
    let disks = (json(probe.output)["edd"] as? [String: Any])?["disks"] as? [[String: Any]] ?? []
    #expect(disks.count == 3)
    #expect(disks.last?["map"] as? String == lun)
    #expect(disks.last?["method"] as? String == "mbr_signature")
    let maps = json(probe.output)["maps"] as? [[String: Any]] ?? []
    #expect(maps.first?["state"] as? String == "existing")
    #expect(maps.first?["bios_ids"] as? [String] == ["0x81", "0x82"])
}

@Test func resolveNeedsExactlyOneName() {
    #expect(Machine().run(["resolve"]).status == .usage)
    #expect(Machine().run(["resolve", "a", "b"]).status == .usage)
    #expect(Machine().run(["probe", "extra"]).status == .usage)
}
