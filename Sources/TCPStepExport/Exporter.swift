import TCPStepCore
import TCPStepRender
import TCPStepScenario

/// Everything an export depends on besides the trace.
public struct ExportRequest: Hashable, Sendable {
    public var format: ExportFormat
    public var language: ExportLanguage = .english
    /// A name from `format.themes` (nil: the format's default).
    public var theme: String?
    public var numbering: SequenceNumbering = .relative
    /// The diagram as it stood after this step (nil: the whole run).
    public var until: Int?
    /// Whose capture a pcap is.
    public var capturedAt: HostID = .client
    /// Columns for text and ansi.
    public var width = 100
    public var ascii = false
    /// NO_COLOR: ansi without colours.
    public var noColor = false

    public init(format: ExportFormat) { self.format = format }
}

/// Why an export cannot be made; the message is for the user as it is.
public struct ExportError: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Turns a trace into the bytes of one format. Pure: the command line writes them.
public enum Exporter {
    /// The trace cut after step `until`, or an error naming the last step when there is no such step.
    public static func events(_ events: [TraceEvent], until: Int?) throws -> ArraySlice<TraceEvent> {
        guard let until else { return events[...] }
        let last = events.last?.step ?? 0
        guard until >= 0 else { throw ExportError("--until must be 0 or more") }
        guard until <= last else {
            throw ExportError("--until \(until) is past the end: this run has \(last) steps (0 … \(last))")
        }
        let end = events.firstIndex { $0.step > until } ?? events.endIndex
        return events[..<end]
    }

    public static func export(_ trace: [TraceEvent], scenario: Scenario, request: ExportRequest) throws -> [UInt8] {
        let events = try events(trace, until: request.until)
        switch request.format {
        case .svg:
            let ladder = Ladder(events: events, scenario: scenario, numbering: request.numbering, language: request.language)
            return Array(LadderSVG.render(ladder, options: .init(theme: try figureTheme(request))).utf8)
        case .html:
            return Array(try HTMLPlayer.render(events: events, scenario: scenario, theme: figureTheme(request),
                                               numbering: request.numbering, language: request.language).utf8)
        case .mermaid:
            return Array(MermaidExport.render(ladder(events, scenario, request)).utf8)
        case .plantuml:
            return Array(PlantUMLExport.render(ladder(events, scenario, request)).utf8)
        case .mscgen:
            return Array(MscgenExport.render(ladder(events, scenario, request)).utf8)
        case .pcap:
            return PcapExport.capture(events, at: request.capturedAt, mss: scenario.config.mss)
        case .text, .ansi:
            return Array(try diagramText(events, scenario: scenario, request: request).utf8)
        }
    }

    static func ladder(_ events: ArraySlice<TraceEvent>, _ scenario: Scenario, _ request: ExportRequest) -> Ladder {
        Ladder(events: events, scenario: scenario, numbering: request.numbering, language: request.language)
    }

    static func figureTheme(_ request: ExportRequest) throws -> FigureTheme {
        guard let name = request.theme else { return .light }
        guard let theme = FigureTheme.named(name) else {
            throw ExportError("unknown theme '\(name)' for \(request.format.rawValue); choose \(request.format.themes.joined(separator: " or "))")
        }
        return theme
    }

    /// What `tcpstep render` prints: the terminal's diagram as text.
    static func diagramText(_ events: ArraySlice<TraceEvent>, scenario: Scenario, request: ExportRequest) throws -> String {
        guard request.width >= DiagramColumns.minimumWidth else {
            throw ExportError("--width must be at least \(DiagramColumns.minimumWidth)")
        }
        var colours = Theme.named(request.theme ?? "default") ?? .default
        if request.theme != nil, Theme.named(request.theme ?? "") == nil {
            throw ExportError("unknown theme '\(request.theme ?? "")' for ansi; choose default, high-contrast or mono")
        }
        if request.noColor { colours = colours.withoutColor() }
        let options = DiagramOptions(width: request.width, height: 0, numbering: request.numbering,
                                     glyphs: request.ascii ? .ascii : .unicode, theme: colours)
        let grid = DiagramExport.render(events: events, title: scenario.title, profile: scenario.config.profile.name,
                                        variants: scenario.config.variants, options: options, origin: scenario.traceOrigin)
        return DiagramExport.string(grid, format: request.format == .ansi ? .ansi : .text)
    }
}
