// The command line end to end: arguments, subcommands and exit statuses, on captured /sys
// trees and a recording device-mapper (no kernel needed).
import Foundation
import Testing
import MultipathCore
import MultipathSystem
import TestSupport
@testable import MpathBoot

private func run(_ arguments: [String], dm: RecordingDeviceMapper = RecordingDeviceMapper())
    -> (status: ExitCode, output: String, log: String) {
    let result = MpathBoot.run(arguments: arguments, dm: dm, capturing: true)
    return (result.status, result.console.capturedOutput, result.console.capturedLog)
}

/// Discovery over a captured tree; /dev is a scratch folder, where map building may make
/// its /dev/mapper nodes (which then cannot be read: there is no device-mapper here).
private func fixtureArguments(_ name: String, etc: String = "etc-find-multipaths-yes") -> [String] {
    ["--sysfs-root", Fixtures.sysfs(name), "--proc-root", Fixtures.nowhere,
     "--dev-root", Fixtures.scratchDirectory(), "--etc-root", Fixtures.etc(etc),
     "--run-root", Fixtures.scratchDirectory()]
}

@Test func argumentsDefaultToAssemble() throws {
    let args = try Arguments.parse([]).get()
    #expect(args.command == .assemble)
    #expect(!args.dryRun)
    #expect(args.verbosity == 1)
    #expect(args.roots.sysfs == "/sys")
}

@Test func argumentsParseSubcommandsAndOptions() throws {
    let args = try Arguments.parse(["paths", "--json", "-v3", "--sysfs-root", "/tmp/s"]).get()
    #expect(args.command == .paths)
    #expect(args.json)
    #expect(args.verbosity == 3)
    #expect(args.roots.sysfs == "/tmp/s")
}

@Test(arguments: [["--frobnicate"], ["--sysfs-root"], ["assemble", "extra"]])
func badCommandLinesExitWithUsage(arguments: [String]) {
    let result = run(arguments)
    #expect(result.status == .usage)
    #expect(result.log.hasPrefix("error: "))
}

@Test func helpDocumentsTheExitStatuses() {
    let result = run(["--help"])
    #expect(result.status == .success)
    #expect(result.output.hasPrefix("mpathboot "))
    for word in ["0  every planned map exists", "2  nothing to multipath", "64 bad command line"] {
        #expect(result.output.split(separator: "\n").contains { $0.hasSuffix(word) || $0.contains(word) })
    }
}

@Test func pathsListsEachPathWithItsWWID() {
    let result = run(["paths"] + fixtureArguments("virtio-two-paths"))
    #expect(result.status == .success)
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("sda 8:0 "))
    #expect(lines[0].hasSuffix("QEMU/QEMU HARDDISK 131072 sectors wwid 35000c50015ea71ac (vpd83-naa5) running"))
}

@Test func pathsJSONHasTheDocumentedFields() {
    let result = run(["paths", "--json"] + fixtureArguments("virtio-two-paths"))
    #expect(result.output.hasPrefix(#"{"paths":[{"dev":"sda","devt":"8:0","kind":"scsi","hctl":""#))
    for field in [#""wwid":"35000c50015ea71ac""#, #""wwid_source":"vpd83-naa5""#, #""size_sectors":131072"#,
                  #""state":"running""#, #""transport":"virtio""#, #""vendor":"QEMU""#] {
        #expect(result.output.contains(field))
    }
}

@Test func aPreferredPortGroupShowsInPathsJSONAndLeadsTheDryRunTable() {
    // The captured LIO tree: sdb's port group is active/non-optimized with the PREF bit.
    let paths = run(["paths", "--json"] + fixtureArguments("lio-pref"))
    #expect(paths.output.contains(#""dev":"sdb""#))
    #expect(paths.output.contains(#""alua_access_state":"active/non-optimized","alua_preferred":true"#))
    #expect(paths.output.contains(#""alua_access_state":"active/optimized","alua_preferred":false"#))
    let dry = run(["-d"] + fixtureArguments("lio-pref"))
    #expect(dry.status == .success)
    #expect(dry.output == """
        360014055f1b2e4c7a904d3e9c1a00000 mpath-360014055f1b2e4c7a904d3e9c1a00000 create paths sda,sdb
        0 32768 multipath 1 queue_if_no_path 1 alua 2 1 service-time 0 1 1 8:16 1 service-time 0 1 1 8:0 1

        """)
}

@Test func dryRunPrintsTheTableAndTouchesNothing() {
    let dm = RecordingDeviceMapper()
    let result = run(["-d"] + fixtureArguments("virtio-two-paths"), dm: dm)
    #expect(result.status == .success)
    #expect(result.output == """
        35000c50015ea71ac mpath-35000c50015ea71ac create paths sda,sdb
        0 131072 multipath 0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1

        """)
    #expect(dm.calls.isEmpty)
}

@Test func assembleCreatesTheMapThenStatusCountsItsPaths() {
    let dm = RecordingDeviceMapper()
    let assembled = run(fixtureArguments("virtio-two-paths"), dm: dm)
    #expect(assembled.status == .success)
    #expect(dm.calls.contains("create 35000c50015ea71ac mpath-35000c50015ea71ac"))
    #expect(dm.calls.contains("resume 35000c50015ea71ac"))
    // No /dev here: the partition table cannot be read, which is a warning, not a failure.
    #expect(assembled.log.contains("partition table not usable"))

    // Nor are there nodes for TEST UNIT READY: both paths were failed after the resume, and
    // status reports what the (recorded) kernel says.
    let status = run(["status"], dm: dm)
    #expect(status.output == "map 35000c50015ea71ac uuid mpath-35000c50015ea71ac dev 254:0 paths 2 active 0\n")

    let again = run(fixtureArguments("virtio-two-paths"), dm: dm)
    #expect(again.status == .success)
    #expect(dm.calls.filter { $0.hasPrefix("create") }.count == 1)
}

@Test func aFailedMapIsReportedWithItsStepAndExitsOne() {
    let dm = RecordingDeviceMapper()
    dm.failing = "resume"
    let result = run(fixtureArguments("virtio-two-paths"), dm: dm)
    #expect(result.status == .failure)
    #expect(result.log.contains("35000c50015ea71ac: resume failed, map removed"))
    #expect(dm.devicesByName.isEmpty)
}

/// A run killed between create and resume (MPATHBOOT_FAULT=kill-after-load) leaves the map
/// loaded but not live; the next run removes it, says so, and builds it again.
@Test func aMapAKilledRunLeftIsRemovedBeforeItIsMadeAgain() throws {
    let dm = RecordingDeviceMapper()
    _ = try dm.create(name: "35000c50015ea71ac", uuid: "mpath-35000c50015ea71ac")
    try dm.load(name: "35000c50015ea71ac", table: DmTable(length: 8, .linear(device: DeviceNumber(major: 8, minor: 0), offset: 0)),
                readOnly: false)
    let result = run(fixtureArguments("virtio-two-paths"), dm: dm)
    #expect(result.status == .success)
    #expect(result.log.hasPrefix("warning: 35000c50015ea71ac: left half-made by an earlier run (uuid mpath-35000c50015ea71ac, no live table); removed\n"))
    let remove = try #require(dm.calls.firstIndex(of: "remove 35000c50015ea71ac"))
    let create = try #require(dm.calls.lastIndex(of: "create 35000c50015ea71ac mpath-35000c50015ea71ac"))
    #expect(remove < create)
    #expect(dm.devicesByName["35000c50015ea71ac"]?.info.liveTable == true)
    #expect(dm.devicesByName["35000c50015ea71ac"]?.table?.text
            == "0 131072 multipath 0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1")
}

@Test func withoutSysfsOrDevTheScanFailsNamingBoth() {
    let result = run(["--sysfs-root", Fixtures.nowhere, "--dev-root", Fixtures.nowhere + "/dev"])
    #expect(result.status == .failure)
    #expect(result.log == "error: cannot scan for paths: scan (and no \(Fixtures.nowhere)/dev to fall back on) \(Fixtures.nowhere)/block: No such file or directory (errno 2)\n")
}

@Test func nothingToDoWhenNoWWIDHasTwoPaths() {
    let dm = RecordingDeviceMapper()
    let result = run(["-v"] + fixtureArguments("virtio-one-path"), dm: dm)
    #expect(result.status == .nothingToDo)
    #expect(result.log.contains("sda: not mapped: single path, WWID not in the wwids file (find_multipaths yes)"))
    #expect(result.log.contains("nothing to multipath (1 path devices)"))
    #expect(!dm.calls.contains { $0.hasPrefix("create") })
}

@Test func withoutAnyConfigurationTheDefaultIsStrict() {
    let dm = RecordingDeviceMapper()
    let result = run(["-v"] + fixtureArguments("virtio-two-paths", etc: "etc-empty"), dm: dm)
    #expect(result.status == .nothingToDo)
    #expect(result.log.contains("sda: not mapped: WWID not in the wwids file (find_multipaths strict)"))
    #expect(!dm.calls.contains { $0.hasPrefix("create") })
}

@Test func assembleLeavesUdevDatabaseRecordsWhenNoUdevRuns() throws {
    let run = Fixtures.scratchDirectory()
    let dm = RecordingDeviceMapper()
    var arguments = fixtureArguments("virtio-two-paths")
    arguments[arguments.count - 1] = run
    #expect(MpathBoot.run(arguments: arguments, dm: dm, capturing: true).status == .success)
    let record = try String(contentsOfFile: run + "/udev/data/b254:0", encoding: .utf8)
    let lines = record.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("I:") == true)
    #expect(Array(lines.dropFirst()) == ["E:DM_UDEV_PRIMARY_SOURCE_FLAG=1", "E:DM_SUBSYSTEM_UDEV_FLAG1=1",
                                         "E:MPATH_DEVICE_READY=1", "V:1"])
}

@Test func noUdevDatabaseRecordsWhileUdevRunsOrWhenAskedNot() throws {
    let run = Fixtures.scratchDirectory()
    try FileManager.default.createDirectory(atPath: run + "/udev", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: run + "/udev/control", contents: nil)
    var arguments = fixtureArguments("virtio-two-paths")
    arguments[arguments.count - 1] = run
    _ = MpathBoot.run(arguments: arguments, dm: RecordingDeviceMapper(), capturing: true)
    #expect(!FileManager.default.fileExists(atPath: run + "/udev/data/b254:0"))

    let quiet = Fixtures.scratchDirectory()
    arguments[arguments.count - 1] = quiet
    _ = MpathBoot.run(arguments: ["--no-udev-db"] + arguments, dm: RecordingDeviceMapper(), capturing: true)
    #expect(!FileManager.default.fileExists(atPath: quiet + "/udev/data/b254:0"))
}
