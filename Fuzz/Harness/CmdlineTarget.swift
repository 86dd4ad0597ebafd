// cmdline: the kernel command line (KernelCommandLine, BootOptions, RootSpec).

extension FuzzTargets {
    /// Input: /proc/cmdline.
    ///
    /// Asserts: no more parameters than runs of non-blank bytes; without any `"` in the
    /// text no key or value holds a blank (only quotes carry blanks); written
    /// out again (blank-free keys and values as they are, `key=value`) the parameters parse
    /// to the same list; `value` is the last valued parameter of a key; `BootOptions`
    /// keeps only a known find_multipaths mode, counts in range, and diagnostics that name
    /// the kernel command line; `RootSpec.parse` takes every value without trapping.
    public static func cmdline(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        let parsed = KernelCommandLine.parse(text)
        let bytes = Array(text.utf8)
        var runs = 0
        var previousBlank = true
        for byte in bytes {
            let blank = TextScan.isSpace(byte)
            if !blank && previousBlank { runs += 1 }
            previousBlank = blank
        }
        fuzzCheck(parsed.parameters.count <= runs, "\(parsed.parameters.count) parameters from \(runs) words")

        let quote = UInt8(ascii: "\""), equals = UInt8(ascii: "=")
        var simple = true
        var rebuilt = ""
        for parameter in parsed.parameters {
            let key = Array(parameter.key.utf8)
            let value = parameter.value.map { Array($0.utf8) } ?? []
            if !bytes.contains(quote) {
                fuzzCheck(!key.contains(where: TextScan.isSpace) && !value.contains(where: TextScan.isSpace),
                          "blank in an unquoted parameter: \(fuzzHex(key)) = \(fuzzHex(value))")
            }
            // Only plain parameters have one spelling to compare against.
            if key.isEmpty || key.contains(quote) || key.contains(equals) || value.contains(quote)
                || key.contains(where: TextScan.isSpace) || value.contains(where: TextScan.isSpace)
                || (parameter.value == nil && parameter.key == "--") {
                simple = false
            }
            if !rebuilt.isEmpty { rebuilt += " " }
            rebuilt += parameter.key
            if let v = parameter.value { rebuilt += "=" + v }
        }
        if simple {
            fuzzCheck(KernelCommandLine.parse(rebuilt) == parsed, "parameters do not round-trip: \(fuzzHex(bytes))")
        }
        for parameter in parsed.parameters.prefix(16) {
            let last = parsed.parameters.last { $0.key == parameter.key && $0.value != nil }
            fuzzCheck(parsed.value(parameter.key) == last?.value, "value(\(parameter.key)) is not the last one")
            fuzzCheck(parsed.contains(parameter.key), "contains(\(parameter.key)) is false")
            if let value = parameter.value { _ = RootSpec.parse(value) }
        }

        let boot = BootOptions.from(parsed)
        if let mode = boot.options.findMultipaths {
            fuzzCheck(BootOptions.findMultipathsModes.contains(mode), "find_multipaths '\(mode)' kept")
        }
        if let seconds = boot.options.waitSeconds { fuzzCheck(seconds >= 0 && seconds <= 3600, "wait \(seconds)") }
        if let paths = boot.options.minPaths { fuzzCheck(paths >= 0 && paths <= 1024, "min_paths \(paths)") }
        for diagnostic in boot.diagnostics {
            fuzzCheck(diagnostic.subject == "kernel command line", "diagnostic about '\(diagnostic.subject)'")
        }
        if let root = parsed.value("root") { _ = RootSpec.parse(root) }
    }
}
