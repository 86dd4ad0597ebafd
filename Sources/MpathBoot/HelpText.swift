// HelpText: `mpathboot --help`.

enum HelpText {
    static let text = """
    mpathboot \(MpathBoot.version): assemble dm-multipath maps at boot, without udev or multipath-tools

    Usage:
      mpathboot [assemble] [-d] [-v|-v3] [--kmsg]   find paths, group them by WWID, create the maps
                                                   and their partition maps (the default)
      mpathboot probe [--json]                     what assemble would do; changes nothing (never
                                                   creates a map or /dev/mapper/control)
      mpathboot assemble --json                    assemble, then print the installer report
      mpathboot resolve NAME [--json]              the one map NAME means: a map name, /dev/sdX or
                                                   nvmeXnY (a path gives its map), MAJ:MIN, WWID,
                                                   /dev/disk/by-id link, or BIOS id (0x80, via EDD)
      mpathboot flush [NAME...]                    remove multipath maps and their partition maps
                                                   (all without NAME); refuses maps open or mounted
      mpathboot paths [--json]                     list the path devices and their WWIDs
      mpathboot status [NAME...]                   list multipath maps with path counts from the kernel
      mpathboot wait [--timeout S] [--min-paths N] [ROOTSPEC]
                                                   assemble again every 0.5 s until the map holding
                                                   ROOTSPEC (or every map) has N usable paths; at the
                                                   end of S seconds boot degraded (warning) if the
                                                   map has any usable path, else fail
      mpathboot udev-check DEV                     print udev properties claiming DEV (or a partition
                                                   of it) as a multipath path; nothing if not claimed
                                                   (always reads the kernel command line, as --cmdline)
      mpathboot fail-if-no-path                    stop queueing I/O on every map (shutdown, rescue)

    Options:
      -d, --dry-run        print the maps and tables that would be made; touch nothing (= probe)
      --json               probe/assemble: the installer report, schema 1 (docs/installer-interface.md)
      -v                   say more (each path, each map); -v3 also prints tables
      -q                   errors only
      --config FILE        read FILE instead of /etc/multipath.conf and conf.d
      --no-udev-db         do not leave /run/udev/data records for the maps (by default, when no
                           udevd runs, mpathboot writes what a udev-run initramfs would leave, so
                           the installed system's udev and multipathd adopt the maps unchanged)
      --timings            assemble/probe: one notice with each stage's wall time (discovery,
                           planning, path checks, maps), to see where a slow boot goes
      --cmdline            read /proc/cmdline: rd.multipath=0, rd_NO_MULTIPATH, nompath,
                           multipath=off or rd.mpathboot=0 turn assemble/wait/udev-check off (exit 2);
                           mpathboot.find_multipaths=MODE, mpathboot.wait=S (default 10),
                           mpathboot.min_paths=N (default 2), mpathboot.debug (or rd.debug)
      --timeout S, --min-paths N
                           wait's budget and wanted paths (over the kernel command line)
      --kmsg               also write log lines to /dev/kmsg (what the boot hooks use)
      --no-sysfs           find paths by probing /dev/sd* and /dev/sg* nodes with ioctls, as on
                           Linux 2.4 (also used by itself when /sys is not mounted)
      --sysfs-root DIR     read sysfs from DIR instead of /sys (tests, rescue)
      --proc-root DIR, --dev-root DIR, --etc-root DIR, --run-root DIR
                           likewise for /proc, /dev, /etc, /run
      -h, --help           this text;  --version  the version

    Rules:
      A path's WWID is what udev will put in ID_SERIAL (sg3-utils rules, then scsi_id/ata_id)
      or ID_WWN (NVMe). Paths are grouped only when WWID, size, vendor/product and serial agree;
      a WWID with any mounted or held path is left alone. Configuration as multipath-tools
      0.9.4: /etc/multipath.conf and /etc/multipath/conf.d/*.conf (--config FILE replaces
      both), the built-in hardware table, /etc/multipath/wwids and /etc/multipath/bindings
      (read, never written). find_multipaths defaults to strict, as Debian's multipath-tools
      0.9.4 without a multipath.conf: only WWIDs listed in the wwids file are mapped; "yes" and
      "smart" also map WWIDs with two or more paths, "no" and "greedy" every path. Names: a
      multipaths alias, else the bindings alias when user_friendly_names is yes, else the WWID;
      DM UUID mpath-<WWID>; partitions <name>-part<N>, UUID part<N>-mpath-<WWID>.

    ROOTSPEC: UUID=, LABEL= (ext2/3/4, XFS, Btrfs, read through the maps), /dev/disk/by-uuid/,
      by-label/, by-id/dm-name-, by-id/dm-uuid-, /dev/mapper/NAME, /dev/dm-N, MAJ:MIN, /dev/sdX (a
      path: its map), a map name or a WWID.

    Exit status:
      0  every planned map exists (created now or before); wait: ready, or degraded
      1  an error: a map could not be made (it was removed again), or the scan failed;
         wait: no map holds ROOTSPEC, or it has no usable path, when the budget ends
      2  nothing to multipath (or turned off on the kernel command line); flush: no maps
      64 bad command line
    """
}
