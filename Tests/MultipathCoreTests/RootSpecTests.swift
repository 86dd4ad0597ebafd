// Root specs as initramfs tools write them, and the filesystem signatures they name.
import Testing
@testable import MultipathCore

@Test(arguments: [
    ("UUID=0A1B2C3D-1111-2222-3333-444455556666", RootSpec.filesystemUUID("0a1b2c3d-1111-2222-3333-444455556666")),
    ("block:/dev/disk/by-uuid/0a1b2c3d-1111-2222-3333-444455556666", .filesystemUUID("0a1b2c3d-1111-2222-3333-444455556666")),
    ("LABEL=root fs", .filesystemLabel("root fs")),
    ("/dev/disk/by-label/root\\x20fs", .filesystemLabel("root fs")),
    ("/dev/disk/by-id/dm-name-mpatha-part2", .mapName("mpatha-part2")),
    ("/dev/disk/by-id/dm-uuid-part2-mpath-35000c500a1b2c3d4", .dmUUID("part2-mpath-35000c500a1b2c3d4")),
    ("/dev/mapper/mpatha-part2", .mapName("mpatha-part2")),
    ("/dev/dm-3", .dmMinor(3)),
    ("254:3", .device(DeviceNumber(major: 254, minor: 3))),
    ("/dev/sdb2", .kernelName("sdb2")),
    ("35000c500a1b2c3d4", .word("35000c500a1b2c3d4")),
    ("PARTUUID=1234-02", .unsupported("PARTUUID=1234-02")),
    ("/dev/vg/root", .unsupported("/dev/vg/root")),
    ("", .unsupported("")),
])
func rootSpecsParse(text: String, expected: RootSpec) {
    #expect(RootSpec.parse(text) == expected)
}

/// A zeroed image with `fields` written at their byte offsets.
private func image(size: Int, _ fields: [(Int, [UInt8])]) -> ByteImageReader {
    var bytes = [UInt8](repeating: 0, count: size)
    for (offset, field) in fields { bytes.replaceSubrange(offset..<(offset + field.count), with: field) }
    return ByteImageReader(bytes: bytes)
}

private let uuidBytes: [UInt8] = [0x0a, 0x1b, 0x2c, 0x3d, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x66]

@Test func ext4SuperblockGivesUUIDAndLabel() {
    let reader = image(size: 8192, [(1024 + 56, [0x53, 0xEF]), (1024 + 104, uuidBytes), (1024 + 120, Array("rootfs".utf8))])
    #expect(FilesystemSignature.probe(reader)
            == FilesystemSignature(kind: .ext, uuid: "0a1b2c3d-1111-2222-3333-444455556666", label: "rootfs"))
}

@Test func xfsSuperblockGivesUUIDAndLabel() {
    let reader = image(size: 4096, [(0, Array("XFSB".utf8)), (32, uuidBytes), (108, Array("twelve-chars".utf8))])
    #expect(FilesystemSignature.probe(reader)
            == FilesystemSignature(kind: .xfs, uuid: "0a1b2c3d-1111-2222-3333-444455556666", label: "twelve-chars"))
}

@Test func btrfsSuperblockGivesUUIDAndLabel() {
    let reader = image(size: 65536 + 4096, [(65536 + 64, Array("_BHRfS_M".utf8)), (65536 + 32, uuidBytes),
                                            (65536 + 299, Array("data".utf8))])
    #expect(FilesystemSignature.probe(reader)
            == FilesystemSignature(kind: .btrfs, uuid: "0a1b2c3d-1111-2222-3333-444455556666", label: "data"))
}

@Test func noSignatureOnBlankOrTinyDevices() {
    #expect(FilesystemSignature.probe(image(size: 128 * 1024, [])) == nil)
    #expect(FilesystemSignature.probe(image(size: 100, [(0, Array("XFS".utf8))])) == nil)
    // The magic fits, the rest of the superblock does not: not read past the end.
    #expect(FilesystemSignature.probe(image(size: 1200, [(1024 + 56, [0x53, 0xEF])])) == nil)
}
