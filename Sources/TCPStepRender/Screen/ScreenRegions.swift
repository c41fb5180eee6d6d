/// Which arrangement of the live view to draw.
public enum ScreenLayoutStyle: Hashable, Sendable {
    /// Header badges, the diagram, the selected segment's details, two lines of narration.
    case standard
    /// For a projector: states in block letters three rows high, a four-line narration panel,
    /// no details line, a short key bar (`--presenter`).
    case presenter
}

/// Where each part of the live view goes on a terminal of a given size:
///
///     ┌ title ─────────────────────────────── time · step ┐   row 0
///     │ CLIENT address:port         SERVER address:port    │   row 1
///     │ ▐ STATE ▌ timers             ▐ STATE ▌ timers       │   row 2
///     ├────────────────────────────────────────────────────┤   row 3
///     │ the diagram                                        │
///     ├────────────────────────────────────────────────────┤
///     │ details of the selected segment                    │
///     │ narration (two lines)                              │
///     │ key bar                                            │
///     └────────────────────────────────────────────────────┘
///
/// The presenter style gives the states rows 2–4 (block letters) and the narration four
/// lines and a blank one below; a status message goes into the separator above the narration.
public struct ScreenRegions: Hashable, Sendable {
    /// Below this the picture would break; a message says so instead.
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    /// On a terminal shorter than this the presenter style falls back to the standard one,
    /// which leaves the diagram more rows.
    public static let presenterMinimumHeight = 22
    static let narrationLines = 2
    static let presenterNarrationLines = 4

    public let width: Int
    public let height: Int
    /// The style laid out: `.presenter` only when the terminal is tall enough for it.
    public let style: ScreenLayoutStyle

    /// Rows the narration panel takes from the diagram when the diagram leaves them empty and
    /// the narration needs them.
    public let narrationExtraRows: Int

    public init(width: Int, height: Int, style: ScreenLayoutStyle = .standard, narrationExtraRows: Int = 0) {
        self.width = width
        self.height = height
        self.style = style == .presenter && height >= Self.presenterMinimumHeight ? .presenter : .standard
        self.narrationExtraRows = max(0, narrationExtraRows)
    }

    /// These regions with the narration grown by up to `wanted` rows, as far as `diagramRowsUsed`
    /// leaves the diagram's area empty: no diagram row is ever hidden for it.
    public func growingNarration(by wanted: Int, diagramRowsUsed: Int) -> ScreenRegions {
        let spare = diagram.height - diagramRowsUsed
        return ScreenRegions(width: width, height: height, style: style, narrationExtraRows: min(wanted, spare))
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
    var isPresenter: Bool { style == .presenter }

    /// Inside the frame, one column each side.
    public var innerX: Int { 1 }
    public var innerWidth: Int { max(0, width - 2) }

    public var titleRow: Int { 0 }
    public var hostNameRow: Int { 1 }
    /// The (first) row of the state labels.
    public var hostStateRow: Int { 2 }
    /// Every row of the state labels: one badge, or block letters in the presenter style.
    public var hostStateRows: Range<Int> { hostStateRow ..< hostStateRow + (isPresenter ? BlockLetters.height : 1) }
    public var topSeparatorRow: Int { hostStateRows.upperBound }
    public var bottomSeparatorRow: Int { (isPresenter ? height - 8 : height - 6) - narrationExtraRows }
    /// The details line; the presenter style has none and writes a status message into the
    /// separator above the narration instead, which is this row then.
    public var detailsRow: Int { isPresenter ? bottomSeparatorRow : bottomSeparatorRow + 1 }
    public var narrationRows: Range<Int> {
        isPresenter ? (height - 7 - narrationExtraRows) ..< (height - 7 + Self.presenterNarrationLines)
                    : (height - 4 - narrationExtraRows) ..< (height - 4 + Self.narrationLines)
    }
    public var keyBarRow: Int { height - 2 }
    public var bottomRow: Int { height - 1 }

    /// The diagram's area, a blank column inside the frame on each side; build the
    /// `DiagramLayout` for its width.
    public var diagram: GridRect {
        GridRect(x: innerX + 1, y: topSeparatorRow + 1, width: max(0, innerWidth - 2),
                 height: max(0, bottomSeparatorRow - topSeparatorRow - 1))
    }

    /// Where the server's panel starts in the header.
    public var serverPanelX: Int { width / 2 + 1 }
}
