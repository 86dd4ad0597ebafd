// vpd80: the Unit Serial Number VPD page, and the 'S…' identifiers built from it.

extension FuzzTargets {
    /// Input: VPD page 0x80 (the sysfs `vpd_pg80` attribute or an INQUIRY response).
    ///
    /// Asserts: `UnitSerialNumberPage` accepts exactly the inputs with a 4-byte header and
    /// byte 1 = 0x80; its serial number is the page's bytes after the header (as many as the
    /// page length and the data allow); `serialString` is nil or non-empty, without NUL and
    /// without leading or trailing white space. `ScsiIdentity.udevSerial` with fixed INQUIRY
    /// data, no page 0x83 and this page 0x80 passes `FuzzIdentity.checkSerial`.
    public static func vpd80(_ input: [UInt8]) {
        do {
            let page = try UnitSerialNumberPage(bytes: input)
            let pageLength = Int(input[2]) << 8 | Int(input[3])
            fuzzCheck(page.pageLength == pageLength && page.isShort == (4 + pageLength > input.count),
                      "page 0x80 header")
            fuzzCheck(page.serialNumber.elementsEqual(input[4..<min(4 + pageLength, input.count)]),
                      "page 0x80 serial number is not the page's bytes")
            let serial = page.serialString
            if let serial {
                let bytes = Array(serial.utf8)
                fuzzCheck(!bytes.isEmpty && !bytes.contains(0), "serialString \(fuzzHex(bytes))")
                fuzzCheck(!UdevText.isCSpace(bytes[0]) && !UdevText.isCSpace(bytes[bytes.count - 1]),
                          "serialString not trimmed: \(fuzzHex(bytes))")
            }
            fuzzCheck(UnitSerialNumberPage.serialString(input) == serial, "serialString(_:) disagrees")
        } catch {
            fuzzCheck(input.count < 4 || input[1] != 0x80, "page 0x80 rejected: \(error)")
            fuzzCheck(UnitSerialNumberPage.serialString(input) == nil, "serialString of a rejected page")
        }

        // 55-scsi-sg3_id.rules on the sysfs attribute and asking the device; scsi_id alone.
        FuzzIdentity.checkSerial(ScsiIdentity.udevSerial(
            inquiry: FuzzIdentity.spc4Inquiry, page83: nil, page80: input))
        FuzzIdentity.checkSerial(ScsiIdentity.udevSerial(
            inquiry: FuzzIdentity.spc2Inquiry, page83: nil, page80: input))
        FuzzIdentity.checkSerial(ScsiIdentity.scsiIdSerial(
            inquiry: FuzzIdentity.spc4Inquiry, page83: nil, page80: input))
    }
}
