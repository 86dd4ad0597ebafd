// HardwareTable: multipath-tools' built-in device table (`default_hw[]`), as data.

/// The built-in hardware table of multipath-tools 0.9.4 (`libmultipath/hwtable.c`,
/// `static struct hwentry default_hw[]`), one `DeviceEntry` per C entry, in the same order.
///
/// Values are stored as multipath.conf spells them (what `multipath -t` prints, through the
/// `dict.c` print functions), so `SettingResolver` reads built-in and configured `device`
/// entries alike: `GROUP_BY_PRIO` is `group_by_prio`, `-FAILBACK_IMMEDIATE` is `immediate`,
/// `NO_PATH_RETRY_QUEUE` is `queue`, `(300 / DEFAULT_CHECKINT)` is `60`, `MAX_DEV_LOSS_TMO` is
/// `infinity`, `DEFAULT_NVME_UID_ATTRIBUTE` is `ID_WWN`, `VPD_VP_HP3PAR` is `hp3par`.
///
/// **Order matters.** multipath-tools (`config.c:find_hwe`) scans this table backwards and
/// collects every matching entry; for each attribute the last matching entry in table order
/// wins. Generic entries (e.g. `NVM[eE]` / `.*`) therefore come first and specific ones after
/// them. `devices` entries from multipath.conf are appended after these and win in turn.
///
/// `origin` is the entry's comment in hwtable.c, or `vendor/product` where it has none.
/// Source: multipath-tools 0.9.4 `libmultipath/hwtable.c`, 123 entries, translated one to one;
/// the C macros resolve through `defaults.h`, `checkers.h`, `prio.h`, `structs.h` and `dict.c`.
public enum HardwareTable {
    public static let entries: [DeviceEntry] = [
        DeviceEntry(
            vendor: "NVM[eE]", product: ".*",
            settings: SettingSet([
                .uidAttribute: "ID_WWN",
                .pathChecker: "none",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
            ]),
            origin: "Generic NVMe"),
        DeviceEntry(
            vendor: "APPLE", product: "Xserve RAID",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "Xserve RAID"),
        DeviceEntry(
            vendor: "3PARdata", product: "VV",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .hardwareHandler: "1 alua",
                .prio: "alua",
                .noPathRetry: "18",
                .fastIOFailTmo: "10",
                .devLossTmo: "infinity",
                .vpdVendor: "hp3par",
            ]),
            origin: "3PAR / Primera / Alletra 9000"),
        DeviceEntry(
            vendor: "NVME", product: "HPE Alletra",
            settings: SettingSet([.noPathRetry: "queue"]),
            origin: "Alletra 9000 NVMe"),
        DeviceEntry(
            vendor: "DEC", product: "HSG80",
            settings: SettingSet([
                .noPathRetry: "queue",
                .hardwareHandler: "1 hp_sw",
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "hp_sw",
                .prio: "hp_sw",
            ]),
            origin: "RA8000 / ESA12000"),
        DeviceEntry(
            vendor: "HP", product: "A6189A",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "12"]),
            origin: "VIRTUAL ARRAY 7400"),
        DeviceEntry(
            vendor: "(COMPAQ|HP)", product: "(MSA|HSV)1[01]0",
            settings: SettingSet([
                .hardwareHandler: "1 hp_sw",
                .pathGroupingPolicy: "group_by_prio",
                .noPathRetry: "12",
                .pathChecker: "hp_sw",
                .prio: "hp_sw",
            ]),
            origin: "MSA 1000/1500 and EVA 3000/5000, with old firmware"),
        DeviceEntry(
            vendor: "(COMPAQ|HP)", product: "MSA VOLUME",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "12",
                .prio: "alua",
            ]),
            origin: "MSA 1000/1500 with new firmware"),
        DeviceEntry(
            vendor: "(COMPAQ|HP)", product: "(HSV1[01]1|HSV2[01]0|HSV3[046]0|HSV4[05]0)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "12",
                .prio: "alua",
            ]),
            origin: "EVA 3000/5000 with new firmware, EVA 4000/6000/8000"),
        DeviceEntry(
            vendor: "HP", product: "(MSA2[02]12fc|MSA2012i)",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "18"]),
            origin: "MSA2000 family with old firmware"),
        DeviceEntry(
            vendor: "HP", product: "(MSA2012sa|MSA23(12|24)(fc|i|sa)|MSA2000s VOLUME)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "18",
                .prio: "alua",
            ]),
            origin: "MSA2000 family with new firmware"),
        DeviceEntry(
            vendor: "(HP|HPE)", product: "MSA [12]0[456]0 (SAN|SAS|FC|iSCSI)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "18",
                .prio: "alua",
            ]),
            origin: "MSA 1040, 1050, 1060, 2040, 2050 and 2060 families"),
        DeviceEntry(
            vendor: "HP", product: "(HSVX700|HSVX740)",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "12",
                .prio: "alua",
            ]),
            origin: "SAN Virtualization Services Platform"),
        DeviceEntry(
            vendor: "HP", product: "LOGICAL VOLUME",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "12"]),
            origin: "Smart Array"),
        DeviceEntry(
            vendor: "HP", product: "(P2000 G3 FC|P2000G3 FC/iSCSI|P2000 G3 SAS|P2000 G3 iSCSI)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "18",
                .prio: "alua",
            ]),
            origin: "P2000 family"),
        DeviceEntry(
            vendor: "LEFTHAND", product: "(P4000|iSCSIDisk|FCDISK)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "18",
                .prio: "alua",
            ]),
            origin: "StoreVirtual 4000 and 3200 families"),
        DeviceEntry(
            vendor: "Nimble", product: "Server",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "queue",
            ]),
            origin: "Nimble Storage / HPE Alletra 5000/6000"),
        DeviceEntry(
            vendor: "SGI", product: "TP9100",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "Total Performance 9100"),
        DeviceEntry(
            vendor: "SGI", product: "TP9[3457]00", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "Total Performance family"),
        DeviceEntry(
            vendor: "SGI", product: "IS", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "(RDAC) InfiniteStorage"),
        DeviceEntry(
            vendor: "SGI", product: "^DD[46]A-",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "(DDN) InfiniteStorage"),
        DeviceEntry(
            vendor: "DDN", product: "SAN DataDirector",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "SAN DataDirector"),
        DeviceEntry(
            vendor: "DDN", product: "^EF3010",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "EF3010"),
        DeviceEntry(
            vendor: "DDN", product: "^(EF3015|S2A|SFA)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "EF3015 / S2A and SFA families"),
        DeviceEntry(
            vendor: "NEXENTA", product: "COMSTAR",
            settings: SettingSet([.pathGroupingPolicy: "group_by_serial", .noPathRetry: "30"]),
            origin: "NEXENTA/COMSTAR"),
        DeviceEntry(
            vendor: "TEGILE", product: "(ZEBI-(FC|ISCSI)|INTELLIFLASH)",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "10",
            ]),
            origin: "Tegile IntelliFlash"),
        DeviceEntry(
            vendor: "EMC", product: "SYMMETRIX",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "6"]),
            origin: "Symmetrix / DMX / VMAX / PowerMax"),
        DeviceEntry(
            vendor: "NVME", product: "EMC PowerMax",
            settings: SettingSet([.noPathRetry: "queue"]),
            origin: "PowerMax NVMe"),
        DeviceEntry(
            vendor: "^DGC", product: "^(RAID|DISK|VRAID)", blacklistProduct: "LUNZ",
            settings: SettingSet([
                .hardwareHandler: "1 emc",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "60",
                .pathChecker: "emc_clariion",
                .prio: "emc",
                .detectChecker: "no",
            ]),
            origin: "DGC CLARiiON CX/AX / VNX and Unity"),
        DeviceEntry(
            vendor: "EMC", product: "Invista", blacklistProduct: "LUNZ",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "5"]),
            origin: "Invista / VPLEX"),
        DeviceEntry(
            vendor: "XtremIO", product: "XtremApp",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "XtremIO"),
        DeviceEntry(
            vendor: "COMPELNT", product: "Compellent Vol",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "queue",
            ]),
            origin: "SC Series (formerly Compellent)"),
        DeviceEntry(
            vendor: "DELL", product: "^MD3", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "MD Series"),
        DeviceEntry(
            vendor: "DellEMC", product: "PowerStore",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .prio: "alua",
                .hardwareHandler: "1 alua",
                .failback: "immediate",
                .noPathRetry: "3",
                .fastIOFailTmo: "15",
            ]),
            origin: "PowerStore"),
        DeviceEntry(
            vendor: ".*", product: "dellemc-powerstore",
            settings: SettingSet([.noPathRetry: "3"]),
            origin: "PowerStore NVMe"),
        DeviceEntry(
            vendor: "DellEMC", product: "^ME",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .prio: "alua",
                .hardwareHandler: "1 alua",
                .failback: "immediate",
            ]),
            origin: "PowerVault ME 4/5 families"),
        DeviceEntry(
            vendor: "FSC", product: "CentricStor",
            settings: SettingSet([.pathGroupingPolicy: "group_by_serial"]),
            origin: "CentricStor Virtual Tape"),
        DeviceEntry(
            vendor: "FUJITSU", product: "ETERNUS_DX(H|L|M|400|8000)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "10",
                .prio: "alua",
            ]),
            origin: "ETERNUS family"),
        DeviceEntry(
            vendor: "(EUROLOGC|EuroLogc)", product: "FC2502",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "FibreCAT S80"),
        DeviceEntry(
            vendor: "FUJITSU", product: "E[234]000",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "10",
                .prio: "alua",
            ]),
            origin: "ETERNUS 2000, 3000 and 4000"),
        DeviceEntry(
            vendor: "FUJITSU", product: "E[68]000",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "10"]),
            origin: "ETERNUS 6000 and 8000"),
        DeviceEntry(
            vendor: "FUJITSU", product: "ETERNUS_AHB", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "FUJITSU/ETERNUS_AHB"),
        DeviceEntry(
            vendor: "(HITACHI|HP|HPE)", product: "^OPEN-",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "USP-V, HUS VM, VSP, VSP G1X00 and VSP GX00 families / HPE XP"),
        DeviceEntry(
            vendor: "HITACHI", product: "^DF",
            settings: SettingSet([
                .noPathRetry: "queue",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "hds",
            ]),
            origin: "AMS other than AMS 2000"),
        DeviceEntry(
            vendor: "HITACHI", product: "^DF600F",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "AMS 2000 and HUS 100 families"),
        DeviceEntry(
            vendor: "IBM", product: "ProFibre 4000R",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "ProFibre 4000R"),
        DeviceEntry(
            vendor: "IBM", product: "^1722-600", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS4300 / FAStT600"),
        DeviceEntry(
            vendor: "IBM", product: "^1724", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS4100 / FAStT100"),
        DeviceEntry(
            vendor: "IBM", product: "^1726", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS3000 / DS3200 / DS3300 / DS3400 / Boot DS"),
        DeviceEntry(
            vendor: "IBM", product: "^1742", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS4400 / DS4500 / FAStT700 / FAStT900"),
        DeviceEntry(
            vendor: "IBM", product: "^1746", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS3500 / DS3512 / DS3524"),
        DeviceEntry(
            vendor: "IBM", product: "^1813", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DCS3860"),
        DeviceEntry(
            vendor: "IBM", product: "^1814", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS3950 / DS4200 / DS4700 / DS5020"),
        DeviceEntry(
            vendor: "IBM", product: "^1815", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS4800"),
        DeviceEntry(
            vendor: "IBM", product: "^1818", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "DS5000 / DS5100 / DS5300 / DCS3700"),
        DeviceEntry(
            vendor: "IBM", product: "^3526", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "Netfinity Fibre Channel RAID Controller Unit"),
        DeviceEntry(
            vendor: "IBM", product: "^(3542|3552)", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "FAStT200 and FAStT500"),
        DeviceEntry(
            vendor: "IBM", product: "^2105",
            settings: SettingSet([.noPathRetry: "queue", .pathGroupingPolicy: "multibus"]),
            origin: "Enterprise Storage Server(ESS) / Shark family"),
        DeviceEntry(
            vendor: "IBM", product: "^1750500",
            settings: SettingSet([
                .noPathRetry: "queue",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "DS6000 / DS6800"),
        DeviceEntry(
            vendor: "IBM", product: "^2107900",
            settings: SettingSet([
                .noPathRetry: "queue",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
            ]),
            origin: "DS8000 family"),
        DeviceEntry(
            vendor: "IBM", product: "^2145",
            settings: SettingSet([
                .noPathRetry: "queue",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "IBM/^2145"),
        DeviceEntry(
            vendor: "NVME", product: "IBM[ ]+2145",
            settings: SettingSet([.noPathRetry: "queue"]),
            origin: "FlashSystem(Storwize/SVC) NVMe"),
        DeviceEntry(
            vendor: "IBM", product: "S/390 DASD ECKD", blacklistProduct: "S/390",
            settings: SettingSet([
                .uidAttribute: "ID_UID",
                .noPathRetry: "queue",
                .pathGroupingPolicy: "multibus",
                .pathChecker: "directio",
            ]),
            origin: "PAV DASD ECKD"),
        DeviceEntry(
            vendor: "IBM", product: "S/390 DASD FBA", blacklistProduct: "S/390",
            settings: SettingSet([
                .uidAttribute: "ID_UID",
                .noPathRetry: "queue",
                .pathGroupingPolicy: "multibus",
                .pathChecker: "directio",
            ]),
            origin: "PAV DASD FBA"),
        DeviceEntry(
            vendor: "IBM", product: "^IPR",
            settings: SettingSet([
                .noPathRetry: "queue",
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "Power RAID"),
        DeviceEntry(
            vendor: "IBM", product: "1820N00",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "queue",
                .prio: "alua",
            ]),
            origin: "SAS RAID Controller Module (RSSM)"),
        DeviceEntry(
            vendor: "(XIV|IBM)", product: "(NEXTRA|2810XIV)",
            settings: SettingSet([
                .noPathRetry: "queue",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "15",
            ]),
            origin: "XIV Storage System / FlashSystem A9000/A9000R"),
        DeviceEntry(
            vendor: "(TMS|IBM)", product: "(RamSan|FlashSystem)",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "TMS RamSan / FlashSystem 710/720/810/820/840/900"),
        DeviceEntry(
            vendor: "NVMe", product: "FlashSystem",
            settings: SettingSet([.noPathRetry: "fail"]),
            origin: "FlashSystem(RamSan) NVMe"),
        DeviceEntry(
            vendor: "IBM", product: "^(DCS9900|2851)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "(DDN) DCS9900, SONAS 2851-DR1"),
        DeviceEntry(
            vendor: "AIX", product: "VDASD",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "60"]),
            origin: "AIX VDASD"),
        DeviceEntry(
            vendor: "IBM", product: "3303[ ]+NVDISK",
            settings: SettingSet([.noPathRetry: "60"]),
            origin: "3303 NVDISK"),
        DeviceEntry(
            vendor: "AIX", product: "NVDISK",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "60",
                .prio: "alua",
            ]),
            origin: "AIX NVDISK"),
        DeviceEntry(
            vendor: "LENOVO", product: "DE_Series", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "LENOVO/DE_Series"),
        DeviceEntry(
            vendor: "NETAPP", product: "LUN",
            settings: SettingSet([
                .features: "2 pg_init_retries 50",
                .noPathRetry: "queue",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .flushOnLastDel: "yes",
                .devLossTmo: "infinity",
                .prio: "ontap",
                .userFriendlyNames: "no",
            ]),
            origin: "NETAPP/LUN"),
        DeviceEntry(
            vendor: "(NETAPP|LSI|ENGENIO)", product: "INF-01-00", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "(NETAPP|LSI|ENGENIO)/INF-01-00"),
        DeviceEntry(
            vendor: "SolidFir", product: "SSD SAN",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "24"]),
            origin: "SolidFir/SSD SAN"),
        DeviceEntry(
            vendor: "NVME", product: "^NetApp ONTAP Controller",
            settings: SettingSet([.noPathRetry: "queue"]),
            origin: "ONTAP NVMe"),
        DeviceEntry(
            vendor: "NEC", product: "DISK ARRAY",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "M-Series"),
        DeviceEntry(
            vendor: "^Pillar", product: "^Axiom",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "Axiom"),
        DeviceEntry(
            vendor: "^Oracle", product: "^Oracle FS",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "FS"),
        DeviceEntry(
            vendor: "STK", product: "BladeCtlr", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "B210, B220, B240 and B280"),
        DeviceEntry(
            vendor: "STK", product: "OPENstorage", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "9176, D173, D178, D210, D220, D240 and D280"),
        DeviceEntry(
            vendor: "STK", product: "FLEXLINE 380", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "6540"),
        DeviceEntry(
            vendor: "SUN", product: "StorEdge 3",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "(Dot Hill) 3120, 3310, 3320, 3510 and 3511"),
        DeviceEntry(
            vendor: "SUN", product: "STK6580_6780", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "6580 and 6780"),
        DeviceEntry(
            vendor: "SUN", product: "CSM[12]00_R", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "6130 / 6140"),
        DeviceEntry(
            vendor: "SUN", product: "LCSM100_[IEFS]", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "2500 / 2510 / 2530 / 2540"),
        DeviceEntry(
            vendor: "SUN", product: "SUN_6180", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "6180"),
        DeviceEntry(
            vendor: "SUN", product: "ArrayStorage", blacklistProduct: "Universal Xport",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .pathChecker: "rdac",
                .features: "2 pg_init_retries 50",
                .hardwareHandler: "1 rdac",
                .prio: "rdac",
                .failback: "immediate",
                .noPathRetry: "30",
            ]),
            origin: "ArrayStorage"),
        DeviceEntry(
            vendor: "SUN", product: "(Sun Storage|ZFS Storage|COMSTAR)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "ZFS Storage Appliances"),
        DeviceEntry(
            vendor: "PIVOT3", product: "RAIGE VOLUME",
            settings: SettingSet([.noPathRetry: "queue", .pathGroupingPolicy: "multibus"]),
            origin: "Raige"),
        DeviceEntry(
            vendor: "(NexGen|Pivot3)", product: "(TierStore|vSTAC)",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "queue",
            ]),
            origin: "NexGen / vSTAC"),
        DeviceEntry(
            vendor: "(Intel|INTEL)", product: "Multi-Flex", blacklistProduct: "VTrak V-LUN",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "queue",
                .prio: "alua",
            ]),
            origin: "Multi-Flex"),
        DeviceEntry(
            vendor: "(LIO-ORG|SUSE)", product: ".*",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "12",
                .prio: "alua",
            ]),
            origin: "Linux-IO (LIO) Target"),
        DeviceEntry(
            vendor: "DataCore", product: "SANmelody",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "queue",
                .prio: "alua",
            ]),
            origin: "SANmelody"),
        DeviceEntry(
            vendor: "DataCore", product: "Virtual Disk",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "queue",
                .prio: "alua",
            ]),
            origin: "SANsymphony"),
        DeviceEntry(
            vendor: "PURE", product: "FlashArray",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .hardwareHandler: "1 alua",
                .prio: "alua",
                .fastIOFailTmo: "10",
                .maxSectorsKB: "4096",
            ]),
            origin: "FlashArray"),
        DeviceEntry(
            vendor: "NVME", product: "Pure Storage FlashArray",
            settings: SettingSet([.noPathRetry: "10"]),
            origin: "FlashArray NVMe"),
        DeviceEntry(
            vendor: "HUAWEI", product: "XSG1",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .noPathRetry: "15",
            ]),
            origin: "OceanStor V3-V6"),
        DeviceEntry(
            vendor: "NVM[eE]", product: "Huawei-XSG1",
            settings: SettingSet([.pathChecker: "directio", .noPathRetry: "12"]),
            origin: "OceanStor NVMe"),
        DeviceEntry(
            vendor: "KOVE", product: "XPD",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "XPD"),
        DeviceEntry(
            vendor: "NFINIDAT", product: "InfiniBox",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "30",
                .prio: "alua",
                .pathSelector: "round-robin 0",
                .rrWeight: "priorities",
                .noPathRetry: "fail",
                .rrMinIO: "1",
                .rrMinIORq: "1",
                .flushOnLastDel: "yes",
                .fastIOFailTmo: "15",
                .devLossTmo: "15",
            ]),
            origin: "InfiniBox"),
        DeviceEntry(
            vendor: "KMNRIO", product: "K2",
            settings: SettingSet([.pathGroupingPolicy: "multibus"]),
            origin: "K2"),
        DeviceEntry(
            vendor: "NEXSAN", product: "NXS-B0",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "15",
            ]),
            origin: "E-Series"),
        DeviceEntry(
            vendor: "NEXSAN", product: "SATAB",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "15",
            ]),
            origin: "SATABeast / SATABoy"),
        DeviceEntry(
            vendor: "Nexsan", product: "(NestOS|NST5000)",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "NST / UNITY"),
        DeviceEntry(
            vendor: "VIOLIN", product: "SAN ARRAY$",
            settings: SettingSet([.pathGroupingPolicy: "group_by_serial", .noPathRetry: "30"]),
            origin: "3000 / 6000 Series"),
        DeviceEntry(
            vendor: "VIOLIN", product: "SAN ARRAY ALUA",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "3000 / 6000 Series (ALUA mode)"),
        DeviceEntry(
            vendor: "VIOLIN", product: "CONCERTO ARRAY",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "FSP 7000 family"),
        DeviceEntry(
            vendor: "(XIOTECH|XIOtech)", product: "ISE",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "12"]),
            origin: "Intelligent Storage Elements family"),
        DeviceEntry(
            vendor: "(XIOTECH|XIOtech)", product: "IGLU DISK",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "iglu blaze family"),
        DeviceEntry(
            vendor: "(XIOTECH|XIOtech)", product: "Magnitude",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "Magnitude family"),
        DeviceEntry(
            vendor: "Vexata", product: "VX",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "VX"),
        DeviceEntry(
            vendor: "Promise", product: "VTrak", blacklistProduct: "VTrak V-LUN",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "VTrak family"),
        DeviceEntry(
            vendor: "Promise", product: "Vess", blacklistProduct: "Vess V-LUN",
            settings: SettingSet([
                .hardwareHandler: "1 alua",
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "Vess family"),
        DeviceEntry(
            vendor: "^IFT", product: ".*",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "EonStor / ESVA"),
        DeviceEntry(
            vendor: "DotHill", product: "SANnet",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "SANnet family"),
        DeviceEntry(
            vendor: "DotHill", product: "R/Evo",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "R/Evolution family"),
        DeviceEntry(
            vendor: "DotHill", product: "^DH",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "AssuredSAN family"),
        DeviceEntry(
            vendor: "AStor", product: "NeoSapphire",
            settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "30"]),
            origin: "NeoSapphire"),
        DeviceEntry(
            vendor: "INSPUR", product: "MCS",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
            ]),
            origin: "AS5300/AS5500 G2"),
        DeviceEntry(
            vendor: "MacroSAN", product: "LU",
            settings: SettingSet([
                .pathGroupingPolicy: "group_by_prio",
                .failback: "immediate",
                .prio: "alua",
                .noPathRetry: "30",
            ]),
            origin: "MS family"),
    ]
}
