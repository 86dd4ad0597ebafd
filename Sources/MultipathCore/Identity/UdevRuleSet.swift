// UdevRuleSet: which udev rules files decide a SCSI disk's ID_SERIAL on the installed system.

/// The udev rules that run for an `sd*` disk, in order, on the system being booted.
public enum UdevRuleSet: Equatable, Sendable {
    /// Debian 12 with multipath-tools: multipath-tools 0.9.4-3+deb12u2 *depends* on
    /// sg3-utils-udev, so `55-scsi-sg3_id.rules` (sg3_utils 1.46) runs first and sets
    /// ID_SERIAL from sg_inq's export whenever it can; systemd 252's
    /// `60-persistent-storage.rules` (ata_id, then scsi_id) only fills in what it left unset.
    case sg3UtilsThenSystemd
    /// Only systemd's `60-persistent-storage.rules`: ata_id for vendor "ATA", else scsi_id.
    case systemdOnly
}
