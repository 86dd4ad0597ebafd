// UdevTrigger on a scratch sysfs tree: change events for a disk and its partitions only.
import Foundation
import Testing
import MultipathSystem
import TestSupport

@Test func changeEventsGoToTheDiskAndItsPartitions() throws {
    let root = Fixtures.scratchDirectory()
    let fm = FileManager.default
    for dir in ["block/sda/sda1", "block/sda/sda2", "block/sda/queue", "block/sdb"] {
        try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
    }
    for file in ["block/sda/uevent", "block/sda/sda1/uevent", "block/sda/sda2/uevent", "block/sda/queue/uevent",
                 "block/sdb/uevent"] {
        fm.createFile(atPath: root + "/" + file, contents: Data())
    }
    fm.createFile(atPath: root + "/block/sda/sda1/partition", contents: Data("1\n".utf8))
    fm.createFile(atPath: root + "/block/sda/sda2/partition", contents: Data("2\n".utf8))

    let problems = UdevTrigger(sysfsRoot: root).change(disk: "sda")
    #expect(problems.isEmpty)
    func text(_ file: String) -> String { (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? "?" }
    #expect(text("block/sda/uevent") == "change")
    #expect(text("block/sda/sda1/uevent") == "change")
    #expect(text("block/sda/sda2/uevent") == "change")
    #expect(text("block/sda/queue/uevent") == "")
    #expect(text("block/sdb/uevent") == "")

    let missing = UdevTrigger(sysfsRoot: root).change(disk: "sdz")
    #expect(missing.map(\.subject) == [root + "/block/sdz/uevent"])
}
