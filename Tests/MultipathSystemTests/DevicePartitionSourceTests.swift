// DevicePartitionSource and BlockDeviceReader on disk images in a scratch /dev: the table is
// read from the first path that can be read (O_DIRECT, whole blocks), else from the map.
import Foundation
import Testing
@testable import MultipathCore
@testable import MultipathSystem
import TestSupport

/// A 1 MiB image whose MBR has one Linux partition of `length` sectors at 64.
private func mbrImage(length: UInt32) -> [UInt8] {
    var image = [UInt8](repeating: 0, count: 1 << 20)
    let entry = 446
    image[entry + 4] = 0x83
    for (offset, value) in [(8, UInt32(64)), (12, length)] {
        for byte in 0..<4 { image[entry + offset + byte] = UInt8((value >> (8 * UInt32(byte))) & 0xFF) }
    }
    image[510] = 0x55
    image[511] = 0xAA
    return image
}

private func write(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

private let map = DeviceNumber(major: 254, minor: 0)

@Test func theTableComesFromTheFirstPathThatCanBeRead() throws {
    let dev = Fixtures.scratchDirectory()
    write(mbrImage(length: 100), to: dev + "/sdb")
    write(mbrImage(length: 200), to: dev + "/sdc")
    let source = DevicePartitionSource(nodes: DeviceNodes(devRoot: dev))
    // sda does not exist: skipped; sdb is read; no map node is needed.
    let table = try source.partitionTable(mapName: "mpatha", device: map, paths: ["sda", "sdb", "sdc"])
    #expect(table?.partitions.map { $0.length } == [100])
}

@Test func withoutAReadablePathTheMapIsRead() throws {
    let dev = Fixtures.scratchDirectory()
    try FileManager.default.createDirectory(atPath: dev + "/mapper", withIntermediateDirectories: true)
    write(mbrImage(length: 300), to: dev + "/mapper/mpatha")
    let source = DevicePartitionSource(nodes: DeviceNodes(devRoot: dev))
    let table = try source.partitionTable(mapName: "mpatha", device: map, paths: ["sdx"])
    #expect(table?.partitions.map { $0.length } == [300])
    #expect(throws: SystemError.self) {
        try DevicePartitionSource(nodes: DeviceNodes(devRoot: dev + "/none")).partitionTable(mapName: "mpatha", device: map, paths: [])
    }
}

@Test func aTableThatDoesNotParseOnAPathIsAnErrorNamingTheMap() {
    let dev = Fixtures.scratchDirectory()
    var image = mbrImage(length: 100)
    // A protective MBR with no valid GPT header behind it.
    image[446 + 4] = 0xEE
    write(image, to: dev + "/sdb")
    let source = DevicePartitionSource(nodes: DeviceNodes(devRoot: dev))
    #expect {
        _ = try source.partitionTable(mapName: "mpatha", device: map, paths: ["sdb"])
    } throws: { error in
        guard case SystemError.malformed(let path, _) = error else { return false }
        return path == dev + "/mapper/mpatha"
    }
}

@Test(arguments: [false, true])
func unalignedReadsGiveTheSameBytesDirectOrNot(direct: Bool) throws {
    let dev = Fixtures.scratchDirectory()
    var image = [UInt8](repeating: 0, count: 8192)
    for index in image.indices { image[index] = UInt8(truncatingIfNeeded: index * 7 + 3) }
    write(image, to: dev + "/disk")
    let reader = try BlockDeviceReader(path: dev + "/disk", direct: direct)
    #expect(try reader.read(byteOffset: 510, count: 4) == Array(image[510..<514]))
    #expect(try reader.read(byteOffset: 4000, count: 1000) == Array(image[4000..<5000]))
    // At the end: what there is.
    #expect(try reader.read(byteOffset: 8000, count: 1000) == Array(image[8000..<8192]))
    #expect(try reader.read(byteOffset: 0, count: 0) == [])
}

@Test(arguments: [false, true])
func readsAcrossTheDirectReadWindowGiveTheDisksBytes(direct: Bool) throws {
    // 40,000 bytes: more than two 16 KiB windows, the last one short.
    let dev = Fixtures.scratchDirectory()
    var image = [UInt8](repeating: 0, count: 40_000)
    for index in image.indices { image[index] = UInt8(truncatingIfNeeded: index * 13 + index / 256) }
    write(image, to: dev + "/disk")
    let reader = try BlockDeviceReader(path: dev + "/disk", direct: direct)
    for (offset, count) in [(512, 512), (0, 1024), (14_848, 1024), (16_380, 10), (512, 1024),
                            (39_488, 512), (32_768, 7232), (39_990, 100), (0, 40_000)] {
        let expected = Array(image[offset..<min(offset + count, image.count)])
        #expect(try reader.read(byteOffset: UInt64(offset), count: count) == expected, "\(offset)+\(count)")
    }
}
