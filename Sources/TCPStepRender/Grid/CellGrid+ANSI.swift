// The grid as text with SGR escape sequences, for `--color` exports: what a terminal shows when
// the text is printed, without curses.

extension CellGrid {
    /// Every row with SGR colour and attribute sequences, joined by "\n" (no final newline).
    /// A sequence is written only where the style changes, every row that changed style ends
    /// with a reset, and trailing blank cells with no visible style are trimmed.
    public var ansiText: String {
        (0 ..< height).map(ansiRow).joined(separator: "\n")
    }

    /// Row `y` as in `ansiText`.
    public func ansiRow(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        let rowCells = cells[y * width ..< (y + 1) * width]
        let end = rowCells.lastIndex(where: { !$0.isInvisibleBlank }).map { $0 + 1 } ?? rowCells.startIndex
        var line = ""
        var current = CellStyle.plain
        for cell in rowCells[rowCells.startIndex ..< end] {
            guard let glyph = cell.glyph else { continue }
            if cell.style != current {
                line += Self.sgr(for: cell.style)
                current = cell.style
            }
            line.append(glyph)
        }
        if current != .plain { line += Self.sgr(for: .plain) }
        return line
    }

    /// One SGR sequence that resets, then sets exactly `style`: `ESC [ 0 ; … m`.
    static func sgr(for style: CellStyle) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.underline { codes.append("4") }
        if style.reverse { codes.append("7") }
        if let index = style.fg.ansiIndex { codes.append(String(index < 8 ? 30 + index : 90 + index - 8)) }
        if let index = style.bg.ansiIndex { codes.append(String(index < 8 ? 40 + index : 100 + index - 8)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}

extension Cell {
    /// A space that looks like nothing: no background, no reverse, no underline.
    var isInvisibleBlank: Bool {
        glyph == " " && style.bg == .default && !style.reverse && !style.underline
    }
}
