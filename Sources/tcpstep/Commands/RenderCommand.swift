import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

/// `tcpstep render`: the diagram as text.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print the sequence diagram as plain text, without a terminal.",
        discussion: """
        Runs the scenario to quiet, like `tcpstep trace`, and prints the whole diagram with the \
        same layout as the interactive view: one arrow per segment, slanted by its transit time, \
        states written on the lifelines where they change, long idle stretches folded into one line.
        """)

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var limits: RunLimitOptions

    @Option(help: "text (plain) or ansi (with colours).")
    var format: DiagramExport.Format = .text

    static let widthMax = 1_000
    static let heightMax = 10_000

    @Option(parsing: .unconditional, help: "Columns to lay the diagram out in (\(DiagramColumns.minimumWidth) to \(widthMax)).")
    var width = 100

    @Option(parsing: .unconditional, help: "Show only the newest N rows of the diagram, as a terminal window would (1 to \(heightMax); default: all).")
    var height: Int?

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Flag(help: "Absolute sequence numbers instead of numbers relative to each side's ISN.")
    var absolute = false

    @OptionGroup var language: LanguageOption

    @Option(help: "Colours for --format ansi: dark, light, projector, projector-light, mono, or default (from $COLORFGBG, else dark). NO_COLOR drops the colours.")
    var theme = "default"

    func validate() throws {
        // The grid is width × height cells of about 30 bytes: the bounds keep it under ~300 MB.
        guard (DiagramColumns.minimumWidth...Self.widthMax).contains(width) else {
            throw ValidationError("--width must be between \(DiagramColumns.minimumWidth) and \(Self.widthMax) columns, not \(width)")
        }
        if let height, !(1...Self.heightMax).contains(height) {
            throw ValidationError("--height must be between 1 and \(Self.heightMax) rows, not \(height)")
        }
        guard Theme.named(theme) != nil else {
            throw ValidationError("unknown theme '\(theme)'; choose \(Theme.choices)")
        }
    }

    func run() throws {
        try exitCleanly {
            let input = try options.loadInput(limits: limits)
            let scenario = input.scenario
            let run = input.run
            let environment = ProcessInfo.processInfo.environment
            let background = Theme.fixedBackground(ofThemeNamed: theme) ?? TerminalBackground.fromCOLORFGBG(environment["COLORFGBG"]) ?? .dark
            var colours = Theme.named(theme, background: background) ?? .default
            if !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty { colours = colours.withoutColor() }
            let lang = try language.resolved()
            let diagramOptions = DiagramOptions(
                width: width, height: 0, numbering: absolute ? .absolute : .relative,
                glyphs: ascii ? .ascii : .unicode, theme: colours, text: lang.uiText)
            let narrator = Narrator(scenario: scenario, language: lang, relativeSequenceNumbers: !absolute)
            let grid = DiagramExport.render(
                events: run.events[...], title: narrator.title, profile: scenario.config.profile.name,
                variants: scenario.config.variants, options: diagramOptions, height: height, origin: scenario.traceOrigin)
            print(DiagramExport.string(grid, format: format), terminator: "")
            try run.reportEventLimit(scenario)
        }
    }
}

extension DiagramExport.Format: ExpressibleByArgument {}
