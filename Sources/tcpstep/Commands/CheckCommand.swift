import ArgumentParser
import TCPStepScenario

/// `tcpstep check FILE`: validate a scenario file without running anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check a scenario file for errors without running it (errors as file:line:col).")

    @Argument(help: "The scenario file or built-in name to check.")
    var scenario: String

    func run() throws {
        try exitCleanly {
            let loaded = try ScenarioLoader.load(scenario)
            let timed = loaded.timeline.isEmpty ? "" : ", \(loaded.timeline.count) timed actions"
            print("\(scenario): ok — \(loaded.title), \(loaded.script.commands.count) commands, \(loaded.script.faultRules.count) fault rules\(timed)")
            if let damage = loaded.damage { print("warning: \(damage)") }
        }
    }
}
