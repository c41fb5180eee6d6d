/// What `tcpstep export` can write, and which options make sense for each.
public enum ExportFormat: String, CaseIterable, Hashable, Sendable {
    case svg, html, mermaid, plantuml, mscgen, pcap, text, ansi

    /// Options beyond the scenario's own (`--profile`, `--seed`, `--until`, `-o` go with every format).
    public enum Option: String, CaseIterable, Hashable, Sendable {
        case lang, theme, absolute, width, ascii, at
        public var flag: String { "--" + rawValue }
    }

    public var options: Set<Option> {
        switch self {
        case .svg, .html: [.lang, .theme, .absolute]
        case .mermaid, .plantuml, .mscgen: [.lang, .absolute]
        case .pcap: [.at]
        case .text: [.width, .ascii, .absolute]
        case .ansi: [.width, .ascii, .absolute, .theme]
        }
    }

    /// The themes `--theme` accepts for this format (empty: it takes none).
    public var themes: [String] {
        switch self {
        case .svg, .html: FigureTheme.all.map(\.name)
        case .ansi: ["default", "high-contrast", "mono"]
        case .mermaid, .plantuml, .mscgen, .pcap, .text: []
        }
    }

    /// Bytes a terminal cannot show: refuse to write them to one.
    public var isBinary: Bool { self == .pcap }

    /// The usual file name extension, for `e` in the interactive view and for hints.
    public var fileExtension: String {
        switch self {
        case .svg: "svg"
        case .html: "html"
        case .mermaid: "mmd"
        case .plantuml: "puml"
        case .mscgen: "msc"
        case .pcap: "pcap"
        case .text: "txt"
        case .ansi: "ans"
        }
    }
}
