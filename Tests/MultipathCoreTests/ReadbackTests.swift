// Parsing what the kernel reports for dm-multipath tables and status lines.
import Testing
@testable import MultipathCore

@Test func parsesKernelTableReadbackWithTwoArgsPerPath() throws {
    // dm-mpath re-emits service-time with two args per path (multipath-tools.md 3.2).
    let text = "1 queue_if_no_path 1 alua 2 1 service-time 0 2 2 8:16 1 1 8:48 1 1 service-time 0 2 2 8:32 1 1 8:64 1 1"
    let readback = try #require(MultipathTargetReadback.parseTable(text))
    #expect(readback.groups.count == 2)
    #expect(readback.paths.map { $0.device.description } == ["8:16", "8:48", "8:32", "8:64"])
}

@Test func parsesStatusAndCountsActivePaths() throws {
    let text = "2 0 0 0 2 1 A 0 2 2 8:16 A 0 0 1 8:48 F 3 0 1 E 0 2 2 8:32 A 0 0 1 8:64 A 0 0 1"
    let readback = try #require(MultipathTargetReadback.parseStatus(text))
    #expect(readback.groups.map { $0.label } == ["A", "E"])
    #expect(readback.paths.filter { $0.active }.count == 3)
    #expect(readback.paths[1].failCount == 3)
}

@Test func rejectsTruncatedOrGarbageLines() {
    #expect(MultipathTargetReadback.parseStatus("2 0 0 0 2 1 A 0 2 2 8:16 A 0 0") == nil)
    #expect(MultipathTargetReadback.parseTable("0 0 1 1 service-time 0 1 1 banana 1") == nil)
    #expect(MultipathTargetReadback.parseTable("") == nil)
}

@Test func ourOwnTableParsesBack() throws {
    let table = MultipathPolicy.table(for: [makePath("sda", 8, 0), makePath("sdb", 8, 16)], matcher: PosixTestMatcher())
    let readback = try #require(MultipathTargetReadback.parseTable(table.targets[0].parameters))
    #expect(readback.paths.map { $0.device } == [DeviceNumber(major: 8, minor: 0), DeviceNumber(major: 8, minor: 16)])
}
