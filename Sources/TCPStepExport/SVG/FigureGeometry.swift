import TCPStepCore

/// Where things go in the figure, in SVG user units (pixels at 100 %). Left to right: the time
/// axis, the client's timer brackets, its state notes, its lifeline, the arrows, the server's
/// lifeline, its notes, its brackets.
struct FigureGeometry {
    static let width = 840.0
    static let rowHeight = 22.0
    static let timeRight = 70.0
    static let clientX = 250.0
    static let serverX = 690.0
    /// Notes start this far from their lifeline.
    static let noteGap = 10.0
    /// Brackets stand this far outside their lifeline, beyond the notes.
    static let bracketOffset = 112.0
    /// Where the label of an arrow starts, as a fraction of its length from the sender.
    static let labelStart = 0.06

    /// The top of the first row: below the title, the banner and the host names.
    let diagramTop: Double
    let rowCount: Int
    /// Some number is absolute among relative ones: a footnote explains the `*`.
    let hasFootnote: Bool

    init(ladder: Ladder) {
        let bannerHeight = ladder.banner == nil ? 0.0 : 30.0
        diagramTop = 64 + bannerHeight + 52
        rowCount = ladder.rows.count
        hasFootnote = ladder.arrows.contains { $0.label.contains(ArrowWords.absoluteMark) }
    }

    var hostNameY: Double { diagramTop - 34 }
    var height: Double { diagramTop + Double(rowCount) * Self.rowHeight + (hasFootnote ? 36 : 16) }

    func y(row: Int) -> Double { diagramTop + (Double(row) + 0.5) * Self.rowHeight }

    static func x(_ host: HostID) -> Double { host == .client ? clientX : serverX }

    /// +1 when `host`'s notes and brackets go to the right of its lifeline, −1 to the left.
    static func outward(_ host: HostID) -> Double { host == .client ? -1 : 1 }

    static func bracketX(_ host: HostID) -> Double { x(host) + outward(host) * bracketOffset }

    /// Where a segment in flight is at `time` on row `row`: along its line by the share of its
    /// transit time that has passed (the network's hold counts as transit).
    func inFlightTip(_ arrow: Ladder.Arrow, time: Micros, row: Int) -> (x: Double, y: Double) {
        let from = Self.x(arrow.from), to = Self.x(arrow.to)
        let transit = max(1, arrow.wire.arrivesAt + arrow.heldFor - arrow.wire.sentAt)
        let share = min(1, max(0, Double(time - arrow.wire.sentAt) / Double(transit)))
        return (from + (to - from) * share, y(row: row))
    }
}
