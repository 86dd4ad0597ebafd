// The kernel command line: splitting as next_arg() does, and the options mpathboot reads.
import Testing
@testable import MultipathCore

private func pairs(_ text: String) -> [String] {
    KernelCommandLine.parse(text).parameters.map { p in p.value.map { "\(p.key)=[\($0)]" } ?? p.key }
}

@Test func cmdlineSplitsLikeTheKernel() {
    #expect(pairs("BOOT_IMAGE=/vmlinuz root=UUID=1234-ab ro quiet\n")
            == ["BOOT_IMAGE=[/vmlinuz]", "root=[UUID=1234-ab]", "ro", "quiet"])
    #expect(pairs("  a=  b=\t c ") == ["a=[]", "b=[]", "c"])
    #expect(pairs("=x y") == ["=x", "y"])
}

@Test func cmdlineQuotesGroupAndAreStripped() {
    #expect(pairs("mpt.args=\"-v3 --kmsg\" next") == ["mpt.args=[-v3 --kmsg]", "next"])
    #expect(pairs("\"quoted param=with space\" x") == ["quoted param=[with space]", "x"])
    #expect(pairs("a=\"") == ["a=[]"])
    #expect(pairs("\"") == [""])
    #expect(pairs("a=\"unterminated value") == ["a=[unterminated value]"])
}

@Test func cmdlineStopsAtDoubleDash() {
    #expect(pairs("ro -- rd.multipath=0 single") == ["ro"])
    #expect(pairs("ro --x") == ["ro", "--x"])
}

@Test func cmdlineLastValueWinsAndFlagsReadLikeGetargbool() {
    let cmdline = KernelCommandLine.parse("rd.multipath=1 rd.multipath=0 mpathboot.debug x=off")
    #expect(cmdline.value("rd.multipath") == "0")
    #expect(cmdline.flag("rd.multipath") == false)
    #expect(cmdline.flag("mpathboot.debug") == true)
    #expect(cmdline.flag("x") == false)
    #expect(cmdline.flag("absent") == nil)
    #expect(cmdline.value("mpathboot.debug") == nil)
}

@Test func bootOptionsDisableSpellings() {
    let spellings = ["rd.multipath=0": "rd.multipath=0", "rd.multipath=off": "rd.multipath=off",
                     "rd_NO_MULTIPATH": "rd_NO_MULTIPATH", "nompath": "nompath",
                     "multipath=off": "multipath=off", "rd.mpathboot=0": "rd.mpathboot=0"]
    for (text, expected) in spellings {
        let options = BootOptions.from(KernelCommandLine.parse("root=/dev/sda1 \(text)")).options
        #expect(options.disabledBy == expected, "\(text)")
    }
    #expect(BootOptions.from(KernelCommandLine.parse("rd.multipath=1 rd.mpathboot")).options.disabledBy == nil)
    #expect(BootOptions.from(KernelCommandLine.parse("rd.multipath=default")).options.disabledBy == nil)
}

@Test func bootOptionsValuesAndTheirMistakes() {
    let good = BootOptions.from(KernelCommandLine.parse(
        "mpathboot.find_multipaths=yes mpathboot.wait=15 mpathboot.min_paths=4 rd.debug"))
    #expect(good.options == BootOptions(findMultipaths: "yes", waitSeconds: 15, minPaths: 4, debug: true))
    #expect(good.diagnostics.isEmpty)

    let bad = BootOptions.from(KernelCommandLine.parse(
        "mpathboot.find_multipaths=maybe mpathboot.wait=-1 mpathboot.min_paths=two mpathboot.wait"))
    #expect(bad.options == BootOptions())
    #expect(bad.diagnostics.map(\.text) == [
        "kernel command line: mpathboot.find_multipaths=maybe is not a find_multipaths mode (strict, yes, greedy, smart, no); ignored",
        "kernel command line: mpathboot.wait=-1 is not a whole number from 0 to 3600; ignored",
        "kernel command line: mpathboot.min_paths=two is not a whole number from 0 to 1024; ignored",
    ])
}
