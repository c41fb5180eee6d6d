import TCPStepCore

/// Which rows of the diagram are on screen.
public enum DiagramScroll: Hashable, Sendable {
    /// Keep the newest row at the bottom (the live view while stepping).
    case followNewest
    /// Show rows from this one down.
    case top(row: Int)
    /// The window ends this many rows above the newest (the user scrolled back by that much).
    case back(rows: Int)
}

/// Everything about how the diagram is shown: the view state the app keeps for it.
public struct DiagramOptions: Hashable, Sendable {
    /// Size of the area the diagram is drawn into.
    public var width: Int
    public var height: Int
    public var scroll: DiagramScroll
    /// The segment in flight that the keys act on.
    public var selected: SegmentID?
    public var numbering: SequenceNumbering
    public var glyphs: GlyphSet
    public var theme: Theme
    /// Virtual time per row when spacing rows out; nil: the first segment's transit time.
    public var rowDuration: Micros?
    /// The language of the words on the diagram.
    public var text: UIText
    /// Rows per transit time (see `DiagramLayout.Config.rowsPerTransit`).
    public var rowsPerTransit = 1
    /// For a lecture hall (`--presenter`): heavy bold arrows, bold labels, states on the
    /// lifelines in reverse video. Drawing only: the layout is the same.
    public var presenter = false

    public init(width: Int, height: Int, scroll: DiagramScroll = .followNewest, selected: SegmentID? = nil,
                numbering: SequenceNumbering = .relative, glyphs: GlyphSet = .unicode, theme: Theme = .default,
                rowDuration: Micros? = nil, text: UIText = .english) {
        self.text = text
        self.width = width
        self.height = height
        self.scroll = scroll
        self.selected = selected
        self.numbering = numbering
        self.glyphs = glyphs
        self.theme = theme
        self.rowDuration = rowDuration
    }

    /// The part of the options the layout itself depends on.
    public var layoutConfig: DiagramLayout.Config {
        DiagramLayout.Config(width: width, numbering: numbering, rowDuration: rowDuration, text: text,
                             rowsPerTransit: rowsPerTransit)
    }
}

extension DiagramLayout {
    /// The rows a window of `height` rows shows, given the scroll state: never past the newest
    /// row, never above the first.
    public func visibleRows(height: Int, scroll: DiagramScroll) -> Range<Int> {
        let height = max(0, height)
        let top: Int
        switch scroll {
        case .followNewest: top = rowCount - height
        case .top(let row): top = min(row, rowCount - height)
        case .back(let rows): top = rowCount - height - max(0, rows)
        }
        let first = max(0, top)
        return first ..< min(rowCount, first + height)
    }
}
