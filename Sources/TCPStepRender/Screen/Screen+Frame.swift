import TCPStepCore

// The frame and the header: title, virtual time and step, and each host's panel.

extension Screen {
    static func paintFrame(_ regions: ScreenRegions, model: ScreenModel, _ grid: inout CellGrid) {
        let glyphs = model.glyphs, style = model.theme.border
        let right = regions.width - 1
        // Character by character (`fill`): putting a 250-character string costs more.
        let edges: [(row: Int, left: Character, right: Character)] = [
            (regions.titleRow, glyphs.frameTopLeft, glyphs.frameTopRight),
            (regions.topSeparatorRow, glyphs.teeRight, glyphs.teeLeft),
            (regions.bottomSeparatorRow, glyphs.teeRight, glyphs.teeLeft),
            (regions.bottomRow, glyphs.frameBottomLeft, glyphs.frameBottomRight),
        ]
        for edge in edges {
            grid.put(character: edge.left, x: 0, y: edge.row, style: style)
            grid.fill(GridRect(x: 1, y: edge.row, width: regions.width - 2, height: 1), with: glyphs.horizontal, style: style)
            grid.put(character: edge.right, x: right, y: edge.row, style: style)
        }
        for row in 1 ..< regions.bottomRow where row != regions.topSeparatorRow && row != regions.bottomSeparatorRow {
            grid.put(character: glyphs.vertical, x: 0, y: row, style: style)
            grid.put(character: glyphs.vertical, x: right, y: row, style: style)
        }
    }

    static func paintHeader(_ regions: ScreenRegions, model: ScreenModel, _ grid: inout CellGrid) {
        paintTitleBar(regions, model: model, &grid)
        for panel in model.hosts {
            let (x, width) = hostPanelColumns(panel.host, regions)
            paintHostPanel(panel, x: x, width: width, regions: regions, model: model, &grid)
        }
    }

    /// The top border's texts: "tcpstep · title · profile", the "not TCP" badge, time and step.
    static func paintTitleBar(_ regions: ScreenRegions, model: ScreenModel, _ grid: inout CellGrid) {
        let theme = model.theme, glyphs = DiagramGlyphs(model.glyphs), dot = glyphs.separator
        // Right end of the top border: "t 2.130 s · step 17".
        let clock = " " + model.text(.clockTime, secondsText(model.now)) + dot + model.text(.clockStep, model.step) + " "
        let clockX = regions.width - 2 - CellGrid.displayWidth(of: clock)
        grid.put(clock, x: clockX, y: regions.titleRow, style: theme.title)
        // Left end: "tcpstep · title · rfc9293", then the "not TCP" badge.
        let badge = model.variants.isAny ? " " + model.text(.notTCP, model.variants.names.joined(separator: ", ")) + " " : ""
        let room = max(0, clockX - 3 - CellGrid.displayWidth(of: badge) - 1)
        let heading = "tcpstep" + dot + model.scenarioTitle + dot + model.text.origin(model.traceOrigin)
        let title = " " + CellGrid.clip(heading, toWidth: max(0, room - 2), ellipsis: glyphs.ellipsis) + " "
        let titleWidth = grid.put(title, x: 2, y: regions.titleRow, style: theme.title)
        if !badge.isEmpty {
            grid.put(badge, x: 2 + titleWidth + 1, y: regions.titleRow, style: theme.badge)
        }
    }

    /// The columns of a host's half of the header: the client left, the server right.
    static func hostPanelColumns(_ host: HostID, _ regions: ScreenRegions) -> (x: Int, width: Int) {
        let x = host == .client ? regions.innerX + 1 : regions.serverPanelX
        return (x, host == .client ? regions.serverPanelX - x - 1 : regions.width - 1 - x)
    }

    /// "CLIENT 10.0.0.1:5000" over "▐ TIME_WAIT ▌  2MSL 59.9 s": the state is the loudest thing
    /// on screen, in its own colour, reversed into a solid label.
    private static func paintHostPanel(_ panel: HostPanel, x: Int, width: Int, regions: ScreenRegions,
                                       model: ScreenModel, _ grid: inout CellGrid) {
        let theme = model.theme
        paintHostHeading(panel, x: x, width: width, y: regions.hostNameRow, model: model, &grid)
        var column = x + paintStateBadge(panel.state, x: x, y: regions.hostStateRow, model: model, &grid)
        for timer in panel.timers {
            let text = "  " + timer.text(model.text)
            guard column + CellGrid.displayWidth(of: text) <= x + width else { break }
            column += grid.put(text, x: column, y: regions.hostStateRow, style: theme.timeAxis)
        }
    }

    /// "CLIENT 10.0.0.1:5000": the host, its address and the port of what is shown.
    static func hostHeading(_ panel: HostPanel, _ text: UIText = .english, origin: TraceOrigin? = nil) -> String {
        "\(text.host(panel.host)) \(origin?.address(of: panel.host) ?? panel.host.address)" + (panel.port.map { ":\($0)" } ?? "")
    }

    /// The heading, and on the focused host a mark saying the keys s, x and a act there, so
    /// "send fails" never surprises: "▶ CLIENT 10.0.0.1:5000  s x a act here". Returns the
    /// columns used.
    @discardableResult
    static func paintHostHeading(_ panel: HostPanel, x: Int, width: Int, y: Int, model: ScreenModel,
                                 _ grid: inout CellGrid) -> Int {
        let focused = model.focus == panel.host
        let pointer = focused ? String(model.glyphs.pointer) + " " : ""
        var column = x + grid.put(CellGrid.clip(pointer + hostHeading(panel, model.text, origin: model.origin), toWidth: width), x: x, y: y,
                                  style: model.theme.hostLabel)
        let mark = " " + model.text(.focusMark) + " "
        if focused, column + 1 + CellGrid.displayWidth(of: mark) <= x + width {
            column += 1 + grid.put(mark, x: column + 1, y: y, style: model.theme.keyHint)
        }
        return column - x
    }

    /// "▐ TIME_WAIT ▌" in the state's colour, reversed into a solid label; returns its width.
    @discardableResult
    static func paintStateBadge(_ state: TCPState, x: Int, y: Int, model: ScreenModel, _ grid: inout CellGrid) -> Int {
        let stateStyle = model.theme.state(state), glyphs = model.glyphs
        let label = model.theme.emphasised(stateStyle.with(reverse: !stateStyle.reverse))
        var column = x
        column += grid.put(String(glyphs.badgeLeft), x: column, y: y, style: stateStyle)
        column += grid.put(" \(state.name) ", x: column, y: y, style: label)
        column += grid.put(String(glyphs.badgeRight), x: column, y: y, style: stateStyle)
        return column - x
    }

    /// "2.130 s": virtual time with millisecond precision.
    static func secondsText(_ time: Micros) -> String {
        let millis = time / 1_000
        let fraction = String(millis % 1_000)
        return "\(millis / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }
}
