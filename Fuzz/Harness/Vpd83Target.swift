// vpd83: the Device Identification VPD page, and the WWID udev and multipath derive from it.

extension FuzzTargets {
    /// Input: VPD page 0x83 (the sysfs `vpd_pg83` attribute or an INQUIRY response).
    ///
    /// Asserts: `DeviceIdentificationPage` accepts exactly the inputs with a 4-byte header
    /// and byte 1 = 0x83, and its descriptors tile the page from byte 4 without gaps or
    /// overlap, each identifier copied from the page, ending at the end of the page unless
    /// `truncatedDescriptorOffset` says where a cut-off descriptor starts.
    /// `ScsiIdentity.udevSerial` with fixed INQUIRY data (SPC-4 and SPC-2) and both rule sets
    /// gives results that pass `FuzzIdentity.checkSerial` (WWID non-empty, at most 122
    /// bytes, valid UTF-8, never all zeros or a placeholder, stable when parsed again). The
    /// same WWID checks run on the raw input taken as a udev value and as an NVMe sysfs
    /// `wwid` attribute.
    public static func vpd83(_ input: [UInt8]) {
        do {
            let page = try DeviceIdentificationPage(bytes: input)
            checkPage(page, input)
        } catch {
            fuzzCheck(input.count < 4 || input[1] != 0x83, "page 0x83 rejected: \(error)")
        }

        // 55-scsi-sg3_id.rules on the sysfs attributes, then (when it sets nothing) scsi_id;
        // the same rules asking the device (scsi_level 4); scsi_id alone, with and without a
        // page 0x80 to fall back to.
        let spc4 = FuzzIdentity.spc4Inquiry, spc2 = FuzzIdentity.spc2Inquiry, page80 = FuzzIdentity.page80
        FuzzIdentity.checkSerial(ScsiIdentity.udevSerial(inquiry: spc4, page83: input, page80: page80))
        FuzzIdentity.checkSerial(ScsiIdentity.udevSerial(inquiry: spc2, page83: input, page80: page80))
        FuzzIdentity.checkSerial(ScsiIdentity.scsiIdSerial(inquiry: spc4, page83: input, page80: page80))
        FuzzIdentity.checkSerial(ScsiIdentity.scsiIdSerial(inquiry: spc4, page83: input, page80: nil))

        FuzzIdentity.checkWWID(input)
        FuzzIdentity.checkSerial(ScsiIdentity.nvmeWWID(sysfsWWID: String(decoding: input, as: UTF8.self)))
    }

    private static func checkPage(_ page: DeviceIdentificationPage, _ input: [UInt8]) {
        let pageLength = Int(input[2]) << 8 | Int(input[3])
        fuzzCheck(page.peripheral == input[0] && page.pageLength == pageLength, "page 0x83 header")
        fuzzCheck(page.isShort == (4 + pageLength > input.count), "page 0x83 isShort")
        let end = min(4 + pageLength, input.count)
        var offset = 4
        for designator in page.designators {
            fuzzCheck(designator.offset == offset, "designator at \(designator.offset), expected \(offset)")
            let length = designator.identifier.count
            fuzzCheck(offset + 4 + length <= end, "designator at \(offset) runs past the page end \(end)")
            fuzzCheck(Int(input[offset + 3]) == length
                      && designator.identifier.elementsEqual(input[(offset + 4)..<(offset + 4 + length)]),
                      "designator at \(offset) is not the page's bytes")
            fuzzCheck(designator.codeSet.rawValue == input[offset] & 0x0F
                      && designator.type.rawValue == input[offset + 1] & 0x0F
                      && designator.association.rawValue == (input[offset + 1] >> 4) & 0x03,
                      "designator header at \(offset)")
            if let naa = designator.naa {
                fuzzCheck(designator.type == .naa && naa == designator.identifier[0] >> 4, "NAA field")
            }
            offset += 4 + length
        }
        if let truncated = page.truncatedDescriptorOffset {
            fuzzCheck(truncated == offset && offset < end, "truncated descriptor at \(truncated), walk at \(offset)")
        } else {
            fuzzCheck(offset == end, "designators end at \(offset), page at \(end)")
        }
        fuzzCheck(page.logicalUnitDesignators.allSatisfy { $0.association == .logicalUnit },
                  "logicalUnitDesignators")
    }
}
