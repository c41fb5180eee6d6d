/// Greedy word wrap by display width, for English and Chinese alike.
///
/// Lines break at spaces and also next to a wide (CJK) character, since Chinese is written
/// without spaces; but never before closing punctuation ("，。）" or ", . )") nor after opening
/// punctuation ("（“"), so that no line starts with a comma. A word longer than a line is
/// broken where the line ends. Lines never end in a space.
public enum WordWrap {
    /// `text` in lines of at most `width` columns; "\n" starts a new line.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for piece in pieces(of: paragraph) {
                let gap = piece.spaceBefore && !line.isEmpty ? 1 : 0
                if lineWidth + gap + piece.width <= width {
                    line += (gap == 1 ? " " : "") + piece.text
                    lineWidth += gap + piece.width
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                var rest = Substring(piece.text)
                while CellGrid.displayWidth(of: String(rest)) > width {
                    // At least one character per line, even a wide one on a one-column line.
                    let head = CellGrid.clip(String(rest), toWidth: width)
                    let taken = max(1, head.count)
                    lines.append(String(rest.prefix(taken)))
                    rest = rest.dropFirst(taken)
                }
                line = String(rest)
                lineWidth = CellGrid.displayWidth(of: line)
            }
            lines.append(line)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// A run of text that is never broken (unless longer than a line), and whether a space
    /// separated it from the run before.
    struct Piece: Equatable {
        var text: String
        var width: Int
        var spaceBefore: Bool
    }

    static func pieces(of paragraph: Substring) -> [Piece] {
        var pieces: [Piece] = []
        var current = "", spaceBefore = false
        var previous: Character?
        func flush() {
            guard !current.isEmpty else { return }
            pieces.append(Piece(text: current, width: CellGrid.displayWidth(of: current), spaceBefore: spaceBefore))
            current = ""
            spaceBefore = false
        }
        for character in paragraph {
            if character == " " {
                flush()
                spaceBefore = true
                previous = nil
                continue
            }
            if let previous, canBreak(between: previous, and: character) { flush() }
            current.append(character)
            previous = character
        }
        flush()
        return pieces
    }

    /// True when a line may end after `left` and the next begin with `right` (no space between).
    static func canBreak(between left: Character, and right: Character) -> Bool {
        guard CellGrid.displayWidth(of: left) == 2 || CellGrid.displayWidth(of: right) == 2 else { return false }
        return !noLineStart.contains(right) && !noLineEnd.contains(left)
    }

    /// Closing punctuation, Chinese and Western: it stays with the text before it.
    static let noLineStart: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’", "》", "〉", "】", "…",
        ",", ".", ";", ":", "?", "!", ")", "]", "}", "%",
    ]
    /// Opening punctuation: it stays with the text after it.
    static let noLineEnd: Set<Character> = ["（", "「", "『", "“", "‘", "《", "〈", "【", "(", "[", "{"]
}
