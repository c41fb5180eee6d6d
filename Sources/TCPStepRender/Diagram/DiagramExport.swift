import TCPStepCore

/// The whole diagram of a finished run as text: what `tcpstep render` prints and what the
/// golden tests compare. Same layout and painter as the live view, with a title line and the
/// host names on top instead of the live header.
public enum DiagramExport {
    public enum Format: String, CaseIterable, Hashable, Sendable {
        /// Plain characters, no escape sequences.
        case text
        /// With SGR colour sequences, for a terminal or `less -R`.
        case ansi
    }

    /// Rows above the diagram: the title line, the host names.
    static let headerRows = 2

    /// The diagram of `events` under a title line. With `height`, only the newest `height`
    /// diagram rows (a window, as on screen); without, every row.
    /// `origin`: a recording or a capture, named in the title line instead of `profile` (a
    /// capture's hosts at their real addresses); nil: a simulation by `profile`.
    public static func render(events: ArraySlice<TraceEvent>, title: String, profile: ProfileName,
                              variants: TeachingVariants, options: DiagramOptions, height: Int? = nil,
                              origin: TraceOrigin? = nil) -> CellGrid {
        let layout = DiagramLayout(events: events, config: options.layoutConfig)
        var options = options
        options.height = height ?? layout.rowCount
        options.scroll = height == nil ? .top(row: 0) : .followNewest
        var grid = CellGrid(width: options.width, height: options.height + headerRows)
        let separator = DiagramGlyphs(options.glyphs).separator
        let origin = origin ?? .simulation(profile)
        var heading = title + separator + options.text.origin(origin)
        if variants.isAny { heading += separator + options.text(.notTCP, variants.names.joined(separator: ", ")) }
        grid.put(CellGrid.clip(heading, toWidth: options.width, ellipsis: DiagramGlyphs(options.glyphs).ellipsis), x: 0, y: 0, style: options.theme.title)
        DiagramPainter.paintHostNames(layout, into: &grid, x: 0, y: 1, theme: options.theme, text: options.text,
                                       origin: origin)
        DiagramPainter.paint(layout, into: &grid, at: GridRect(x: 0, y: headerRows, width: options.width, height: options.height),
                             options: options)
        return grid
    }

    /// The grid as text in `format`, with a final newline.
    public static func string(_ grid: CellGrid, format: Format) -> String {
        switch format {
        case .text: grid.text + "\n"
        case .ansi: grid.ansiText + "\n"
        }
    }
}
