// /etc/multipath/bindings and the alias numbering, as multipath-tools 0.9.4's alias.c reads them.
import Testing
@testable import MultipathCore

private let path = "/etc/multipath/bindings"

@Test func bindingsFileWithTheHeaderMultipathToolsWrites() {
    let text = BindingsFile.header + "mpatha 3600508b4000156d700012000000b0000\nmpathb\t35000c50015ea71ac\n"
    let (bindings, diagnostics) = BindingsFile.parse(text, path: path)
    #expect(diagnostics.isEmpty)
    #expect(bindings.aliasByWWID == ["3600508b4000156d700012000000b0000": "mpatha", "35000c50015ea71ac": "mpathb"])
    #expect(bindings.wwidByAlias == ["mpatha": "3600508b4000156d700012000000b0000", "mpathb": "35000c50015ea71ac"])
    #expect(bindings.entries.map { $0.line } == [8, 9])
}

@Test func commentsBlankLinesAndOddWhiteSpace() {
    let text = "\n   \n# comment\nmpatha 36001 # trailing comment\n\t mpathb \t 36002\r\nmpathc#36003\nmpathd 36004\rjunk\n"
    let (bindings, diagnostics) = BindingsFile.parse(text, path: path)
    #expect(bindings.aliasByWWID == ["36001": "mpatha", "36002": "mpathb", "36004": "mpathd"])
    #expect(diagnostics.map { $0.text } == ["/etc/multipath/bindings:6: malformed binding 'mpathc' without a WWID, ignored"])
    // The malformed line still counts when numbering new aliases.
    #expect(bindings.entries.map { $0.alias } == ["mpatha", "mpathb", "mpathc", "mpathd"])
}

@Test func extraWordsAfterTheWWIDAreIgnored() {
    let (bindings, diagnostics) = BindingsFile.parse("mpatha 36001 extra words\n", path: path)
    #expect(bindings.aliasByWWID == ["36001": "mpatha"])
    #expect(diagnostics.map { $0.text } == ["/etc/multipath/bindings:1: text after the WWID ignored: 'extra'"])
    #expect(diagnostics.first?.severity == .notice)
}

@Test func theFirstBindingOfAWWIDWins() {
    // lookup_binding returns the first line with the WWID.
    let (bindings, diagnostics) = BindingsFile.parse("mpatha 36001\nmpathb 36001\n", path: path)
    #expect(bindings.aliasByWWID == ["36001": "mpatha"])
    #expect(bindings.wwidByAlias == ["mpatha": "36001", "mpathb": "36001"])
    #expect(diagnostics.map { $0.text } == [
        "/etc/multipath/bindings:2: WWID 36001 is already bound to 'mpatha' at line 1; 'mpathb' is not used for it",
    ])
}

@Test func theFirstBindingOfAnAliasWins() {
    // rlookup_binding returns the first line with the alias; lookup_binding by WWID still
    // finds the second line for its own WWID, as in multipath-tools.
    let (bindings, diagnostics) = BindingsFile.parse("mpatha 36001\nmpatha 36002\n", path: path)
    #expect(bindings.wwidByAlias == ["mpatha": "36001"])
    #expect(bindings.aliasByWWID == ["36001": "mpatha", "36002": "mpatha"])
    #expect(diagnostics.map { $0.text } == [
        "/etc/multipath/bindings:2: alias 'mpatha' is already bound to 36001 at line 1; multipath-tools uses that binding for the alias",
    ])
    #expect(diagnostics.first?.severity == .warning)
}

@Test func aTooLongWWIDCannotBeLookedUpByAlias() {
    let long = String(repeating: "3", count: 128)
    let (bindings, diagnostics) = BindingsFile.parse("mpatha \(long)\n", path: path)
    #expect(bindings.wwidByAlias.isEmpty)
    #expect(bindings.aliasByWWID == [long: "mpatha"])
    #expect(diagnostics.map { $0.text } == [
        "/etc/multipath/bindings:1: WWID longer than 127 bytes; alias 'mpatha' cannot be looked up",
    ])
}

@Test func anEmptyFileHasNoBindings() {
    let (bindings, diagnostics) = BindingsFile.parse("", path: path)
    #expect(bindings == Bindings())
    #expect(diagnostics.isEmpty)
}

@Test func linesLongerThanLineMaxCountTwice() {
    let long = "mpatha " + String(repeating: "3", count: 2100) + "\nmpathb 36002\n"
    let (bindings, _) = BindingsFile.parse(long, path: path)
    #expect(bindings.entries.map { $0.line } == [1, 2, 3])
    #expect(bindings.aliasByWWID["36002"] == "mpathb")
}

// MARK: - Numbering (format_devname, scan_devname)

@Test func devnamesAreBijectiveBase26() {
    #expect(BindingsFile.formatDevname(1) == "a")
    #expect(BindingsFile.formatDevname(26) == "z")
    #expect(BindingsFile.formatDevname(27) == "aa")
    #expect(BindingsFile.formatDevname(52) == "az")
    #expect(BindingsFile.formatDevname(53) == "ba")
    #expect(BindingsFile.formatDevname(702) == "zz")
    #expect(BindingsFile.formatDevname(703) == "aaa")
    #expect(BindingsFile.formatDevname(2_147_483_647) == "fxshrxw")
    #expect(BindingsFile.formatDevname(0) == nil)
    #expect(BindingsFile.formatDevname(-3) == nil)
}

@Test func scanningDevnamesInvertsFormatting() {
    for id in [1, 2, 25, 26, 27, 52, 53, 701, 702, 703, 18_278, 18_279, 475_254, 2_147_483_647] {
        let name = "mpath" + (BindingsFile.formatDevname(id) ?? "")
        #expect(BindingsFile.scanDevname(name, prefix: "mpath") == id)
    }
}

@Test func scanningRejectsWhatIsNotPrefixAndLetters() {
    #expect(BindingsFile.scanDevname("mpath", prefix: "mpath") == nil)
    #expect(BindingsFile.scanDevname("mpathA", prefix: "mpath") == nil)
    #expect(BindingsFile.scanDevname("mpath1", prefix: "mpath") == nil)
    #expect(BindingsFile.scanDevname("diska", prefix: "mpath") == nil)
    #expect(BindingsFile.scanDevname("mpathaaaaaaaa", prefix: "mpath") == nil) // 8 letters
    #expect(BindingsFile.scanDevname("mpathfxshrxx", prefix: "mpath") == nil) // INT_MAX + 1
    #expect(BindingsFile.scanDevname("mpathb c", prefix: "mpath") == 2)      // a blank ends the letters
    #expect(BindingsFile.scanDevname("a", prefix: "") == 1)
}

// MARK: - The number of a new alias (lookup_binding)

private func bindings(_ aliases: [String]) -> Bindings {
    var text = ""
    for (index, alias) in aliases.enumerated() { text += "\(alias) 36\(index)\n" }
    return BindingsFile.parse(text, path: path).bindings
}

@Test func newAliasesFillFromTheStart() {
    #expect(Bindings().unusedID(prefix: "mpath") == 1)
    #expect(bindings(["mpatha", "mpathb"]).unusedID(prefix: "mpath") == 3)
    #expect(bindings(["mpathb", "mpatha"]).unusedID(prefix: "mpath") == 3)
    #expect(bindings(["mpatha", "mpathc"]).unusedID(prefix: "mpath") == 2)
    #expect(bindings(["disk1", "mpatha", "other"]).unusedID(prefix: "mpath") == 2)
}

@Test func aGapNotReachedInOrderGivesBiggestPlusOne() {
    // lookup_binding walks the file once: mpathc is seen before mpathb fills id 2, so id 2
    // looks "reached" only after the bigger id 3 was counted: biggest + 1.
    #expect(bindings(["mpatha", "mpathc", "mpathb"]).unusedID(prefix: "mpath") == 4)
    #expect(bindings(["mpathc", "mpatha", "mpathb"]).unusedID(prefix: "mpath") == 4)
    #expect(bindings(["mpathd", "mpatha"]).unusedID(prefix: "mpath") == 2)
}

@Test func takenNamesAreSkipped() {
    #expect(bindings(["mpatha"]).unusedID(prefix: "mpath", isTaken: { $0 == 2 || $0 == 3 }) == 4)
    #expect(bindings(["mpatha", "mpathd"]).unusedID(prefix: "mpath", isTaken: { $0 == 2 || $0 == 3 }) == 5)
}

@Test func customPrefixes() {
    #expect(bindings(["diska", "mpatha", "diskb"]).unusedID(prefix: "disk") == 3)
}
