import ArgumentParser
import Foundation
import TCPStepCore
import TCPStepScenario

/// `tcpstep trace FILE [--json]`: run a scenario to quiet, headless, and print every event.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Run a scenario to quiet without a terminal and print every event.",
        discussion: """
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

/// Runs a scenario to quiet, bounded in virtual time, with its timed actions (a journal's).
enum HeadlessRun {
    static func trace(of scenario: Scenario) -> [TraceEvent] {
        let (events, stop) = TimelinePlayer.trace(of: scenario)
        // A damaged journal still runs up to the damage; say where it stopped.
        if let damage = scenario.damage { FileHandle.standardError.write(Data("tcpstep: \(damage)\n".utf8)) }
        if let stop {
            FileHandle.standardError.write(Data("tcpstep: \(scenario.source):\(stop.line): \(stop.message); ran what came before\n".utf8))
        }
        return events
    }
}
