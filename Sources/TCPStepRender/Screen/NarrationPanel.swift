/// The narration panel's lines: wrapped on words (Chinese per character, by display width), and
/// when still longer than the panel's rows, a window onto them that `[` and `]` move, marked
/// "[ more ↑" and "] more ↓" at the right edge. Nothing is ever cut with an ellipsis: what does
/// not fit is one key away, and the marker says which key.
public struct NarrationPanel: Hashable, Sendable {
    /// Every wrapped line of the narration.
    public let lines: [String]
    /// Rows the panel has on screen.
    public let rows: Int
    /// The first line shown: the scroll asked for, kept within the lines.
    public let first: Int
    /// Columns the text may use (the whole panel, less the markers' column when scrolling).
    public let textWidth: Int

    /// Lays `text` out in `rows` rows of `width` columns, scrolled down by `scroll` lines.
    /// `markerWidth` columns are kept free at the right for the markers when the text scrolls.
    public init(text: String, width: Int, rows: Int, scroll: Int, markerWidth: Int) {
        self.rows = max(0, rows)
        var wrapped = WordWrap.lines(text, width: max(1, width)), textWidth = width
        if wrapped.count > self.rows, width - markerWidth - 1 >= Self.minimumTextWidth {
            // Narrower, so that the markers never cover a word; the same width at every scroll
            // position, so lines do not re-flow while the lecturer scrolls.
            textWidth = width - markerWidth - 1
            wrapped = WordWrap.lines(text, width: textWidth)
        }
        lines = wrapped
        self.textWidth = textWidth
        first = min(max(0, scroll), max(0, wrapped.count - self.rows))
    }

    /// Below this the markers give way to the text (they are not worth a word a line).
    static let minimumTextWidth = 20

    /// The lines on screen now.
    public var visible: ArraySlice<String> { lines.dropFirst(first).prefix(rows) }
    /// The most the panel can scroll down.
    public var scrollMax: Int { max(0, lines.count - rows) }
    public var hasMoreAbove: Bool { first > 0 }
    public var hasMoreBelow: Bool { first + rows < lines.count }

    /// "] more ↓" and "[ more ↑" in `words`' language and `glyphs`.
    public static func markers(_ words: UIText, glyphs: GlyphSet) -> (above: String, below: String) {
        let ascii = glyphs.name == GlyphSet.ascii.name
        return ("[ " + words(.narrationMore) + " " + (ascii ? "^" : "↑"),
                "] " + words(.narrationMore) + " " + (ascii ? "v" : "↓"))
    }

    /// The widest marker, the columns to keep free for it.
    public static func markerWidth(_ words: UIText, glyphs: GlyphSet) -> Int {
        let (above, below) = markers(words, glyphs: glyphs)
        return max(CellGrid.displayWidth(of: above), CellGrid.displayWidth(of: below))
    }

    /// Paints the visible lines from (`x`, the first of `rowsOnScreen`) in `style`, and the markers
    /// right-aligned to `x + width` in `markerStyle`. The bottom marker wins a one-row panel.
    public func paint(x: Int, width: Int, rowsOnScreen: Range<Int>, style: CellStyle, markerStyle: CellStyle,
                      words: UIText, glyphs: GlyphSet, into grid: inout CellGrid) {
        for (row, line) in zip(rowsOnScreen, visible) {
            grid.put(line, x: x, y: row, style: style)
        }
        let (above, below) = Self.markers(words, glyphs: glyphs)
        guard let top = rowsOnScreen.first, rows > 0 else { return }
        let bottom = top + min(rows, rowsOnScreen.count) - 1
        if hasMoreAbove, !(hasMoreBelow && top == bottom) {
            grid.put(above, x: x + width - CellGrid.displayWidth(of: above), y: top, style: markerStyle)
        }
        if hasMoreBelow {
            grid.put(below, x: x + width - CellGrid.displayWidth(of: below), y: bottom, style: markerStyle)
        }
    }
}

extension Screen {
    /// The narration panel of `model` within `regions` (the footers paint it; the app asks it how
    /// far `]` may scroll).
    public static func narrationPanel(_ model: ScreenModel, regions: ScreenRegions) -> NarrationPanel {
        NarrationPanel(text: model.narration, width: narrationWidth(regions), rows: regions.narrationRows.count,
                       scroll: model.narrationScroll, markerWidth: NarrationPanel.markerWidth(model.text, glyphs: model.glyphs))
    }

    /// The narration's columns: inset by two in the presenter style, one in the standard one.
    static func narrationWidth(_ regions: ScreenRegions) -> Int {
        max(1, regions.isPresenter ? regions.innerWidth - 4 : regions.innerWidth - 2)
    }
}
