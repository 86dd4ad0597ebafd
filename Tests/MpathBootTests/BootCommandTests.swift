// wait, udev-check, fail-if-no-path and --cmdline, on captured /sys trees and a recording
// device-mapper, with a clock that only pretends to sleep.
import Foundation
import Testing
import MultipathCore
import MultipathSystem
import TestSupport
@testable import MpathBoot

/// Advances on sleep; counts the sleeps.
final class PretendClock: WaitClock {
    var now: Int64 = 0
    var sleeps = 0
    func nowMilliseconds() -> Int64 { now }
    func sleep(milliseconds: UInt32) {
        now += Int64(milliseconds)
        sleeps += 1
    }
}

private func roots(_ fixture: String, etc: String = "etc-find-multipaths-yes", proc: String = Fixtures.nowhere) -> [String] {
    ["--sysfs-root", Fixtures.sysfs(fixture), "--proc-root", proc,
     "--dev-root", Fixtures.scratchDirectory(), "--etc-root", Fixtures.etc(etc),
     "--run-root", Fixtures.scratchDirectory()]
}

/// find_multipaths yes with the `none` checker: the captured trees have no device nodes to
/// send TEST UNIT READY to, and `wait` counts the paths the kernel (here: the recording
/// device-mapper) reports active.
private func rootsWithPathsUp(_ fixture: String) -> [String] {
    let etc = Fixtures.scratchDirectory()
    FileManager.default.createFile(atPath: etc + "/multipath.conf",
                                   contents: Data("defaults {\n\tfind_multipaths yes\n\tpath_checker none\n}\n".utf8))
    return roots(fixture) + ["--etc-root", etc]
}

private func run(_ arguments: [String], dm: RecordingDeviceMapper = RecordingDeviceMapper(),
                 clock: PretendClock = PretendClock()) -> (status: ExitCode, output: String, log: String) {
    let result = MpathBoot.run(arguments: arguments, dm: dm, clock: clock, capturing: true)
    return (result.status, result.console.capturedOutput, result.console.capturedLog)
}

/// A /proc folder holding only `cmdline`.
private func procWithCmdline(_ text: String) -> String {
    let dir = Fixtures.scratchDirectory()
    FileManager.default.createFile(atPath: dir + "/cmdline", contents: Data((text + "\n").utf8))
    return dir
}

private let wwid = "35000c50015ea71ac"

@Test func waitReturnsOnceTheMapHasItsPaths() {
    let clock = PretendClock()
    let dm = RecordingDeviceMapper()
    let result = run(["wait", "--min-paths", "2", "--timeout", "5", wwid] + rootsWithPathsUp("virtio-two-paths"), dm: dm, clock: clock)
    #expect(result.status == .success)
    #expect(clock.sleeps == 0)
    #expect(result.log.contains("ready with 2 usable paths (wanted 2)"))
    #expect(dm.calls.filter { $0.hasPrefix("create ") }.count == 1)
}

@Test func waitBootsDegradedWhenPathsStayMissing() {
    let clock = PretendClock()
    let dm = RecordingDeviceMapper()
    let result = run(["wait", "--min-paths", "3", "--timeout", "2", "/dev/sdb"] + rootsWithPathsUp("virtio-two-paths"), dm: dm, clock: clock)
    #expect(result.status == .success)
    #expect(clock.now == 2000)
    #expect(clock.sleeps == 4)
    let name = dm.devicesByName.values.first { $0.info.uuid == "mpath-" + wwid }?.info.name ?? "?"
    #expect(result.log.contains("warning: \(name): booting degraded with 2 of 3 wanted paths after 2 s"))
    // Five assemble passes, one map made: the later passes keep it and log nothing new.
    #expect(dm.calls.filter { $0.hasPrefix("create ") }.count == 1)
    #expect(result.log.components(separatedBy: "\n").filter { $0.contains("created") }.count == 1)
}

@Test func waitFailsWhenNoMapHoldsTheRoot() {
    let clock = PretendClock()
    let result = run(["wait", "--timeout", "1", "UUID=0a1b2c3d-1111-2222-3333-444455556666"]
                     + roots("virtio-two-paths"), clock: clock)
    #expect(result.status == .failure)
    #expect(clock.now == 1000)
    #expect(result.log.contains("error: no multipath map holds 'UUID=0a1b2c3d-1111-2222-3333-444455556666' after 1 s"))
}

@Test func waitForEveryMapWithoutRootSpec() {
    let strict = run(["wait", "--timeout", "0"] + roots("virtio-two-paths", etc: "etc-empty"))
    #expect(strict.status == .failure)
    #expect(strict.log.contains("no multipath map holds every multipath map after 0 s"))
    #expect(run(["wait", "--timeout", "0"] + rootsWithPathsUp("virtio-two-paths")).status == .success)
    // Every path failed by its checker (no device nodes here): the map has no usable path.
    let down = run(["wait", "--timeout", "0"] + roots("virtio-two-paths"))
    #expect(down.status == .failure)
    #expect(down.log.contains("no usable path of 2 after 0 s"))
}

@Test func udevCheckClaimsPathsAndTheirPartitions() {
    let disk = run(["udev-check", "sdb"] + roots("virtio-two-paths"))
    #expect(disk.status == .success)
    let lines = disk.output.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(Array(lines.prefix(4)) == ["DM_MULTIPATH_DEVICE_PATH=1", "ID_FS_TYPE=mpath_member", "SYSTEMD_READY=0",
                                       "MPATHBOOT_WWID=\(wwid)"])
    #expect(lines.last?.hasPrefix("MPATHBOOT_MAP=") == true)
    let partition = run(["udev-check", "sda2"] + roots("virtio-two-paths"))
    #expect(partition.output.split(separator: "\n").prefix(2).map(String.init)
            == ["DM_MULTIPATH_DEVICE_PATH=1", "ID_FS_TYPE=none"])
}

@Test func udevCheckLeavesUnclaimedDevicesUnmarked() {
    // strict without a wwids entry: not a path of ours, and no DM_MULTIPATH_DEVICE_PATH=0 either.
    let strict = run(["udev-check", "sda"] + roots("virtio-two-paths", etc: "etc-empty"))
    #expect(strict.status == .success)
    #expect(strict.output.isEmpty)
    let unknown = run(["udev-check", "sdz"] + roots("virtio-two-paths"))
    #expect(unknown.status == .success)
    #expect(unknown.output.isEmpty)
    #expect(run(["udev-check"] + roots("virtio-two-paths")).status == .usage)
}

@Test func kernelCommandLineTurnsMpathbootOff() {
    let dm = RecordingDeviceMapper()
    let proc = procWithCmdline("root=UUID=x ro rd.multipath=0")
    let assemble = run(["--cmdline"] + roots("virtio-two-paths", proc: proc), dm: dm)
    #expect(assemble.status == .nothingToDo)
    #expect(assemble.log.contains("turned off by rd.multipath=0 on the kernel command line"))
    #expect(dm.calls.isEmpty)
    let check = run(["udev-check", "sda"] + roots("virtio-two-paths", proc: proc))
    #expect(check.status == .success)
    #expect(check.output.isEmpty)
}

@Test func kernelCommandLineOverridesFindMultipaths() {
    // etc-empty means strict: nothing mapped, unless the command line says yes.
    let plain = run(["-d"] + roots("virtio-two-paths", etc: "etc-empty"))
    #expect(plain.status == .nothingToDo)
    let proc = procWithCmdline("mpathboot.find_multipaths=yes mpathboot.wait=x")
    let yes = run(["-d", "--cmdline"] + roots("virtio-two-paths", etc: "etc-empty", proc: proc))
    #expect(yes.status == .success)
    #expect(yes.output.contains("mpath-\(wwid)"))
    #expect(yes.log.contains("warning: kernel command line: mpathboot.wait=x is not a whole number from 0 to 3600; ignored"))
}

@Test func failIfNoPathOnlyTouchesQueueingMaps() {
    let dm = RecordingDeviceMapper()
    func table(_ features: String, _ path: UInt32) -> DmTable {
        DmTable(length: 2048, .multipath(MultipathTable(features: features, groups: [
            .init(selector: "service-time 0", paths: [.init(device: DeviceNumber(major: 8, minor: path))])])))
    }
    dm.devicesByName["q"] = .init(info: DmDeviceInfo(name: "q", uuid: "mpath-1", device: DeviceNumber(major: 254, minor: 0)),
                                  table: table("1 queue_if_no_path", 0))
    dm.devicesByName["f"] = .init(info: DmDeviceInfo(name: "f", uuid: "mpath-2", device: DeviceNumber(major: 254, minor: 1)),
                                  table: table("0", 16))
    #expect(table("1 queue_if_no_path", 0).text == "0 2048 multipath 1 queue_if_no_path 0 1 1 service-time 0 1 1 8:0 1")
    let result = run(["fail-if-no-path"], dm: dm)
    #expect(result.status == .success)
    #expect(result.output == "q: fail_if_no_path\n")
    #expect(dm.calls.filter { $0.hasPrefix("message") } == ["message q fail_if_no_path"])
}

@Test func stageTimesSayHowLongEachStageTook() {
    let clock = PretendClock()
    var stages = StageTimes(clock: clock)
    clock.now = 812
    stages.end("discovery", count: 1024, of: "paths")
    clock.now = 852
    stages.end("planning")
    #expect(stages.summary == "timings: discovery 812 ms (1024 paths), planning 40 ms, total 852 ms")
    #expect(StageTimes(clock: clock).summary == "timings: total 0 ms")
}

@Test func timingsIsOneNoticeAtTheEndOfAssemble() {
    let arguments = ["assemble", "--timings"] + rootsWithPathsUp("scsi-debug-4x2")
    let result = MpathBoot.run(arguments: arguments, dm: RecordingDeviceMapper(), capturing: true)
    let lines = result.console.capturedLog.split(separator: "\n")
    #expect(lines.filter { $0.contains("timings:") }.count == 1)
    // The stages in their order, with what they handled.
    let last = String(lines.last ?? "")
    #expect(last.hasPrefix("timings: discovery "))
    for part in ["ms (8 paths), planning ", "ms (4 maps), path checks ", " ms, maps ", " ms, total "] {
        #expect(last.contains(part))
    }
}
