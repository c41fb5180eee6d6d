import TCPStepCore

extension LadderSVG {
    /// States where they change (a dot on the lifeline and the name beside it, bold) and timer
    /// events (italic), outside the lifeline so that they never sit on an arrow.
    mutating func notes() {
        for (index, row) in ladder.rows.enumerated() {
            for host in HostID.allCases {
                guard let note = row.notes[host.rawValue] else { continue }
                let lifeline = FigureGeometry.x(host), y = geometry.y(row: index)
                let x = lifeline + FigureGeometry.outward(host) * FigureGeometry.noteGap
                let anchor = host == .client ? "end" : "start"
                select(row: index)
                open(step: note.step)
                switch note.kind {
                case .state:
                    out += "<circle cx=\"\(Markup.number(lifeline))\" cy=\"\(Markup.number(y))\" r=\"4.5\" fill=\"\(theme.background)\" stroke=\"\(theme.state)\" stroke-width=\"2\"/>\n"
                    out += "<text class=\"state\" x=\"\(Markup.number(x))\" y=\"\(Markup.number(y + 4))\" text-anchor=\"\(anchor)\" font-family=\"monospace\" font-size=\"12\" font-weight=\"bold\" fill=\"\(theme.state)\">\(Markup.escape(note.text))</text>\n"
                case .timer:
                    out += "<text x=\"\(Markup.number(x))\" y=\"\(Markup.number(y + 4))\" text-anchor=\"\(anchor)\" font-size=\"11\" font-style=\"italic\" fill=\"\(theme.timer)\">\(Markup.escape(note.text))</text>\n"
                }
                close()
            }
        }
    }

    /// Each timer as a bracket beyond its host's notes, from where it was set to where it fired
    /// (a solid end), was cancelled or restarted (an open end), with its name written along it.
    /// A timer still running at the end of the trace runs to the last row.
    mutating func timers() {
        for span in ladder.timers {
            let x = FigureGeometry.bracketX(span.host)
            let tick = -FigureGeometry.outward(span.host) * 6
            let top = geometry.y(row: span.startRow)
            select(row: span.startRow)
            let endRow: Int
            if let row = span.endRow {
                endRow = row
                open(step: span.endStep ?? ladder.rows[row].step)
            } else {
                guard !stepTags else { continue }  // the player draws running timers itself
                endRow = ladder.rows.count - 1
            }
            let bottom = max(geometry.y(row: endRow), top + 6)
            let fired: Bool = if case .fired = span.end { true } else { false }
            let dash = fired ? "" : " stroke-dasharray=\"3 2\""
            out += "<path d=\"M\(Markup.number(x + tick)) \(Markup.number(top))H\(Markup.number(x))V\(Markup.number(bottom))H\(Markup.number(x + tick))\" fill=\"none\" stroke=\"\(theme.timer)\" stroke-width=\"1.5\"\(dash)/>\n"
            if fired {
                out += "<circle cx=\"\(Markup.number(x + tick))\" cy=\"\(Markup.number(bottom))\" r=\"2.5\" fill=\"\(theme.timer)\"/>\n"
            }
            let labelX = x - FigureGeometry.outward(span.host) * -4
            let middle = (top + bottom) / 2
            out += "<text x=\"\(Markup.number(labelX))\" y=\"\(Markup.number(middle))\" text-anchor=\"middle\" font-size=\"10\" fill=\"\(theme.timer)\" transform=\"rotate(-90 \(Markup.number(labelX)) \(Markup.number(middle)))\">\(Markup.escape(span.label))</text>\n"
            if span.endRow != nil { close() }
        }
    }
}
