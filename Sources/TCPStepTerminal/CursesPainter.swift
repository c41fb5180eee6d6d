import CNcursesw
import TCPStepRender

/// Copies a `CellGrid` into curses' window, cell by cell. curses then compares that window with
/// what is on the terminal and sends only the difference, so a full redraw per frame is cheap
/// and the screen is never cleared (no flicker).
struct CursesPainter {
    /// Whether non-ASCII glyphs can be shown; otherwise they are drawn as `?`.
    let isUTF8: Bool
    /// Colour pairs handed out so far, one per (foreground, background) combination.
    private var pairs: [ColorKey: Int16] = [:]
    /// Terminal capabilities, read once after `start_color`.
    private let hasColors: Bool
    private let colorCount: Int
    private let pairLimit: Int
    /// False when the terminal cannot keep its own default colours (`use_default_colors` failed).
    private let hasDefaultColors: Bool
    /// The grid painted last, and the window size it was painted at: cells that did not change
    /// since are already in curses' window, so only the changed ones are copied (a step changes
    /// a few hundred of a 250×70 screen's 17,500 cells).
    private var previous: (grid: CellGrid, width: Int, height: Int)?

    private struct ColorKey: Hashable {
        var fg: Int16
        var bg: Int16
    }

    /// Call after `start_color()` / `use_default_colors()`; `hasDefaultColors` is the latter's
    /// success.
    init(isUTF8: Bool, hasDefaultColors: Bool) {
        self.isUTF8 = isUTF8
        self.hasColors = has_colors()
        self.colorCount = Int(cw_colors())
        self.pairLimit = Int(cw_color_pairs())
        self.hasDefaultColors = hasDefaultColors
    }

    /// Draws `grid` into `window` (clipped to the window, blanks where the grid is smaller) and
    /// updates the terminal.
    mutating func paint(_ grid: CellGrid, into window: UnsafeMutablePointer<WINDOW>) {
        let height = Int(getmaxy(window))
        let width = Int(getmaxx(window))
        var cchar = cchar_t()
        let unchanged = previous.flatMap { last in
            last.width == width && last.height == height && last.grid.width == grid.width
                && last.grid.height == grid.height ? last.grid : nil
        }
        for y in 0 ..< height {
            for x in 0 ..< width {
                let cell = grid[x: x, y: y]  // a plain blank outside the grid
                if let unchanged, unchanged[x: x, y: y] == cell { continue }
                guard let glyph = drawableGlyph(cell, x: x, width: width) else { continue }
                let (attributes, pair) = attributesAndPair(for: cell.style)
                if setGlyph(glyph, attributes: attributes, pair: pair, into: &cchar) != OK {
                    _ = cw_setcchar1(&cchar, wchar_t(UInt8(ascii: "?")), attributes, pair)
                }
                // ERR for the bottom-right cell is expected (the cursor cannot advance past it);
                // the glyph is drawn all the same.
                _ = mvwadd_wch(window, Int32(y), Int32(x), &cchar)
            }
        }
        previous = (grid, width, height)
        wnoutrefresh(window)
        doupdate()
    }

    /// Forget what was painted (after a resize curses may have reset its window).
    mutating func invalidate() { previous = nil }

    /// What to draw for `cell` at column `x`, or nil when the wide glyph to the left covers it.
    private func drawableGlyph(_ cell: Cell, x: Int, width: Int) -> Character? {
        guard let glyph = cell.glyph else {
            // Without UTF-8 the wide glyph to the left became one `?`; fill its other half.
            return isUTF8 ? nil : " "
        }
        if !isUTF8, !glyph.isASCII { return "?" }
        // The grid is wider than the window and this wide glyph would be cut in half.
        if x == width - 1, CellGrid.displayWidth(of: glyph) == 2 { return " " }
        return glyph
    }

    /// Fills `cchar` with the glyph: its first scalar plus up to four combining marks (curses'
    /// CCHARW_MAX is 5). Other scalars of a cluster (zero-width joiners of emoji sequences) are
    /// dropped, because curses accepts only non-spacing characters after the first.
    private func setGlyph(_ glyph: Character, attributes: attr_t, pair: Int16, into cchar: inout cchar_t) -> Int32 {
        let scalars = glyph.unicodeScalars
        guard let first = scalars.first else { return ERR }
        let marks = scalars.dropFirst().prefix { scalar in
            let category = scalar.properties.generalCategory
            return category == .nonspacingMark || category == .enclosingMark
        }
        if marks.isEmpty {
            return cw_setcchar1(&cchar, wchar_t(bitPattern: first.value), attributes, pair)
        }
        var text = ([first] + marks.prefix(Int(CCHARW_MAX) - 1)).map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        return setcchar(&cchar, text, attributes, pair, nil)
    }

    /// curses attributes plus a colour pair for `style`. On terminals with only eight colours a
    /// bright colour becomes its normal hue in bold.
    private mutating func attributesAndPair(for style: CellStyle) -> (attr_t, Int16) {
        var attributes = CW_A_NORMAL
        if style.bold { attributes |= CW_A_BOLD }
        if style.dim { attributes |= CW_A_DIM }
        if style.reverse { attributes |= CW_A_REVERSE }
        if style.underline { attributes |= CW_A_UNDERLINE }
        guard hasColors, style.hasColor else { return (attributes, 0) }
        if colorCount < 16, style.fg.isBright { attributes |= CW_A_BOLD }
        let key = ColorKey(fg: cursesColor(style.fg, isForeground: true), bg: cursesColor(style.bg, isForeground: false))
        return (attributes, pair(for: key))
    }

    /// The pair for `key`, allocated on first use; pair 0 (default colours) once the terminal
    /// has no pairs left.
    private mutating func pair(for key: ColorKey) -> Int16 {
        if let pair = pairs[key] { return pair }
        let next = pairs.count + 1
        guard next < pairLimit, next <= Int(Int16.max) else { return 0 }
        guard init_pair(Int16(next), key.fg, key.bg) == OK else { return 0 }
        pairs[key] = Int16(next)
        return Int16(next)
    }

    /// The curses colour number: -1 for the terminal default (white on black if the terminal
    /// cannot keep its default), the palette index otherwise, folded to 0–7 on 8-colour terminals.
    private func cursesColor(_ color: TerminalColor, isForeground: Bool) -> Int16 {
        guard let index = color.ansiIndex else {
            if hasDefaultColors { return -1 }
            return Int16(isForeground ? COLOR_WHITE : COLOR_BLACK)
        }
        return Int16(colorCount >= 16 ? index : index % 8)
    }
}
