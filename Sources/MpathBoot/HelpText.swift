// HelpText: `mpathboot --help`.

enum HelpText {
    static let text = """
    mpathboot \(MpathBoot.version): assemble dm-multipath maps at boot, without udev or multipath-tools

    Usage:
      mpathboot [assemble] [-d] [-v|-v3] [--kmsg]   find paths, group them by WWID, create the maps
                                                   and their partition maps (the default)
      mpathboot paths [--json]                     list the path devices and their WWIDs
      mpathboot status [NAME...]                   list multipath maps with path counts from the kernel

    Options:
      -d, --dry-run        print the maps and tables that would be made; touch nothing
      -v                   say more (each path, each map); -v3 also prints tables
      -q                   errors only
      --kmsg               also write log lines to /dev/kmsg (what the boot hooks use)
      --no-sysfs           find paths by probing /dev/sd* and /dev/sg* nodes with ioctls, as on
                           Linux 2.4 (also used by itself when /sys is not mounted)
      --sysfs-root DIR     read sysfs from DIR instead of /sys (tests, rescue)
      --proc-root DIR, --dev-root DIR, --etc-root DIR   likewise for /proc, /dev, /etc
      -h, --help           this text;  --version  the version

    Rules:
      A path's WWID is what udev will put in ID_SERIAL (scsi_id/ata_id rules) or ID_WWN (NVMe).
      Paths are grouped only when WWID, size, vendor/product and serial agree. A WWID is mapped
      when it has two or more paths or is listed in /etc/multipath/wwids (find_multipaths yes);
      a WWID with any mounted or held path is left alone. Maps are named by WWID, DM UUID
      mpath-<WWID>; partitions <name>-part<N>, DM UUID part<N>-mpath-<WWID> (kpartx -p -part).
      The wwids file is only read, never written.

    Exit status:
      0  every planned map exists (created now or before)
      1  an error: a map could not be made (it was removed again), or the scan failed
      2  nothing to multipath
      64 bad command line
    """
}
