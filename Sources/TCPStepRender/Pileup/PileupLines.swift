import TCPStepCore

/// The pile-up chart's lines, drawn to be read from the back of a lecture hall: half-cell blocks
/// (▀ ▄ █) rather than braille dots, in bold colours of the theme that stand out from its
/// background as graphics must (WCAG 1.4.11: 3:1; 4.5:1 in the projector themes).
extension PileupChart {
    /// What a line belongs to, from the bottom layer to the top.
    enum Series: Int, CaseIterable {
        case portCeiling
        case predicted
        case freePorts
        case established
        case timeWait

        /// The measured lines, most important first (it picks its colour first).
        static let measured: [Series] = [.timeWait, .established, .freePorts]

        func value(of point: PileupChartData.Point) -> Int {
            switch self {
            case .timeWait: point.timeWait
            case .established: point.established
            case .freePorts: point.freePorts
            case .predicted, .portCeiling: 0
            }
        }

        /// The state whose colour the line wears, when the theme lets it.
        var state: TCPState? {
            switch self {
            case .timeWait: .timeWait
            case .established: .established
            case .freePorts: .listen
            case .predicted, .portCeiling: nil
            }
        }
    }

    /// The lowest contrast a line may have against the theme's background.
    static func lineContrast(_ theme: Theme) -> Double { theme.name.hasPrefix("projector") ? 4.5 : 3.0 }

    /// Each series' style. The measured lines take a colour of their state (its background colour
    /// first: the light themes mark TIME_WAIT with a coloured background and black text), else
    /// another colour of the theme, bold if that helps, that stands out from the background and that no more
    /// important line has taken; three lines never share a colour when the theme has three.
    /// The reference lines are text colours, which pass the stricter text contrast anyway.
    static func lineStyles(_ theme: Theme) -> [Series: CellStyle] {
        let minimum = lineContrast(theme)
        // Bold where bold does not turn the colour pale (xterm shows bold black as grey).
        func line(_ colour: TerminalColor) -> CellStyle { theme.emphasised(CellStyle(fg: colour)) }
        func usable(_ colour: TerminalColor) -> Bool {
            colour != .default && theme.background.contrast(of: line(colour)) >= minimum
        }
        // The theme's own colours first; xterm's sixteen only when the theme has too few, and
        // none for a theme without colour (mono, NO_COLOR): there the lines are bold ink.
        // Hues before greys: a grey line reads as a grid line, not as a measurement.
        let own = theme.allStyles.flatMap { [$0.fg, $0.bg] }
        let greys: Set<TerminalColor> = [.black, .white, .brightBlack, .brightWhite]
        let others = own + TerminalColor.allCases
        let palette = own.contains { $0 != .default } ? others.filter { !greys.contains($0) } + others.filter(greys.contains) : []
        var styles: [Series: CellStyle] = [
            .predicted: theme.emphasised(theme.narration).with(bg: .default, reverse: false, underline: false),
            .portCeiling: theme.emphasised(theme.timeAxis).with(bg: .default, reverse: false, underline: false),
        ]
        // A measured line never wears a reference line's colour (light: the ceiling is blue, and so is LISTEN).
        var taken = Set([styles[.predicted]!.fg, styles[.portCeiling]!.fg].filter { $0 != .default })
        for series in Series.measured {
            let own = series.state.map { [theme.state($0).bg, theme.state($0).fg] } ?? []
            let colour = (own + palette).first { usable($0) && !taken.contains($0) }
            if let colour { taken.insert(colour) }
            styles[series] = colour.map(line) ?? CellStyle(bold: true)
        }
        return styles
    }

    /// The lines on a grid of cells: each point (a second, or two seconds a column with Unicode)
    /// lights one half of a cell (one whole cell in ASCII); steps are joined vertically so a
    /// line never breaks. Each half remembers the topmost series drawn on it.
    struct LineCells {
        let width: Int
        let height: Int
        /// Points per column and lit parts per cell row: 2 and 2 with blocks, 1 and 1 in ASCII.
        let pointsPerColumn: Int
        let partsPerRow: Int
        private var upper: [Series?]
        private var lower: [Series?]

        init(width: Int, height: Int, blocks: Bool) {
            self.width = width
            self.height = height
            pointsPerColumn = blocks ? 2 : 1
            partsPerRow = blocks ? 2 : 1
            upper = Array(repeating: nil, count: width * height)
            lower = Array(repeating: nil, count: width * height)
        }

        /// Lights part `y` (0 at the top, `partsPerRow` a cell row) of the column holding point `x`.
        mutating func set(x: Int, y: Int, series: Series) {
            let column = x / pointsPerColumn, row = y / partsPerRow
            guard column >= 0, column < width, row >= 0, row < height else { return }
            let index = row * width + column
            if y % partsPerRow == 0 {
                if (upper[index]?.rawValue ?? -1) < series.rawValue { upper[index] = series }
            } else if (lower[index]?.rawValue ?? -1) < series.rawValue {
                lower[index] = series
            }
        }

        /// A line through one part per point; steps are joined vertically.
        mutating func line(_ parts: [Int], series: Series) {
            var previous: Int?
            for (x, y) in parts.enumerated() {
                let from = previous ?? y
                for part in min(from, y) ... max(from, y) { set(x: x, y: part, series: series) }
                previous = y
            }
        }

        /// The series lit in the cell at (column, row), top half then bottom half.
        func owners(column: Int, row: Int) -> (upper: Series?, lower: Series?) {
            (upper[row * width + column], lower[row * width + column])
        }

        /// Paints the lit cells: █ when one series fills the cell, ▀ or ▄ for one half, and for
        /// two series in one cell ▀ in the upper one's colour on the lower one's colour.
        func paint(x: Int, y: Int, blocks: Bool, style: (Series) -> CellStyle, glyph: (Series) -> Character,
                   _ grid: inout CellGrid) {
            for row in 0 ..< height {
                for column in 0 ..< width {
                    let (top, bottom) = owners(column: column, row: row)
                    guard let topmost = [top, bottom].compactMap({ $0 }).max(by: { $0.rawValue < $1.rawValue }) else { continue }
                    let cellX = x + column, cellY = y + row
                    guard blocks else {
                        grid.put(character: glyph(topmost), x: cellX, y: cellY, style: style(topmost))
                        continue
                    }
                    switch (top, bottom) {
                    case (let top?, let bottom?) where top != bottom && style(bottom).fg != .default && style(top).fg != style(bottom).fg:
                        grid.put(character: "▀", x: cellX, y: cellY, style: style(top).with(bg: style(bottom).fg))
                    case (_?, _?):
                        grid.put(character: "█", x: cellX, y: cellY, style: style(topmost))
                    case (_?, nil):
                        grid.put(character: "▀", x: cellX, y: cellY, style: style(topmost))
                    case (nil, _):
                        grid.put(character: "▄", x: cellX, y: cellY, style: style(topmost))
                    }
                }
            }
        }
    }
}
