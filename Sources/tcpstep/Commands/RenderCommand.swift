import ArgumentParser
import Foundation
import TCPStepCore
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

    @Option(help: "text (plain) or ansi (with colours).")
    var format: DiagramExport.Format = .text

    @Option(help: "Columns to lay the diagram out in.")
    var width = 100

    @Option(help: "Show only the newest N rows of the diagram, as a terminal window would (default: all).")
    var height: Int?

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Flag(help: "Absolute sequence numbers instead of numbers relative to each side's ISN.")
    var absolute = false

    @Option(help: "Colours for --format ansi: default, high-contrast or mono. NO_COLOR drops the colours.")
    var theme = "default"

    func validate() throws {
        guard width >= DiagramColumns.minimumWidth else {
            throw ValidationError("--width must be at least \(DiagramColumns.minimumWidth)")
        }
        if let height, height < 1 { throw ValidationError("--height must be at least 1") }
        guard Theme.named(theme) != nil else {
            throw ValidationError("unknown theme '\(theme)'; choose default, high-contrast or mono")
        }
    }

    func run() throws {
        try exitCleanly {
            let input = try options.loadInput()
            let scenario = input.scenario
            let events = input.events
            var colours = Theme.named(theme) ?? .default
            if !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty { colours = colours.withoutColor() }
            let diagramOptions = DiagramOptions(
                width: width, height: 0, numbering: absolute ? .absolute : .relative,
                glyphs: ascii ? .ascii : .unicode, theme: colours)
            let grid = DiagramExport.render(
                events: events[...], title: scenario.title, profile: scenario.config.profile.name,
                variants: scenario.config.variants, options: diagramOptions, height: height)
            print(DiagramExport.string(grid, format: format), terminator: "")
        }
    }
}

extension DiagramExport.Format: ExpressibleByArgument {}
