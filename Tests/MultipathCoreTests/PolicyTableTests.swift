// Tables under configuration and the built-in hardware table, as exact strings.
import Testing
@testable import MultipathCore

private func lioPath(_ name: String, _ minor: UInt32, _ state: String) -> Path {
    var path = makePath(name, 8, minor, wwid: "36001405d27e5d898829468b90ce4ef8c", tpgs: 1,
                        accessState: state, handler: "alua")
    path.device.vendor = "LIO-ORG"
    path.device.model = "IBLOCK"
    return path
}

@Test func aLIOTargetGetsTheHardwareTableEntryAsMultipathToolsDoes() throws {
    // multipath-tools.md 3.1: LIO (hwtable: alua, group_by_prio, no_path_retry 12), two
    // optimized and two non-optimized paths.
    let paths = [lioPath("sdb", 16, "active/optimized"), lioPath("sdc", 32, "active/non-optimized"),
                 lioPath("sdd", 48, "active/optimized"), lioPath("sde", 64, "active/non-optimized")]
    let map = try #require(makePlan(paths, context()).maps.first)
    #expect(map.table.targets[0].parameters
            == "1 queue_if_no_path 1 alua 2 1 service-time 0 2 1 8:16 1 8:48 1 service-time 0 2 1 8:32 1 8:64 1")
    #expect(map.settings?.groupingPolicy.origin == .hardwareTable("Linux-IO (LIO) Target"))
    #expect(map.priorities == [50, 10, 50, 10])
}

@Test func aPreferredNonOptimizedPortGroupLeadsAsMultipathToolsOrdersIt() throws {
    // sysfs.c getprio: + 80 for the PREF bit unless the path is active/optimized. A preferred
    // non-optimized group (90) comes before the optimized one (50): the map multipathd would
    // build, so adopting it needs no reload.
    var paths = [lioPath("sdb", 16, "active/optimized"), lioPath("sdc", 32, "active/non-optimized"),
                 lioPath("sdd", 48, "active/optimized"), lioPath("sde", 64, "active/non-optimized")]
    paths[1].device.accessPreferred = true
    paths[3].device.accessPreferred = true
    let map = try #require(makePlan(paths, context()).maps.first)
    #expect(map.priorities == [50, 90, 50, 90])
    #expect(map.table.targets[0].parameters
            == "1 queue_if_no_path 1 alua 2 1 service-time 0 2 1 8:32 1 8:64 1 service-time 0 2 1 8:16 1 8:48 1")
}

@Test func thePrefBitAddsEightyExceptToAnOptimizedPathWithoutExclusivePrefBit() {
    func prio(_ state: String?, preferred: Bool, prio: String = "sysfs", args: String = "") -> Int {
        var path = makePath("sda", 8, 0, tpgs: 1, accessState: state, handler: "alua")
        path.device.accessPreferred = preferred
        return MultipathPolicy.priority(of: path, prio: prio, args: args, matcher: PosixTestMatcher())
    }
    #expect(prio("active/optimized", preferred: true) == 50)
    #expect(prio("active/optimized", preferred: true, args: "exclusive_pref_bit") == 130)
    #expect(prio("active/optimized", preferred: false, args: "exclusive_pref_bit") == 50)
    #expect(prio("active/non-optimized", preferred: true) == 90)
    #expect(prio("active/non-optimized", preferred: true, prio: "alua") == 90)
    #expect(prio("lba-dependent", preferred: true) == 85)
    #expect(prio("standby", preferred: true) == 81)
    #expect(prio("unavailable", preferred: true) == 80)
    #expect(prio("standby", preferred: false) == 1)
    #expect(prio("active/non-optimized", preferred: true, prio: "const") == 1)
}

@Test func exclusivePrefBitCountsOnlyAsAWholeFirstWord() {
    #expect(MultipathPolicy.hasExclusivePrefBit("exclusive_pref_bit"))
    #expect(MultipathPolicy.hasExclusivePrefBit("foo exclusive_pref_bit"))
    #expect(MultipathPolicy.hasExclusivePrefBit("exclusive_pref_bit\tfoo"))
    #expect(!MultipathPolicy.hasExclusivePrefBit(""))
    #expect(!MultipathPolicy.hasExclusivePrefBit("exclusive_pref_bits"))
    #expect(!MultipathPolicy.hasExclusivePrefBit("no_exclusive_pref_bit"))
    // get_exclusive_pref_arg looks at the first occurrence only (strstr).
    #expect(!MultipathPolicy.hasExclusivePrefBit("xexclusive_pref_bit exclusive_pref_bit"))
}

@Test func multibusPutsEveryPathInOneGroup() throws {
    var paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16)]
    for index in paths.indices {
        paths[index].device.vendor = "XtremIO"
        paths[index].device.model = "XtremApp"
    }
    let map = try #require(makePlan(paths, context()).maps.first)
    #expect(map.table.targets[0].parameters == "0 0 1 1 service-time 0 2 1 8:0 1 8:16 1")
}

@Test func configurationLayersWinInMultipathToolsOrder() throws {
    let wwid = "35000c50015ea71ac"
    let plan = makePlan([makePath("sda", 8, 0), makePath("sdb", 8, 16)], context { config in
        config.defaults[.pathGroupingPolicy] = "multibus"
        config.defaults[.noPathRetry] = "queue"
        config.devices = [DeviceEntry(vendor: "QEMU", product: "HARDDISK",
                                      settings: SettingSet([.rrMinIORq: "3", .noPathRetry: "fail"]),
                                      origin: "multipath.conf:7")]
        config.overrides[.pathSelector] = "round-robin 0"
        config.multipaths = [MultipathEntry(wwid: wwid, alias: "rootvol",
                                            settings: SettingSet([.pathGroupingPolicy: "failover"]),
                                            origin: "multipath.conf:12")]
    })
    let map = try #require(plan.maps.first)
    #expect(map.name == "rootvol")
    #expect(map.nameSource == .multipathsAlias)
    // failover (multipaths) over multibus (defaults); round-robin (overrides); repeat 3 and
    // no queueing from the device entry, which beats defaults' no_path_retry queue.
    #expect(map.table.targets[0].parameters == "0 0 2 1 round-robin 0 1 1 8:0 3 round-robin 0 1 1 8:16 3")
    #expect(map.settings?.selector.origin == .overrides)
    #expect(map.settings?.noPathRetry.origin == .devices("multipath.conf:7"))
}

@Test func noPathRetryQueueAddsQueueIfNoPath() {
    #expect(MultipathPolicy.features("0", noPathRetry: "queue") == "1 queue_if_no_path")
    #expect(MultipathPolicy.features("2 pg_init_retries 50", noPathRetry: "30") == "3 pg_init_retries 50 queue_if_no_path")
    #expect(MultipathPolicy.features("1 queue_if_no_path", noPathRetry: "fail") == "0")
    #expect(MultipathPolicy.features("1 queue_if_no_path", noPathRetry: "undef") == "1 queue_if_no_path")
}

@Test func friendlyNamesComeFromTheBindingsFileOnly() throws {
    let paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16)]
    let bound = makePlan(paths, context { config in
        config.defaults[.userFriendlyNames] = "yes"
        config.bindings = ["35000c50015ea71ac": "mpathc"]
    })
    #expect(bound.maps.first?.name == "mpathc")
    let unbound = makePlan(paths, context { config in config.defaults[.userFriendlyNames] = "yes" })
    #expect(unbound.maps.first?.name == "35000c50015ea71ac")
    #expect(unbound.diagnostics.contains { $0.message.hasPrefix("user_friendly_names is on but the bindings file has no alias") })
}

@Test func blacklistsAndTheirExceptions() {
    let paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16)]
    let byWWID = makePlan(paths, context { $0.blacklist.wwid = ["^35000c5"] })
    #expect(byWWID.maps.isEmpty)
    #expect(byWWID.unclaimed.map { $0.reasonCode } == ["blacklisted", "blacklisted"])
    let excepted = makePlan(paths, context { config in
        config.blacklist.devnode = [".*"]
        config.exceptions.devnode = ["^sd[ab]$"]
    })
    #expect(excepted.maps.count == 1)
    var dasd = makePath("vda", 254, 0)
    dasd.device.name = "vda"
    #expect(makePlan([dasd], context(findMultipaths: "greedy")).unclaimed.first?.reasonCode == "blacklisted")
}

@Test func findMultipathsModes() {
    #expect(MapPlanner.shouldMultipath(mode: "strict", paths: 2, listed: false, existing: true) == false)
    #expect(MapPlanner.shouldMultipath(mode: "strict", paths: 1, listed: true, existing: false))
    #expect(MapPlanner.shouldMultipath(mode: "yes", paths: 2, listed: false, existing: false))
    #expect(MapPlanner.shouldMultipath(mode: "smart", paths: 1, listed: false, existing: false) == false)
    #expect(MapPlanner.shouldMultipath(mode: "greedy", paths: 1, listed: false, existing: false))
    #expect(MapPlanner.shouldMultipath(mode: "no", paths: 1, listed: false, existing: false))
}

@Test func groupByNodeNameGroupsPathsToTheSameTargetNode() throws {
    var paths = [makePath("sda", 8, 0), makePath("sdb", 8, 16), makePath("sdc", 8, 32), makePath("sdd", 8, 48)]
    let nodes = ["0x50060e8000c3f100", "0x50060e8000c3f200", "0x50060e8000c3f100", "0x50060e8000c3f200"]
    for index in paths.indices { paths[index].device.targetNodeName = nodes[index] }
    let map = try #require(makePlan(paths, context { $0.defaults[.pathGroupingPolicy] = "group_by_node_name" }).maps.first)
    #expect(map.table.targets[0].parameters == "0 0 2 1 service-time 0 2 1 8:0 1 8:32 1 service-time 0 2 1 8:16 1 8:48 1")
}

@Test func deviceRulesAreDecidedPerModelWhateverThePathOrder() {
    // Paths of two array models interleaved: an RDAC access LUN (the hardware table's
    // product_blacklist for DELL ^MD3) and data LUNs. The planner works the device verdict
    // out once per vendor/model; each path must still get its own model's verdict.
    func path(_ name: String, _ minor: UInt32, model: String, wwid: String) -> Path {
        var path = makePath(name, 8, minor, wwid: wwid)
        path.device.vendor = "DELL"
        path.device.model = model
        return path
    }
    let paths = [
        path("sda", 0, model: "Universal Xport", wwid: "36000000000000000000000000000000a"),
        path("sdb", 16, model: "MD32xx", wwid: "36000000000000000000000000000000b"),
        path("sdc", 32, model: "Universal Xport", wwid: "36000000000000000000000000000000c"),
        path("sdd", 48, model: "MD32xx", wwid: "36000000000000000000000000000000b"),
    ]
    let plan = makePlan(paths, context())
    #expect(plan.maps.map { $0.wwid.value } == ["36000000000000000000000000000000b"])
    #expect(plan.unclaimed.map { $0.device } == ["sda", "sdc"])
    #expect(plan.unclaimed.map { $0.reasonCode } == ["blacklisted", "blacklisted"])
    // A configured exception for the model lifts it for every path of that model alone
    // (greedy, so that the single-path access LUNs are mapped too).
    let excepted = makePlan(paths, context(findMultipaths: "greedy") { config in
        config.exceptions.devices = [DeviceEntry(vendor: "DELL", product: "Universal", settings: SettingSet(), origin: "test")]
    })
    #expect(excepted.unclaimed.isEmpty)
    #expect(excepted.maps.count == 3)
}

@Test func invertedDevnodeRuleThatDoesNotCompileBlacklistsNothing() {
    // store_ble drops "!sd(" (its tail does not compile): no path is blacklisted by it.
    let plan = makePlan([makePath("sda", 8, 0), makePath("sdb", 8, 16)], context { $0.blacklist.devnode = ["!sd("] })
    #expect(plan.maps.count == 1)
}
