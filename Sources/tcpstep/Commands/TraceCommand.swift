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
        With --json, one JSON object per line per event (send, inject, deliver, drop, duplicate, \
        delay, state, timer, app, signal), times in milliseconds of virtual time. This output is \
        a contract: checks and exports rely on its field names.
        """)

    @OptionGroup var options: ScenarioOptions

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        try exitCleanly {
            let scenario = try options.load()
            let events = HeadlessRun.trace(of: scenario)
            if json {
                var output = ""
                output.reserveCapacity(events.count * 160)
                for event in events {
                    output += event.jsonLine
                    output += "\n"
                }
                print(output, terminator: "")
            } else {
                let lang = try language.resolved()
                let narrator = Narrator(scenario: scenario, language: lang, relativeSequenceNumbers: true)
                let words = lang.uiText
                print("\(narrator.title) · \(scenario.config.profile.name.rawValue)" +
                      (scenario.config.variants.isAny ? " · " + words(.notTCP, scenario.config.variants.names.joined(separator: ", ")) : ""))
                print(lang == .english ? events.table : TraceTableText.narrated(events, by: narrator, words: words))
            }
        }
    }
}

/// Runs a scenario to quiet, bounded in virtual time.
enum HeadlessRun {
    static func trace(of scenario: Scenario) -> [TraceEvent] {
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        return log.events
    }
}
