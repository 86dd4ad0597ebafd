// sense: SCSI sense data as an SG_IO command returns it.

extension FuzzTargets {
    /// Input: sense bytes.
    ///
    /// Asserts: `SenseData` decodes exactly fixed format (response code 0x70/0x71, at least
    /// 3 bytes) and descriptor format (0x72/0x73, at least 4 bytes), with or without the
    /// VALID bit; the sense key is 4 bits; the text starts with the key's name.
    /// `Hex.string` gives two digits per byte.
    public static func sense(_ input: [UInt8]) {
        let sense = SenseData(input)
        let code = (input.first ?? 0) & 0x7F
        let decodable = input.count >= 3 && (code == 0x70 || code == 0x71)
            || input.count >= 4 && (code == 0x72 || code == 0x73)
        fuzzCheck((sense != nil) == decodable, "SenseData of \(fuzzHex(input)): \(String(describing: sense))")
        if let sense {
            fuzzCheck(sense.senseKey <= 0x0F, "sense key \(sense.senseKey)")
            let text = sense.text
            fuzzCheck(text.hasPrefix(sense.senseKeyName) && text.utf8.count < 64, "sense text \(text)")
        }
        fuzzCheck(Hex.string(input).utf8.count == 2 * input.count, "Hex.string length")
    }
}
