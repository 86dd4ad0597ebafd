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
///
/// Stored as text, one entry per line (`origin; vendor=…; product=…; [revision=…;]
/// [product_blacklist=…;] keyword=value; …`, keywords as in multipath.conf) and decoded on
/// first use: as Swift literals the 123 entries compiled to a 70 KB initialiser, as text
/// they take 16 KB. A line that does not decode is a build defect, caught by the tests
/// (`HardwareTable.undecodable`).
/// Source: multipath-tools 0.9.4 `libmultipath/hwtable.c`, 123 entries, translated one to one;
/// the C macros resolve through `defaults.h`, `checkers.h`, `prio.h`, `structs.h` and `dict.c`.
public enum HardwareTable {
    public static let entries: [DeviceEntry] = decode(text).entries

    /// Lines of `text` that do not decode (empty unless the table was mistyped).
    public static var undecodable: [String] { decode(text).undecodable }

    // Byte by byte: the generic split(separator:) and String subscripts made this decode 75%
    // of the instructions of a 4-LUN assemble (18.7 M of 24.9 M), run once per boot. It is
    // also run by every `udev-check` (once per path uevent), so it stays lean: the text is
    // read where it lies (a literal's UTF-8 is contiguous) and keys are matched as bytes.
    static func decode(_ text: String) -> (entries: [DeviceEntry], undecodable: [String]) {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    /// What a `key=value` field sets.
    private enum Field {
        case vendor, product, revision, productBlacklist
        case setting(ConfigKeyword)
    }

    /// Every key a line may use, as bytes: built once, compared byte by byte (making a String
    /// of each key to look it up by raw value was a fifth of the decode).
    private static let keys: [(name: [UInt8], field: Field)] =
        [(Array("vendor".utf8), .vendor), (Array("product".utf8), .product),
         (Array("revision".utf8), .revision), (Array("product_blacklist".utf8), .productBlacklist)]
        + ConfigKeyword.allCases.map { (Array($0.rawValue.utf8), .setting($0)) }

    private static func field(_ key: UnsafeBufferPointer<UInt8>) -> Field? {
        for candidate in keys where candidate.name.count == key.count {
            if candidate.name.withUnsafeBufferPointer({ $0.elementsEqual(key) }) { return candidate.field }
        }
        return nil
    }

    private static func decode(bytes: UnsafeBufferPointer<UInt8>) -> (entries: [DeviceEntry], undecodable: [String]) {
        var entries: [DeviceEntry] = []
        var undecodable: [String] = []
        func slice(_ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[start..<end])
        }
        func string(_ start: Int, _ end: Int) -> String {
            var start = start
            var end = end
            while start < end && TextScan.isSpace(bytes[start]) { start += 1 }
            while end > start && TextScan.isSpace(bytes[end - 1]) { end -= 1 }
            return String(decoding: slice(start, end), as: UTF8.self)
        }
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            if lineEnd == lineStart { continue }
            // Fields between ';' (empty ones skipped, as split(separator:) skips them); the
            // first is the origin, the others `key=value`.
            var origin: String?
            var entry = DeviceEntry(vendor: nil, product: nil, settings: SettingSet(), origin: "")
            // Room for every field at once: growing each entry's dictionary 1, 2, 4, 8 cost
            // a rehash per step (half a million instructions for the table).
            var fields = 0
            for index in lineStart..<lineEnd where bytes[index] == 0x3B { fields += 1 }
            entry.settings.values.reserveCapacity(fields)
            var valid = true
            var fieldStart = lineStart
            var index = lineStart
            while index <= lineEnd {
                guard index == lineEnd || bytes[index] == 0x3B else {
                    index += 1
                    continue
                }
                defer {
                    fieldStart = index + 1
                    index += 1
                }
                if index == fieldStart { continue }
                guard origin != nil else {
                    origin = string(fieldStart, index)
                    continue
                }
                var equals = fieldStart
                while equals < index && bytes[equals] != 0x3D { equals += 1 }
                guard equals < index else {
                    valid = false
                    continue
                }
                // The key loses its leading spaces only ("vendor =x" is no vendor).
                var keyStart = fieldStart
                while keyStart < equals && TextScan.isSpace(bytes[keyStart]) { keyStart += 1 }
                guard let field = field(slice(keyStart, equals)) else {
                    valid = false
                    continue
                }
                // The value keeps its inner spaces; only the field's ends are trimmed.
                var valueEnd = index
                while valueEnd > equals + 1 && TextScan.isSpace(bytes[valueEnd - 1]) { valueEnd -= 1 }
                let value = String(decoding: slice(equals + 1, valueEnd), as: UTF8.self)
                switch field {
                case .vendor: entry.vendor = value
                case .product: entry.product = value
                case .revision: entry.revision = value
                case .productBlacklist: entry.blacklistProduct = value
                case .setting(let keyword): entry.settings.values[keyword] = value
                }
            }
            guard let origin else { continue }
            entry.origin = origin
            if valid && entry.vendor != nil && entry.product != nil {
                entries.append(entry)
            } else {
                undecodable.append(String(decoding: slice(lineStart, lineEnd), as: UTF8.self))
            }
        }
        return (entries, undecodable)
    }

    static let text = """
    Generic NVMe; vendor=NVM[eE]; product=.*; uid_attribute=ID_WWN; path_checker=none; path_grouping_policy=group_by_prio; failback=immediate
    Xserve RAID; vendor=APPLE; product=Xserve RAID; path_grouping_policy=multibus
    3PAR / Primera / Alletra 9000; vendor=3PARdata; product=VV; path_grouping_policy=group_by_prio; failback=immediate; hardware_handler=1 alua; prio=alua; no_path_retry=18; fast_io_fail_tmo=10; dev_loss_tmo=infinity; vpd_vendor=hp3par
    Alletra 9000 NVMe; vendor=NVME; product=HPE Alletra; no_path_retry=queue
    RA8000 / ESA12000; vendor=DEC; product=HSG80; no_path_retry=queue; hardware_handler=1 hp_sw; path_grouping_policy=group_by_prio; path_checker=hp_sw; prio=hp_sw
    VIRTUAL ARRAY 7400; vendor=HP; product=A6189A; path_grouping_policy=multibus; no_path_retry=12
    MSA 1000/1500 and EVA 3000/5000, with old firmware; vendor=(COMPAQ|HP); product=(MSA|HSV)1[01]0; hardware_handler=1 hp_sw; path_grouping_policy=group_by_prio; no_path_retry=12; path_checker=hp_sw; prio=hp_sw
    MSA 1000/1500 with new firmware; vendor=(COMPAQ|HP); product=MSA VOLUME; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=12; prio=alua
    EVA 3000/5000 with new firmware, EVA 4000/6000/8000; vendor=(COMPAQ|HP); product=(HSV1[01]1|HSV2[01]0|HSV3[046]0|HSV4[05]0); path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=12; prio=alua
    MSA2000 family with old firmware; vendor=HP; product=(MSA2[02]12fc|MSA2012i); path_grouping_policy=multibus; no_path_retry=18
    MSA2000 family with new firmware; vendor=HP; product=(MSA2012sa|MSA23(12|24)(fc|i|sa)|MSA2000s VOLUME); path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=18; prio=alua
    MSA 1040, 1050, 1060, 2040, 2050 and 2060 families; vendor=(HP|HPE); product=MSA [12]0[456]0 (SAN|SAS|FC|iSCSI); path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=18; prio=alua
    SAN Virtualization Services Platform; vendor=HP; product=(HSVX700|HSVX740); hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=12; prio=alua
    Smart Array; vendor=HP; product=LOGICAL VOLUME; path_grouping_policy=multibus; no_path_retry=12
    P2000 family; vendor=HP; product=(P2000 G3 FC|P2000G3 FC/iSCSI|P2000 G3 SAS|P2000 G3 iSCSI); path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=18; prio=alua
    StoreVirtual 4000 and 3200 families; vendor=LEFTHAND; product=(P4000|iSCSIDisk|FCDISK); path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=18; prio=alua
    Nimble Storage / HPE Alletra 5000/6000; vendor=Nimble; product=Server; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=queue
    Total Performance 9100; vendor=SGI; product=TP9100; path_grouping_policy=multibus
    Total Performance family; vendor=SGI; product=TP9[3457]00; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    (RDAC) InfiniteStorage; vendor=SGI; product=IS; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    (DDN) InfiniteStorage; vendor=SGI; product=^DD[46]A-; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    SAN DataDirector; vendor=DDN; product=SAN DataDirector; path_grouping_policy=multibus
    EF3010; vendor=DDN; product=^EF3010; path_grouping_policy=multibus; no_path_retry=30
    EF3015 / S2A and SFA families; vendor=DDN; product=^(EF3015|S2A|SFA); path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    NEXENTA/COMSTAR; vendor=NEXENTA; product=COMSTAR; path_grouping_policy=group_by_serial; no_path_retry=30
    Tegile IntelliFlash; vendor=TEGILE; product=(ZEBI-(FC|ISCSI)|INTELLIFLASH); hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=10
    Symmetrix / DMX / VMAX / PowerMax; vendor=EMC; product=SYMMETRIX; path_grouping_policy=multibus; no_path_retry=6
    PowerMax NVMe; vendor=NVME; product=EMC PowerMax; no_path_retry=queue
    DGC CLARiiON CX/AX / VNX and Unity; vendor=^DGC; product=^(RAID|DISK|VRAID); product_blacklist=LUNZ; hardware_handler=1 emc; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=60; path_checker=emc_clariion; prio=emc; detect_checker=no
    Invista / VPLEX; vendor=EMC; product=Invista; product_blacklist=LUNZ; path_grouping_policy=multibus; no_path_retry=5
    XtremIO; vendor=XtremIO; product=XtremApp; path_grouping_policy=multibus
    SC Series (formerly Compellent); vendor=COMPELNT; product=Compellent Vol; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=queue
    MD Series; vendor=DELL; product=^MD3; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    PowerStore; vendor=DellEMC; product=PowerStore; path_grouping_policy=group_by_prio; prio=alua; hardware_handler=1 alua; failback=immediate; no_path_retry=3; fast_io_fail_tmo=15
    PowerStore NVMe; vendor=.*; product=dellemc-powerstore; no_path_retry=3
    PowerVault ME 4/5 families; vendor=DellEMC; product=^ME; path_grouping_policy=group_by_prio; prio=alua; hardware_handler=1 alua; failback=immediate
    CentricStor Virtual Tape; vendor=FSC; product=CentricStor; path_grouping_policy=group_by_serial
    ETERNUS family; vendor=FUJITSU; product=ETERNUS_DX(H|L|M|400|8000); path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=10; prio=alua
    FibreCAT S80; vendor=(EUROLOGC|EuroLogc); product=FC2502; path_grouping_policy=multibus
    ETERNUS 2000, 3000 and 4000; vendor=FUJITSU; product=E[234]000; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=10; prio=alua
    ETERNUS 6000 and 8000; vendor=FUJITSU; product=E[68]000; path_grouping_policy=multibus; no_path_retry=10
    FUJITSU/ETERNUS_AHB; vendor=FUJITSU; product=ETERNUS_AHB; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    USP-V, HUS VM, VSP, VSP G1X00 and VSP GX00 families / HPE XP; vendor=(HITACHI|HP|HPE); product=^OPEN-; path_grouping_policy=multibus
    AMS other than AMS 2000; vendor=HITACHI; product=^DF; no_path_retry=queue; path_grouping_policy=group_by_prio; failback=immediate; prio=hds
    AMS 2000 and HUS 100 families; vendor=HITACHI; product=^DF600F; path_grouping_policy=multibus
    ProFibre 4000R; vendor=IBM; product=ProFibre 4000R; path_grouping_policy=multibus
    DS4300 / FAStT600; vendor=IBM; product=^1722-600; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS4100 / FAStT100; vendor=IBM; product=^1724; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS3000 / DS3200 / DS3300 / DS3400 / Boot DS; vendor=IBM; product=^1726; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS4400 / DS4500 / FAStT700 / FAStT900; vendor=IBM; product=^1742; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS3500 / DS3512 / DS3524; vendor=IBM; product=^1746; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DCS3860; vendor=IBM; product=^1813; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS3950 / DS4200 / DS4700 / DS5020; vendor=IBM; product=^1814; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS4800; vendor=IBM; product=^1815; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    DS5000 / DS5100 / DS5300 / DCS3700; vendor=IBM; product=^1818; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    Netfinity Fibre Channel RAID Controller Unit; vendor=IBM; product=^3526; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    FAStT200 and FAStT500; vendor=IBM; product=^(3542|3552); product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    Enterprise Storage Server(ESS) / Shark family; vendor=IBM; product=^2105; no_path_retry=queue; path_grouping_policy=multibus
    DS6000 / DS6800; vendor=IBM; product=^1750500; no_path_retry=queue; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    DS8000 family; vendor=IBM; product=^2107900; no_path_retry=queue; path_grouping_policy=group_by_prio; failback=immediate
    IBM/^2145; vendor=IBM; product=^2145; no_path_retry=queue; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    FlashSystem(Storwize/SVC) NVMe; vendor=NVME; product=IBM[ ]+2145; no_path_retry=queue
    PAV DASD ECKD; vendor=IBM; product=S/390 DASD ECKD; product_blacklist=S/390; uid_attribute=ID_UID; no_path_retry=queue; path_grouping_policy=multibus; path_checker=directio
    PAV DASD FBA; vendor=IBM; product=S/390 DASD FBA; product_blacklist=S/390; uid_attribute=ID_UID; no_path_retry=queue; path_grouping_policy=multibus; path_checker=directio
    Power RAID; vendor=IBM; product=^IPR; no_path_retry=queue; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    SAS RAID Controller Module (RSSM); vendor=IBM; product=1820N00; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=queue; prio=alua
    XIV Storage System / FlashSystem A9000/A9000R; vendor=(XIV|IBM); product=(NEXTRA|2810XIV); no_path_retry=queue; path_grouping_policy=group_by_prio; failback=15
    TMS RamSan / FlashSystem 710/720/810/820/840/900; vendor=(TMS|IBM); product=(RamSan|FlashSystem); path_grouping_policy=multibus
    FlashSystem(RamSan) NVMe; vendor=NVMe; product=FlashSystem; no_path_retry=fail
    (DDN) DCS9900, SONAS 2851-DR1; vendor=IBM; product=^(DCS9900|2851); path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    AIX VDASD; vendor=AIX; product=VDASD; path_grouping_policy=multibus; no_path_retry=60
    3303 NVDISK; vendor=IBM; product=3303[ ]+NVDISK; no_path_retry=60
    AIX NVDISK; vendor=AIX; product=NVDISK; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=60; prio=alua
    LENOVO/DE_Series; vendor=LENOVO; product=DE_Series; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    NETAPP/LUN; vendor=NETAPP; product=LUN; features=2 pg_init_retries 50; no_path_retry=queue; path_grouping_policy=group_by_prio; failback=immediate; flush_on_last_del=yes; dev_loss_tmo=infinity; prio=ontap; user_friendly_names=no
    (NETAPP|LSI|ENGENIO)/INF-01-00; vendor=(NETAPP|LSI|ENGENIO); product=INF-01-00; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    SolidFir/SSD SAN; vendor=SolidFir; product=SSD SAN; path_grouping_policy=multibus; no_path_retry=24
    ONTAP NVMe; vendor=NVME; product=^NetApp ONTAP Controller; no_path_retry=queue
    M-Series; vendor=NEC; product=DISK ARRAY; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    Axiom; vendor=^Pillar; product=^Axiom; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    FS; vendor=^Oracle; product=^Oracle FS; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    B210, B220, B240 and B280; vendor=STK; product=BladeCtlr; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    9176, D173, D178, D210, D220, D240 and D280; vendor=STK; product=OPENstorage; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    6540; vendor=STK; product=FLEXLINE 380; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    (Dot Hill) 3120, 3310, 3320, 3510 and 3511; vendor=SUN; product=StorEdge 3; path_grouping_policy=multibus
    6580 and 6780; vendor=SUN; product=STK6580_6780; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    6130 / 6140; vendor=SUN; product=CSM[12]00_R; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    2500 / 2510 / 2530 / 2540; vendor=SUN; product=LCSM100_[IEFS]; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    6180; vendor=SUN; product=SUN_6180; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    ArrayStorage; vendor=SUN; product=ArrayStorage; product_blacklist=Universal Xport; path_grouping_policy=group_by_prio; path_checker=rdac; features=2 pg_init_retries 50; hardware_handler=1 rdac; prio=rdac; failback=immediate; no_path_retry=30
    ZFS Storage Appliances; vendor=SUN; product=(Sun Storage|ZFS Storage|COMSTAR); path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    Raige; vendor=PIVOT3; product=RAIGE VOLUME; no_path_retry=queue; path_grouping_policy=multibus
    NexGen / vSTAC; vendor=(NexGen|Pivot3); product=(TierStore|vSTAC); path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=queue
    Multi-Flex; vendor=(Intel|INTEL); product=Multi-Flex; product_blacklist=VTrak V-LUN; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=queue; prio=alua
    Linux-IO (LIO) Target; vendor=(LIO-ORG|SUSE); product=.*; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=12; prio=alua
    SANmelody; vendor=DataCore; product=SANmelody; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=queue; prio=alua
    SANsymphony; vendor=DataCore; product=Virtual Disk; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=queue; prio=alua
    FlashArray; vendor=PURE; product=FlashArray; path_grouping_policy=group_by_prio; failback=immediate; hardware_handler=1 alua; prio=alua; fast_io_fail_tmo=10; max_sectors_kb=4096
    FlashArray NVMe; vendor=NVME; product=Pure Storage FlashArray; no_path_retry=10
    OceanStor V3-V6; vendor=HUAWEI; product=XSG1; path_grouping_policy=group_by_prio; failback=immediate; no_path_retry=15
    OceanStor NVMe; vendor=NVM[eE]; product=Huawei-XSG1; path_checker=directio; no_path_retry=12
    XPD; vendor=KOVE; product=XPD; path_grouping_policy=multibus
    InfiniBox; vendor=NFINIDAT; product=InfiniBox; path_grouping_policy=group_by_prio; failback=30; prio=alua; path_selector=round-robin 0; rr_weight=priorities; no_path_retry=fail; rr_min_io=1; rr_min_io_rq=1; flush_on_last_del=yes; fast_io_fail_tmo=15; dev_loss_tmo=15
    K2; vendor=KMNRIO; product=K2; path_grouping_policy=multibus
    E-Series; vendor=NEXSAN; product=NXS-B0; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=15
    SATABeast / SATABoy; vendor=NEXSAN; product=SATAB; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=15
    NST / UNITY; vendor=Nexsan; product=(NestOS|NST5000); hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    3000 / 6000 Series; vendor=VIOLIN; product=SAN ARRAY$; path_grouping_policy=group_by_serial; no_path_retry=30
    3000 / 6000 Series (ALUA mode); vendor=VIOLIN; product=SAN ARRAY ALUA; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    FSP 7000 family; vendor=VIOLIN; product=CONCERTO ARRAY; path_grouping_policy=multibus; no_path_retry=30
    Intelligent Storage Elements family; vendor=(XIOTECH|XIOtech); product=ISE; path_grouping_policy=multibus; no_path_retry=12
    iglu blaze family; vendor=(XIOTECH|XIOtech); product=IGLU DISK; path_grouping_policy=multibus; no_path_retry=30
    Magnitude family; vendor=(XIOTECH|XIOtech); product=Magnitude; path_grouping_policy=multibus; no_path_retry=30
    VX; vendor=Vexata; product=VX; path_grouping_policy=multibus; no_path_retry=30
    VTrak family; vendor=Promise; product=VTrak; product_blacklist=VTrak V-LUN; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    Vess family; vendor=Promise; product=Vess; product_blacklist=Vess V-LUN; hardware_handler=1 alua; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    EonStor / ESVA; vendor=^IFT; product=.*; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    SANnet family; vendor=DotHill; product=SANnet; path_grouping_policy=multibus; no_path_retry=30
    R/Evolution family; vendor=DotHill; product=R/Evo; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    AssuredSAN family; vendor=DotHill; product=^DH; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    NeoSapphire; vendor=AStor; product=NeoSapphire; path_grouping_policy=multibus; no_path_retry=30
    AS5300/AS5500 G2; vendor=INSPUR; product=MCS; path_grouping_policy=group_by_prio; failback=immediate; prio=alua
    MS family; vendor=MacroSAN; product=LU; path_grouping_policy=group_by_prio; failback=immediate; prio=alua; no_path_retry=30
    """
}
