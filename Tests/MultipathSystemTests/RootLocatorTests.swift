// RootLocator on a hand-made sysfs tree: a two-path map with a partition map, an LV on that
// partition map, a local disk with an LV of its own, and disk images standing in for /dev nodes.
import Foundation
import Testing
import MultipathCore
import MultipathSystem
import TestSupport

private struct Tree {
    let sys = Fixtures.scratchDirectory()
    let dev = Fixtures.scratchDirectory()
    let fm = FileManager.default

    func file(_ path: String, _ text: String) {
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        fm.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// A block device `name` (optionally a partition inside `disk`) with `/sys/class/block` link.
    func block(_ name: String, dev devt: String, disk: String? = nil, size: String = "2048") {
        let dir = disk.map { sys + "/block/\($0)/\(name)" } ?? sys + "/block/\(name)"
        file(dir + "/dev", devt + "\n")
        file(dir + "/size", size + "\n")
        if disk != nil { file(dir + "/partition", "1\n") }
        try? fm.createDirectory(atPath: sys + "/class/block", withIntermediateDirectories: true)
        try? fm.createSymbolicLink(atPath: sys + "/class/block/\(name)", withDestinationPath: dir)
    }

    func dm(_ minor: UInt32, name: String, uuid: String, slaves: [String] = []) {
        block("dm-\(minor)", dev: "254:\(minor)")
        file(sys + "/block/dm-\(minor)/dm/name", name + "\n")
        file(sys + "/block/dm-\(minor)/dm/uuid", uuid + "\n")
        for slave in slaves { file(sys + "/block/dm-\(minor)/slaves/\(slave)", "") }
    }

    /// An "ext4" image: the superblock magic and UUID at their offsets.
    func ext4(_ path: String, uuid: [UInt8]) {
        var bytes = [UInt8](repeating: 0, count: 4096)
        bytes[1024 + 56] = 0x53
        bytes[1024 + 57] = 0xEF
        bytes.replaceSubrange((1024 + 104)..<(1024 + 120), with: uuid)
        try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        fm.createFile(atPath: path, contents: Data(bytes))
    }
}

private func uuid(_ last: UInt8) -> [UInt8] { [UInt8](repeating: 0x11, count: 15) + [last] }

private func fixture() -> (Tree, RootLocator, [InventoryMap]) {
    let tree = Tree()
    tree.block("sda", dev: "8:0")
    tree.block("sdb", dev: "8:16")
    tree.block("sdc", dev: "8:32")
    tree.block("sdc1", dev: "8:33", disk: "sdc")
    tree.dm(0, name: "mpatha", uuid: "mpath-3600a0b80")
    tree.dm(1, name: "mpatha-part1", uuid: "part1-mpath-3600a0b80", slaves: ["dm-0"])
    tree.dm(2, name: "vg-root", uuid: "LVM-abc", slaves: ["dm-1"])
    tree.dm(3, name: "local-home", uuid: "LVM-def", slaves: ["sdc1"])
    tree.ext4(tree.dev + "/mapper/mpatha-part1", uuid: uuid(0xA1))
    tree.ext4(tree.dev + "/sdc1", uuid: uuid(0xC1))
    let map = InventoryMap(name: "mpatha", uuid: "mpath-3600a0b80", device: DeviceNumber(major: 254, minor: 0),
                           paths: [DeviceNumber(major: 8, minor: 0), DeviceNumber(major: 8, minor: 16)],
                           activePaths: [DeviceNumber(major: 8, minor: 0)], queueing: false,
                           partitions: [.init(name: "mpatha-part1", uuid: "part1-mpath-3600a0b80",
                                              device: DeviceNumber(major: 254, minor: 1))])
    let locator = RootLocator(sysfs: Sysfs(root: tree.sys, procRoot: Fixtures.nowhere), nodes: DeviceNodes(devRoot: tree.dev))
    return (tree, locator, [map])
}

@Test func rootOnTheMapOrStackedOnIt() {
    let (_, locator, maps) = fixture()
    #expect(locator.place(.filesystemUUID("11111111-1111-1111-1111-1111111111a1"), in: maps) == .maps([0]))
    #expect(locator.place(.mapName("mpatha-part1"), in: maps) == .maps([0]))
    #expect(locator.place(.kernelName("sdb"), in: maps) == .maps([0]))
    #expect(locator.place(.word("3600a0b80"), in: maps) == .maps([0]))
    // An LV whose PV is the map's partition: wait for the map below it.
    #expect(locator.place(.mapName("vg-root"), in: maps) == .maps([0]))
    #expect(locator.place(.dmMinor(2), in: maps) == .maps([0]))
}

@Test func rootElsewhereEndsTheWait() {
    let (_, locator, maps) = fixture()
    #expect(locator.place(.filesystemUUID("11111111-1111-1111-1111-1111111111c1"), in: maps) == .elsewhere("sdc1"))
    #expect(locator.place(.kernelName("sdc1"), in: maps) == .elsewhere("sdc1"))
    #expect(locator.place(.mapName("local-home"), in: maps) == .elsewhere("dm-3"))
    #expect(locator.place(.device(DeviceNumber(major: 8, minor: 33)), in: maps) == .elsewhere("sdc1"))
}

@Test func rootNotFoundYetKeepsWaiting() {
    let (_, locator, maps) = fixture()
    #expect(locator.place(.filesystemUUID("11111111-1111-1111-1111-1111111111ff"), in: maps) == .notFound)
    #expect(locator.place(.mapName("vg-late"), in: maps) == .notFound)
    #expect(locator.place(.unsupported("PARTUUID=1"), in: maps) == .notFound)
    // With no maps at all, a path's filesystem is not looked for on the path itself either.
    #expect(locator.place(.filesystemUUID("11111111-1111-1111-1111-1111111111a1"), in: []) == .notFound)
}
