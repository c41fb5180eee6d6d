#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepCore
import TCPStepRender

extension LadderSVG {
    /// Every segment: its line (solid; dashed for a network copy; dotted for a stale segment),
    /// its head (hollow when the receiver ignored it), its label along the line near the
    /// sender, and what became of it: a cross halfway, a note at the receiver, or, when the
    /// trace ends with it on the wire, a dashed stub to where it is now.
    mutating func arrows() {
        for arrow in ladder.arrows { self.arrow(arrow) }
    }

    private mutating func arrow(_ arrow: Ladder.Arrow) {
        let color = theme.color(arrow.role)
        let x1 = FigureGeometry.x(arrow.from), y1 = geometry.y(row: arrow.startRow)
        let dash = Self.dash(arrow.wire.origin)
        select(row: arrow.startRow)
        // The departure: a dot on the lifeline and the label (the player shows these when it leaves).
        open(step: arrow.startStep)
        out += "<circle cx=\"\(Markup.number(x1))\" cy=\"\(Markup.number(y1))\" r=\"3\" fill=\"\(color)\"/>\n"
        label(arrow, color: color)
        close()
        switch arrow.end {
        case .arrived(let row, let accepted):
            let x2 = FigureGeometry.x(arrow.to), y2 = geometry.y(row: row)
            open(step: arrow.endStep ?? ladder.rows[row].step)
            line(x1, y1, x2, y2, color: color, dash: dash)
            head(fromX: x1, fromY: y1, toX: x2, toY: y2, color: color, hollow: !accepted)
            if let note = arrow.arrivalNote {
                // In the receiver's note column when that is free on this row, else above the head
                // (below it is where the next row's label goes).
                let free = ladder.rows[row].notes[arrow.to.rawValue] == nil
                let outward = FigureGeometry.outward(arrow.to)
                let x = free ? x2 + outward * FigureGeometry.noteGap : x2 - outward * 14
                let anchor = (arrow.to == .client) == free ? "end" : "start"
                let y = free ? y2 + 4 : y2 - 9
                out += "<text x=\"\(Markup.number(x))\" y=\"\(Markup.number(y))\" text-anchor=\"\(anchor)\" font-size=\"10\" font-style=\"italic\" fill=\"\(theme.muted)\">\(Markup.escape(note))</text>\n"
            }
            close()
        case .lost(let row):
            let x2 = (x1 + FigureGeometry.x(arrow.to)) / 2, y2 = geometry.y(row: row)
            open(step: arrow.endStep ?? ladder.rows[row].step)
            line(x1, y1, x2, y2, color: color, dash: dash)
            cross(x2, y2, color: theme.color(.dropped))
            out += "<text x=\"\(Markup.number(x2 + 10))\" y=\"\(Markup.number(y2 + 4))\" font-size=\"11\" font-weight=\"bold\" fill=\"\(theme.color(.dropped))\">\(words.lost)</text>\n"
            close()
        case .inFlight:
            guard !stepTags else { return }  // the player draws these itself, step by step
            let last = ladder.rows.count - 1
            let tip = geometry.inFlightTip(arrow, time: ladder.endTime, row: last)
            line(x1, y1, tip.x, tip.y, color: color, dash: "6 4")
            out += "<text x=\"\(Markup.number(tip.x))\" y=\"\(Markup.number(tip.y + 14))\" text-anchor=\"middle\" font-size=\"10\" font-style=\"italic\" fill=\"\(theme.muted)\">\(words.inFlight)</text>\n"
        }
    }

    /// The label runs along the line, upright, starting near the sender and lifted off the line.
    private mutating func label(_ arrow: Ladder.Arrow, color: String) {
        let x1 = FigureGeometry.x(arrow.from), y1 = geometry.y(row: arrow.startRow)
        let x2 = FigureGeometry.x(arrow.to)
        let y2: Double = switch arrow.end {
        case .arrived(let row, _): geometry.y(row: row)
        // A lost segment's line ends halfway: the full line would have reached the other side
        // twice as far down.
        case .lost(let row): y1 + 2 * (geometry.y(row: row) - y1)
        case .inFlight: y1 + 2 * FigureGeometry.rowHeight
        }
        let t = FigureGeometry.labelStart
        let x = x1 + (x2 - x1) * t, y = y1 + (y2 - y1) * t
        // Upright: text always reads left to right, so a right-to-left arrow's angle is turned.
        let angle = atanDegrees(dy: y2 - y1, dx: abs(x2 - x1)) * (x2 > x1 ? 1 : -1)
        let anchor = x2 > x1 ? "start" : "end"
        let weight = arrow.wire.segment.flags.contains(.syn) || arrow.wire.segment.flags.contains(.fin)
            || arrow.wire.segment.flags.contains(.rst) ? " font-weight=\"bold\"" : ""
        out += "<text x=\"\(Markup.number(x))\" y=\"\(Markup.number(y - 4))\" text-anchor=\"\(anchor)\" font-family=\"monospace\" font-size=\"11\"\(weight) fill=\"\(color)\" transform=\"rotate(\(Markup.number(angle)) \(Markup.number(x)) \(Markup.number(y)))\">\(Markup.escape(arrow.label))</text>\n"
    }

    static func dash(_ origin: SegmentOrigin) -> String? {
        switch origin {
        case .host: nil
        case .duplicate: "7 4"
        case .injected: "2 3"
        }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String, dash: String?) {
        let pattern = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
        out += "<line x1=\"\(Markup.number(x1))\" y1=\"\(Markup.number(y1))\" x2=\"\(Markup.number(x2))\" y2=\"\(Markup.number(y2))\" stroke=\"\(color)\" stroke-width=\"1.6\"\(pattern)/>\n"
    }

    /// A filled (or, for an ignored segment, hollow) arrowhead whose tip touches the lifeline.
    mutating func head(fromX: Double, fromY: Double, toX: Double, toY: Double, color: String, hollow: Bool) {
        let dx = toX - fromX, dy = toY - fromY
        let length = max(1, (dx * dx + dy * dy).squareRoot())
        let ux = dx / length, uy = dy / length
        let size = 10.0, half = 4.0
        let bx = toX - ux * size, by = toY - uy * size
        let points = [(toX, toY), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
            .map { "\(Markup.number($0.0)),\(Markup.number($0.1))" }.joined(separator: " ")
        let fill = hollow ? theme.background : color
        out += "<polygon points=\"\(points)\" fill=\"\(fill)\" stroke=\"\(color)\" stroke-width=\"1.2\"/>\n"
    }

    mutating func cross(_ x: Double, _ y: Double, color: String) {
        let r = 6.0
        out += "<path d=\"M\(Markup.number(x - r)) \(Markup.number(y - r))L\(Markup.number(x + r)) \(Markup.number(y + r))M\(Markup.number(x - r)) \(Markup.number(y + r))L\(Markup.number(x + r)) \(Markup.number(y - r))\" stroke=\"\(color)\" stroke-width=\"2.5\"/>\n"
    }
}

/// The angle of (dx, dy) in degrees, for the rotation of a label.
func atanDegrees(dy: Double, dx: Double) -> Double {
    atan2(dy, dx) * 180 / Double.pi
}
