import ArgumentParser
import TCPStepCore
import TCPStepExport
import TCPStepNarration
import TCPStepRender

/// `tcpstep export SCENARIO --format F [-o FILE]`: the diagram (or the capture) out of the terminal.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the diagram as SVG, an HTML player, Mermaid, PlantUML, mscgen, text, or the connection as pcap.",
        discussion: """
        Runs the scenario to quiet, like `tcpstep trace`, and writes it in one format:

          svg       a ladder figure for slides and print (--theme light|dark, --lang en|zh)
          html      one self-contained page that plays the scenario step by step: space/→, ←, p
          mermaid   a Mermaid sequenceDiagram, for Markdown documents
          plantuml  a PlantUML sequence diagram (plantuml -tsvg FILE)
          mscgen    an mscgen chart (mscgen -T svg FILE)
          pcap      a capture for Wireshark/tshark, as tcpdump on one host would have seen it (--at)
          text      the terminal diagram as plain text (what `tcpstep render` prints)
          ansi      the same with colours (--theme default|high-contrast|mono)

        --until STEP exports the diagram as it stood after that step. Without -o the output goes \
        to standard output (pcap only into a pipe or a file). A file is written whole or not at \
        all: an export that fails leaves nothing behind.

        Examples:
          tcpstep export lost-last-ack --format svg -o lost-last-ack.svg
          tcpstep export teardown --format html --lang zh -o teardown.html
          tcpstep export handshake --format pcap --at server -o handshake.pcap
          tcpstep export lost-last-ack --format mermaid --until 12
        """)

    @OptionGroup var options: ScenarioOptions

    @Option(help: ArgumentHelp("svg, html, mermaid, plantuml, mscgen, pcap, text or ansi.", valueName: "format"))
    var format: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write to this file (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The diagram as it stood after this step (0 = before anything happened).", valueName: "step"))
    var until: Int?

    @Option(help: "svg, html, mermaid, plantuml, mscgen: language of titles and narration, en or zh (default: from LC_ALL / LANG).")
    var lang: String?

    @Option(help: "svg, html: light (default) or dark. ansi: default, high-contrast or mono.")
    var theme: String?

    @Flag(help: "Absolute sequence numbers instead of numbers relative to each side's ISN.")
    var absolute = false

    @Option(help: "text, ansi: columns to lay the diagram out in (default 100).")
    var width: Int?

    @Flag(help: "text, ansi: ASCII characters only.")
    var ascii = false

    @Option(help: ArgumentHelp("pcap: whose capture, client (default) or server.", valueName: "host"))
    var at: String?

    func validate() throws {
        guard let chosen = ExportFormat(rawValue: format) else {
            throw ValidationError("unknown format '\(format)'; choose \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let given: [(ExportFormat.Option, Bool)] = [
            (.lang, lang != nil), (.theme, theme != nil), (.absolute, absolute),
            (.width, width != nil), (.ascii, ascii), (.at, at != nil),
        ]
        for (option, isGiven) in given where isGiven && !chosen.options.contains(option) {
            let takers = ExportFormat.allCases.filter { $0.options.contains(option) }.map(\.rawValue)
            throw ValidationError("\(option.flag) does not apply to --format \(chosen.rawValue) (only to \(takers.joined(separator: ", ")))")
        }
        if let theme, !chosen.themes.contains(theme) {
            throw ValidationError("unknown theme '\(theme)' for --format \(chosen.rawValue); choose \(chosen.themes.joined(separator: ", "))")
        }
        if let at, HostID.allCases.first(where: { $0.name == at }) == nil {
            throw ValidationError("--at must be client or server, not '\(at)'")
        }
        if let lang, NarrationLanguage(argument: lang) == nil {
            throw ValidationError("unknown language '\(lang)'; choose en or zh")
        }
        if let width, !(DiagramColumns.minimumWidth...RenderCommand.widthMax).contains(width) {
            throw ValidationError("--width must be between \(DiagramColumns.minimumWidth) and \(RenderCommand.widthMax) columns, not \(width)")
        }
        if chosen.isBinary, output == nil || output == "-", AtomicFile.standardOutputIsTerminal {
            throw ValidationError("""
                pcap is binary and standard output is a terminal; write it to a file \
                (-o capture.pcap) or pipe it (| tshark -r -)
                """)
        }
    }

    func run() throws {
        try exitCleanly {
            // A scenario, a recorded trace or one connection of a capture: the same trace for every format.
            let input = try options.loadInput()
            let scenario = input.scenario
            let run = input.run
            try run.reportEventLimit(scenario)
            let bytes: [UInt8]
            do {
                bytes = try Exporter.export(run.events, scenario: scenario, request: request())
            } catch let error as ExportError {
                throw CleanExit.message("tcpstep: " + error.description)
            }
            do {
                if let output, output != "-" {
                    try AtomicFile.write(bytes, to: output)
                } else {
                    try AtomicFile.writeStandardOutput(bytes)
                }
            } catch let failure as AtomicFile.Failure {
                throw CleanExit.message(failure.description)
            }
        }
    }

    func request() -> ExportRequest {
        var request = ExportRequest(format: ExportFormat(rawValue: format) ?? .text)
        let environment = ProcessEnvironment.variables
        let language = lang.flatMap(NarrationLanguage.init(argument:)) ?? NarrationLanguage.fromEnvironment(environment)
        request.language = ExportLanguage(language)
        request.theme = theme
        request.numbering = absolute ? .absolute : .relative
        request.until = until
        request.capturedAt = at == "server" ? .server : .client
        request.width = width ?? 100
        request.ascii = ascii
        request.noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return request
    }
}
