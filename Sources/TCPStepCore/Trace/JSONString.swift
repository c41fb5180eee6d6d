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
        return escaped(Array(value.utf8), forScript: forScript)
    }

    /// Byte by byte, copying the stretches between escapes whole. Every character escaped is
    /// ASCII except U+2028/U+2029 (E2 80 A8/A9), and UTF-8 never hides an ASCII byte or that
    /// sequence inside another character, so bytes are as safe as scalars here — and an arrow
    /// (E2 86 92, in every narration) no longer sends a whole text down a scalar-by-scalar path.
    private static func escaped(_ bytes: [UInt8], forScript: Bool) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(bytes.count + 16)
        var copiedUpTo = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var width = 1
            let escape: String?
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x09: escape = "\\t"
            case ..<0x20:
                let hex = String(byte, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            case 0x3C where forScript: escape = "\\u003c"
            case 0x3E where forScript: escape = "\\u003e"
            case 0x26 where forScript: escape = "\\u0026"
            case 0xE2 where forScript && index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                width = 3
            default: escape = nil
            }
            if let escape {
                out += bytes[copiedUpTo ..< index]
                out += escape.utf8
                index += width
                copiedUpTo = index
            } else {
                index += 1
            }
        }
        out += bytes[copiedUpTo...]
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
