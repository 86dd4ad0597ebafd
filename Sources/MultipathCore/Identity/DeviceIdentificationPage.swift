// DeviceIdentificationPage: a bounds-checked view of VPD page 0x83 as a list of designators.
// This is the readable, structured view (reports, tests). The WWID itself is computed by the
// udev tool emulations, which must reproduce each tool's own walk of the raw bytes.

/// The Device Identification VPD page (SPC-4 7.8.6).
///
/// Descriptors are walked the way sg3_utils' `sg_vpd_dev_id_iter` walks them: from byte 4 to
/// the end given by the PAGE LENGTH field (bytes 2-3) or by the data, whichever is shorter;
/// a descriptor whose header or designator would run past that end stops the walk and is
/// recorded in `truncatedDescriptorOffset`. Nothing outside `bytes` is ever read.
public struct DeviceIdentificationPage: Equatable, Sendable {
    /// PERIPHERAL QUALIFIER and PERIPHERAL DEVICE TYPE, byte 0.
    public var peripheral: UInt8
    /// PAGE LENGTH, bytes 2-3: the number of bytes after the 4-byte header.
    public var pageLength: Int
    /// The complete descriptors, in page order.
    public var designators: [VPDDesignator]
    /// Offset of a descriptor cut off by the end of the page or of the data, if any.
    public var truncatedDescriptorOffset: Int?
    /// Whether the page length claims more bytes than were given.
    public var isShort: Bool

    /// Parses VPD page 0x83.
    ///
    /// - Throws: `.truncated(page: 0x83, needed: 4, have:)` without a full header,
    ///   `.wrongPage` when byte 1 is not 0x83. A cut-off descriptor is not an error
    ///   (scsi_id and sg_inq both use what precedes it); see `truncatedDescriptorOffset`.
    public init(bytes: [UInt8]) throws(ScsiParseError) {
        // One allocation for a typical page (a LUN's NAA/T10/EUI, target port, port group,
        // relative port...), rather than growing 1, 2, 4, 8 for every path.
        var designators: [VPDDesignator] = []
        designators.reserveCapacity(8)
        let walk = try DeviceIdentificationPage.walk(bytes) { offset, length in
            designators.append(VPDDesignator(
                offset: offset, byte0: bytes[offset], byte1: bytes[offset + 1],
                identifier: Array(bytes[(offset + 4)..<(offset + 4 + length)])))
            return true
        }
        peripheral = bytes[0]
        pageLength = walk.pageLength
        isShort = 4 + walk.pageLength > bytes.count
        self.designators = designators
        truncatedDescriptorOffset = walk.truncatedDescriptorOffset
    }

    /// The walk itself, in place: `body(offset, length)` for each complete descriptor (its
    /// 4-byte header at `offset`, `length` identifier bytes after it), in page order, until
    /// `body` returns false. Returns the PAGE LENGTH and the offset of a descriptor cut off
    /// by the end, if one ended the walk. For callers that want one designator without
    /// copying every identifier (`TargetPortGroups.groupID`).
    ///
    /// - Throws: as `init(bytes:)`.
    static func walk(_ bytes: [UInt8], _ body: (_ offset: Int, _ length: Int) -> Bool)
        throws(ScsiParseError) -> (pageLength: Int, truncatedDescriptorOffset: Int?) {
        guard bytes.count >= 4 else { throw .truncated(page: 0x83, needed: 4, have: bytes.count) }
        guard bytes[1] == 0x83 else { throw .wrongPage(expected: 0x83, found: bytes[1]) }
        let pageLength = Int(bytes[2]) << 8 | Int(bytes[3])
        let end = min(4 + pageLength, bytes.count)
        var offset = 4
        while offset < end {
            guard offset + 4 <= end, offset + 4 + Int(bytes[offset + 3]) <= end else {
                return (pageLength, offset)
            }
            let length = Int(bytes[offset + 3])
            guard body(offset, length) else { break }
            offset += 4 + length
        }
        return (pageLength, nil)
    }

    /// The designators whose association is the logical unit (the only ones a WWID uses).
    public var logicalUnitDesignators: [VPDDesignator] {
        designators.filter { $0.association == .logicalUnit }
    }
}
