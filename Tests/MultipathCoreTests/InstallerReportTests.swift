// The installer interface's pure parts: EDD parsing, BIOS disk matching, name resolution,
// the activation summary and the files for the installed system, as exact values.
import Testing
@testable import MultipathCore

private let lun = "35000c50015ea71ac"

private func report(_ paths: [Path], findMultipaths: String = "yes", mode: AssemblyReport.Mode = .probe,
                    edd: EddReport = .unavailable("no EDD in this test")) -> AssemblyReport {
    let ctx = context(findMultipaths: findMultipaths)
    var input = ReportBuilder.Input(mode: mode, version: "test",
                                    environment: AssemblyReport.Environment(scan: "sysfs", deviceMapperLoaded: false),
                                    paths: paths, plan: makePlan(paths, ctx), config: ctx.config)
    input.predictedPartitions[lun] = [1, 2]
    return ReportBuilder.attaching(edd, to: ReportBuilder.build(input))
}

private func location(_ pci: String, _ hctl: String) -> BiosDiskCandidate.Location {
    BiosDiskCandidate.Location(sysfsPath: "/sys/devices/pci0000:00/0000:\(pci)/virtio0/host0/target0:0:0/\(hctl)/block/sdx",
                               address: ScsiAddress(hctl))
}

@Test func eddFilesParseAsTheKernelWritesThem() {
    let scsi = EddDevice(biosID: 0x81, sectors: 131072, mbrSignature: EddDevice.signature("0x0a1b2c3d\n"),
                         hostBus: "PCI \t00:1f.2  channel: 0\n", interface: "SCSI    \tid: 3  lun: 7\n")
    #expect(scsi.biosIDText == "0x81")
    #expect(scsi.mbrSignature == 0x0a1b2c3d)
    #expect(scsi.pciSlot == "00:1f.2")
    #expect(scsi.interfaceType == "SCSI")
    #expect(scsi.targetID == 3 && scsi.lun == 7)
    let fibre = EddDevice(biosID: 0x80, hostBus: "PCIX\t03:00.1  channel: 1", interface: "FIBRE   \twwid: 5000c500 lun: 1f")
    #expect(fibre.pciSlot == "03:00.1" && fibre.lun == 0x1f && fibre.targetID == nil)
    let isa = EddDevice(biosID: 0x80, hostBus: "ISA \tbase_address: 1f0", interface: "ATA     \tdevice: 0")
    #expect(isa.pciSlot == nil && isa.interfaceType == "ATA")
    #expect(EddDevice.biosID(directoryName: "int13_dev8a") == 0x8a)
    #expect(EddDevice.biosID(directoryName: "int13_devzz") == nil)
    #expect(EddDevice.biosID(text: "0x80") == 0x80)
    #expect(EddDevice.biosID(text: "0x7f") == nil)
    #expect(EddDevice.biosID(text: "128") == nil)
}

@Test func aBiosDiskOnAPathResolvesToItsMapNeverThePath() {
    let device = EddDevice(biosID: 0x80, sectors: 131072, hostBus: "PCI \t00:04.0  channel: 0",
                           interface: "SCSI    \tid: 0  lun: 0")
    let map = BiosDiskCandidate(name: "mpatha", isMap: true, sizeSectors: 131072, mbrSignature: nil,
                                locations: [location("00:03.0", "0:0:0:0"), location("00:04.0", "1:0:0:0")])
    let local = BiosDiskCandidate(name: "sdc", isMap: false, sizeSectors: 131072, mbrSignature: nil,
                                  locations: [location("00:05.0", "2:0:0:0")])
    let match = BiosDiskMatcher.match([device], candidates: [map, local])[0]
    #expect(match.map == "mpatha")
    #expect(match.disk == nil)
    #expect(match.method == .edd30Path)
    #expect(!match.ambiguous)
}

@Test func theSignatureDecidesFirstAndASharedSignatureIsNotUsed() {
    let a = BiosDiskCandidate(name: "mpatha", isMap: true, sizeSectors: 100, mbrSignature: 0x1111, locations: [])
    let b = BiosDiskCandidate(name: "sdc", isMap: false, sizeSectors: 100, mbrSignature: 0x2222, locations: [])
    let bySignature = BiosDiskMatcher.match([EddDevice(biosID: 0x80, sectors: 100, mbrSignature: 0x2222)],
                                            candidates: [a, b])[0]
    #expect(bySignature.disk == "sdc" && bySignature.method == .mbrSignature && !bySignature.ambiguous)

    // Two BIOS drives report the same signature (ghost entries): the signature says nothing,
    // and both disks have the size: ambiguous, nothing resolved.
    let ghosts = BiosDiskMatcher.match([EddDevice(biosID: 0x80, sectors: 100, mbrSignature: 0x2222),
                                        EddDevice(biosID: 0x81, sectors: 100, mbrSignature: 0x2222)],
                                       candidates: [a, b])
    #expect(ghosts[0].ambiguous && ghosts[0].map == nil && ghosts[0].disk == nil)
    #expect(ghosts[0].candidates == ["mpatha", "sdc"])
    #expect(ghosts[0].notes == ["mbr_signature 0x00002222 is shared with 0x81; not used"])
}

@Test func sizeOnlyDecidesWhenItIsUnique() {
    let a = BiosDiskCandidate(name: "mpatha", isMap: true, sizeSectors: 100, mbrSignature: nil, locations: [])
    let b = BiosDiskCandidate(name: "sdc", isMap: false, sizeSectors: 200, mbrSignature: nil, locations: [])
    let unique = BiosDiskMatcher.match([EddDevice(biosID: 0x80, sectors: 200)], candidates: [a, b])[0]
    #expect(unique.disk == "sdc" && unique.method == .uniqueSize)
    let none = BiosDiskMatcher.match([EddDevice(biosID: 0x80, sectors: 300)], candidates: [a, b])[0]
    #expect(none.map == nil && none.disk == nil && none.method == nil && !none.ambiguous)
    #expect(none.notes == ["no disk matches its signature, device path or size"])
}

@Test func probeSummaryCountsOnlyGroupsWithTwoUsablePaths() {
    let single = report([makePath("sdc", 8, 32, wwid: "3600a0b800000000000000000000000a1")])
    #expect(!single.summary.recommendActivation)
    #expect(single.summary.reasons == ["no WWID has two or more usable paths", "1 single-path WWID do not count"])

    var offline = makePath("sdb", 8, 16)
    offline.device.state = "offline"
    let degraded = report([makePath("sda", 8, 0), offline])
    #expect(!degraded.summary.recommendActivation)
    #expect(degraded.groups[0].usablePaths == ["sda"])

    let both = report([makePath("sda", 8, 0), makePath("sdb", 8, 16),
                       makePath("sdc", 8, 32, wwid: "3600a0b800000000000000000000000a1")])
    #expect(both.summary.recommendActivation)
    #expect(both.summary.reasons == ["WWID \(lun) has 2 usable paths (sda, sdb), map \(lun)"])
    #expect(both.summary.multiPathGroups == 1 && both.summary.singlePathGroups == 1)
    #expect(both.maps.count == 1 && both.maps[0].state == .wouldCreate)
    #expect(both.unclaimed == [AssemblyReport.Unclaimed(
        dev: "sdc", wwid: "3600a0b800000000000000000000000a1", reason: "not_multipathed",
        detail: "single path, WWID not in the wwids file (find_multipaths yes)")])
}

@Test func strictModeRecommendsButSaysAssembleWouldNotMapIt() {
    let strict = report([makePath("sda", 8, 0), makePath("sdb", 8, 16)], findMultipaths: "strict")
    #expect(strict.summary.recommendActivation)
    #expect(strict.summary.reasons == ["WWID \(lun) has 2 usable paths (sda, sdb), but assemble would not map it: WWID not in the wwids file (find_multipaths strict)"])
    #expect(strict.maps.count == 1 && strict.maps[0].state == .skipped && strict.maps[0].name == nil)
}

@Test func targetFilesUseMultipathToolsHeadersAndFormats() {
    let bindings = ReportBuilder.bindingsText([BindingEntry(alias: "mpatha", wwid: lun, line: 8),
                                              BindingEntry(alias: "broken", wwid: nil, line: 9)])
    #expect(bindings == """
        # Multipath bindings, Version : 1.0
        # NOTE: this file is automatically maintained by the multipath program.
        # You should not need to edit this file in normal circumstances.
        #
        # Format:
        # alias wwid
        #
        mpatha 35000c50015ea71ac

        """)
    #expect(ReportBuilder.wwidsText(listed: ["3600a"], mapped: [lun, "3600a"]) == """
        # Multipath wwids, Version : 1.0
        # NOTE: This file is automatically maintained by multipath and multipathd.
        # You should not need to edit this file in normal circumstances.
        #
        # Valid WWIDs:
        /3600a/
        /35000c50015ea71ac/

        """)
}

@Test func aMapEntrySerialisesExactly() {
    let probe = report([makePath("sda", 8, 0), makePath("sdb", 8, 16)])
    #expect(ReportJSON.map(probe.maps[0]).serialized() == #"{"name":"35000c50015ea71ac","wwid":"35000c50015ea71ac","dm_uuid":"mpath-35000c50015ea71ac","name_source":"wwid","dev_path":"/dev/mapper/35000c50015ea71ac","dev_t":null,"size_bytes":67108864,"vendor":"QEMU","product":"QEMU HARDDISK","revision":"","serial":null,"state":"would_create","reason":null,"features":"0","hwhandler":"0","table":"0 131072 multipath 0 0 2 1 service-time 0 1 1 8:0 1 service-time 0 1 1 8:16 1","path_groups":[{"group":1,"selector":"service-time 0","prio":1,"paths":["sda"]},{"group":2,"selector":"service-time 0","prio":1,"paths":["sdb"]}],"paths":[{"dev":"sda","dev_t":"8:0","hctl":null,"transport":null,"state":null,"prio":1,"checker":null,"checker_detail":null},{"dev":"sdb","dev_t":"8:16","hctl":null,"transport":null,"state":null,"prio":1,"checker":null,"checker_detail":null}],"partitions":[{"number":1,"name":"35000c50015ea71ac-part1","dm_uuid":"part1-mpath-35000c50015ea71ac","dev_path":"/dev/mapper/35000c50015ea71ac-part1","dev_t":null,"state":"would_create"},{"number":2,"name":"35000c50015ea71ac-part2","dm_uuid":"part2-mpath-35000c50015ea71ac","dev_path":"/dev/mapper/35000c50015ea71ac-part2","dev_t":null,"state":"would_create"}],"bios_ids":[]}"#)
}

@Test func prettyJSONIndentsTwoSpaces() {
    let value = JSONValue.object([("a", .array([.int(1), .null])), ("b", .object([])), ("c", .array([]))])
    #expect(value.pretty() == "{\n  \"a\": [\n    1,\n    null\n  ],\n  \"b\": {},\n  \"c\": []\n}\n")
}

@Test(arguments: [
    ("35000c50015ea71ac", "name"), ("/dev/mapper/35000c50015ea71ac", "name"), ("sdb", "path"),
    ("/dev/sda", "path"), ("/dev/sdb2", "path"), ("8:16", "dev_t"),
    ("/dev/disk/by-id/scsi-35000c50015ea71ac", "by_id"), ("/dev/disk/by-id/wwn-0x5000c50015ea71ac-part1", "by_id"),
    ("/dev/disk/by-id/dm-uuid-mpath-35000c50015ea71ac", "by_id"), ("35000c50015ea71ac-part2", "partition"),
])
func everyNameOfTheLUNResolvesToTheMap(query: String, method: String) {
    let probe = report([makePath("sda", 8, 0), makePath("sdb", 8, 16),
                        makePath("sdc", 8, 32, wwid: "3600a0b800000000000000000000000a1")])
    let resolved = MapResolver.resolve(query, in: probe)
    #expect(resolved.map?.name == lun)
    #expect(resolved.method == method)
    #expect(resolved.error == nil)
}

@Test func aPathOutsideEveryMapFailsWithTheReason() {
    let probe = report([makePath("sda", 8, 0), makePath("sdb", 8, 16),
                        makePath("sdc", 8, 32, wwid: "3600a0b800000000000000000000000a1")])
    let resolved = MapResolver.resolve("/dev/sdc", in: probe)
    #expect(resolved.map == nil)
    #expect(resolved.error == "/dev/sdc: sdc is not part of a multipath map: single path, WWID not in the wwids file (find_multipaths yes)")
    #expect(MapResolver.resolve("sdz", in: probe).error == "sdz: no multipath map, path, WWID or dev_t of that name")
}

@Test func aNameFittingTwoMapsIsAmbiguous() {
    // A multipaths alias that is another map's WWID: the name means two maps.
    let other = "3600a0b800000000000000000000000a1"
    let paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16), makePath("sdc", 8, 32, wwid: other),
                 makePath("sdd", 8, 48, wwid: other)]
    let ctx = context { config in config.multipaths = [MultipathEntry(wwid: other, alias: lun, origin: "test")] }
    var input = ReportBuilder.Input(mode: .probe, version: "test",
                                    environment: AssemblyReport.Environment(scan: "sysfs", deviceMapperLoaded: false),
                                    paths: paths, plan: makePlan(paths, ctx), config: ctx.config)
    input.checks = [:]
    let resolved = MapResolver.resolve(lun, in: ReportBuilder.build(input))
    #expect(resolved.map == nil)
    #expect(resolved.candidates.count == 2)
    #expect(resolved.error?.hasPrefix("'\(lun)' is ambiguous: it matches ") == true)
}

@Test func biosIDsResolveThroughEddOrSayWhyNot() {
    let paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16)]
    let absent = report(paths)
    #expect(MapResolver.resolve("0x80", in: absent).error == "0x80: no EDD data (no EDD in this test); a BIOS id cannot be resolved")
    let edd = EddReport(available: true, reason: nil, disks: [
        BiosDiskMatch(device: EddDevice(biosID: 0x80), map: lun, method: .uniqueSize, candidates: [lun]),
        BiosDiskMatch(device: EddDevice(biosID: 0x81), disk: "sdc", method: .edd30Path, candidates: ["sdc"]),
        BiosDiskMatch(device: EddDevice(biosID: 0x82), ambiguous: true, candidates: [lun, "sdc"]),
    ])
    let present = report(paths, edd: edd)
    #expect(present.maps[0].biosIDs == ["0x80"])
    #expect(MapResolver.resolve("0x80", in: present).map?.name == lun)
    #expect(MapResolver.resolve("0x81", in: present).error == "0x81 is sdc, which is not part of a multipath map")
    #expect(MapResolver.resolve("0x82", in: present).error == "0x82 is ambiguous: it may be \(lun), sdc")
    #expect(MapResolver.resolve("0x83", in: present).error == "0x83: EDD has no such BIOS drive")
}

@Test func jsonStringsEscapeQuotesBackslashesAndControlBytes() {
    #expect(JSONValue.string("PCI \t00:1f.2 \"x\" \\ \n\r\u{01}").serialized() == #""PCI \t00:1f.2 \"x\" \\ \n\r\u0001""#)
}

@Test(arguments: [("sdb12", "sdb"), ("sdb", "sdb"), ("nvme0n1p2", "nvme0n1"), ("nvme0n1", "nvme0n1"),
                  ("scsi-35000c50015ea71ac-part2", "scsi-35000c50015ea71ac"), ("dm-3", "dm-3"), ("8:16", "8:16"),
                  ("3600a0b800000000000000000000000a1", "3600a0b800000000000000000000000a1")])
func partitionNamesLeadToTheirDisk(name: String, disk: String) {
    #expect(MapResolver.stripPartition(name) == disk)
}

@Test func offlinePathsOfAMappedWWIDAreUnclaimedNotASkippedMap() {
    var sdb = makePath("sdb", 8, 16)
    var sdc = makePath("sdc", 8, 32)
    sdb.device.state = "offline"
    sdc.device.state = "offline"
    let both = report([makePath("sda", 8, 0), sdb, sdc])
    #expect(both.maps.map(\.state) == [.wouldCreate])
    #expect(both.unclaimed.map(\.reason) == ["offline", "offline"])
    #expect(both.unclaimed.map(\.detail) == ["device state offline", "device state offline"])
}
