/// A Swift string written as a JSON string literal: the one escaper of the trace contract and of
/// the exports that embed JSON.
public enum JSONString {
    /// `value` quoted. `forScript` also escapes `<`, `>`, `&`, U+2028 and U+2029, so that the
    /// literal can sit inside an HTML `<script>` (a title with `</script>` cannot end it).
    public static func quoted(_ value: String, forScript: Bool = false) -> String {
        // Most texts need no escape: copy them whole (a long trace's narration is megabytes).
        let needsEscape = value.utf8.contains { byte in
            byte < 0x20 || byte == 0x22 || byte == 0x5C
                || forScript && (byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2)
        }
        guard needsEscape else { return "\"" + value + "\"" }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "<" where forScript: out += "\\u003c"
            case ">" where forScript: out += "\\u003e"
            case "&" where forScript: out += "\\u0026"
            case "\u{2028}" where forScript: out += "\\u2028"
            case "\u{2029}" where forScript: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
