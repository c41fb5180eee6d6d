/// A three-row block-letter font for the presenter's state labels: "TIME_WAIT" as
///
///     ▀█▀ █ █▄ ▄█ █▀▀    █   █ █▀█ █ ▀█▀
///      █  █ █ ▀ █ █▀▀    █▄▀▄█ █▀█ █  █
///      ▀  ▀ ▀   ▀ ▀▀▀ ▀▀ ▀   ▀ ▀ ▀ ▀  ▀
///
/// Each glyph is a bitmap five pixels high (mostly three wide); two pixel rows share one
/// terminal row through the half blocks `▀ ▄ █`, so five pixels take three rows. With
/// `GlyphSet.ascii` the same bitmaps are drawn with `#`, `"` and `_`. Covers A–Z, 0–9 and `_`,
/// which is every state name; anything else makes `rows(_:glyphs:)` return nil.
public enum BlockLetters {
    /// Rows of text one label takes.
    public static let height = 3
    /// Blank columns between two glyphs.
    static let spacing = 1

    /// The label as `height` strings of equal display width, or nil when a character has no glyph.
    public static func rows(_ text: String, glyphs: GlyphSet) -> [String]? {
        // A set drawn only in ASCII (`--ascii`) gets ASCII letters too.
        let isASCII = glyphs.allGlyphs.allSatisfy(\.isASCII)
        var rows = Array(repeating: "", count: height)
        for (index, character) in text.uppercased().enumerated() {
            guard let bitmap = font[character] else { return nil }
            for row in 0 ..< height {
                if index > 0 { rows[row] += String(repeating: " ", count: spacing) }
                rows[row] += cells(of: bitmap, row: row, isASCII: isASCII)
            }
        }
        return rows
    }

    /// Columns `text` takes in block letters, or nil when a character has no glyph.
    public static func width(of text: String) -> Int? {
        var total = 0
        for (index, character) in text.uppercased().enumerated() {
            guard let bitmap = font[character] else { return nil }
            total += bitmap[0].count + (index > 0 ? spacing : 0)
        }
        return total
    }

    /// One terminal row of a glyph: pixel rows `2 × row` (top half) and `2 × row + 1` (bottom).
    private static func cells(of bitmap: [String], row: Int, isASCII: Bool) -> String {
        let top = Array(bitmap[2 * row])
        let bottom = 2 * row + 1 < bitmap.count ? Array(bitmap[2 * row + 1]) : []
        var text = ""
        for column in top.indices {
            let upper = top[column] == "#", lower = column < bottom.count && bottom[column] == "#"
            switch (upper, lower) {
            case (true, true): text.append(isASCII ? "#" : "█")
            // The last row holds only the fifth pixel row: a whole stroke, so `#` in ASCII.
            case (true, false): text.append(isASCII ? (bottom.isEmpty ? "#" : "\"") : "▀")
            case (false, true): text.append(isASCII ? "_" : "▄")
            case (false, false): text.append(" ")
            }
        }
        return text
    }

    /// Five pixel rows per glyph, `#` set and `.` clear. M, N and W need more than three
    /// columns to be told from H; I and `_` take fewer so that SYN_RECEIVED (45 columns) fits
    /// half of a 100-column header with room to spare.
    static let font: [Character: [String]] = [
        "A": ["###", "#.#", "###", "#.#", "#.#"],
        "B": ["##.", "#.#", "##.", "#.#", "##."],
        "C": ["###", "#..", "#..", "#..", "###"],
        "D": ["##.", "#.#", "#.#", "#.#", "##."],
        "E": ["###", "#..", "###", "#..", "###"],
        "F": ["###", "#..", "###", "#..", "#.."],
        "G": ["###", "#..", "#.#", "#.#", "###"],
        "H": ["#.#", "#.#", "###", "#.#", "#.#"],
        "I": ["#", "#", "#", "#", "#"],
        "J": ["..#", "..#", "..#", "#.#", "###"],
        "K": ["#.#", "#.#", "##.", "#.#", "#.#"],
        "L": ["#..", "#..", "#..", "#..", "###"],
        "M": ["#...#", "##.##", "#.#.#", "#...#", "#...#"],
        "N": ["#..#", "##.#", "#.##", "#..#", "#..#"],
        "O": ["###", "#.#", "#.#", "#.#", "###"],
        "P": ["###", "#.#", "###", "#..", "#.."],
        "Q": ["###", "#.#", "#.#", "###", "..#"],
        "R": ["##.", "#.#", "##.", "#.#", "#.#"],
        "S": ["###", "#..", "###", "..#", "###"],
        "T": ["###", ".#.", ".#.", ".#.", ".#."],
        "U": ["#.#", "#.#", "#.#", "#.#", "###"],
        "V": ["#.#", "#.#", "#.#", ".#.", ".#."],
        "W": ["#...#", "#...#", "#.#.#", "##.##", "#...#"],
        "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
        "Y": ["#.#", "#.#", "###", ".#.", ".#."],
        "Z": ["###", "..#", ".#.", "#..", "###"],
        "0": ["###", "#.#", "#.#", "#.#", "###"],
        "1": [".#.", "##.", ".#.", ".#.", "###"],
        "2": ["###", "..#", "###", "#..", "###"],
        "3": ["###", "..#", "###", "..#", "###"],
        "4": ["#.#", "#.#", "###", "..#", "..#"],
        "5": ["###", "#..", "###", "..#", "###"],
        "6": ["###", "#..", "###", "#.#", "###"],
        "7": ["###", "..#", "..#", "..#", "..#"],
        "8": ["###", "#.#", "###", "#.#", "###"],
        "9": ["###", "#.#", "###", "..#", "###"],
        "_": ["..", "..", "..", "..", "##"],
        " ": ["..", "..", "..", "..", ".."],
    ]
}
