// The presenter's footer: a four-line narration panel in bold (growing and scrolling as the
// standard one does), inset from the frame, and a short key bar. No details line: a status message is written into the separator instead.

extension Screen {
    static func paintPresenterFooter(_ regions: ScreenRegions, model: ScreenModel, _ grid: inout CellGrid) {
        let theme = model.theme, ellipsis = DiagramGlyphs(model.glyphs).ellipsis
        let x = regions.innerX + 2, width = max(0, regions.innerWidth - 4)
        if let status = model.status {
            let text = " " + CellGrid.clip(status, toWidth: max(0, width - 2), ellipsis: ellipsis) + " "
            grid.put(text, x: x, y: regions.detailsRow, style: theme.badge)
        }
        narrationPanel(model, regions: regions).paint(
            x: x, width: width, rowsOnScreen: regions.narrationRows, style: theme.emphasised(theme.narration),
            markerStyle: theme.emphasised(theme.keyHint), words: model.text, glyphs: model.glyphs, into: &grid)
        paintKeyBar(model.keyHints, x: regions.innerX + 1, width: regions.innerWidth - 2, y: regions.keyBarRow,
                    theme: theme, &grid)
    }
}
