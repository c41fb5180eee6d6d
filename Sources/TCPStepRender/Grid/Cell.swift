/// One terminal cell: a glyph with its style, or the right half of a wide glyph to its left.
public struct Cell: Hashable, Sendable {
    /// What occupies the cell.
    public enum Content: Hashable, Sendable {
        /// A glyph that starts in this cell. A wide glyph (display width 2) also owns the cell to
        /// its right, which then holds `continuation`.
        case glyph(Character)
        /// The right half of the wide glyph in the cell to the left; draws nothing by itself.
        case continuation
    }

    public var content: Content
    public var style: CellStyle

    public init(content: Content, style: CellStyle = .plain) {
        self.content = content
        self.style = style
    }

    /// A space in the given style.
    public static func blank(_ style: CellStyle = .plain) -> Cell {
        Cell(content: .glyph(" "), style: style)
    }

    /// The glyph starting here, or nil for a continuation cell.
    public var glyph: Character? {
        switch content {
        case .glyph(let character): character
        case .continuation: nil
        }
    }

    /// True for the right half of a wide glyph.
    public var isContinuation: Bool { content == .continuation }
}
