import TCPStepCore

// The presenter's header: each host's name and timers on one row, and below it the state in
// block letters three rows high, the one thing the back row of a lecture hall must read.

extension Screen {
    static func paintPresenterHeader(_ regions: ScreenRegions, model: ScreenModel, _ grid: inout CellGrid) {
        paintTitleBar(regions, model: model, &grid)
        for panel in model.hosts {
            let (x, width) = hostPanelColumns(panel.host, regions)
            paintPresenterNameRow(panel, x: x, width: width, y: regions.hostNameRow, model: model, &grid)
            paintBigState(panel.state, x: x, width: width, rows: regions.hostStateRows, model: model, &grid)
        }
    }

    /// "CLIENT 10.0.0.1:5000  2MSL 59.9 s": the timers move up next to the name, as many as fit.
    private static func paintPresenterNameRow(_ panel: HostPanel, x: Int, width: Int, y: Int,
                                              model: ScreenModel, _ grid: inout CellGrid) {
        let theme = model.theme
        var column = x + paintHostHeading(panel, x: x, width: width, y: y, model: model, &grid)
        for timer in panel.timers {
            let text = "  " + timer.text(model.text)
            guard column + CellGrid.displayWidth(of: text) <= x + width else { break }
            column += grid.put(text, x: column, y: y, style: theme.timeAxis)
        }
    }

    /// Blank columns a label leaves at the end of its half: with only the one between two
    /// letters, the client's label would read on into the server's.
    static let bigStateMargin = 2

    /// The state in block letters, in the state's colour; the standard badge on the middle row
    /// when the letters do not fit `width` (a narrow terminal).
    static func paintBigState(_ state: TCPState, x: Int, width: Int, rows: Range<Int>,
                              model: ScreenModel, _ grid: inout CellGrid) {
        guard let letters = BlockLetters.rows(state.name, glyphs: model.glyphs), letters.count <= rows.count,
              let first = letters.first, CellGrid.displayWidth(of: first) + bigStateMargin <= width else {
            paintStateBadge(state, x: x, y: rows.lowerBound + rows.count / 2, model: model, &grid)
            return
        }
        // Underline would strike through every row of the letters; bold brightens them. Ink only:
        // a coloured background behind block letters reads as a blotchy bar.
        let style = model.theme.emphasised(model.theme.ink(model.theme.state(state)).with(underline: false))
        for (row, text) in zip(rows, letters) {
            grid.put(text, x: x, y: row, style: style)
        }
    }
}
