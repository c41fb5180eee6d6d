import TCPStepCore

/// The live view as a pure function: `ScreenModel` + `DiagramLayout` → `CellGrid`.
///
/// The app keeps the layout between frames, so that each frame lays out only the new events:
///
///     let options = Screen.diagramOptions(for: model, width: w, height: h)
///     layout.update(with: stepper.events, config: options.layoutConfig)
///     let grid = Screen.render(model, layout: layout, width: w, height: h)
public enum Screen {
    /// The diagram options for `model` on a terminal of `width` × `height`: the size of the
    /// diagram's area, and the model's scroll, selection, numbering, glyphs and theme.
    public static func diagramOptions(for model: ScreenModel, width: Int, height: Int) -> DiagramOptions {
        let area = regions(for: model, width: width, height: height).diagram
        var options = DiagramOptions(width: area.width, height: area.height, scroll: model.scroll, selected: model.selected,
                                     numbering: model.numbering, glyphs: model.glyphs, theme: model.theme, text: model.text)
        options.rowsPerTransit = model.rowsPerTransit
        options.presenter = regions(for: model, width: width, height: height).isPresenter
        return options
    }

    /// One frame. `layout` must be up to date with the events shown and built with
    /// `diagramOptions(for:width:height:).layoutConfig`.
    public static func render(_ model: ScreenModel, layout: DiagramLayout, width: Int, height: Int) -> CellGrid {
        let regions = regions(for: model, width: width, height: height, layout: layout)
        var grid = CellGrid(width: width, height: height)
        if regions.isTooSmall {
            paintTooSmall(regions, theme: model.theme, glyphs: DiagramGlyphs(model.glyphs), text: model.text, &grid)
            return grid
        }
        paintFrame(regions, model: model, &grid)
        var options = diagramOptions(for: model, width: width, height: height)
        options.height = regions.diagram.height
        switch regions.style {
        case .standard: paintHeader(regions, model: model, &grid)
        case .presenter: paintPresenterHeader(regions, model: model, &grid)
        }
        DiagramPainter.paint(layout, into: &grid, at: regions.diagram, options: options)
        switch regions.style {
        case .standard: paintFooter(regions, model: model, layout: layout, &grid)
        case .presenter: paintPresenterFooter(regions, model: model, &grid)
        }
        return grid
    }

    /// Where everything goes for `model`'s layout style on a `width` × `height` terminal.
    public static func regions(for model: ScreenModel, width: Int, height: Int) -> ScreenRegions {
        ScreenRegions(width: width, height: height, style: model.layoutStyle)
    }

    /// The regions with the narration panel grown into diagram rows that `layout` leaves empty,
    /// as far as the narration needs them: long narration never scrolls while rows stand empty.
    public static func regions(for model: ScreenModel, width: Int, height: Int, layout: DiagramLayout) -> ScreenRegions {
        let base = regions(for: model, width: width, height: height)
        let needed = WordWrap.lines(model.narration, width: narrationWidth(base)).count
        let wanted = needed - base.narrationRows.count
        guard wanted > 0, !base.isTooSmall else { return base }
        // Once the diagram scrolls it uses every row: the narration keeps its own rows then.
        return base.growingNarration(by: wanted, diagramRowsUsed: layout.rowCount)
    }

    /// The segment in flight drawn at screen cell (`x`, `y`), for mouse selection.
    public static func segment(atX x: Int, y: Int, model: ScreenModel, layout: DiagramLayout,
                               width: Int, height: Int) -> SegmentID? {
        let area = regions(for: model, width: width, height: height, layout: layout).diagram
        guard area.columns.contains(x), area.rows.contains(y) else { return nil }
        let window = layout.visibleRows(height: area.height, scroll: model.scroll)
        let row = window.lowerBound + y - area.y
        guard window.contains(row) else { return nil }
        return layout.inFlightSegment(atColumn: x - area.x, row: row)
    }

    /// "terminal too small: need 60×16, have 50×10", centred.
    static func paintTooSmall(_ regions: ScreenRegions, theme: Theme, glyphs: DiagramGlyphs, text words: UIText, _ grid: inout CellGrid) {
        let x = glyphs.times
        let text = words(.tooSmall, "\(ScreenRegions.minimumWidth)\(x)\(ScreenRegions.minimumHeight)", "\(regions.width)\(x)\(regions.height)")
        let lines = WordWrap.lines(text, width: max(1, regions.width))
        let top = max(0, (regions.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (regions.width - CellGrid.displayWidth(of: line)) / 2)
            grid.put(line, x: x, y: top + index, style: theme.error)
        }
    }
}
