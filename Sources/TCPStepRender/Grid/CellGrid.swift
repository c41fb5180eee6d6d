/// A screen-sized rectangle of styled cells: everything tcpstep shows is drawn into one of
/// these by pure code, then painted by the terminal adapter or exported as text.
///
/// Coordinates are columns (`x`, from 0 at the left) and rows (`y`, from 0 at the top).
/// Writes outside the grid are clipped silently, so layout code may draw without bounds checks.
///
/// Wide glyphs (CJK, emoji) occupy two cells: the glyph, then a `continuation` cell. The grid
/// keeps that pairing intact: a wide glyph that would straddle an edge becomes a space, and
/// overwriting either half of a wide glyph blanks the other half.
public struct CellGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    /// A grid of blank cells in `style` (plain by default). Negative sizes count as 0.
    public init(width: Int, height: Int, style: CellStyle = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: GridRect { GridRect(x: 0, y: 0, width: width, height: height) }

    /// True when (x, y) is a cell of the grid.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && x < width && y >= 0 && y < height
    }

    /// The cell at (x, y); a plain blank outside the grid.
    public subscript(x x: Int, y y: Int) -> Cell {
        contains(x: x, y: y) ? cells[y * width + x] : .blank()
    }

    /// The style of the cell at (x, y), or nil outside the grid.
    public func style(at x: Int, y: Int) -> CellStyle? {
        contains(x: x, y: y) ? cells[y * width + x].style : nil
    }

    // MARK: Writing text

    /// Writes `text` from (x, y) rightwards on one row and returns how many columns of the grid
    /// it wrote (0 when the row is outside the grid or everything was clipped).
    ///
    /// Text is clipped at both edges; a wide glyph cut by an edge is drawn as a space. Control
    /// characters are shown as `?` (a tab as a space) so they cannot shift the columns after them.
    /// Zero-width characters on their own are skipped.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain) -> Int {
        guard y >= 0, y < height else { return 0 }
        var column = x
        var written = 0
        for character in text {
            if column >= width { break }
            written += put(character: character, x: column, y: y, style: style)
            column += Self.displayWidth(of: character)
        }
        return written
    }

    /// Writes one character at (x, y) and returns how many grid columns it wrote: 2 for a wide
    /// glyph that fits, 1 for a narrow one or for the space that replaces a wide glyph cut by
    /// an edge, 0 when nothing was written.
    @discardableResult
    public mutating func put(character: Character, x: Int, y: Int, style: CellStyle = .plain) -> Int {
        let glyph = DisplayWidth.sanitized(character)
        let columns = DisplayWidth.columns(of: glyph)
        guard columns > 0, y >= 0, y < height else { return 0 }
        if columns == 2, x >= 0, x + 1 < width {
            setGlyph(glyph, x: x, y: y, style: style)
            detachWideGlyph(overlapping: x + 1, y: y)
            cells[y * width + x + 1] = Cell(content: .continuation, style: style)
            return 2
        }
        // A wide glyph with one half outside the grid: draw a space in the half that is inside.
        let first = max(0, x), end = min(width, x + columns)
        guard first < end else { return 0 }
        for column in first ..< end {
            setGlyph(columns == 2 ? " " : glyph, x: column, y: y, style: style)
        }
        return end - first
    }

    /// Fills `rect` (clipped to the grid) with `character` in `style`; a space by default, which
    /// paints a background. A wide `character` fills every other column.
    public mutating func fill(_ rect: GridRect, with character: Character = " ", style: CellStyle = .plain) {
        let area = rect.clamped(to: bounds)
        let step = max(1, Self.displayWidth(of: character))
        for y in area.rows {
            for x in stride(from: area.x, to: area.x + area.width, by: step) {
                put(character: character, x: x, y: y, style: style)
            }
        }
    }

    /// Blanks whole rows (clipped to the grid) in `style`.
    public mutating func fill(rows: Range<Int>, style: CellStyle = .plain) {
        fill(GridRect(x: 0, y: rows.lowerBound, width: width, height: rows.count), style: style)
    }

    /// Changes the style of every cell in `rect` (clipped to the grid) and keeps the glyphs:
    /// for highlighting a row that is already drawn.
    public mutating func restyle(_ rect: GridRect, style: CellStyle) {
        let area = rect.clamped(to: bounds)
        for y in area.rows {
            for x in area.columns {
                cells[y * width + x].style = style
            }
        }
    }

    // MARK: Keeping wide glyphs whole

    /// Puts a narrow glyph into one cell after making sure no wide glyph is left half-covered.
    private mutating func setGlyph(_ glyph: Character, x: Int, y: Int, style: CellStyle) {
        detachWideGlyph(overlapping: x, y: y)
        cells[y * width + x] = Cell(content: .glyph(glyph), style: style)
    }

    /// If cell (x, y) is half of a wide glyph, blanks the other half (keeping its style), so the
    /// cell can be overwritten on its own.
    private mutating func detachWideGlyph(overlapping x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1].content = .glyph(" ")
        }
        if !cells[index].isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].content = .glyph(" ")
        }
        cells[index].content = .glyph(" ")
    }
}
