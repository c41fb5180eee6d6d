import TCPStepCore

/// Paints the visible rows of a `DiagramLayout` into a grid: the time axis, the two lifelines
/// with their notes, and every arrow that crosses the window. Only the rows on screen are
/// touched, so a frame costs the same after ten events or ten thousand.
public struct DiagramPainter {
    let layout: DiagramLayout
    let options: DiagramOptions
    let rect: GridRect
    let window: Range<Int>
    let glyphs: DiagramGlyphs
    var theme: Theme { options.theme }
    var columns: DiagramColumns { layout.columns }

    /// Paints `layout` into `rect` of `grid`, scrolled and styled as `options` say. The layout
    /// should have been built for `rect.width` columns (`options.layoutConfig`), and `rect`
    /// should be blank: it is painted over, not cleared (clearing costs as much as painting).
    public static func paint(_ layout: DiagramLayout, into grid: inout CellGrid, at rect: GridRect,
                             options: DiagramOptions) {
        let painter = DiagramPainter(layout: layout, options: options, rect: rect,
                                     window: layout.visibleRows(height: rect.height, scroll: options.scroll),
                                     glyphs: DiagramGlyphs(options.glyphs, heavyArrows: options.presenter))
        painter.paint(&grid)
    }

    func paint(_ grid: inout CellGrid) {
        for row in window { paintRow(row, &grid) }
        let crossing = arrowsCrossingWindow()
        paintLegs(crossing, &grid)
        for index in crossing { paintEnds(layout.arrows[index], &grid) }
        for index in crossing { paintTexts(layout.arrows[index], &grid) }
        paintPauseTexts(legs: crossing, &grid)
    }

    // MARK: Geometry

    func y(_ row: Int) -> Int { rect.y + row - window.lowerBound }
    func x(_ column: Int) -> Int { rect.x + column }

    /// Indices of the arrows with any part in the window: those starting in it, those that
    /// started at most `longestSpan` rows above it and end in or below it, and any still in flight.
    func arrowsCrossingWindow() -> [Int] {
        let arrows = layout.arrows
        let lastRow = layout.rowCount - 1
        let earliestStart = window.lowerBound - layout.longestSpan
        var low = 0, high = arrows.count
        while low < high {
            let middle = (low + high) / 2
            if arrows[middle].startRow < earliestStart { low = middle + 1 } else { high = middle }
        }
        var result: [Int] = []
        var index = low
        while index < arrows.count && arrows[index].startRow < window.upperBound {
            if (arrows[index].endRow ?? lastRow) >= window.lowerBound { result.append(index) }
            index += 1
        }
        for index in layout.inFlightArrows where arrows[index].startRow < earliestStart {
            result.append(index)
        }
        return result
    }

    // MARK: Rows

    private func paintRow(_ row: Int, _ grid: inout CellGrid) {
        let line = layout.rows[row]
        let rowY = y(row)
        if case .pause(let elapsed) = line.kind {
            paintPause(elapsed, y: rowY, &grid)
            return
        }
        for host in HostID.allCases {
            grid.put(character: glyphs.base.vertical, x: x(columns.lifeline(host)), y: rowY, style: theme.lifeline)
        }
        if line.showsTime {
            let text = TimeAxisText.text(line.time)
            let textX = columns.timeX + DiagramColumns.timeWidth - TextWidth.columns(text)
            grid.put(text, x: x(textX), y: rowY, style: theme.timeAxis)
        }
        for host in HostID.allCases {
            guard let note = line.note(host) else { continue }
            let text = CellGrid.clip(note.text(glyphs, options.text), toWidth: DiagramColumns.noteWidth)
            let noteX = host == .client ? columns.clientX - 1 - TextWidth.columns(text) : columns.serverNotesX
            grid.put(text, x: x(noteX), y: rowY, style: style(of: note))
        }
    }

    /// `≈≈≈≈≈≈≈≈` across the whole diagram; the legs of segments in flight are drawn over it.
    private func paintPause(_ elapsed: Micros, y rowY: Int, _ grid: inout CellGrid) {
        let from = columns.timeX, to = columns.endX
        grid.fill(GridRect(x: x(from), y: rowY, width: to - from, height: 1), with: glyphs.base.gapBreak, style: theme.gapBreak)
    }

    /// " 60 s later " on each pause row, centred between the lifelines but moved aside so that
    /// no leg passing through the pause is hidden.
    private func paintPauseTexts(legs: [Int], _ grid: inout CellGrid) {
        for row in window {
            guard case .pause(let elapsed) = layout.rows[row].kind else { continue }
            let legColumns = legs.compactMap { index -> Int? in
                let arrow = layout.arrows[index]
                return arrow.startRow < row && (arrow.endRow ?? Int.max) > row ? arrow.turnX : nil
            }
            let text = " " + options.text(.later, elapsed.durationText) + " "
            let width = TextWidth.columns(text)
            let centre = (columns.clientX + columns.serverX - width) / 2
            let clear = { (start: Int) in !legColumns.contains { $0 >= start && $0 < start + width } }
            let shifts = (0 ... columns.gap / 2).flatMap { [centre - $0, centre + $0] }
            let textX = shifts.first(where: clear) ?? centre
            grid.put(text, x: x(textX), y: y(row), style: theme.gapBreak)
        }
    }

    private func style(of note: LifelineNote) -> CellStyle {
        switch note {
        case .state(let state, _):
            // In a hall the state a host enters is a solid label: its colour reversed, unless it
            // is on a colour already (reversing that would take the label away).
            let style = theme.state(state)
            guard options.presenter else { return style }
            return theme.emphasised(style.bg != .default || style.reverse ? style : style.with(reverse: true))
        case .timerFired(let kind), .timerRestarted(let kind):
            return kind == .timeWait ? theme.state(.timeWait) : theme.segment(.retransmission)
        }
    }
}
