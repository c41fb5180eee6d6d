/// The glyphs the sequence diagram draws with: the shared `GlyphSet` plus the few the diagram
/// alone needs (a double vertical for segments in flight, a timer mark). Derived from a
/// `GlyphSet`, so `--ascii` swaps these too.
public struct DiagramGlyphs: Hashable, Sendable {
    public var base: GlyphSet
    /// The vertical leg of a segment still in flight: `║`.
    public var inFlightVertical: Character
    /// A timer expiry written on a lifeline: `⏱ RTO fired`.
    public var timer: String
    /// A segment held up by the network: its vertical leg is drawn dotted, `┊`.
    public var heldVertical: Character
    /// Where a horizontal run passes over another segment's vertical leg.
    public var crossing: Character
    /// Cuts a label that does not fit.
    public var ellipsis: Character
    /// Between parts of a line of text: "title · rfc9293".
    public var separator: String
    /// From one host to the other: "client:5000 → server:80".
    public var rightArrow: String
    /// In sizes: "60×16".
    public var times: String

    /// The lines, corners and heads of arrows: `base`, or heavier ones for a lecture hall
    /// (`━━▶`, `┃`, `┏┓┗┛`) so that they read from the back row; lifelines stay thin.
    public var arrow: GlyphSet

    public init(_ base: GlyphSet, heavyArrows: Bool = false) {
        self.base = base
        let ascii = base.name == GlyphSet.ascii.name
        arrow = base
        if heavyArrows, !ascii {
            arrow.horizontal = "━"
            arrow.vertical = "┃"
            (arrow.cornerTopLeft, arrow.cornerTopRight, arrow.cornerBottomLeft, arrow.cornerBottomRight) = ("┏", "┓", "┗", "┛")
        }
        inFlightVertical = ascii ? "H" : "║"
        timer = ascii ? "@" : "⏱"
        heldVertical = ascii ? ":" : "┊"
        crossing = arrow.vertical == base.vertical ? base.cross : "╋"
        ellipsis = ascii ? "~" : "…"
        separator = ascii ? " - " : " · "
        rightArrow = ascii ? "->" : "→"
        times = ascii ? "x" : "×"
    }
}
