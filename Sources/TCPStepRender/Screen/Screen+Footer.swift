import TCPStepCore

// Below the diagram: the selected segment in full, the narration, and the keys.

extension Screen {
    static func paintFooter(_ regions: ScreenRegions, model: ScreenModel, layout: DiagramLayout, _ grid: inout CellGrid) {
        let theme = model.theme, ellipsis = DiagramGlyphs(model.glyphs).ellipsis
        let x = regions.innerX + 1, width = regions.innerWidth - 2
        if let status = model.status {
            grid.put(CellGrid.clip(status, toWidth: width, ellipsis: ellipsis), x: x, y: regions.detailsRow, style: theme.badge)
        } else {
            let details = SegmentDetails.line(model: model, layout: layout)
            grid.put(CellGrid.clip(details.text, toWidth: width, ellipsis: ellipsis), x: x, y: regions.detailsRow,
                     style: details.isSelection ? theme.segment(.selected).with(reverse: false, underline: false) : theme.timeAxis)
        }
        narrationPanel(model, regions: regions).paint(
            x: x, width: width, rowsOnScreen: regions.narrationRows, style: theme.narration, markerStyle: theme.keyHint,
            words: model.text, glyphs: model.glyphs, into: &grid)
        paintKeyBar(model.keyHints, x: x, width: width, y: regions.keyBarRow, theme: theme, &grid)
    }

    /// "␣ step  ← back  p play …", as many as fit.
    static func paintKeyBar(_ hints: [KeyHint], x: Int, width: Int, y: Int, theme: Theme, _ grid: inout CellGrid) {
        var column = x
        for hint in hints {
            let needed = CellGrid.displayWidth(of: hint.key) + 1 + CellGrid.displayWidth(of: hint.action)
            guard column + needed <= x + width else { break }
            column += grid.put(hint.key, x: column, y: y, style: theme.keyHint)
            column += grid.put(" " + hint.action, x: column, y: y, style: theme.keyBar)
            column += 2
        }
    }
}

/// The details line: the selected segment with every field, or what can be selected.
enum SegmentDetails {
    static func line(model: ScreenModel, layout: DiagramLayout) -> (text: String, isSelection: Bool) {
        let glyphs = DiagramGlyphs(model.glyphs), dot = glyphs.separator
        guard let id = model.selected, let wire = model.inFlight.first(where: { $0.id == id }) else {
            switch model.inFlight.count {
            case 0: return (model.text(.nothingInFlight), false)
            case 1: return (model.text(.oneInFlight, dot), false)
            default: return (model.text(.manyInFlight, model.inFlight.count, dot), false)
            }
        }
        let label = layout.arrow(id).map { layout.label(of: $0, ellipsis: glyphs.ellipsis) } ?? SegmentLabel.text(for: wire, numbering: .absolute, seqBase: nil, ackBase: nil, text: model.text)
        let segment = wire.segment
        var fields = "\(segment.flags) seq=\(segment.seq)"
        if segment.flags.contains(.ack) { fields += " ack=\(segment.ack)" }
        fields += " len=\(segment.payloadLength) win=\(segment.window)"
        let route = "\(model.text.word(wire.from)):\(segment.sourcePort) \(glyphs.rightArrow) \(model.text.word(wire.to)):\(segment.destinationPort)"
        let fate = wire.lostAt.map { model.text(.lostAt, Screen.secondsText($0)) } ?? model.text(.arrivesAt, Screen.secondsText(wire.arrivesAt))
        let pointer = model.glyphs.pointer
        // Most telling first: the line is cut at the right on a narrow terminal.
        return ("\(pointer) \(label)\(dot)\(route)\(dot)\(model.text(.sentAt, Screen.secondsText(wire.sentAt)))\(dot)\(fate)\(dot)\(fields)", true)
    }
}
