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

    public init(_ base: GlyphSet) {
        self.base = base
        let ascii = base.name == GlyphSet.ascii.name
        inFlightVertical = ascii ? "H" : "║"
        timer = ascii ? "@" : "⏱"
        heldVertical = ascii ? ":" : "┊"
        crossing = base.cross
        ellipsis = ascii ? "~" : "…"
        separator = ascii ? " - " : " · "
        rightArrow = ascii ? "->" : "→"
        times = ascii ? "x" : "×"
    }
}
