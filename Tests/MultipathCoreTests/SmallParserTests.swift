// WWIDs file, device numbers, sense data, JSON, partition map planning.
import Testing
@testable import MultipathCore

@Test func wwidsFileInMultipathToolsFormat() {
    let text = """
    # Multipath wwids, Version : 1.0
    # NOTE: This file is automatically maintained by multipath and multipathd.
    # You should not need to edit this file in normal circumstances.
    #
    # Valid WWIDs:
    /3600508b4000156d700012000000b0000/
    #35000c50015ea71ac/
    /35000c50015ea71ad/
    garbage here
    """
    let parsed = WwidsFile.parse(text, path: "/etc/multipath/wwids")
    #expect(parsed.wwids == ["3600508b4000156d700012000000b0000", "35000c50015ea71ad"])
    #expect(parsed.diagnostics.count == 1)
    #expect(parsed.diagnostics.first?.subject == "/etc/multipath/wwids:9")
}

@Test func deviceNumbersParseFromSysfsText() {
    #expect(DeviceNumber("8:16\n") == DeviceNumber(major: 8, minor: 16))
    #expect(DeviceNumber("259:0")?.description == "259:0")
    #expect(DeviceNumber("8") == nil)
    #expect(DeviceNumber("a:b") == nil)
    #expect(DeviceNumber("8:16:2") == nil)
}

@Test func scsiAddressesParseFromSysfsNames() {
    #expect(ScsiAddress("2:0:1:3")?.description == "2:0:1:3")
    #expect(ScsiAddress("target2:0:1") == nil)
}

@Test func kernelNamesSortInAllocationOrder() {
    #expect(["sdaa", "sdb", "sda", "sdz"].sorted(by: TextScan.kernelNameLess) == ["sda", "sdb", "sdz", "sdaa"])
}

@Test func senseDataDecodesFixedAndDescriptorFormats() throws {
    var fixed = [UInt8](repeating: 0, count: 18)
    fixed[0] = 0x70
    fixed[2] = 0x02
    fixed[12] = 0x04
    fixed[13] = 0x02
    #expect(try #require(SenseData(fixed)).text == "NOT READY, ASC/ASCQ 04/02")
    #expect(try #require(SenseData([0x72, 0x05, 0x24, 0x00])).text == "ILLEGAL REQUEST, ASC/ASCQ 24/00")
    #expect(SenseData([]) == nil)
    #expect(SenseData([0x70, 0x00]) == nil)
}

@Test func jsonEscapesAndKeepsMemberOrder() {
    let value = JSONValue.object([("b", .string("q\"\\\n\u{1}")), ("a", .array([.int(-1), .bool(true), .null]))])
    #expect(value.serialized() == #"{"b":"q\"\\\n\u0001","a":[-1,true,null]}"#)
}

@Test func partitionMapsFollowKpartxNamesAndUUIDs() {
    let table = PartitionTable(partitions: [
        DiskPartition(number: 1, start: 2048, length: 2048),
        DiskPartition(number: 2, start: 4096, length: 126_943),
        DiskPartition(number: 3, start: 130_000, length: 10_000),
    ], warnings: [])
    let planned = PartitionMapPlanner.plan(mapName: "mpatha", mapUUID: "mpath-35000c50015ea71ac",
                                           mapDevice: DeviceNumber(major: 254, minor: 0),
                                           mapSectors: 131_072, table: table)
    #expect(planned.partitions.map { $0.name } == ["mpatha-part1", "mpatha-part2"])
    #expect(planned.partitions.map { $0.uuid } == ["part1-mpath-35000c50015ea71ac", "part2-mpath-35000c50015ea71ac"])
    #expect(planned.partitions.map { $0.table.text } == ["0 2048 linear 254:0 2048", "0 126943 linear 254:0 4096"])
    #expect(planned.diagnostics.count == 1)
}

@Test func wwidsFileWithCRLFLineEndings() {
    // Found by the wwids fuzzer: "\r\n" is a single Character in Swift.
    let parsed = WwidsFile.parse("/3600a0b80000000000000000000000001/\r\n/35000c50015ea71ac/\r\n")
    #expect(parsed.wwids == ["3600a0b80000000000000000000000001", "35000c50015ea71ac"])
    #expect(WwidsFile.parse("/\r\n/").wwids.isEmpty)
}

@Test func literalPatternsAreRecognisedAndSearched() {
    #expect(LiteralPattern.bytes(of: "Universal Xport") == Array("Universal Xport".utf8))
    #expect(LiteralPattern.bytes(of: "LUN C-Mode") == Array("LUN C-Mode".utf8))
    // Every ERE special character, the empty pattern and non-ASCII bytes stay regexes.
    for special in ["^", ".", "[", "]", "$", "(", ")", "|", "*", "+", "?", "{", "}", "\\"] {
        #expect(LiteralPattern.bytes(of: "HP" + special) == nil, "\(special)")
    }
    #expect(LiteralPattern.bytes(of: "") == nil)
    #expect(LiteralPattern.bytes(of: "caf\u{e9}") == nil)
    #expect(LiteralPattern.bytes(of: "a\tb") == nil)
    // Unanchored: anywhere in the text, bytes compared exactly.
    #expect(LiteralPattern.occurs(Array("HP".utf8), in: "HP"))
    #expect(LiteralPattern.occurs(Array("HP".utf8), in: "COMPAQ HP"))
    #expect(LiteralPattern.occurs(Array("Xport".utf8), in: "Universal Xport"))
    #expect(!LiteralPattern.occurs(Array("HP".utf8), in: "hp"))
    #expect(!LiteralPattern.occurs(Array("HPE".utf8), in: "HP"))
    #expect(!LiteralPattern.occurs(Array("aab".utf8), in: "aaab".dropLast().description))
    #expect(LiteralPattern.occurs(Array("aab".utf8), in: "aaab"))
}

@Test func fieldsCutAtTheSeparatorByteAsSplitDoes() {
    let texts = ["", ":", "a", "a:b", "::a::b::", "0:0:0:1", "/sys/devices/pseudo_0/adapter0/host0", "//x//", "é:ü:"]
    for text in texts {
        #expect(TextScan.fields(text[...], separator: 0x3A)
                == text.split(separator: ":", omittingEmptySubsequences: false), "\(text)")
        #expect(TextScan.fields(text[...], separator: 0x3A, omittingEmpty: true) == text.split(separator: ":"), "\(text)")
        #expect(TextScan.fields(text[...], separator: 0x2F, omittingEmpty: true) == text.split(separator: "/"), "\(text)")
    }
    // A slice of a larger string keeps its own bounds.
    let whole = "xx1:2yy"
    let slice = whole.dropFirst(2).dropLast(2)
    #expect(TextScan.fields(slice, separator: 0x3A) == ["1", "2"])
}
