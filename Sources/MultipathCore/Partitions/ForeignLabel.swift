/// The other disk labels kpartx tries after GPT and DOS, in its order
/// (kpartx.c `initpts`: bsd, solaris, unixware, dasd, mac, sun, ps3).
///
/// They are only recognised by their magic numbers, so that the caller learns
/// that kpartx would map something this module cannot reproduce. They are not
/// decoded. `dasd` needs DASD ioctls and never matches a dm-multipath map.
/// Structure offsets are those of x86-64 (kpartx reads the structs natively).
struct ForeignLabel: Equatable {
    /// kpartx's name for the label type (`kpartx -t`).
    var name: String
    /// Byte offset of the magic number.
    var byteOffset: UInt64

    /// Returns the first label, in kpartx's order, whose magic is present.
    static func detect<R: SectorReader>(_ reader: R) throws(PartitionTableError) -> ForeignLabel?
        where R.ReadError: SectorReadError {
        // All of them read through kpartx getblock(): 1 KiB at sector * 512.
        if let block = try reader.kpartxBlock(sector512: 1) {
            // bsd.c: struct bsd_disklabel at sector 1, d_magic 0x82564557.
            if block.le32(at: 0) == 0x8256_4557 {
                return ForeignLabel(name: "bsd", byteOffset: 512)
            }
            // solaris.c: v_sanity (unsigned long after three unsigned longs) 0x600DDEEE.
            if block.le64(at: 24) == 0x600D_DEEE {
                return ForeignLabel(name: "solaris", byteOffset: 512 + 24)
            }
        }
        // unixware.c: sector 29, d_magic 0xCA5E600D and vtoc.v_magic 0x600DDEEE.
        if let block = try reader.kpartxBlock(sector512: 29),
           block.le32(at: 4) == 0xCA5E_600D, block.le32(at: 160) == 0x600D_DEEE {
            return ForeignLabel(name: "unixware", byteOffset: 29 * 512 + 4)
        }
        if let block = try reader.kpartxBlock(sector512: 0) {
            // mac.c: driver descriptor signature 0x4552 ("ER") at byte 0.
            if block.be16(at: 0) == 0x4552 {
                return ForeignLabel(name: "mac", byteOffset: 0)
            }
            // sun.c: SUN_DISK_MAGIC 0xDABE at byte 508.
            if block.be16(at: 508) == 0xDABE {
                return ForeignLabel(name: "sun", byteOffset: 508)
            }
            // ps3.c: d_magic1 0x0FACE0FF and d_magic2 0xDEADFACE at bytes 16 and 24.
            if block.be64(at: 16) == 0x0FAC_E0FF && block.be64(at: 24) == 0xDEAD_FACE {
                return ForeignLabel(name: "ps3", byteOffset: 16)
            }
        }
        return nil
    }
}
