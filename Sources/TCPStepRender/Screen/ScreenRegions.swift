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
public struct ScreenRegions: Hashable, Sendable {
    /// Below this the picture would break; a message says so instead.
    public static let minimumWidth = 60
    public static let minimumHeight = 16
    static let narrationLines = 2

    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Inside the frame, one column each side.
    public var innerX: Int { 1 }
    public var innerWidth: Int { max(0, width - 2) }

    public var titleRow: Int { 0 }
    public var hostNameRow: Int { 1 }
    public var hostStateRow: Int { 2 }
    public var topSeparatorRow: Int { 3 }
    public var bottomSeparatorRow: Int { height - 6 }
    public var detailsRow: Int { height - 5 }
    public var narrationRows: Range<Int> { (height - 4) ..< (height - 4 + Self.narrationLines) }
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
