/// Every line-drawing and marker glyph the diagram uses, in one place, so `--ascii` (or a
/// terminal without UTF-8) swaps them all at once. Layout code draws only through a GlyphSet.
///
/// Each glyph is exactly one column wide in both sets, so a layout measured with one set
/// stays aligned with the other.
public struct GlyphSet: Hashable, Sendable {
    /// Which set this is; also its name on the command line.
    public var name: String

    // MARK: Lines and frames
    /// Horizontal line: arrows in flight, frame top and bottom.
    public var horizontal: Character
    /// Vertical line: lifelines, frame sides.
    public var vertical: Character
    /// Square frame corners `┌ ┐ └ ┘`.
    public var frameTopLeft: Character
    public var frameTopRight: Character
    public var frameBottomLeft: Character
    public var frameBottomRight: Character
    /// Frame joints where a separator meets a side: `├` on the left, `┤` on the right.
    public var teeRight: Character
    public var teeLeft: Character
    /// Two lines crossing, e.g. two segments crossing in flight.
    public var cross: Character

    // MARK: Arrows
    /// Rounded corners for the staircase of a slanted arrow: `╭ ╮ ╰ ╯`.
    public var cornerTopLeft: Character
    public var cornerTopRight: Character
    public var cornerBottomLeft: Character
    public var cornerBottomRight: Character
    /// Arrowheads where a segment arrives.
    public var arrowRight: Character
    public var arrowLeft: Character
    /// A segment still in flight is drawn with a double line `═`, turning down with `╗` / `╔`.
    public var inFlightHorizontal: Character
    public var inFlightCornerTopRight: Character
    public var inFlightCornerTopLeft: Character

    // MARK: Markers
    /// Where a segment was dropped: it stops here.
    public var drop: Character
    /// A folded stretch of idle time: `≈≈≈ 1.0 s later ≈≈≈`.
    public var gapBreak: Character
    /// An event on a lifeline (a send or a receive).
    public var bullet: Character
    /// Marks the selected segment or menu entry.
    public var pointer: Character
    /// Half blocks that bracket a state badge: `▐ TIME_WAIT ▌`.
    public var badgeLeft: Character
    public var badgeRight: Character

    /// Box drawing and geometric shapes; needs a UTF-8 locale.
    public static let unicode = GlyphSet(
        name: "unicode",
        horizontal: "─", vertical: "│",
        frameTopLeft: "┌", frameTopRight: "┐", frameBottomLeft: "└", frameBottomRight: "┘",
        teeRight: "├", teeLeft: "┤", cross: "┼",
        cornerTopLeft: "╭", cornerTopRight: "╮", cornerBottomLeft: "╰", cornerBottomRight: "╯",
        arrowRight: "▶", arrowLeft: "◀",
        inFlightHorizontal: "═", inFlightCornerTopRight: "╗", inFlightCornerTopLeft: "╔",
        drop: "✗", gapBreak: "≈", bullet: "●", pointer: "▶", badgeLeft: "▐", badgeRight: "▌")

    /// Plain ASCII for any terminal and for copy-paste into e-mail.
    public static let ascii = GlyphSet(
        name: "ascii",
        horizontal: "-", vertical: "|",
        frameTopLeft: "+", frameTopRight: "+", frameBottomLeft: "+", frameBottomRight: "+",
        teeRight: "+", teeLeft: "+", cross: "+",
        cornerTopLeft: "+", cornerTopRight: "+", cornerBottomLeft: "+", cornerBottomRight: "+",
        arrowRight: ">", arrowLeft: "<",
        inFlightHorizontal: "=", inFlightCornerTopRight: "+", inFlightCornerTopLeft: "+",
        drop: "x", gapBreak: "~", bullet: "o", pointer: ">", badgeLeft: "[", badgeRight: "]")

    /// Both sets, for `--glyphs` help text and tests.
    public static let all: [GlyphSet] = [.unicode, .ascii]

    /// The set called `name` ("unicode" or "ascii", any case), or nil.
    public static func named(_ name: String) -> GlyphSet? {
        all.first { $0.name == name.lowercased() }
    }

    /// A horizontal run of `count` line glyphs (empty for a count below 1).
    public func line(_ count: Int, inFlight: Bool = false) -> String {
        String(repeating: inFlight ? inFlightHorizontal : horizontal, count: max(0, count))
    }

    /// Every glyph of the set, for checks such as "all one column wide".
    public var allGlyphs: [Character] {
        [
            horizontal, vertical, frameTopLeft, frameTopRight, frameBottomLeft, frameBottomRight,
            teeRight, teeLeft, cross, cornerTopLeft, cornerTopRight, cornerBottomLeft, cornerBottomRight,
            arrowRight, arrowLeft, inFlightHorizontal, inFlightCornerTopRight, inFlightCornerTopLeft,
            drop, gapBreak, bullet, pointer, badgeLeft, badgeRight,
        ]
    }
}
