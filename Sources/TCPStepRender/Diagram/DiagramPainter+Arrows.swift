import TCPStepCore

// Arrows: the leg down the turn column first, then the runs along the departure and arrival
// rows (which show a crossing where they pass another leg), then the words on top.

extension DiagramPainter {
    /// The legs of `arrows` (in departure order: a later leg is drawn over an earlier one in the
    /// same column). Painted newest first, each cell once: a column's painted rows are skipped
    /// in one jump, so a thousand legs sharing a few columns cost the cells on screen, not the
    /// sum of their lengths. Returns the cells written.
    @discardableResult
    func paintLegs(_ arrows: [Int], _ grid: inout CellGrid) -> Int {
        var skips: [Int: RowSkips] = [:]
        var written = 0
        for index in arrows.reversed() {
            let arrow = layout.arrows[index]
            let glyph = arrow.isInFlight ? glyphs.inFlightVertical : arrow.heldFor > 0 ? glyphs.heldVertical : glyphs.arrow.vertical
            let lastRow = arrow.endRow.map { $0 - 1 } ?? (layout.rowCount - 1)
            let rows = max(window.lowerBound, arrow.startRow + 1) ..< min(window.upperBound, lastRow + 1)
            guard !rows.isEmpty else { continue }
            let style = lineStyle(arrow)
            var free = skips[arrow.turnX] ?? RowSkips(window)
            var row = free.next(from: rows.lowerBound)
            while row < rows.upperBound {
                grid.put(character: glyph, x: x(arrow.turnX), y: y(row), style: style)
                written += 1
                free.take(row)
                row = free.next(from: row + 1)
            }
            skips[arrow.turnX] = free
        }
        return written
    }

    func paintEnds(_ arrow: DiagramArrow, _ grid: inout CellGrid) {
        let rightward = arrow.wire.from == .client
        let style = lineStyle(arrow)
        let base = glyphs.arrow
        if window.contains(arrow.startRow) {
            let rowY = y(arrow.startRow)
            let line = arrow.isInFlight ? base.inFlightHorizontal : base.horizontal
            run(line, over: layout.departureRun(arrow), y: rowY, style: style, &grid)
            let corner = switch (rightward, arrow.isInFlight) {
            case (true, true): base.inFlightCornerTopRight
            case (true, false): base.cornerTopRight
            case (false, true): base.inFlightCornerTopLeft
            case (false, false): base.cornerTopLeft
            }
            grid.put(character: corner, x: x(arrow.turnX), y: rowY, style: style)
            grid.put(character: base.bullet, x: x(columns.lifeline(arrow.wire.from)), y: rowY, style: style)
        }
        switch arrow.end {
        case .inFlight:
            break
        case .arrived(let row, _) where window.contains(row):
            let rowY = y(row)
            run(base.horizontal, over: layout.arrivalRun(arrow), y: rowY, style: style, &grid)
            grid.put(character: rightward ? base.cornerBottomLeft : base.cornerBottomRight, x: x(arrow.turnX), y: rowY, style: style)
            let receiverX = columns.lifeline(arrow.wire.to)
            grid.put(character: rightward ? base.arrowRight : base.arrowLeft, x: x(receiverX + (rightward ? -1 : 1)), y: rowY, style: style)
            grid.put(character: base.bullet, x: x(receiverX), y: rowY, style: style)
        case .lost(let row) where window.contains(row):
            let lost = options.text(.lost)
            let text = rightward ? "\(base.drop) \(lost)" : "\(lost) \(base.drop)"
            let textX = rightward ? arrow.turnX : arrow.turnX - TextWidth.columns(text) + 1
            grid.put(text, x: x(textX), y: y(row), style: theme.segment(.dropped))
        case .arrived, .lost:
            break
        }
    }

    func paintTexts(_ arrow: DiagramArrow, _ grid: inout CellGrid) {
        let selected = arrow.id == options.selected
        let place = arrow.labelPlace
        if window.contains(place.row) {
            var style = selected ? theme.segment(.selected) : theme.segment(arrow.role)
            if (arrow.isInFlight || options.presenter) && !selected { style = theme.emphasised(style) }
            let label = layout.label(of: arrow, ellipsis: glyphs.ellipsis)
            // The selected label is bracketed as well as reversed, so it shows without colour too.
            let text = selected ? "[\(label)]" : " \(label) "
            grid.put(text, x: x(place.x - 1), y: y(place.row), style: style)
        }
        if let place = arrow.notePlace, window.contains(place.row), let note = layout.arrivalNote(of: arrow) {
            grid.put(" " + note + " ", x: x(place.x - 1), y: y(place.row), style: theme.segment(arrow.role))
        }
    }

    /// A horizontal line over `cells`, turning into a crossing where it passes another leg.
    private func run(_ line: Character, over cells: ClosedRange<Int>, y rowY: Int, style: CellStyle, _ grid: inout CellGrid) {
        for column in cells {
            let cellX = x(column)
            let glyph = isLeg(grid[x: cellX, y: rowY].glyph) ? glyphs.crossing : line
            grid.put(character: glyph, x: cellX, y: rowY, style: style)
        }
    }

    private func isLeg(_ glyph: Character?) -> Bool {
        glyph == glyphs.base.vertical || glyph == glyphs.arrow.vertical || glyph == glyphs.inFlightVertical
            || glyph == glyphs.heldVertical
    }

    /// Lines of a selected segment are reversed, of one in flight bold; otherwise its role's look
    /// (bold in a lecture hall).
    func lineStyle(_ arrow: DiagramArrow) -> CellStyle {
        if arrow.id == options.selected { return theme.segment(.selected) }
        if arrow.isInFlight { return theme.segment(.inFlight) }
        return options.presenter ? theme.emphasised(theme.segment(arrow.role)) : theme.segment(arrow.role)
    }
}

extension DiagramLayout {
    /// The window of `options` painted into a grid of exactly `options.width` × `options.height`.
    public func render(options: DiagramOptions) -> CellGrid {
        var grid = CellGrid(width: options.width, height: options.height)
        DiagramPainter.paint(self, into: &grid, at: grid.bounds, options: options)
        return grid
    }

    /// Lays out `events` and paints them in one go (exports and tests; the live view keeps its
    /// layout between frames and calls `update(with:)`).
    public static func render(events: ArraySlice<TraceEvent>, options: DiagramOptions) -> CellGrid {
        DiagramLayout(events: events, config: options.layoutConfig).render(options: options)
    }
}

/// The rows of one column not painted yet, found in near-constant time: each painted row points
/// past itself (union–find with path halving).
struct RowSkips {
    private let base: Int
    private var parent: [Int]

    init(_ window: Range<Int>) {
        base = window.lowerBound
        parent = Array(0 ... window.count)
    }

    /// The first unpainted row at or after `row` (the window's end when none).
    mutating func next(from row: Int) -> Int {
        var offset = min(max(0, row - base), parent.count - 1)
        while parent[offset] != offset {
            parent[offset] = parent[parent[offset]]
            offset = parent[offset]
        }
        return base + offset
    }

    mutating func take(_ row: Int) {
        let offset = row - base
        if offset >= 0 && offset < parent.count - 1 { parent[offset] = offset + 1 }
    }
}
