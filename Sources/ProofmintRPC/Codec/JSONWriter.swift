import ProofmintCore

/// Serialises `JSONValue` with members in their stored order, so the same value always gives the same bytes.
public enum JSONWriter {
    /// Two-space indented output for people and files; compact output for requests.
    public static func write(_ value: JSONValue, pretty: Bool) -> String {
        var out = ""
        append(value, to: &out, pretty: pretty, indent: 0)
        return out
    }

    private static func append(_ value: JSONValue, to out: inout String, pretty: Bool, indent: Int) {
        switch value {
        case .null: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .number(text): out += text
        case let .string(text): appendString(text, to: &out)
        case let .array(items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                newline(&out, pretty: pretty, indent: indent + 1)
                append(item, to: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out += "]"
        case let .object(members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (position, member) in members.enumerated() {
                if position > 0 { out += "," }
                newline(&out, pretty: pretty, indent: indent + 1)
                appendString(member.0, to: &out)
                out += pretty ? ": " : ":"
                append(member.1, to: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, pretty: Bool, indent: Int) {
        guard pretty else { return }
        out += "\n"
        out += String(repeating: "  ", count: indent)
    }

    private static func appendString(_ text: String, to out: inout String) {
        out += "\""
        // Most strings (hex, names, numbers as text) need no escape: one append instead of one per scalar. UTF-8's
        // multi-byte sequences never hold a byte below 0x80, so scanning bytes finds exactly the scalars escaped below.
        guard text.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 || $0 == 0x7F }) else {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// Indented text, as printed by `--json` and stored in files.
    public var prettyText: String { JSONWriter.write(self, pretty: true) }

    /// One-line text, as sent to the node.
    public var compactText: String { JSONWriter.write(self, pretty: false) }
}
