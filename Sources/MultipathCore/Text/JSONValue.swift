// JSONValue: a tiny JSON model and serializer (Foundation's JSONEncoder does not exist in
// Embedded Swift). Keys keep their insertion order so reports read in a stable order.

/// A JSON value.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// An optional string as a string or null.
    public static func optional(_ value: String?) -> JSONValue {
        value.map { .string($0) } ?? .null
    }

    /// Compact JSON text (RFC 8259), strings escaped.
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Indented JSON text (two spaces per level, `"key": value`, one member per line; empty
    /// arrays and objects as `[]`, `{}`), ending in a newline: what people read and diff.
    public func pretty() -> String {
        var out = ""
        writePretty(to: &out, indent: "")
        out += "\n"
        return out
    }

    func writePretty(to out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .array(let values) where !values.isEmpty:
            out += "[\n"
            for (index, value) in values.enumerated() {
                out += inner
                value.writePretty(to: &out, indent: inner)
                out += index + 1 < values.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner
                JSONValue.writeString(member.0, to: &out)
                out += ": "
                member.1.writePretty(to: &out, indent: inner)
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            write(to: &out)
        }
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += "\(value)"
        case .uint(let value): out += "\(value)"
        case .string(let value): JSONValue.writeString(value, to: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                value.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(member.0, to: &out)
                out += ":"
                member.1.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        var bytes: [UInt8] = []
        bytes.append(0x22)
        // One escape byte per case, appended after the backslash. Not `bytes += [0x5C, x]`:
        // Embedded -Osize merged those two-element literals and wrote `\"` for a tab (the
        // EDD host_bus text; caught by tests/embedded/parity.sh on the installer-edd tree).
        for byte in text.utf8 {
            var escape: UInt8 = 0
            switch byte {
            case 0x22: escape = 0x22
            case 0x5C: escape = 0x5C
            case 0x0A: escape = 0x6E
            case 0x0D: escape = 0x72
            case 0x09: escape = 0x74
            default: break
            }
            if escape != 0 {
                bytes.append(0x5C)
                bytes.append(escape)
            } else if byte < 0x20 {
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(contentsOf: Hex.byte(byte).utf8)
            } else {
                bytes.append(byte)
            }
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
