import CNcursesw
import Glibc

/// The locale must be chosen before curses starts: in the C locale ncurses silently drops every
/// non-ASCII glyph (blank cells, no error). See ncurses-swift.md §3.7.
enum LocaleSetup {
    /// Adopts the user's locale and reports whether text is UTF-8.
    ///
    /// When the environment asks for UTF-8 (`LANG=en_US.UTF-8`) but that locale is not installed,
    /// `setlocale` falls back to ASCII; we then switch the character type to `C.UTF-8`, because
    /// the terminal almost certainly speaks UTF-8. When the environment does not ask for UTF-8
    /// at all we believe it, and the caller should draw with ASCII glyphs.
    static func adoptUserLocale() -> Bool {
        _ = setlocale(LC_ALL, "")
        // Numbers are formatted by our own code; keep C's decimal point whatever the user's locale.
        _ = setlocale(LC_NUMERIC, "C")
        if isUTF8 { return true }
        if environmentAsksForUTF8 { _ = setlocale(LC_CTYPE, "C.UTF-8") }
        return isUTF8
    }

    /// Makes the character type UTF-8 whatever the environment says: for off-screen sessions,
    /// whose output goes to a file rather than to a person's terminal.
    static func forceUTF8() -> Bool {
        if !isUTF8 { _ = setlocale(LC_CTYPE, "C.UTF-8") }
        return isUTF8
    }

    /// True when the current LC_CTYPE encodes text as UTF-8.
    static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        return String(cString: codeset) == "UTF-8"
    }

    /// The variable that decides LC_CTYPE (LC_ALL, then LC_CTYPE, then LANG) names UTF-8.
    private static var environmentAsksForUTF8: Bool {
        let names: [String] = ["LC_ALL", "LC_CTYPE", "LANG"]
        for name in names {
            guard let raw = getenv(name) else { continue }
            let value = String(cString: raw).lowercased()
            if value.isEmpty { continue }
            return value.contains("utf-8") || value.contains("utf8")
        }
        return false
    }
}
