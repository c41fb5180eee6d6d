import ArgumentParser
import TCPStepScenario

/// `tcpstep check FILE`: validate a scenario file without running anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a scenario file (errors as file:line:col) or a JSON-lines trace (errors as line N) without running it.")

    @Argument(help: "The scenario file or built-in name to check.")
    var scenario: String

    func run() throws {
        try exitCleanly {
            let input = try ScenarioLoader.loadInput(scenario)
            if case .recording(_, let events) = input {
                print("\(scenario): ok — a recorded trace of \(events.count) events, \(events.last?.step ?? 0) steps")
                return
            }
            let loaded = input.scenario
            let timed = loaded.timeline.isEmpty ? "" : ", \(loaded.timeline.count) timed actions"
            print("\(scenario): ok — \(loaded.title), \(loaded.script.commands.count) commands, \(loaded.script.faultRules.count) fault rules\(timed)")
            if let damage = loaded.damage { print("warning: \(damage)") }
        }
    }
}
