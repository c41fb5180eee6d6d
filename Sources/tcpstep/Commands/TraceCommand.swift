import ArgumentParser
import TCPStepCore
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

    @Flag(help: "One JSON object per line instead of a table.")
    var json = false

    func run() throws {
        try exitCleanly {
            let input = try options.loadInput()
            let scenario = input.scenario
            let events = input.events
            if json {
                var output = ""
                output.reserveCapacity(events.count * 160)
                for event in events {
                    output += event.jsonLine
                    output += "\n"
                }
                print(output, terminator: "")
            } else {
                print("\(scenario.title) · profile \(scenario.config.profile.name.rawValue)" +
                      (scenario.config.variants.isAny ? " · not TCP: \(scenario.config.variants.names.joined(separator: ", "))" : ""))
                print(events.table)
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
