// KernelCommandLine: /proc/cmdline split into parameters the way the kernel splits its own.

/// The kernel command line as a list of parameters.
///
/// Splitting follows the kernel's `next_arg()` (lib/cmdline.c): parameters are separated by
/// white space outside double quotes; the first `=` (not at the start) separates the key from
/// the value; one pair of surrounding quotes is removed from the value, or from the whole
/// parameter when it starts with a quote. A bare `--` ends the kernel's parameters: what
/// follows belongs to init and is not read (`parse_args` stops there too).
public struct KernelCommandLine: Equatable, Sendable {
    /// One `key` or `key=value` parameter.
    public struct Parameter: Equatable, Sendable {
        public var key: String
        /// nil for a bare `key`; "" for `key=`.
        public var value: String?

        public init(key: String, value: String? = nil) {
            self.key = key
            self.value = value
        }
    }

    public var parameters: [Parameter]

    public init(parameters: [Parameter] = []) {
        self.parameters = parameters
    }

    /// Splits `text` (the contents of /proc/cmdline, trailing newline included or not).
    public static func parse(_ text: String) -> KernelCommandLine {
        let bytes = Array(text.utf8)
        let quote: UInt8 = 0x22
        var parameters: [Parameter] = []
        var index = 0
        while index < bytes.count {
            while index < bytes.count, TextScan.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { break }
            var start = index
            var inQuote = false
            let quoted = bytes[start] == quote
            if quoted {
                start += 1
                inQuote = true
            }
            var end = start
            var equals: Int?
            while end < bytes.count {
                let byte = bytes[end]
                if TextScan.isSpace(byte) && !inQuote { break }
                // next_arg() only takes an '=' past the first byte as the separator.
                if equals == nil, byte == 0x3D, end > start { equals = end }
                if byte == quote { inQuote.toggle() }
                end += 1
            }
            index = end
            var stop = end
            // A closing quote is dropped when the parameter or its value opened one.
            let valueQuoted = equals.map { $0 + 1 < end && bytes[$0 + 1] == quote } ?? false
            if (quoted || valueQuoted), stop > start, bytes[stop - 1] == quote { stop -= 1 }
            if !quoted, equals == nil, stop - start == 2, bytes[start] == 0x2D, bytes[start + 1] == 0x2D { break }
            if let equals, equals < stop {
                var valueStart = equals + 1
                if valueQuoted { valueStart += 1 }
                let value = valueStart <= stop ? String(decoding: bytes[valueStart..<stop], as: UTF8.self) : ""
                parameters.append(Parameter(key: String(decoding: bytes[start..<equals], as: UTF8.self), value: value))
            } else {
                parameters.append(Parameter(key: String(decoding: bytes[start..<stop], as: UTF8.self)))
            }
        }
        return KernelCommandLine(parameters: parameters)
    }

    /// The value of the last `key=value` for `key` (later parameters override earlier ones,
    /// as for dracut's `getarg`); nil when absent or given without a value.
    public func value(_ key: String) -> String? {
        parameters.last { $0.key == key && $0.value != nil }?.value
    }

    /// True when `key` appears, with or without a value.
    public func contains(_ key: String) -> Bool {
        parameters.contains { $0.key == key }
    }

    /// dracut's `getargbool` reading of `key`: nil when absent; false for `0`, `no`, `off`;
    /// true for a bare `key` or any other value.
    public func flag(_ key: String) -> Bool? {
        guard let last = parameters.last(where: { $0.key == key }) else { return nil }
        guard let value = last.value else { return true }
        switch value {
        case "0", "no", "off", "false": return false
        default: return true
        }
    }
}
