import TCPStepCore

/// How many terminal columns text occupies, computed in pure Swift (no `wcwidth`, no locale).
///
/// The rules follow Unicode East Asian Width, as terminals do: Wide and Fullwidth characters
/// (CJK, Hangul, fullwidth forms, emoji) take two columns, combining marks and format characters
/// none, everything else one. The result must agree with glibc's `wcwidth`, which curses uses
/// to place glyphs; it was checked against it for every assigned scalar of U+0020–U+3FFFD
/// (Swift and glibc may still differ on characters newer than glibc's Unicode tables). Box drawing and arrows (`─ │ ▶ ◀ ✗`) are "ambiguous" in Unicode;
/// we count them as one column, like glibc and nearly every Western terminal setting.
enum DisplayWidth {
    /// Inclusive scalar ranges that are East Asian Wide or Fullwidth.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100 ... 0x115F,  // Hangul Jamo initial consonants
        0x2329 ... 0x232A,  // angle brackets 〈 〉
        0x2E80 ... 0x303E,  // CJK radicals, Kangxi, ideographic punctuation (U+303F is narrow)
        0x3041 ... 0xA4CF,  // kana, bopomofo, CJK unified ideographs, Yi
        0xA960 ... 0xA97F,  // Hangul Jamo Extended-A
        0xAC00 ... 0xD7A3,  // Hangul syllables
        0xF900 ... 0xFAFF,  // CJK compatibility ideographs
        0xFE10 ... 0xFE19,  // vertical forms
        0xFE30 ... 0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00 ... 0xFF60,  // fullwidth ASCII
        0xFFE0 ... 0xFFE6,  // fullwidth signs
        0x16FE0 ... 0x16FE4,  // ideographic symbols (Tangut, Nushu iteration marks)
        0x16FF0 ... 0x16FF1,
        0x17000 ... 0x18D08,  // Tangut, Khitan small script
        0x1AFF0 ... 0x1B2FF,  // kana supplements, Nushu
        0x1F200 ... 0x1F265,  // enclosed ideographs 🈀 🉐
        0x20000 ... 0x3FFFD,  // CJK extensions B and later
        // Pictographs (U+1F300–1FAFF) are wide only when they default to emoji presentation;
        // text-style ones such as 🌡 🕨 are narrow. That rule is applied below, as glibc does.
    ]

    /// Format characters that are nevertheless visible: Arabic number signs and friends
    /// ("prepended concatenation marks").
    private static let visibleFormatCharacters: [ClosedRange<UInt32>] = [
        0x0600 ... 0x0605, 0x06DD ... 0x06DD, 0x070F ... 0x070F, 0x0890 ... 0x0891, 0x08E2 ... 0x08E2,
        0x110BD ... 0x110BD, 0x110CD ... 0x110CD,
    ]

    /// Columns for one scalar: 0, 1 or 2.
    static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value == 0 ? 0 : 1 }  // fast path: Latin, and controls count 1 (see `sanitized`)
        if value >= 0x2000 && value < 0x2C00 { return Int(symbolWidths[Int(value - 0x2000)]) }
        return slowColumns(of: scalar)
    }

    /// Punctuation, arrows, box drawing, shapes, dingbats (U+2000–U+2BFF): what the diagram is
    /// drawn with, unpacked from `symbolWidthRuns` once.
    private static let symbolWidths: [UInt8] = {
        var widths: [UInt8] = []
        widths.reserveCapacity(0xC00)
        for (count, width) in symbolWidthRuns { widths += repeatElement(width, count: Int(count)) }
        return widths
    }()

    /// `slowColumns` of U+2000…U+2BFF as runs of (how many scalars, their width), written out
    /// because working them out from Unicode's property tables at every start cost a tenth of an
    /// export's instructions and pulled those tables into memory. `DisplayWidthTableTests`
    /// checks every entry against `slowColumns` and prints the new runs when Unicode changes.
    static let symbolWidthRuns: [(UInt16, UInt8)] = [
        (11, 1), (5, 0), (26, 1), (5, 0), (49, 1), (5, 0), (1, 1), (10, 0),
        (96, 1), (33, 0), (553, 1), (2, 2), (13, 1), (2, 2), (190, 1), (4, 2),
        (3, 1), (1, 2), (2, 1), (1, 2), (521, 1), (2, 2), (21, 1), (2, 2),
        (50, 1), (12, 2), (43, 1), (1, 2), (19, 1), (1, 2), (13, 1), (1, 2),
        (8, 1), (2, 2), (17, 1), (2, 2), (5, 1), (2, 2), (8, 1), (1, 2),
        (5, 1), (1, 2), (21, 1), (1, 2), (7, 1), (2, 2), (1, 1), (1, 2),
        (4, 1), (1, 2), (2, 1), (1, 2), (7, 1), (1, 2), (4, 1), (2, 2),
        (28, 1), (1, 2), (35, 1), (1, 2), (1, 1), (1, 2), (4, 1), (3, 2),
        (1, 1), (1, 2), (61, 1), (3, 2), (24, 1), (1, 2), (14, 1), (1, 2),
        (859, 1), (2, 2), (51, 1), (1, 2), (4, 1), (1, 2), (170, 1),
    ]

    static func slowColumns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if isZeroWidth(scalar) { return 0 }
        if wideRanges.contains(where: { $0.contains(value) }) { return 2 }
        // Emoji that default to emoji presentation (⌚ ✅ ❌ ⭐ 🚀 …) are East Asian Wide too,
        // except the regional indicators that make up flags, which count one column each.
        if value >= 0x2000, scalar.properties.isEmojiPresentation, !(0x1F1E6 ... 0x1F1FF).contains(value) {
            return 2
        }
        return 1
    }

    /// Columns for one grapheme cluster as the grid stores it: the first scalar decides, except
    /// that an emoji-presentation selector (U+FE0F) widens a narrow emoji (`❤️`).
    static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        let base = columns(of: first)
        if base == 1, scalars.contains("\u{FE0F}"), first.properties.isEmoji { return 2 }
        return base
    }

    /// Columns for a whole string, after the same clean-up `CellGrid.put` applies.
    static func columns(of text: String) -> Int {
        text.reduce(0) { $0 + columns(of: sanitized($1)) }
    }

    /// Control characters would be drawn by curses as two cells (`^Z`) and would shift every
    /// column after them, so they never reach the grid: a tab becomes one space, any other
    /// control character a visible `?`.
    static func sanitized(_ character: Character) -> Character {
        guard let first = character.unicodeScalars.first, TerminalText.isControl(first) else {
            return character
        }
        return first == "\t" ? " " : "?"
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        // Hangul medial vowels and final consonants join the syllable before them.
        case 0x1160 ... 0x11FF, 0xD7B0 ... 0xD7FF: return true
        case 0x00AD: return false  // soft hyphen: a format character, but terminals show it
        default: break
        }
        if visibleFormatCharacters.contains(where: { $0.contains(scalar.value) }) { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }
}

extension CellGrid {
    /// Terminal columns `text` occupies when put into a grid (CJK and emoji count 2, combining
    /// marks 0, box drawing and arrows 1, a control character 1 because it is shown as `?`).
    public static func displayWidth(of text: String) -> Int {
        DisplayWidth.columns(of: text)
    }

    /// Terminal columns one character occupies: 0, 1 or 2.
    public static func displayWidth(of character: Character) -> Int {
        DisplayWidth.columns(of: DisplayWidth.sanitized(character))
    }

    /// The longest prefix of `text` that fits in `width` columns. When `ellipsis` is given and
    /// the text had to be cut, it replaces the last character(s) that fit.
    public static func clip(_ text: String, toWidth width: Int, ellipsis: Character? = nil) -> String {
        guard width > 0 else { return "" }
        if displayWidth(of: text) <= width { return text }
        let ellipsisWidth = ellipsis.map { displayWidth(of: $0) } ?? 0
        let budget = max(0, width - ellipsisWidth)
        var result = ""
        var used = 0
        for character in text {
            let columns = displayWidth(of: character)
            if used + columns > budget { break }
            result.append(character)
            used += columns
        }
        if let ellipsis, ellipsisWidth <= width { result.append(ellipsis) }
        return result
    }
}
