// HardwareTable: the built-in device table against multipath-tools 0.9.4 hwtable.c default_hw[].
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Testing
@testable import MultipathCore

/// Compiles `pattern` the way multipath-tools does (`regcomp(REG_EXTENDED|REG_NOSUB)`).
/// nil if it does not compile; otherwise whether it matches somewhere in `text` (unanchored).
private func posixMatch(_ pattern: String, _ text: String) -> Bool? {
    var regex = regex_t()
    guard regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB) == 0 else { return nil }
    defer { regfree(&regex) }
    return regexec(&regex, text, 0, nil, 0) == 0
}

private func entry(_ index: Int) -> DeviceEntry {
    HardwareTable.entries[index]
}

@Test func hardwareTableHasEveryEntryOfHwtableC() {
    #expect(HardwareTable.entries.count == 123)
    #expect(HardwareTable.undecodable.isEmpty)
}

@Test func hardwareTableDecodingRejectsMistypedLines() {
    let decoded = HardwareTable.decode("""
        Good; vendor=ACME; product=^Box; revision=1; product_blacklist=LUNZ; no_path_retry=queue; hardware_handler=1 alua
        Unknown keyword; vendor=ACME; product=X; no_such_keyword=1
        No product; vendor=ACME
        No equals; vendor=ACME; product=X; failback
        """)
    #expect(decoded.entries == [DeviceEntry(vendor: "ACME", product: "^Box", revision: "1", blacklistProduct: "LUNZ",
                                            settings: SettingSet([.noPathRetry: "queue", .hardwareHandler: "1 alua"]),
                                            origin: "Good")])
    #expect(decoded.undecodable.count == 3)
}

@Test func hardwareTableEntriesHaveVendorProductAndOrigin() {
    for (index, device) in HardwareTable.entries.enumerated() {
        #expect(device.vendor?.isEmpty == false, "entry \(index)")
        #expect(device.product?.isEmpty == false, "entry \(index)")
        #expect(!device.origin.isEmpty, "entry \(index)")
        #expect(!device.settings.isEmpty, "entry \(index) sets nothing")
        for (keyword, value) in device.settings.values {
            #expect(!value.isEmpty, "entry \(index) \(keyword.rawValue)")
        }
    }
}

@Test func hardwareTableVendorProductPairsAreUnique() {
    var seen: Set<String> = []
    for device in HardwareTable.entries {
        let key = "\(device.vendor ?? "")\u{0}\(device.product ?? "")\u{0}\(device.revision ?? "")"
        #expect(seen.insert(key).inserted, "duplicate \(device.origin)")
    }
}

@Test func hardwareTableRegexesCompileAsPosixExtended() {
    for (index, device) in HardwareTable.entries.enumerated() {
        for pattern in [device.vendor, device.product, device.revision, device.blacklistProduct] {
            guard let pattern else { continue }
            #expect(posixMatch(pattern, "") != nil, "entry \(index): \(pattern)")
        }
    }
}

@Test func hardwareTableRegexesMatchWhatTheArraysReport() {
    // vendor/model strings as sysfs reports them (trailing blanks stripped).
    #expect(posixMatch(entry(0).vendor!, "NVME") == true)
    #expect(posixMatch(entry(0).vendor!, "NVMe") == true)
    #expect(posixMatch(entry(28).vendor!, "DGC") == true)
    #expect(posixMatch(entry(28).product!, "VRAID") == true)
    #expect(posixMatch(entry(28).product!, "LUNZ") == false)
    #expect(posixMatch(entry(28).blacklistProduct!, "LUNZ") == true)
    #expect(posixMatch(entry(61).product!, "IBM     2145") == true)
    #expect(posixMatch(entry(107).product!, "SAN ARRAY") == true)
    #expect(posixMatch(entry(107).product!, "SAN ARRAY ALUA") == false)
    #expect(posixMatch(entry(108).product!, "SAN ARRAY ALUA") == true)
    #expect(posixMatch(entry(66).vendor!, "IBM") == true)
    #expect(posixMatch(entry(66).product!, "2810XIV") == true)
}

@Test func hardwareTableValuesUseMultipathConfVocabulary() {
    let policies: Set<String> = ["failover", "multibus", "group_by_serial", "group_by_prio", "group_by_node_name"]
    let checkers: Set<String> = ["tur", "directio", "readsector0", "emc_clariion", "hp_sw", "rdac", "cciss_tur",
                                 "none"]
    let prios: Set<String> = ["const", "alua", "emc", "hds", "hp_sw", "ontap", "rdac", "sysfs", "ana", "datacore",
                              "iet", "random", "weightedpath", "path_latency"]
    func isNumber(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0 >= "0" && $0 <= "9" }
    }
    for (index, device) in HardwareTable.entries.enumerated() {
        let s = device.settings
        if let v = s[.pathGroupingPolicy] { #expect(policies.contains(v), "entry \(index): \(v)") }
        if let v = s[.pathChecker] { #expect(checkers.contains(v), "entry \(index): \(v)") }
        if let v = s[.prio] { #expect(prios.contains(v), "entry \(index): \(v)") }
        if let v = s[.failback] {
            #expect(["immediate", "manual", "followover"].contains(v) || isNumber(v), "entry \(index): \(v)")
        }
        if let v = s[.noPathRetry] { #expect(["queue", "fail"].contains(v) || isNumber(v), "entry \(index): \(v)") }
        if let v = s[.devLossTmo] { #expect(v == "infinity" || isNumber(v), "entry \(index): \(v)") }
        for keyword in [ConfigKeyword.fastIOFailTmo, .rrMinIO, .rrMinIORq, .maxSectorsKB] {
            if let v = s[keyword] { #expect(isNumber(v), "entry \(index) \(keyword.rawValue): \(v)") }
        }
        for keyword in [ConfigKeyword.detectChecker, .detectPrio, .userFriendlyNames, .flushOnLastDel,
                        .retainAttachedHwHandler] {
            if let v = s[keyword] { #expect(v == "yes" || v == "no", "entry \(index) \(keyword.rawValue): \(v)") }
        }
        if let v = s[.rrWeight] { #expect(v == "priorities" || v == "uniform", "entry \(index): \(v)") }
        if let v = s[.hardwareHandler] { #expect(v.hasPrefix("1 "), "entry \(index): \(v)") }
    }
}

@Test func hardwareTableKeepsGenericNVMeFirst() {
    // find_hwe() scans backwards and the last match wins per attribute, so the catch-all
    // NVMe entry must precede every NVMe-specific one.
    #expect(entry(0).vendor == "NVM[eE]" && entry(0).product == ".*")
    let nvme = HardwareTable.entries.indices.filter { posixMatch(HardwareTable.entries[$0].vendor!, "NVME") == true }
    #expect(nvme.first == 0)
    #expect(nvme.count > 5)
}

@Test func hardwareTableLastMatchingEntryWinsPerAttribute() {
    // What multipath-tools does with "NVME" / "HPE Alletra": entries 0 and 3 both match.
    var merged: [ConfigKeyword: String] = [:]
    for device in HardwareTable.entries.reversed()
    where posixMatch(device.vendor!, "NVME") == true && posixMatch(device.product!, "HPE Alletra") == true {
        merged.merge(device.settings.values) { kept, _ in kept }
    }
    #expect(merged == [.noPathRetry: "queue", .uidAttribute: "ID_WWN", .pathChecker: "none",
                       .pathGroupingPolicy: "group_by_prio", .failback: "immediate"])
}

// MARK: - Spot checks, every field, against hwtable.txt (0-based index in default_hw[])

@Test func hardwareTableGenericNVMe() {
    #expect(entry(0) == DeviceEntry(
        vendor: "NVM[eE]", product: ".*",
        settings: SettingSet([.uidAttribute: "ID_WWN", .pathChecker: "none", .pathGroupingPolicy: "group_by_prio",
                              .failback: "immediate"]),
        origin: "Generic NVMe"))
}

@Test func hardwareTableHPE3PAR() {
    #expect(entry(2) == DeviceEntry(
        vendor: "3PARdata", product: "VV",
        settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .failback: "immediate", .hardwareHandler: "1 alua",
                              .prio: "alua", .noPathRetry: "18", .fastIOFailTmo: "10", .devLossTmo: "infinity",
                              .vpdVendor: "hp3par"]),
        origin: "3PAR / Primera / Alletra 9000"))
}

@Test func hardwareTableDECHSG80() {
    #expect(entry(4) == DeviceEntry(
        vendor: "DEC", product: "HSG80",
        settings: SettingSet([.noPathRetry: "queue", .hardwareHandler: "1 hp_sw", .pathGroupingPolicy: "group_by_prio",
                              .pathChecker: "hp_sw", .prio: "hp_sw"]),
        origin: "RA8000 / ESA12000"))
}

@Test func hardwareTableNexentaWithoutComment() {
    #expect(entry(24) == DeviceEntry(
        vendor: "NEXENTA", product: "COMSTAR",
        settings: SettingSet([.pathGroupingPolicy: "group_by_serial", .noPathRetry: "30"]),
        origin: "NEXENTA/COMSTAR"))
}

@Test func hardwareTableDGCClariion() {
    #expect(entry(28) == DeviceEntry(
        vendor: "^DGC", product: "^(RAID|DISK|VRAID)", blacklistProduct: "LUNZ",
        settings: SettingSet([.hardwareHandler: "1 emc", .pathGroupingPolicy: "group_by_prio", .failback: "immediate",
                              .noPathRetry: "60", .pathChecker: "emc_clariion", .prio: "emc", .detectChecker: "no"]),
        origin: "DGC CLARiiON CX/AX / VNX and Unity"))
}

@Test func hardwareTableDellMD3RDAC() {
    #expect(entry(32) == DeviceEntry(
        vendor: "DELL", product: "^MD3", blacklistProduct: "Universal Xport",
        settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .pathChecker: "rdac",
                              .features: "2 pg_init_retries 50", .hardwareHandler: "1 rdac", .prio: "rdac",
                              .failback: "immediate", .noPathRetry: "30"]),
        origin: "MD Series"))
}

@Test func hardwareTablePowerStoreNVMeAnyVendor() {
    #expect(entry(34) == DeviceEntry(
        vendor: ".*", product: "dellemc-powerstore",
        settings: SettingSet([.noPathRetry: "3"]),
        origin: "PowerStore NVMe"))
}

@Test func hardwareTableHitachiAMS() {
    #expect(entry(43) == DeviceEntry(
        vendor: "HITACHI", product: "^DF",
        settings: SettingSet([.noPathRetry: "queue", .pathGroupingPolicy: "group_by_prio", .failback: "immediate",
                              .prio: "hds"]),
        origin: "AMS other than AMS 2000"))
}

@Test func hardwareTableIBMSVCWithoutComment() {
    #expect(entry(60) == DeviceEntry(
        vendor: "IBM", product: "^2145",
        settings: SettingSet([.noPathRetry: "queue", .pathGroupingPolicy: "group_by_prio", .failback: "immediate",
                              .prio: "alua"]),
        origin: "IBM/^2145"))
}

@Test func hardwareTableIBMDASD() {
    #expect(entry(62) == DeviceEntry(
        vendor: "IBM", product: "S/390 DASD ECKD", blacklistProduct: "S/390",
        settings: SettingSet([.uidAttribute: "ID_UID", .noPathRetry: "queue", .pathGroupingPolicy: "multibus",
                              .pathChecker: "directio"]),
        origin: "PAV DASD ECKD"))
}

@Test func hardwareTableIBMXIVNumericFailback() {
    #expect(entry(66) == DeviceEntry(
        vendor: "(XIV|IBM)", product: "(NEXTRA|2810XIV)",
        settings: SettingSet([.noPathRetry: "queue", .pathGroupingPolicy: "group_by_prio", .failback: "15"]),
        origin: "XIV Storage System / FlashSystem A9000/A9000R"))
}

@Test func hardwareTableIBMFlashSystemNVMeFails() {
    #expect(entry(68) == DeviceEntry(
        vendor: "NVMe", product: "FlashSystem",
        settings: SettingSet([.noPathRetry: "fail"]),
        origin: "FlashSystem(RamSan) NVMe"))
}

@Test func hardwareTableAIXVDASDComputedRetry() {
    // (300 / DEFAULT_CHECKINT) with DEFAULT_CHECKINT 5.
    #expect(entry(70) == DeviceEntry(
        vendor: "AIX", product: "VDASD",
        settings: SettingSet([.pathGroupingPolicy: "multibus", .noPathRetry: "60"]),
        origin: "AIX VDASD"))
}

@Test func hardwareTableNetAppONTAP() {
    #expect(entry(74) == DeviceEntry(
        vendor: "NETAPP", product: "LUN",
        settings: SettingSet([.features: "2 pg_init_retries 50", .noPathRetry: "queue",
                              .pathGroupingPolicy: "group_by_prio", .failback: "immediate", .flushOnLastDel: "yes",
                              .devLossTmo: "infinity", .prio: "ontap", .userFriendlyNames: "no"]),
        origin: "NETAPP/LUN"))
}

@Test func hardwareTablePureFlashArray() {
    #expect(entry(97) == DeviceEntry(
        vendor: "PURE", product: "FlashArray",
        settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .failback: "immediate", .hardwareHandler: "1 alua",
                              .prio: "alua", .fastIOFailTmo: "10", .maxSectorsKB: "4096"]),
        origin: "FlashArray"))
}

@Test func hardwareTableHuaweiOceanStorNVMe() {
    #expect(entry(100) == DeviceEntry(
        vendor: "NVM[eE]", product: "Huawei-XSG1",
        settings: SettingSet([.pathChecker: "directio", .noPathRetry: "12"]),
        origin: "OceanStor NVMe"))
}

@Test func hardwareTableInfinidatInfiniBox() {
    #expect(entry(102) == DeviceEntry(
        vendor: "NFINIDAT", product: "InfiniBox",
        settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .failback: "30", .prio: "alua",
                              .pathSelector: "round-robin 0", .rrWeight: "priorities", .noPathRetry: "fail",
                              .rrMinIO: "1", .rrMinIORq: "1", .flushOnLastDel: "yes", .fastIOFailTmo: "15",
                              .devLossTmo: "15"]),
        origin: "InfiniBox"))
}

@Test func hardwareTableViolinAnchoredProduct() {
    #expect(entry(107) == DeviceEntry(
        vendor: "VIOLIN", product: "SAN ARRAY$",
        settings: SettingSet([.pathGroupingPolicy: "group_by_serial", .noPathRetry: "30"]),
        origin: "3000 / 6000 Series"))
}

@Test func hardwareTablePromiseVTrak() {
    #expect(entry(114) == DeviceEntry(
        vendor: "Promise", product: "VTrak", blacklistProduct: "VTrak V-LUN",
        settings: SettingSet([.hardwareHandler: "1 alua", .pathGroupingPolicy: "group_by_prio", .failback: "immediate",
                              .prio: "alua", .noPathRetry: "30"]),
        origin: "VTrak family"))
}

@Test func hardwareTableLastEntryMacroSAN() {
    #expect(entry(122) == DeviceEntry(
        vendor: "MacroSAN", product: "LU",
        settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .failback: "immediate", .prio: "alua",
                              .noPathRetry: "30"]),
        origin: "MS family"))
}

@Test func theTableTextDecodesFieldByField() {
    let odd = HardwareTable.decode("x; vendor=A ;; product= B C ; bogus\n\n  \nq;vendor=1;product=2;nope=3\n;;\n")
    #expect(odd.entries.isEmpty)
    #expect(odd.undecodable == ["x; vendor=A ;; product= B C ; bogus", "  ", "q;vendor=1;product=2;nope=3"])
    let good = HardwareTable.decode("a ;vendor =1; product=2 \n b; vendor=x;product=y;revision=1;product_blacklist=z;prio= alua \n")
    #expect(good.undecodable == ["a ;vendor =1; product=2 "])
    #expect(good.entries.count == 1)
    let entry = good.entries[0]
    #expect(entry.origin == "b" && entry.vendor == "x" && entry.product == "y")
    #expect(entry.revision == "1" && entry.blacklistProduct == "z")
    #expect(entry.settings.values[.prio] == " alua")
}
