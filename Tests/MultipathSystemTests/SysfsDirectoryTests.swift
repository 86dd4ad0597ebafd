// SysfsDirectory: attributes, lists and links read relative to an open directory.
import Foundation
import Testing
@testable import MultipathSystem
import TestSupport

@Test func attributesAreReadWholeAndTrimmedRelativeToTheDirectory() throws {
    let root = Fixtures.scratchDirectory()
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/real/device", withIntermediateDirectories: true)
    try fm.createDirectory(atPath: root + "/real/holders", withIntermediateDirectories: true)
    try "8:16\n".write(toFile: root + "/real/dev", atomically: false, encoding: .utf8)
    try "".write(toFile: root + "/real/device/empty", atomically: false, encoding: .utf8)
    // Longer than one read: a regular file hands out whole pages, so all of it is read.
    let big = [UInt8]((0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
    fm.createFile(atPath: root + "/real/device/vpd_pg83", contents: Data(big))
    try fm.createSymbolicLink(atPath: root + "/link", withDestinationPath: "real")

    let directory = try #require(SysfsDirectory(path: root + "/link"))
    #expect(directory.attribute("dev") == "8:16")
    #expect(directory.attribute("device/empty") == nil)
    #expect(directory.attribute("absent") == nil)
    let device = try #require(directory.subdirectory("device"))
    #expect(try device.bytes("vpd_pg83", limit: 65536) == big)
    #expect(try device.bytes("vpd_pg83", limit: 5000) == Array(big.prefix(5000)))
    #expect(throws: SystemError.self) { try device.bytes("absent", limit: 10) }
    #expect(directory.list(".") == ["dev", "device", "holders"])
    #expect(directory.list("holders") == [])
    #expect(directory.list("absent") == nil)
    // `..` from a directory opened through a link is the real parent; named as told.
    let back = try #require(device.subdirectory("..", path: root + "/real"))
    #expect(back.path == root + "/real" && back.attribute("dev") == "8:16")
    #expect(device.subdirectory("vpd_pg83") == nil)

    let parent = try #require(SysfsDirectory(path: root))
    #expect(parent.link("link") == "real")
    #expect(parent.link("real") == nil)
    #expect(SysfsDirectory(path: root + "/absent") == nil)
}
