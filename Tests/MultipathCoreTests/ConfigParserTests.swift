// multipath.conf: the line parser (ConfigSyntax) and the merged configuration
// (MultipathConfigParser), checked against what multipath-tools 0.9.4 does with the same text.
import Testing
@testable import MultipathCore

private let main = "/etc/multipath.conf"

/// Parses one /etc/multipath.conf.
private func parse(_ text: String) -> (MultipathConfig, [Diagnostic]) {
    MultipathConfigParser.parse(files: [(main, text)])
}

/// The diagnostics' `subject: message` texts at or above `severity`.
private func texts(_ diagnostics: [Diagnostic], _ severity: Diagnostic.Severity = .warning) -> [String] {
    diagnostics.filter { $0.severity >= severity }.map { $0.text }
}

private func words(_ line: String) -> [ConfigSyntax.Token]? { ConfigSyntax.tokens(Array(line.utf8)) }

// MARK: - Tokens and values (alloc_strvec, set_value)

@Test func tokensSplitAtWhiteSpaceBracesAndComments() {
    #expect(words("  defaults {") == [.word("defaults"), .word("{")])
    #expect(words("devices{") == [.word("devices"), .word("{")])
    #expect(words("wwid 3600a}") == [.word("wwid"), .word("3600a"), .word("}")])
    #expect(words("prio co#nst") == [.word("prio"), .word("co")])
    #expect(words("wwid w2!comment") == [.word("wwid"), .word("w2")])
    #expect(words("prio alua # the array does ALUA") == [.word("prio"), .word("alua")])
    #expect(words("# comment") == nil)
    #expect(words("   ! comment") == nil)
    #expect(words(" \t ") == nil)
    #expect(words("") == nil)
}

@Test func quotedWordsKeepSpacesBracesAndCommentCharacters() {
    #expect(words("prio_args \"x y ! z # {}\"") == [.word("prio_args"), .quote, .word("x y ! z # {}"), .quote])
    #expect(ConfigSyntax.value(words("prio_args \"x y ! z # {}\"")!) == "x y ! z # {}")
    #expect(ConfigSyntax.value(words("path_selector \"round-robin 0\"")!) == "round-robin 0")
}

@Test func doubledQuotesInsideQuotesAreOneQuote() {
    #expect(ConfigSyntax.value(words("alias \"a\"\"b\"")!) == "a\"b")
    #expect(ConfigSyntax.value(words("alias \"\"\"abc\"")!) == "\"abc")
    #expect(ConfigSyntax.value(words("alias \"abc\"\"\"")!) == "abc\"")
    #expect(ConfigSyntax.value(words("alias \"\"\"\"\"\"\"\"")!) == "\"\"\"")
}

@Test func emptyAndUnterminatedQuotes() {
    #expect(words("alias \"\"") == [.word("alias"), .quote, .quote])
    #expect(ConfigSyntax.value(words("alias \"\"")!) == "")
    #expect(ConfigSyntax.value(words("alias \"")!) == "")
    #expect(ConfigSyntax.value(words("prio_args \"unterminated")!) == "unterminated")
}

@Test func nonASCIIBytesOutsideQuotesSeparateWords() {
    #expect(words("alias \u{E9}x\u{E9}y") == [.word("alias"), .word("x"), .word("y")])
    #expect(ConfigSyntax.value(words("alias \"\u{E9}x\"")!) == "\u{E9}x")
}

@Test func aQuoteInsideAWordStartsAQuotedWord() {
    #expect(words("alias ab\"cd\"") == [.word("alias"), .word("ab"), .quote, .word("cd"), .quote])
}

// MARK: - Lines (read_line)

@Test func crlfLinesReadLikeLfLines() {
    let crlf = ConfigSyntax.lines("defaults {\r\n  prio alua\r\n}\r\n")
    #expect(crlf.map { $0.number } == [1, 2, 3])
    #expect(crlf.map { String(decoding: $0.bytes, as: UTF8.self) } == ["defaults {", "  prio alua", "}"])
}

@Test func aLoneCarriageReturnEndsItsLine() {
    let lines = ConfigSyntax.lines("prio \"a\rb\"\n")
    #expect(lines.count == 1)
    #expect(String(decoding: lines[0].bytes, as: UTF8.self) == "prio \"a")
}

@Test func linesLongerThan1023BytesCountTwice() {
    // fgets(buf, 1024): the rest of a long line is read as the next line.
    let long = "  alias_prefix " + String(repeating: "x", count: 1015)
    let lines = ConfigSyntax.lines("defaults {\n" + long + "\n  user_friendly_names yes\n}\n")
    #expect(lines.count == 5)
    #expect(lines[1].bytes.count == 1023)
    let (config, diagnostics) = parse("defaults {\n" + long + "\n  user_friendly_names yes\n}\n")
    #expect(config.defaults[.userFriendlyNames] == "yes")
    #expect(config.defaults[.aliasPrefix]?.utf8.count == 1023 - 15)
    #expect(texts(diagnostics) == ["/etc/multipath.conf:3: missing value for option 'xxxxxxx', line ignored"])
}

@Test func aNulEndsTheLine() {
    let lines = ConfigSyntax.lines("prio alua\u{0}junk\nprio const\n")
    #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["prio alua", "prio const"])
}

// MARK: - Sections (process_stream, validate_config_strvec)

@Test func nestedAndEmptySectionsBecomeATree() {
    let text = """
    defaults {
    }
    devices {
        device {
            vendor "ACME"
        }
        device {
        }
    }
    """
    let (nodes, diagnostics) = ConfigSyntax.parse(text, path: main, grammar: MultipathConfigParser.grammar)
    #expect(diagnostics.isEmpty)
    #expect(nodes == [
        ConfigNode(keyword: "defaults", value: nil, line: 1, children: []),
        ConfigNode(keyword: "devices", value: nil, line: 3, children: [
            ConfigNode(keyword: "device", value: nil, line: 4, children: [
                ConfigNode(keyword: "vendor", value: "ACME", line: 5),
            ]),
            ConfigNode(keyword: "device", value: nil, line: 7, children: []),
        ]),
    ])
}

@Test func aSectionKeywordOpensItsSectionWithoutABrace() {
    // `multipath` alone: "missing '{'", yet the section opens; the '{' line is dropped.
    let text = "multipaths {\n  multipath\n  {\n    wwid 3600a\n  }\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.multipaths.map { $0.wwid } == ["3600a"])
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:2: missing '{' after 'multipath'",
        "/etc/multipath.conf:3: invalid keyword '{', line ignored (a section's '{' belongs on its keyword's line)",
    ])
}

@Test func overridesWithoutBraceIsDroppedAndItsLinesLeakOut() {
    // `overrides` is not in is_sublevel_keyword: alone it lacks a value, the line is dropped.
    let text = "overrides\n{\n    no_path_retry 4\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.overrides.isEmpty)
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:1: missing value for option 'overrides', line ignored",
        "/etc/multipath.conf:2: invalid keyword '{', line ignored (a section's '{' belongs on its keyword's line)",
        "/etc/multipath.conf:3: keyword 'no_path_retry' is not allowed outside a section "
            + "(it belongs in defaults, devices/device, overrides, multipaths/multipath), ignored",
        "/etc/multipath.conf:4: unmatched '}' outside any section, ignored",
    ])
}

@Test func aOneLineSectionIgnoresItsContentAndStaysOpen() {
    // multipath-tools ignores everything after "device {", including the '}'.
    let text = """
    devices {
        device { vendor "ONE" product "LINE" }
        device {
            vendor "TWO"
            product "P"
        }
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.devices.map { $0.vendor } == ["TWO"])
    #expect(config.devices.first?.origin == "/etc/multipath.conf:2")
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:2: ignoring extra data starting with 'vendor'",
        "/etc/multipath.conf:3: keyword 'device' is not allowed in section 'devices/device' (it belongs in "
            + "blacklist, blacklist_exceptions, devices), ignored; its '{' opens no section, so its lines are read "
            + "as part of 'devices/device' and its '}' closes 'devices/device'",
    ])
}

@Test func anUnknownSectionOpensNothing() {
    let text = """
    defaults {
        foo {
            bar 1
        }
        user_friendly_names yes
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.defaults.isEmpty)
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:2: unknown keyword 'foo' in section 'defaults', ignored; its '{' opens no section, "
            + "so its lines are read as part of 'defaults' and its '}' closes 'defaults'",
        "/etc/multipath.conf:3: unknown keyword 'bar' in section 'defaults', ignored",
        "/etc/multipath.conf:5: keyword 'user_friendly_names' is not allowed outside a section "
            + "(it belongs in defaults, devices/device, overrides, multipaths/multipath), ignored",
        "/etc/multipath.conf:6: unmatched '}' outside any section, ignored",
    ])
}

@Test func extraDataAndQuotingProblemsAreReportedWithTheirLine() {
    let text = """
    multipaths {
        multipath {
            wwid "w4"}
            alias "x"y
            prio_args "unterminated
            path_selector "round-robin 0" extra
        }
        multipath {
            wwid "w5" "w6"
        }
    } trailing
    """
    let (config, diagnostics) = parse(text)
    #expect(config.multipaths == [
        MultipathEntry(wwid: "w4", alias: "x",
                       settings: SettingSet([.prioArgs: "unterminated", .pathSelector: "round-robin 0"]),
                       origin: "/etc/multipath.conf:2"),
        MultipathEntry(wwid: "w5", origin: "/etc/multipath.conf:8"),
    ])
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:3: ignoring extra data starting with '}'",
        "/etc/multipath.conf:4: ignoring extra data starting with 'y'",
        "/etc/multipath.conf:5: missing closing quotes",
        "/etc/multipath.conf:6: ignoring extra data starting with 'extra'",
        "/etc/multipath.conf:9: ignoring extra data starting with ''",
        "/etc/multipath.conf:11: ignoring extra data starting with 'trailing'",
    ])
}

@Test func missingClosingBraceAtEndOfFileKeepsTheContent() {
    // multipath-tools: "missing '}' at end of <file>", and the settings apply.
    let (config, diagnostics) = parse("defaults {\n    user_friendly_names yes\n    failback immediate\n")
    #expect(config.defaults == SettingSet([.userFriendlyNames: "yes", .failback: "immediate"]))
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:1: section 'defaults' is not closed: missing '}' at end of file "
            + "(its content is used, as multipath-tools uses it)",
    ])
}

@Test func anUnclosedFileDoesNotAffectTheNextFile() {
    let files = [(main, "devices {\n  device {\n    vendor \"A\"\n    product \"B\"\n"),
                 ("/etc/multipath/conf.d/b.conf", "defaults {\n  find_multipaths yes\n}\n")]
    let (config, diagnostics) = MultipathConfigParser.parse(files: files)
    #expect(config.devices.map { $0.product } == ["B"])
    #expect(config.defaults[.findMultipaths] == "on")
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:1: section 'devices' is not closed: missing '}' at end of file "
            + "(its content is used, as multipath-tools uses it)",
    ])
    #expect(config.sources == [main, "/etc/multipath/conf.d/b.conf"])
}

@Test func garbageLinesAreDroppedOneByOne() {
    let text = "\u{7F}ELF\u{1}\u{2}\n}}}\n{\ndefaults {\n  user_friendly_names yes\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.defaults[.userFriendlyNames] == "yes")
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:1: missing value for option '\u{7F}ELF\u{1}\u{2}', line ignored",
        "/etc/multipath.conf:2: ignoring extra data starting with '}'",
        "/etc/multipath.conf:2: unmatched '}' outside any section, ignored",
        "/etc/multipath.conf:3: invalid keyword '{', line ignored (a section's '{' belongs on its keyword's line)",
    ])
}

// MARK: - Sections and their keywords

@Test func defaultsAreStoredInCanonicalForm() {
    let text = """
    defaults {
        user_friendly_names 1
        find_multipaths 0
        path_grouping_policy multibus_with_suffix
        no_path_retry 0
        failback " 15 "
        rr_min_io_rq +7
        fast_io_fail_tmo off
        dev_loss_tmo -1
        checker directio
        uid_attribute ID_WWN
        polling_interval " 9"
        find_multipaths_timeout -5
        bindings_file "/etc/multipath/bindings2"
        partition_delimiter ""
        allow_usb_devices yes
        queue_without_daemon no
        skip_kpartx yes
        max_sectors_kb 512
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.defaults == SettingSet([
        .userFriendlyNames: "yes", .findMultipaths: "off", .pathGroupingPolicy: "multibus", .noPathRetry: "fail",
        .failback: "15", .rrMinIORq: "7", .fastIOFailTmo: "off", .devLossTmo: "infinity", .pathChecker: "directio",
        .uidAttribute: "ID_WWN", .pollingInterval: "9", .findMultipathsTimeout: "-5",
        .bindingsFile: "/etc/multipath/bindings2", .partitionDelimiter: "", .allowUSBDevices: "yes",
        .queueWithoutDaemon: "no", .skipKpartx: "yes", .maxSectorsKB: "512",
    ]))
    #expect(texts(diagnostics) == [])
    #expect(texts(diagnostics, .notice) == [
        "/etc/multipath.conf:14: 'bindings_file' is deprecated in multipath-tools and will be disabled in a future release",
    ])
}

@Test func findMultipathsTakesTheModesAndTheLegacyBooleans() {
    for (value, stored) in [("yes", "on"), ("1", "on"), ("on", "on"), ("no", "off"), ("0", "off"), ("off", "off"),
                            ("strict", "strict"), ("greedy", "greedy"), ("smart", "smart")] {
        let (config, diagnostics) = parse("defaults {\n find_multipaths \(value)\n}\n")
        #expect(config.defaults[.findMultipaths] == stored)
        #expect(diagnostics.isEmpty)
    }
}

@Test func zeroMeansNotSetForSomeNumbers() {
    // failback, rr_min_io, rr_min_io_rq, max_sectors_kb, dev_loss_tmo, find_multipaths_timeout:
    // 0 is multipath-tools' "undefined" value, so a 0 also clears an earlier setting.
    let text = """
    defaults {
        failback immediate
        rr_min_io 100
    }
    defaults {
        failback 0
        rr_min_io 0
        dev_loss_tmo 0
        max_sectors_kb 0
        find_multipaths_timeout 0
        vpd_vendor undef
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.defaults.isEmpty)
    #expect(texts(diagnostics, .info) == [
        "/etc/multipath.conf:5: duplicate section 'defaults'; its lines are read like those of the first one (later values win)",
        "/etc/multipath.conf:6: failback 0 means not set in multipath-tools; the next layer or the built-in default applies",
        "/etc/multipath.conf:7: rr_min_io 0 means not set in multipath-tools; the next layer or the built-in default applies",
        "/etc/multipath.conf:8: dev_loss_tmo 0 means not set in multipath-tools",
        "/etc/multipath.conf:9: max_sectors_kb 0 means not set in multipath-tools; the next layer or the built-in default applies",
        "/etc/multipath.conf:10: find_multipaths_timeout 0 means not set in multipath-tools; the next layer or the built-in default applies",
        "/etc/multipath.conf:11: keyword 'vpd_vendor' is not allowed in section 'defaults' (it belongs in devices/device), ignored",
    ])
}

@Test func everyInvalidValueIsReportedAndNotStored() {
    let text = """
    defaults {
    	path_grouping_policy round-robin
    	find_multipaths maybe
    	no_path_retry sometimes
    	failback later
    	user_friendly_names true
    	rr_min_io lots
    	features "2 queue_if_no_path"
    	path_selector "round-robin"
    	alias_prefix "my/prefix"
    	dev_loss_tmo soon
    	rr_weight heavy
    	fast_io_fail_tmo never
    	bindings_file "relative/bindings"
    	detect_prio perhaps
    	find_multipaths_timeout 10s
    }
    devices {
    	device {
    		vendor "ACME"
    		product "X1"
    		hardware_handler "alua"
    		vpd_vendor "hp9par"
    	}
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.defaults.isEmpty)
    #expect(config.devices.first?.settings.isEmpty == true)
    let l = "/etc/multipath.conf:"
    #expect(texts(diagnostics) == [
        l + "2: invalid value for path_grouping_policy: \"round-robin\" (expected failover, multibus, group_by_serial, group_by_prio or group_by_node_name); ignored",
        l + "3: invalid value for find_multipaths: \"maybe\" (expected strict, yes, no, greedy, smart, on or off); ignored",
        l + "4: invalid value for no_path_retry: \"sometimes\" (expected fail, queue or a number of retries); ignored",
        l + "5: invalid value for failback: \"later\" (expected manual, immediate, followover or a number of seconds); ignored",
        l + "6: invalid value for user_friendly_names: \"true\" (expected yes or no); ignored",
        l + "7: invalid value for rr_min_io: \"lots\" (expected a number); ignored",
        l + "8: invalid argument count for features in \"2 queue_if_no_path\": got '2', expected '1'; ignored",
        l + "9: missing argument count for path_selector in \"round-robin\"; ignored",
        l + "10: alias_prefix \"my/prefix\" cannot contain a slash; ignored",
        l + "11: invalid value for dev_loss_tmo: \"soon\" (expected infinity or a number of seconds); ignored",
        l + "12: invalid value for rr_weight: \"heavy\" (expected priorities or uniform); ignored",
        l + "13: invalid value for fast_io_fail_tmo: \"never\" (expected off, 0 or a number of seconds); ignored",
        l + "14: bindings_file \"relative/bindings\" is not an absolute path; ignored",
        l + "15: invalid value for detect_prio: \"perhaps\" (expected yes or no); ignored",
        l + "16: invalid value for find_multipaths_timeout: \"10s\" (expected a number of seconds); ignored",
        l + "22: missing argument count for hardware_handler in \"alua\"; ignored",
        l + "23: invalid value for vpd_vendor: \"hp9par\" (expected hp3par); ignored",
    ])
}

@Test func anInvalidValueKeepsTheEarlierOne() {
    let files = [(main, "defaults {\n  no_path_retry 5\n  no_path_retry often\n}\n"),
                 ("/etc/multipath/conf.d/a.conf", "defaults {\n  no_path_retry never\n}\n")]
    let (config, diagnostics) = MultipathConfigParser.parse(files: files)
    #expect(config.defaults[.noPathRetry] == "5")
    #expect(texts(diagnostics).count == 3)
}

@Test func outOfRangeNumbersAreCappedAsMultipathToolsCapsThem() {
    let text = """
    defaults {
        no_path_retry -1
        fast_io_fail_tmo -3
        rr_min_io 99999999999
        failback -2
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.defaults == SettingSet([.noPathRetry: "1", .fastIOFailTmo: "1", .rrMinIO: "2147483647"]))
    #expect(texts(diagnostics, .info) == [
        "/etc/multipath.conf:2: value for no_path_retry too small, capping at 1",
        "/etc/multipath.conf:3: value for fast_io_fail_tmo too small, capping at 1",
        "/etc/multipath.conf:4: value for rr_min_io too large, capping at 2147483647",
        "/etc/multipath.conf:5: value for failback too small, capping at 0",
        "/etc/multipath.conf:5: failback 0 means not set in multipath-tools; the next layer or the built-in default applies",
    ])
}

@Test func argumentCountsMustMatchTheWords() {
    #expect(MultipathConfigParser.check(.features, "0") == .store("0", note: nil))
    #expect(MultipathConfigParser.check(.features, "2 pg_init_retries 50") == .store("2 pg_init_retries 50", note: nil))
    #expect(MultipathConfigParser.check(.features, "1  queue_if_no_path ") == .store("1  queue_if_no_path ", note: nil))
    #expect(MultipathConfigParser.check(.hardwareHandler, "1 alua") == .store("1 alua", note: nil))
    #expect(MultipathConfigParser.check(.pathSelector, "service-time 0") == .store("service-time 0", note: nil))
    #expect(MultipathConfigParser.check(.pathSelector, "queue-length 0 extra")
        == .reject("invalid argument count for path_selector in \"queue-length 0 extra\": got '0', expected '1'; ignored"))
    #expect(MultipathConfigParser.check(.features, "")
        == .reject("missing argument count for features in \"\"; ignored"))
    #expect(MultipathConfigParser.check(.features, "-1")
        == .reject("missing argument count for features in \"-1\"; ignored"))
    #expect(MultipathConfigParser.check(.features, "1x queue_if_no_path")
        == .reject("missing argument count for features in \"1x queue_if_no_path\"; ignored"))
}

@Test func devLossTmoReadsLikeScanf() {
    #expect(MultipathConfigParser.check(.devLossTmo, "600abc") == .store("600", note: nil))
    #expect(MultipathConfigParser.check(.devLossTmo, " 30") == .store("30", note: nil))
    #expect(MultipathConfigParser.check(.devLossTmo, "4294967295") == .store("infinity", note: nil))
    #expect(MultipathConfigParser.check(.devLossTmo, "-5") == .store("4294967291", note: nil))
}

@Test func pollingIntervalRejectedWhenUnsetBecomesHuge() {
    // multipath-tools 0.9.4's checkint_handler decrements CHECKINT_UNDEF even for a rejected value.
    let (config, diagnostics) = parse("defaults {\n  polling_interval -5\n}\n")
    #expect(config.defaults[.pollingInterval] == "4294967294")
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:2: invalid value for polling_interval: \"-5\"; multipath-tools 0.9.4 then uses "
            + "4294967294 (checkint_handler decrements its unset marker)",
    ])
    let (kept, _) = parse("defaults {\n  polling_interval 10\n  polling_interval x\n}\n")
    #expect(kept.defaults[.pollingInterval] == "10")
}

@Test func keywordsInTheWrongSectionAreReported() {
    let text = """
    defaults {
        hardware_handler "1 alua"
        wwid 3600a
    }
    multipaths {
        multipath {
            wwid 3600a
            path_checker tur
            alias_prefix disk
        }
    }
    overrides {
        find_multipaths yes
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.defaults.isEmpty && config.overrides.isEmpty)
    #expect(config.multipaths == [MultipathEntry(wwid: "3600a", origin: "/etc/multipath.conf:6")])
    let l = "/etc/multipath.conf:"
    #expect(texts(diagnostics) == [
        l + "2: keyword 'hardware_handler' is not allowed in section 'defaults' (it belongs in devices/device), ignored",
        l + "3: keyword 'wwid' is not allowed in section 'defaults' (it belongs in blacklist, blacklist_exceptions, "
            + "multipaths/multipath), ignored",
        l + "8: keyword 'path_checker' is not allowed in section 'multipaths/multipath' (it belongs in defaults, "
            + "devices/device, overrides), ignored",
        l + "9: keyword 'alias_prefix' is not allowed in section 'multipaths/multipath' (it belongs in defaults, "
            + "devices/device, overrides), ignored",
        l + "13: keyword 'find_multipaths' is not allowed in section 'overrides' (it belongs in defaults), ignored",
    ])
}

@Test func deprecatedAndUnusedKeywords() {
    let text = "defaults {\n  config_dir /etc/foo\n  getuid_callout \"/bin/id\"\n  verbosity 3\n  max_fds max\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.defaults.isEmpty)
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:2: ignoring deprecated option 'config_dir' (multipath-tools 0.9.4 ignores it)",
        "/etc/multipath.conf:3: ignoring deprecated option 'getuid_callout' (multipath-tools 0.9.4 ignores it)",
    ])
    #expect(texts(diagnostics, .debug).count == 4)
}

@Test func checkerIsPathChecker() {
    let (config, _) = parse("overrides {\n  checker rdac\n}\n")
    #expect(config.overrides[.pathChecker] == "rdac")
}

@Test func repeatedKeysInOneSectionWarnAndTheLastWins() {
    let (config, diagnostics) = parse("defaults {\n  user_friendly_names yes\n  user_friendly_names no\n}\n")
    #expect(config.defaults[.userFriendlyNames] == "no")
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:3: duplicate keyword 'user_friendly_names' in section 'defaults'; the later value is used",
    ])
}

@Test func blacklistAndExceptionsKeepPatternsVerbatim() {
    let text = """
    blacklist {
        devnode "^(ram|zram|loop|fd|md|dm-|sr|scd|st)[0-9]*"
        devnode "^sd[a-z]$"
        wwid "3600508b1001c.*"
        property "ID_ATA"
        protocol "scsi:usb"
        device {
            vendor "IBM"
            product "S/390.*"
        }
        device {
            vendor "COMPAQ"
        }
        device {
        }
    }
    blacklist_exceptions {
        wwid "!^3600"
        property "(SCSI_IDENT_|ID_WWN)"
        device {
            product "LUN"
        }
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.blacklist.devnode == ["^(ram|zram|loop|fd|md|dm-|sr|scd|st)[0-9]*", "^sd[a-z]$"])
    #expect(config.blacklist.wwid == ["3600508b1001c.*"])
    #expect(config.blacklist.property == ["ID_ATA"])
    #expect(config.blacklist.protocolRules == ["scsi:usb"])
    #expect(config.blacklist.devices == [
        DeviceEntry(vendor: "IBM", product: "S/390.*", settings: SettingSet(), origin: "/etc/multipath.conf:7"),
        DeviceEntry(vendor: "COMPAQ", product: nil, settings: SettingSet(), origin: "/etc/multipath.conf:11"),
    ])
    #expect(config.blacklistExceptions == BlacklistRules(
        wwid: ["!^3600"], property: ["(SCSI_IDENT_|ID_WWN)"],
        devices: [DeviceEntry(vendor: nil, product: "LUN", settings: SettingSet(), origin: "/etc/multipath.conf:20")]))
    #expect(texts(diagnostics, .notice) == [
        "/etc/multipath.conf:14: device section without vendor or product in 'blacklist', ignored (merge_blacklist_device)",
    ])
}

@Test func blacklistsOfLaterFilesAreAppendedWithoutDuplicates() {
    let files = [(main, "blacklist {\n  devnode \"^sdz\"\n  device {\n    vendor V1\n  }\n}\n"),
                 ("/etc/multipath/conf.d/a.conf",
                  "blacklist {\n  devnode \"^sdz\"\n  devnode \"^sdy\"\n  device {\n    vendor V1\n  }\n}\n")]
    let (config, _) = MultipathConfigParser.parse(files: files)
    #expect(config.blacklist.devnode == ["^sdz", "^sdy"])
    #expect(config.blacklist.devices.map { $0.origin } == ["/etc/multipath.conf:3"])
}

@Test func devicesKeepVendorProductRevisionAndSettings() {
    let text = """
    devices {
        device {
            vendor "3PARdata"
            product "VV"
            revision "3.*"
            product_blacklist "LUNZ"
            path_grouping_policy group_by_prio
            hardware_handler "1 alua"
            prio alua
            failback immediate
            no_path_retry 18
            fast_io_fail_tmo 10
            dev_loss_tmo "infinity"
            vpd_vendor hp3par
        }
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(diagnostics.filter { $0.severity >= .info }.isEmpty)
    #expect(config.devices == [DeviceEntry(
        vendor: "3PARdata", product: "VV", revision: "3.*", blacklistProduct: "LUNZ",
        settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .hardwareHandler: "1 alua", .prio: "alua",
                              .failback: "immediate", .noPathRetry: "18", .fastIOFailTmo: "10",
                              .devLossTmo: "infinity", .vpdVendor: "hp3par"]),
        origin: "/etc/multipath.conf:2")])
}

@Test func aDeviceWithoutVendorOrProductIsDropped() {
    // config.c:factorize_hwtable drops it ("device config ... missing vendor or product parameter").
    let text = "devices {\n  device {\n    product \"NOVENDOR\"\n    no_path_retry 5\n  }\n  device {\n    vendor \"NOPRODUCT\"\n  }\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.devices.isEmpty)
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:2: device section without vendor or product, ignored",
        "/etc/multipath.conf:6: device section without vendor or product, ignored",
    ])
}

@Test func devicesWithTheSameStringsAreMergedTheLaterWinning() {
    let text = """
    devices {
        device {
            vendor "ACME"
            product "X1"
            path_grouping_policy group_by_prio
            prio_args ""
            failback manual
        }
        device {
            vendor "OTHER"
            product "X1"
        }
        device {
            vendor "ACME"
            product "X1"
            failback immediate
        }
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.devices == [
        DeviceEntry(vendor: "OTHER", product: "X1", settings: SettingSet(), origin: "/etc/multipath.conf:9"),
        DeviceEntry(vendor: "ACME", product: "X1",
                    settings: SettingSet([.pathGroupingPolicy: "group_by_prio", .failback: "immediate"]),
                    origin: "/etc/multipath.conf:13"),
    ])
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:13: duplicate device section for \"ACME\" \"X1\" (also at /etc/multipath.conf:2); "
            + "merged, this one's values win",
    ])
}

@Test func devicesOfLaterFilesAreAppendedAndMergeEarlierOnes() {
    let files = [(main, "devices {\n  device {\n    vendor ACME\n    product X1\n    no_path_retry 7\n    rr_weight priorities\n  }\n  device {\n    vendor ACME\n    product X2\n  }\n}\n"),
                 ("/etc/multipath/conf.d/b.conf", "devices {\n  device {\n    vendor ACME\n    product X1\n    no_path_retry 9\n  }\n  device {\n    vendor ACME\n    product X1\n    revision 2\n  }\n}\n")]
    let (config, diagnostics) = MultipathConfigParser.parse(files: files)
    #expect(config.devices.map { $0.origin } == ["/etc/multipath.conf:8", "/etc/multipath/conf.d/b.conf:2",
                                                 "/etc/multipath/conf.d/b.conf:7"])
    #expect(config.devices[1].settings == SettingSet([.noPathRetry: "9", .rrWeight: "priorities"]))
    #expect(config.devices[2].revision == "2")
    #expect(texts(diagnostics).isEmpty)
    #expect(texts(diagnostics, .info) == [
        "/etc/multipath/conf.d/b.conf:2: duplicate device section for \"ACME\" \"X1\" (also at /etc/multipath.conf:2); "
            + "merged, this one's values win",
    ])
}

@Test func multipathsAreMergedPerWWIDAndSorted() {
    let text = """
    multipaths {
        multipath {
            wwid 3600b
            alias second
        }
        multipath {
            alias nowwid
        }
        multipath {
            wwid 3600a
            alias first
            no_path_retry queue
        }
        multipath {
            wwid 3600a
            failback 15
        }
        multipath {
            wwid 3600c
            alias "a/b"
        }
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(config.multipaths == [
        MultipathEntry(wwid: "3600a", alias: "first", settings: SettingSet([.noPathRetry: "queue", .failback: "15"]),
                       origin: "/etc/multipath.conf:14"),
        MultipathEntry(wwid: "3600b", alias: "second", origin: "/etc/multipath.conf:2"),
        MultipathEntry(wwid: "3600c", origin: "/etc/multipath.conf:18"),
    ])
    #expect(texts(diagnostics) == [
        "/etc/multipath.conf:20: alias \"a/b\" cannot contain a slash; ignored",
        "/etc/multipath.conf:6: multipath section without wwid, ignored",
        "/etc/multipath.conf:14: duplicate multipath section for wwid 3600a (also at /etc/multipath.conf:9); "
            + "merged, this one's values win",
    ])
}

@Test func laterFilesOverrideDefaultsKeyByKeyAndAppendMultipaths() {
    let files = [
        (main, "defaults {\n  user_friendly_names yes\n  find_multipaths yes\n}\nmultipaths {\n  multipath {\n    wwid 3600a\n    alias data\n  }\n}\n"),
        ("/etc/multipath/conf.d/10-site.conf", "defaults {\n  user_friendly_names no\n}\noverrides {\n  no_path_retry 3\n}\n"),
        ("/etc/multipath/conf.d/20-maps.conf", "multipaths {\n  multipath {\n    wwid 3600b\n    alias logs\n  }\n}\noverrides {\n  failback immediate\n}\n"),
    ]
    let (config, diagnostics) = MultipathConfigParser.parse(files: files)
    #expect(diagnostics.filter { $0.severity >= .info }.isEmpty)
    #expect(config.defaults == SettingSet([.userFriendlyNames: "no", .findMultipaths: "on"]))
    #expect(config.overrides == SettingSet([.noPathRetry: "3", .failback: "immediate"]))
    #expect(config.multipaths.map { $0.alias } == ["data", "logs"])
}

@Test func protocolSectionsAreCheckedButNotStored() {
    let text = "overrides {\n  no_path_retry 3\n  protocol {\n    type \"scsi:fcp\"\n    dev_loss_tmo 60\n  }\n  protocol {\n    dev_loss_tmo 30\n  }\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.overrides == SettingSet([.noPathRetry: "3"]))
    #expect(texts(diagnostics) == ["/etc/multipath.conf:7: protocol section without a valid type, ignored (validate_pctable)"])
}

// MARK: - Legacy features (reconcile_features_with_options)

@Test func queueIfNoPathBecomesNoPathRetryQueue() {
    let (config, diagnostics) = parse("defaults {\n  features \"1 queue_if_no_path\"\n}\n")
    #expect(config.defaults == SettingSet([.features: "0", .noPathRetry: "queue"]))
    #expect(texts(diagnostics, .info) == [
        "/etc/multipath.conf:2: features \"1 queue_if_no_path\": 'queue_if_no_path' is deprecated; using no_path_retry queue",
    ])
}

@Test func queueIfNoPathIsIgnoredWhenNoPathRetryIsSet() {
    let text = "devices {\n  device {\n    vendor ACME\n    product X1\n    no_path_retry 12\n    features \"3 queue_if_no_path pg_init_retries 50\"\n  }\n}\n"
    let (config, diagnostics) = parse(text)
    #expect(config.devices.first?.settings == SettingSet([.noPathRetry: "12", .features: "2 pg_init_retries 50"]))
    #expect(texts(diagnostics, .info) == [
        "/etc/multipath.conf:2: features \"3 queue_if_no_path pg_init_retries 50\": 'queue_if_no_path' is deprecated "
            + "and ignored because no_path_retry is set to '12'",
    ])
}

@Test func legacyFeaturesAreReconciledAfterAllFilesAreRead() {
    // no_path_retry from an earlier file still counts for the same layer.
    let files = [(main, "defaults {\n  no_path_retry 5\n}\n"),
                 ("/etc/multipath/conf.d/a.conf", "defaults {\n  features \"1 queue_if_no_path\"\n}\n")]
    let (config, _) = MultipathConfigParser.parse(files: files)
    #expect(config.defaults == SettingSet([.noPathRetry: "5", .features: "0"]))
}

@Test func retainAttachedHwHandlerFeatureBecomesTheAttribute() {
    let (config, _) = parse("overrides {\n  features \"2 retain_attached_hw_handler queue_if_no_path\"\n}\n")
    #expect(config.overrides == SettingSet([.features: "0", .noPathRetry: "queue", .retainAttachedHwHandler: "yes"]))
    let (mp, _) = parse("multipaths {\n multipath {\n  wwid 3600a\n  features \"1 retain_attached_hw_handler\"\n }\n}\n")
    #expect(mp.multipaths.first?.settings == SettingSet([.features: "0"]))
}

@Test func removeFeatureKeepsTheOtherWords() {
    #expect(MultipathConfigParser.removeFeature("1 queue_if_no_path", "queue_if_no_path") == "0")
    #expect(MultipathConfigParser.removeFeature("3 queue_if_no_path pg_init_retries 50", "queue_if_no_path")
        == "2 pg_init_retries 50")
    #expect(MultipathConfigParser.removeFeature("3 pg_init_retries 50 queue_if_no_path", "queue_if_no_path")
        == "2 pg_init_retries 50")
    #expect(MultipathConfigParser.removeFeature("2 queue_if_no_pathX a", "queue_if_no_path") == "2 queue_if_no_pathX a")
    #expect(MultipathConfigParser.removeFeature("x queue_if_no_path", "queue_if_no_path") == "x queue_if_no_path")
    let reconciled = MultipathConfigParser.reconcileFeatures(features: "1 queue_if_no_path", noPathRetry: nil,
                                                             retainHwHandler: nil)
    #expect(reconciled.features == "0" && reconciled.noPathRetry == "queue" && reconciled.retainHwHandler == nil)
}

// MARK: - conf.d order, hardware table

@Test func configDirOrderIsByteOrderOfDotConfNames() {
    let names = ["b.conf", "a.conf", "A.conf", "10-x.conf", "9-y.conf", "c.conf.bak", "d.CONF", "conf", ".conf",
                 "e.conf~", "\u{E9}.conf", "z.conf"]
    #expect(MultipathConfigParser.configDirOrder(names)
        == [".conf", "10-x.conf", "9-y.conf", "A.conf", "a.conf", "b.conf", "z.conf", "\u{E9}.conf"])
}

@Test func aDeviceWithTheStringsOfABuiltinEntryAbsorbsIt() {
    let builtin = [
        DeviceEntry(vendor: "NETAPP", product: "LUN", settings: SettingSet([.noPathRetry: "queue", .prio: "ontap",
                                                                            .failback: "immediate"]),
                    origin: "NetApp ONTAP"),
        DeviceEntry(vendor: "DGC", product: ".*", settings: SettingSet([.prio: "emc"]), origin: "EMC CLARiiON"),
    ]
    let (config, _) = parse("devices {\n  device {\n    vendor NETAPP\n    product LUN\n    failback manual\n  }\n}\n")
    let absorbed = MultipathConfigParser.absorbHardwareTable(builtin: builtin, devices: config.devices)
    #expect(absorbed.builtin.map { $0.origin } == ["EMC CLARiiON"])
    #expect(absorbed.devices.first?.settings == SettingSet([.noPathRetry: "queue", .prio: "ontap", .failback: "manual"]))
    #expect(absorbed.diagnostics.map { $0.text } == [
        "/etc/multipath.conf:2: device section for \"NETAPP\" \"LUN\" replaces the built-in entry (NetApp ONTAP); "
            + "unset attributes are taken from it",
    ])
}

// MARK: - Realistic files

@Test func aRealisticRHELStyleConfiguration() {
    let text = """
    # This is a basic configuration file with some examples, for device mapper
    # multipath.
    #
    # For a complete list of the default configuration values, run either
    # multipath -t
    # or
    # multipathd show config

    defaults {
    \tuser_friendly_names yes
    \tfind_multipaths yes
    \tenable_foreign "^$"
    }

    blacklist_exceptions {
            property "(SCSI_IDENT_|ID_WWN)"
    }

    blacklist {
            devnode "^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]*"
            devnode "^hd[a-z]"
            device {
                    vendor "DELL"
                    product "Universal Xport"
            }
    }

    devices {
            device {
                    vendor "PURE"
                    product "FlashArray"
                    path_selector "service-time 0"
                    hardware_handler "1 alua"
                    path_grouping_policy group_by_prio
                    prio alua
                    failback immediate
                    path_checker tur
                    fast_io_fail_tmo 10
                    dev_loss_tmo 60
                    no_path_retry 0
            }
    }

    multipaths {
            multipath {
                    wwid                    3600a098038303053453f463045727a4d
                    alias                   oradata
            }
            multipath {
                    wwid                    "3624a93701c0d5aa9a2d2447300011b9a"
                    alias                   "boot disk"
            }
    }
    """
    let (config, diagnostics) = parse(text)
    #expect(diagnostics.filter { $0.severity >= .info }.isEmpty)
    #expect(config.defaults == SettingSet([.userFriendlyNames: "yes", .findMultipaths: "on"]))
    #expect(config.blacklistExceptions.property == ["(SCSI_IDENT_|ID_WWN)"])
    #expect(config.blacklist.devnode == ["^(ram|raw|loop|fd|md|dm-|sr|scd|st)[0-9]*", "^hd[a-z]"])
    #expect(config.blacklist.devices.map { $0.product } == ["Universal Xport"])
    #expect(config.devices.count == 1)
    #expect(config.devices[0].settings == SettingSet([
        .pathSelector: "service-time 0", .hardwareHandler: "1 alua", .pathGroupingPolicy: "group_by_prio",
        .prio: "alua", .failback: "immediate", .pathChecker: "tur", .fastIOFailTmo: "10", .devLossTmo: "60",
        .noPathRetry: "fail",
    ]))
    #expect(config.multipaths.map { $0.alias } == ["oradata", "boot disk"])
    #expect(config.multipaths.map { $0.origin } == ["/etc/multipath.conf:45", "/etc/multipath.conf:49"])
}

@Test func theDebianInstallerConfigurationWithAConfDDropIn() {
    // Debian's installer writes /etc/multipath.conf with these two lines; a site drop-in adds more.
    let files = [
        (main, "defaults {\n    find_multipaths yes\n    user_friendly_names yes\n}\n"),
        ("/etc/multipath/conf.d/local.conf", """
        blacklist {
            wwid .*
        }
        blacklist_exceptions {
            wwid "3600508b4000156d700012000000b0000"
        }
        defaults {
            user_friendly_names no
            features "1 queue_if_no_path"
        }
        """),
    ]
    let (config, diagnostics) = MultipathConfigParser.parse(files: files)
    #expect(config.defaults == SettingSet([.findMultipaths: "on", .userFriendlyNames: "no", .features: "0",
                                           .noPathRetry: "queue"]))
    #expect(config.blacklist.wwid == [".*"])
    #expect(config.blacklistExceptions.wwid == ["3600508b4000156d700012000000b0000"])
    #expect(texts(diagnostics, .info) == [
        "/etc/multipath/conf.d/local.conf:9: features \"1 queue_if_no_path\": 'queue_if_no_path' is deprecated; "
            + "using no_path_retry queue",
    ])
}

@Test func noFilesGiveAnEmptyConfiguration() {
    let (config, diagnostics) = MultipathConfigParser.parse(files: [])
    #expect(config == MultipathConfig())
    #expect(diagnostics.isEmpty)
}
