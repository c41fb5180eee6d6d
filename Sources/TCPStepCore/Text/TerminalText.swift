/// Text that came from outside (a scenario file, an option, a file name) on its way to a
/// terminal. A control character there is not text but a command to the terminal: ESC starts
/// sequences that retitle the window or clear the screen, BEL rings, CR overwrites the line. So
/// every output shows control characters as visible escapes (`\e`, `\a`, `\u{9B}`), and the
/// cell grid, which has one cell per character, shows them as `?` (see `DisplayWidth.sanitized`).
/// JSON has its own escaping.
public enum TerminalText {
    /// General category Cc: exactly U+0000–U+001F and U+007F–U+009F (C0, DEL and C1, where
    /// U+009B is a one-character CSI for many terminals).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    /// `text` with every control character written as a visible escape; unchanged (and not
    /// copied) when it has none. `keepingNewlines` leaves line feeds alone, for messages that
    /// span lines on purpose (usage text).
    public static func visible(_ text: String, keepingNewlines: Bool = false) -> String {
        let mustEscape = { (scalar: Unicode.Scalar) in isControl(scalar) && !(keepingNewlines && scalar == "\n") }
        guard text.unicodeScalars.contains(where: mustEscape) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
        for scalar in text.unicodeScalars {
            guard mustEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            result += escape(scalar)
        }
        return result
    }

    /// `\e` for ESC and the C escapes for the common ones; `\u{XX}` for the rest.
    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{1B}": return "\\e"
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\u{0B}": return "\\v"
        case "\u{0C}": return "\\f"
        case "\0": return "\\0"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
