import ArgumentParser
import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

/// `tcpstep trace FILE [--json]`: run a scenario to quiet, headless, and print every event.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a scenario to quiet without a terminal and print every event.",
        discussion: """
        A pcap or pcapng capture works too (--conn picks the connection): a send and a deliver \
        per captured packet at its timestamp (ms from the connection's first packet), and the \
        state changes inferred from them, marked "inferred":true.

        With --json, one JSON object per line per event (send, inject, deliver, drop, duplicate, \
        delay, state, timer, app, signal), times in milliseconds of virtual time. This output is \
        a contract: checks and exports rely on its field names. Given such a JSON-lines file \
        instead of a scenario, it reads it back and prints it again (the same bytes with --json).
        """)

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var limits: RunLimitOptions

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        try exitCleanly {
            let input = try options.loadInput(limits: limits)
            let scenario = input.scenario
            let run = input.run
            var output = ChunkedOutput()
            if json {
                for event in run.events { output.line(event.jsonLine) }
            } else {
                let lang = try language.resolved()
                let narrator = Narrator(scenario: scenario, language: lang, relativeSequenceNumbers: true)
                let words = lang.uiText
                output.line("\(TerminalText.visible(narrator.title)) · \(lang == .english ? "profile " : "")\(scenario.config.profile.name.rawValue)" +
                            (scenario.config.variants.isAny ? " · " + words(.notTCP, scenario.config.variants.names.joined(separator: ", ")) : ""))
                if lang == .english {
                    run.events.writeTable { output.line($0) }
                } else {
                    output.line(TerminalText.visible(TraceTableText.narrated(run.events, by: narrator, words: words)))
                }
            }
            output.flush()
            try run.reportEventLimit(scenario)
        }
    }
}

/// `--max-events`, for the commands that run a scenario to its end without a person watching.
struct RunLimitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after this many trace events (default \(Scenario.defaultEventsMax); overrides `set max-events`).", valueName: "n"))
    var maxEvents: Int?

    func validate() throws {
        if let maxEvents, !(1...Scenario.eventsMaxLimit).contains(maxEvents) {
            throw ValidationError("--max-events must be between 1 and \(Scenario.eventsMaxLimit), not \(maxEvents)")
        }
    }

    func apply(to scenario: Scenario) -> Scenario {
        var scenario = scenario
        if let maxEvents { scenario.eventsMax = maxEvents }
        return scenario
    }
}

/// Runs a scenario to quiet, bounded in virtual time and in events, with its timed actions (a
/// journal's).
enum HeadlessRun {
    struct Result {
        var events: [TraceEvent]
        var end: RunEnd

        /// After the output: a run cut short by the event limit says so and fails, so a script
        /// never mistakes a partial trace for a whole one.
        func reportEventLimit(_ scenario: Scenario) throws {
            guard end == .eventLimit else { return }
            let lastTime = events.last?.time ?? 0
            throw CleanExit.message("tcpstep: stopped at the event limit, \(scenario.eventsMax) events (\(lastTime.durationText) of virtual time); "
                                    + "raise it with --max-events N or `set max-events N`")
        }
    }

    static func trace(of scenario: Scenario) -> Result {
        let (events, stop, end) = TimelinePlayer.boundedTrace(of: scenario)
        // A damaged journal still runs up to the damage; say where it stopped.
        if let damage = scenario.damage { printError("tcpstep: \(damage)") }
        if let stop { printError("tcpstep: \(scenario.source):\(stop.line): \(stop.message); ran what came before") }
        return Result(events: events, end: end)
    }
}
