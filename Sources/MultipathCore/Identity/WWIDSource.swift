// WWIDSource: which designator (or which tool) an ID_SERIAL / ID_WWN came from, for reports
// and for telling a strong identifier (NAA, EUI-64) from a weak one (vendor text, serial).

/// Where a path's udev identifier came from.
public enum WWIDSource: String, Equatable, Sendable {
    /// VPD 0x83 NAA IEEE Registered Extended (NAA 6, 16 bytes): scsi_id's first choice,
    /// sg3_utils' SCSI_IDENT_LUN_NAA_REGEXT.
    case vpd83NAA6 = "vpd83-naa6"
    /// VPD 0x83 NAA IEEE Registered (NAA 5, 8 bytes): SCSI_IDENT_LUN_NAA_REG.
    case vpd83NAA5 = "vpd83-naa5"
    /// Any other NAA designator: scsi_id takes the first in page order; sg3_utils ranks NAA 2
    /// (SCSI_IDENT_LUN_NAA_EXT) high and NAA 3 / others (SCSI_IDENT_LUN_NAA_LOCAL) low.
    case vpd83NAA = "vpd83-naa"
    /// VPD 0x83 EUI-64 based designator.
    case vpd83EUI64 = "vpd83-eui64"
    /// VPD 0x83 T10 vendor ID based designator.
    case vpd83T10 = "vpd83-t10"
    /// VPD 0x83 vendor-specific designator, prefixed with vendor and model.
    case vpd83Vendor = "vpd83-vendor"
    /// VPD 0x83 SCSI name string (sg3_utils only, prefix '8').
    case vpd83Name = "vpd83-name"
    /// VPD 0x83 T10 designator starting "ATA " (a SATL's model + serial): sg3_utils' ata_id
    /// compatibility rule, which yields ata_id's `<model>_<serial>` form.
    case vpd83ATA = "vpd83-t10-ata"
    /// A pre-SPC-3 page 0x83 (EMC Symmetrix style) read as one binary identifier.
    case vpd83PreSPC3 = "vpd83-pre-spc3"
    /// VPD 0x80 unit serial number, prefixed with 'S', vendor and model.
    case vpd80 = "vpd80"
    /// ata_id: IDENTIFY DEVICE model and serial number.
    case ata = "ata"
    /// NVMe namespace `wwid` attribute (ID_WWN).
    case nvmeWWID = "nvme-wwid"
}
