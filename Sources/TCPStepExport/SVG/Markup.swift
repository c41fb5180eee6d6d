/// Text made safe for each output language, and numbers written the short way, without Foundation.
enum Markup {
    /// Copies `text` scalar by scalar, writing `special(scalar)` where it gives a replacement,
    /// a space for a line break or tab, and dropping the other control characters (C0, DEL, C1,
    /// U+FFFE/FFFF): a title with an escape sequence must neither break a file nor paint anything.
    static func transform(_ text: String, _ special: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if let replacement = special(scalar) {
                result += replacement
            } else if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                result += " "
            } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                continue
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// XML and HTML text and attribute values: the five specials as entities.
    static func escape(_ text: String) -> String {
        // Labels and state names need no escape: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF }) {
            return text
        }
        return transform(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }

    /// "12", "12.5", "-3.3": one decimal at most, which is finer than any screen shows.
    static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10, fraction = abs(tenths % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
    }
}
