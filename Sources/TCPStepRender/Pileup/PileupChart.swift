/// The live view of the TIME_WAIT pile-up, drawn into a grid (pure: same data, same cells).
///
///     ┌ tcpstep pileup · linux · 500 req/s · TIME_WAIT 60 s ─────────────── t 120 s · ▶ 30× ┐
///     │ 30,000┤⣀⣀⣀⣀⡠⠤⠒⠉┄┄┄┄ rate×2MSL 30,000 │ TIME_WAIT          29,870             │
///     │       ┤   ⢀⡠⠊                   │  rate × 2MSL       30,000             │
///     │      0┼⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤⠤  │ ESTABLISHED            12             │
///     │ failed     ✗✗✗✗✗✗            …   │ free ports      1,234 of 28,232       │
///     ├────────────────────────────────────────────────────────────────────────────────────┤
///     │ 1 [ ] limit the request rate        4 [x] reuse connections (pool)                 │
///     │ cost: The pool must be managed (idle, broken, stale connections) and requests …    │
///     │ ␣ play/pause  +/- speed  1–6 remedies  r restart  ? help  q quit                   │
///     └────────────────────────────────────────────────────────────────────────────────────┘
///
/// The plot uses braille dots (2 × 4 per cell) with the Unicode glyphs and one mark per cell
/// with ASCII. TIME_WAIT, ESTABLISHED and the free ports share one linear scale, so the tiny
/// ESTABLISHED line next to the huge TIME_WAIT one is itself part of the lesson.
public enum PileupChart {
    /// Narrowest and lowest grid the view lays out; smaller grids get a one-line notice.
    public static let minimumWidth = 60
    public static let minimumHeight = 16

    public static func render(_ data: PileupChartData, width: Int, height: Int,
                              theme: Theme = .default, glyphs: GlyphSet = .unicode) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            grid.put(CellGrid.clip(data.text(.pileTooSmall, "\(minimumWidth)×\(minimumHeight)"), toWidth: width),
                     x: 0, y: 0, style: theme.error)
            return grid
        }
        let layout = Layout(width: width, height: height, remedyCount: data.remedies.count)
        paintFrame(data, layout, theme: theme, glyphs: glyphs, &grid)
        Plot(data: data, area: layout.plot, glyphs: glyphs, theme: theme).paint(&grid)
        paintNumbers(data, in: layout.numbers, theme: theme, glyphs: glyphs, &grid)
        paintRemedies(data, layout, theme: theme, glyphs: glyphs, &grid)
        Screen.paintKeyBar(data.keyHints, x: layout.innerX + 1, width: layout.innerWidth - 2, y: layout.keyBarRow,
                           theme: theme, &grid)
        return grid
    }

    /// Where everything goes: a frame; inside it the plot (left) beside the numbers (right), a
    /// separator, the remedies in two columns, the cost of the highlighted one, the key bar.
    struct Layout {
        let width: Int
        let height: Int
        let innerX = 1
        var innerWidth: Int { width - 2 }
        /// The plot's rectangle, y-axis labels and the failure strip included.
        let plot: GridRect
        /// The numbers to the right of the plot.
        let numbers: GridRect
        let separatorRow: Int
        let remedyRows: Range<Int>
        let costRows: Range<Int>
        let keyBarRow: Int

        init(width: Int, height: Int, remedyCount: Int) {
            self.width = width
            self.height = height
            keyBarRow = height - 2
            let costRowCount = 2
            let remedyRowCount = (remedyCount + 1) / 2
            costRows = (keyBarRow - costRowCount) ..< keyBarRow
            remedyRows = (costRows.lowerBound - remedyRowCount) ..< costRows.lowerBound
            separatorRow = remedyRows.lowerBound - 1
            let numbersWidth = min(34, max(28, (width - 2) / 3))
            let plotWidth = width - 2 - numbersWidth - 1
            plot = GridRect(x: 1, y: 1, width: plotWidth, height: separatorRow - 1)
            numbers = GridRect(x: 1 + plotWidth + 1, y: 1, width: numbersWidth, height: separatorRow - 1)
        }
    }

    // MARK: Frame

    private static func paintFrame(_ data: PileupChartData, _ layout: Layout, theme: Theme, glyphs: GlyphSet,
                                   _ grid: inout CellGrid) {
        let right = layout.width - 1, bottom = layout.height - 1
        grid.put(String(glyphs.frameTopLeft) + glyphs.line(layout.width - 2) + String(glyphs.frameTopRight),
                 x: 0, y: 0, style: theme.border)
        grid.put(String(glyphs.frameBottomLeft) + glyphs.line(layout.width - 2) + String(glyphs.frameBottomRight),
                 x: 0, y: bottom, style: theme.border)
        for y in 1 ..< bottom {
            grid.put(character: glyphs.vertical, x: 0, y: y, style: theme.border)
            grid.put(character: glyphs.vertical, x: right, y: y, style: theme.border)
        }
        grid.put(String(glyphs.teeRight) + glyphs.line(layout.width - 2) + String(glyphs.teeLeft),
                 x: 0, y: layout.separatorRow, style: theme.border)
        for y in layout.plot.rows { grid.put(character: glyphs.vertical, x: layout.numbers.x - 1, y: y, style: theme.border) }

        let title = " " + data.text(.pileTitle, data.profileName, Format.count(data.requestRate), Format.seconds(data.timeWaitSeconds)) + " "
        let time = data.text(.clockTime, "\(data.points.last?.timeS ?? 0) s")
        let ascii = glyphs.name == "ascii"
        var speed = Format.speed(data.speed, ascii: ascii)
        // The speed asked for and, once measured, the speed reached: a debug build or a busy
        // machine may not keep up.
        if let achieved = data.achievedSpeed { speed += " " + data.text(.pileAchieving, Format.speed(achieved, ascii: ascii)) }
        let play = data.isPlaying ? "\(glyphs.arrowRight) \(speed)" : data.text(.pilePaused)
        let status = " \(time) · \(play) "
        let titleText = CellGrid.clip(title, toWidth: max(0, layout.width - 4 - CellGrid.displayWidth(of: status)), ellipsis: "…")
        grid.put(titleText, x: 1, y: 0, style: theme.title)
        grid.put(status, x: layout.width - 1 - CellGrid.displayWidth(of: status), y: 0, style: theme.title)
    }

    // MARK: Numbers beside the plot

    private static func paintNumbers(_ data: PileupChartData, in area: GridRect, theme: Theme, glyphs: GlyphSet,
                                     _ grid: inout CellGrid) {
        let last = data.points.last, text = data.text
        let ports = data.portRangeCount
        var rows: [(label: String, value: String, style: CellStyle)] = [
            ("TIME_WAIT", Format.count(last?.timeWait ?? 0), theme.state(.timeWait)),
            (text(.pileOnWebServer), Format.count(data.timeWaitOnClient), theme.timeAxis),
            (text(.pileOnDatabase), Format.count(data.timeWaitOnServer), theme.timeAxis),
            (text(.pileRateTimesMSL), Format.count(data.predictedTimeWait), theme.narration),
            ("  = \(Format.count(data.connectRate))/s × \(Format.seconds(data.timeWaitSeconds))", "", theme.timeAxis),
            ("ESTABLISHED", Format.count(last?.established ?? 0), theme.state(.established)),
            (text(.pileOtherLive), Format.count(last?.otherLive ?? 0), theme.narration),
            (text(.pileFreePorts), text(.pileFreeOf, Format.count(last?.freePorts ?? ports), Format.count(ports)), theme.state(.listen)),
            (text(.pileFailed), Format.count(last?.failedConnects ?? 0),
             (last?.failedConnects ?? 0) > 0 ? theme.error : theme.narration),
        ]
        if data.requestsWaiting > 0 {
            rows.append((text(.pileWaiting), Format.count(data.requestsWaiting), theme.narration))
        }
        // The rate limit's cost, live: requests turned away, next to the connects that no longer
        // fail, and the addresses blacklisted now with the time left to the next release.
        let rateLimitOn = data.remedies.first(where: { $0.key == "1" })?.isOn == true
        if data.requestsShed > 0 || rateLimitOn {
            rows.append((text(.pileShed), Format.count(data.requestsShed), data.requestsShed > 0 ? theme.error : theme.narration))
        }
        if data.blacklistedIPs > 0 || rateLimitOn {
            rows.append((text(.pileBlacklisted), Format.count(data.blacklistedIPs), data.blacklistedIPs > 0 ? theme.error : theme.narration))
            if let release = data.nextReleaseS { rows.append((text(.pileReleaseIn), Format.seconds(Double(release)), theme.timeAxis)) }
        }
        // The measured lines' rows start with a swatch in the line's colour: the chart's legend.
        let swatches: [String: Series] = ["TIME_WAIT": .timeWait, "ESTABLISHED": .established, text(.pileFreePorts): .freePorts]
        let lineStyles = PileupChart.lineStyles(theme)
        for (index, row) in rows.enumerated() where index < area.height {
            let y = area.y + index
            var x = area.x + 1, width = area.width - 2
            if let series = swatches[row.label] {
                let swatch: Character = glyphs.name == "ascii" ? Plot.asciiGlyph(series) : "█"
                grid.put(character: swatch, x: x, y: y, style: lineStyles[series] ?? row.style)
                x += 2
                width -= 2
            }
            grid.put(CellGrid.clip(row.label, toWidth: width), x: x, y: y, style: row.style)
            // "25,232 of 28,232" where it fits, else its first number ("25,232").
            let labelWidth = CellGrid.displayWidth(of: row.label)
            let value = labelWidth + 1 + CellGrid.displayWidth(of: row.value) <= width
                ? row.value : String(row.value.prefix { $0 != " " })
            let valueWidth = CellGrid.displayWidth(of: value)
            if labelWidth + 1 + valueWidth <= width {
                grid.put(value, x: x + width - valueWidth, y: y, style: row.style)
            }
        }
    }

    // MARK: Remedies

    private static func paintRemedies(_ data: PileupChartData, _ layout: Layout, theme: Theme, glyphs: GlyphSet,
                                      _ grid: inout CellGrid) {
        let columnWidth = (layout.innerWidth - 2) / 2
        for (index, remedy) in data.remedies.enumerated() {
            let column = index / layout.remedyRows.count
            let row = layout.remedyRows.lowerBound + index % layout.remedyRows.count
            let x = layout.innerX + 1 + column * columnWidth
            let box = remedy.isOn ? "[x]" : "[ ]"
            var style = remedy.isOn ? theme.state(.established) : theme.narration
            if index == data.highlightedRemedy { style = style.with(reverse: true) }
            var used = grid.put(remedy.key, x: x, y: row, style: theme.keyHint)
            used += grid.put(" ", x: x + used, y: row)
            let text = CellGrid.clip("\(box) \(remedy.title)", toWidth: columnWidth - used - 1, ellipsis: "…")
            grid.put(text, x: x + used, y: row, style: style)
        }
        let x = layout.innerX + 1, width = layout.innerWidth - 2
        guard let highlighted = data.highlightedRemedy, data.remedies.indices.contains(highlighted) else {
            grid.put(CellGrid.clip(data.text(.pilePress, data.remedies.count), toWidth: width),
                     x: x, y: layout.costRows.lowerBound, style: theme.timeAxis)
            return
        }
        let remedy = data.remedies[highlighted]
        let text = data.text(.pileCostLine, remedy.key, remedy.title, data.text(remedy.isOn ? .pileOn : .pileOff), remedy.cost)
        for (index, line) in WordWrap.lines(text, width: width).prefix(layout.costRows.count).enumerated() {
            grid.put(line, x: x, y: layout.costRows.lowerBound + index, style: theme.narration)
        }
    }
}

// MARK: - The plot

extension PileupChart {
    /// Lines over time in a rectangle: y-axis labels on the left, then the lines; the last two
    /// rows are the time axis and the failure strip (a mark in each column where connects failed).
    struct Plot {
        let data: PileupChartData
        let area: GridRect
        let glyphs: GlyphSet
        let theme: Theme
        /// Half-cell blocks when the glyphs are Unicode (two seconds a column, two parts a row).
        let blocks: Bool
        let pointsPerColumn: Int
        let partsPerRow: Int
        /// The top of the scale: a round number above everything drawn.
        let scaleMaximum: Int
        let labelWidth: Int
        let plotX: Int
        let plotWidth: Int
        let plotRows: Int
        /// The points shown: the newest that fit.
        let shown: ArraySlice<PileupChartData.Point>
        let styles: [Series: CellStyle]

        init(data: PileupChartData, area: GridRect, glyphs: GlyphSet, theme: Theme) {
            self.data = data
            self.area = area
            self.glyphs = glyphs
            self.theme = theme
            blocks = glyphs.name != "ascii"
            pointsPerColumn = blocks ? 2 : 1
            partsPerRow = blocks ? 2 : 1
            // The scale is taken over the widest window the plot could show, so the label width
            // (which narrows the plot) does not depend on itself.
            scaleMaximum = Self.scale(for: data.points.suffix(max(1, area.width) * pointsPerColumn), data: data)
            labelWidth = max(6, CellGrid.displayWidth(of: Format.count(scaleMaximum))) + 1
            plotX = area.x + labelWidth + 1
            plotWidth = max(1, area.width - labelWidth - 2)
            plotRows = max(1, area.height - 2)
            shown = data.points.suffix(plotWidth * pointsPerColumn)
            styles = PileupChart.lineStyles(theme)
        }

        static func scale(for points: ArraySlice<PileupChartData.Point>, data: PileupChartData) -> Int {
            let highest = points.map { max($0.timeWait, $0.freePorts, $0.established) }.max() ?? 0
            var top = max(highest, data.predictedTimeWait, 10)
            // The port ceiling is worth a line when it is near the rest, not when it squashes them.
            if data.portRangeCount <= top * 3 / 2 { top = max(top, data.portRangeCount) }
            return Format.roundUp(top + top / 10)
        }

        func paint(_ grid: inout CellGrid) {
            paintAxis(maximum: scaleMaximum, &grid)
            // Reference lines first, the measured lines over them.
            let rows = referenceRows
            if let ceiling = rows.ceiling { paintReference(row: ceiling, series: .portCeiling, &grid) }
            paintReference(row: rows.predicted, series: .predicted, &grid)
            var cells = LineCells(width: plotWidth, height: plotRows, blocks: blocks)
            for series in [Series.freePorts, .established, .timeWait] {
                cells.line(shown.map { part(series.value(of: $0)) }, series: series)
            }
            cells.paint(x: plotX, y: area.y, blocks: blocks, style: style, glyph: Self.asciiGlyph, &grid)
            paintRemedyMarks(&grid)
            paintReferenceLabels(rows, &grid)  // over the marks: a label cut by a mark is hard to read
            paintFailureStrip(&grid)
        }

        /// The part row (0 at the top, `partsPerRow` a cell row) where `value` lies on the scale.
        func part(_ value: Int) -> Int {
            let parts = plotRows * partsPerRow
            let fromBottom = Int((Double(min(max(value, 0), scaleMaximum)) / Double(scaleMaximum) * Double(parts - 1)).rounded())
            return parts - 1 - fromBottom
        }

        /// The cell rows of the two reference lines, never the same: when 28,232 ports and
        /// 30,000 predicted fall in one row, the larger value moves up a row (its label says
        /// the exact number), so the two never read as one line.
        var referenceRows: (ceiling: Int?, predicted: Int) {
            let predicted = part(data.predictedTimeWait) / partsPerRow
            guard data.portRangeCount <= scaleMaximum else { return (nil, predicted) }
            let ceiling = part(data.portRangeCount) / partsPerRow
            guard ceiling == predicted else { return (ceiling, predicted) }
            if data.predictedTimeWait >= data.portRangeCount {
                return ceiling > 0 ? (ceiling, ceiling - 1) : (ceiling + 1, ceiling)
            }
            return predicted > 0 ? (ceiling - 1, predicted) : (ceiling, predicted + 1)
        }

        private func style(_ series: Series) -> CellStyle { styles[series] ?? theme.narration }

        static func asciiGlyph(_ series: Series) -> Character {
            switch series {
            case .timeWait: "*"
            case .established: "e"
            case .freePorts: "f"
            case .predicted: "="
            case .portCeiling: "-"
            }
        }

        /// A reference line across the plot, heavy so a projector shows it: dashed for theory's
        /// prediction, solid for the ceiling.
        private func paintReference(row: Int, series: Series, _ grid: inout CellGrid) {
            let character: Character = switch (series, blocks) {
            case (.predicted, true): "╍"
            case (_, true): "━"
            case (.predicted, false): "="
            case (_, false): "-"
            }
            grid.put(String(repeating: character, count: plotWidth), x: plotX, y: area.y + row, style: style(series))
        }

        private func paintAxis(maximum: Int, _ grid: inout CellGrid) {
            let axisX = area.x + labelWidth
            for row in 0 ..< plotRows {
                grid.put(character: glyphs.vertical, x: axisX, y: area.y + row, style: theme.border)
            }
            for (value, row) in [(maximum, 0), (maximum / 2, plotRows / 2), (0, plotRows - 1)] {
                let label = Format.count(value)
                grid.put(label, x: axisX - CellGrid.displayWidth(of: label), y: area.y + row, style: theme.timeAxis)
                grid.put(character: glyphs.teeLeft, x: axisX, y: area.y + row, style: theme.border)
            }
            let axisRow = area.y + plotRows
            grid.put(glyphs.line(plotWidth + 1), x: axisX, y: axisRow, style: theme.border)
            grid.put(character: glyphs.frameBottomLeft, x: axisX, y: axisRow, style: theme.border)
            if let first = shown.first, let last = shown.last {
                grid.put("\(first.timeS) s", x: plotX, y: axisRow, style: theme.timeAxis)
                let end = "\(last.timeS) s"
                let endX = plotX + min(plotWidth, (shown.count + pointsPerColumn - 1) / pointsPerColumn) - CellGrid.displayWidth(of: end)
                if endX > plotX + 8 { grid.put(end, x: endX, y: axisRow, style: theme.timeAxis) }
            }
        }

        /// "port ceiling 28,232" on its line near the left end, and "rate×2MSL 30,000 · now
        /// 29,870" at the right end just above its line (below it when the ceiling is there),
        /// each in its line's colour.
        private func paintReferenceLabels(_ rows: (ceiling: Int?, predicted: Int), _ grid: inout CellGrid) {
            if let ceiling = rows.ceiling {
                let label = " " + data.text(.pileCeiling, Format.count(data.portRangeCount)) + " "
                if CellGrid.displayWidth(of: label) + 4 <= plotWidth {
                    grid.put(label, x: plotX + 2, y: area.y + ceiling, style: style(.portCeiling))
                }
            }
            let measured = shown.last?.timeWait ?? 0
            let label = " " + data.text(.pileReference, Format.count(data.predictedTimeWait), Format.count(measured)) + " "
            let width = CellGrid.displayWidth(of: label)
            guard width + 2 <= plotWidth else { return }
            var row = rows.predicted > 0 ? rows.predicted - 1 : rows.predicted + 1
            if row == rows.ceiling { row = rows.predicted + 1 < plotRows ? rows.predicted + 1 : rows.predicted }
            grid.put(label, x: plotX + plotWidth - width, y: area.y + row, style: style(.predicted))
        }

        /// A vertical mark where a remedy was switched, with its key at the top ("1 on").
        private func paintRemedyMarks(_ grid: inout CellGrid) {
            let points = Array(shown)
            var index = 0, column = 0
            while index < points.count {
                let end = min(points.count, index + pointsPerColumn)
                let switched = points[index ..< end].flatMap(\.remediesSwitched)
                if !switched.isEmpty {
                    for row in 0 ..< plotRows { grid.put(character: glyphs.vertical, x: plotX + column, y: area.y + row, style: theme.badge) }
                    grid.put(" " + switched.joined(separator: " ") + " ", x: plotX + column, y: area.y, style: theme.badge)
                }
                column += 1
                index = end
            }
        }

        /// One mark in each column where connects failed during its seconds.
        private func paintFailureStrip(_ grid: inout CellGrid) {
            let stripRow = area.y + plotRows + 1
            grid.put(data.text(.pileFailedStrip), x: area.x + 1, y: stripRow, style: theme.timeAxis)
            let points = Array(shown)
            guard !points.isEmpty else { return }
            var previous = data.points.count > points.count ? data.points[data.points.count - points.count - 1].failedConnects : 0
            var column = 0
            var index = 0
            while index < points.count {
                let end = min(points.count, index + pointsPerColumn)
                let failedHere = points[end - 1].failedConnects > previous
                previous = points[end - 1].failedConnects
                if failedHere { grid.put(character: glyphs.drop, x: plotX + column, y: stripRow, style: theme.error) }
                column += 1
                index = end
            }
        }
    }
}

// MARK: - Numbers as text

extension PileupChart {
    enum Format {
        /// 28232 → "28,232".
        static func count(_ value: Int) -> String {
            let digits = String(abs(value))
            var grouped = ""
            for (index, digit) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(digit)
            }
            return value < 0 ? "-" + grouped : grouped
        }

        /// 60 → "60 s", 0.5 → "0.5 s".
        static func seconds(_ value: Double) -> String {
            value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
        }

        /// 30 → "30×", 0.5 → "0.5×", 10.83 → "10.8×" ("30x" in ASCII).
        static func speed(_ value: Double, ascii: Bool = false) -> String {
            let times = ascii ? "x" : "×"
            let tenths = (value * 10).rounded() / 10  // 29.99… is "30×", not "30.0×"
            return tenths == tenths.rounded() ? "\(Int(tenths))\(times)" : "\(tenths)\(times)"
        }

        /// The next "round" number at or above `value`: a multiple of half its leading power of
        /// ten (31,500 → 35,000; 6,300 → 6,500; 7 → 7).
        static func roundUp(_ value: Int) -> Int {
            var power = 1
            while power * 10 <= value { power *= 10 }
            let unit = max(1, power / 2)
            return (value + unit - 1) / unit * unit
        }
    }
}
