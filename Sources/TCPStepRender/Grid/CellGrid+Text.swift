// Plain-text views of a grid: for `tcpstep render` exports and for tests that compare rows.

extension CellGrid {
    /// A grid holding `lines`, one per row, in `style`; as wide as the widest line unless
    /// `width` is given. Handy for tests that state the expected screen as a picture.
    public init(lines: [String], width: Int? = nil, style: CellStyle = .plain) {
        let widest = lines.map { Self.displayWidth(of: $0) }.max() ?? 0
        self.init(width: width ?? widest, height: lines.count)
        for (y, line) in lines.enumerated() {
            put(line, x: 0, y: y, style: style)
        }
    }

    /// The glyphs of row `y` as plain text: continuation cells omitted (the wide glyph already
    /// stands for them), trailing spaces trimmed. Empty outside the grid.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var line = ""
        for cell in cells[y * width ..< (y + 1) * width] {
            if let glyph = cell.glyph { line.append(glyph) }
        }
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Every row, trimmed as in `row(_:)`, joined by "\n" (no final newline).
    public var text: String {
        (0 ..< height).map(row).joined(separator: "\n")
    }
}
