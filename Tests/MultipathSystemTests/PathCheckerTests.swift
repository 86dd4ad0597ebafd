// Path checkers on things the host has: a regular file as the "device", and device states.
import Foundation
import Testing
import MultipathCore
@testable import MultipathSystem
import TestSupport

private func fileDevice(bytes: Int) throws -> (checker: PathChecker, device: BlockDevice) {
    let dir = Fixtures.scratchDirectory()
    try Data(repeating: 0x5A, count: bytes).write(to: URL(fileURLWithPath: dir + "/sdz"))
    var device = BlockDevice(name: "sdz", kind: .scsiDisk, devt: DeviceNumber(major: 65, minor: 400))
    device.state = "running"
    return (PathChecker(devRoot: dir, timeoutMilliseconds: 2000), device)
}

@Test func anOfflineDeviceIsDownWhateverTheChecker() throws {
    var (checker, device) = try fileDevice(bytes: 8192)
    device.state = "offline"
    for kind in [PathCheckerKind.tur, .directio, .readsector0, .none] {
        #expect(checker.check(device, kind: kind) == .down("device state offline"))
    }
}

@Test func readsector0ReadsTheFirstBlock() throws {
    let (checker, device) = try fileDevice(bytes: 8192)
    #expect(checker.check(device, kind: .readsector0) == .up)
    #expect(checker.check(device, kind: .none) == .up)
}

@Test func aShortDeviceFailsTheReadCheck() throws {
    let (checker, device) = try fileDevice(bytes: 100)
    #expect(checker.check(device, kind: .readsector0).isDown)
}

@Test func turOnSomethingThatIsNotSCSIIsDownWithTheErrno() throws {
    let (checker, device) = try fileDevice(bytes: 8192)
    guard case .down(let why) = checker.check(device, kind: .tur) else {
        Issue.record("TUR on a regular file must fail")
        return
    }
    #expect(why.hasPrefix("SG_IO (TEST UNIT READY) on "))
}

@Test func aMissingNodeIsDown() {
    var device = BlockDevice(name: "sdq", kind: .scsiDisk, devt: DeviceNumber(major: 65, minor: 0))
    device.state = "running"
    let checker = PathChecker(devRoot: Fixtures.nowhere)
    #expect(checker.check(device, kind: .tur).isDown)
    #expect(checker.check(device, kind: .readsector0).isDown)
}

@Test func vendorCheckersFallBackToTUR() {
    #expect(PathCheckerKind.forConfigured("rdac") == (.tur, true))
    #expect(PathCheckerKind.forConfigured("directio") == (.directio, false))
}
