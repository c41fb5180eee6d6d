import ArgumentParser
import TCPStepCore
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
            print("\(TerminalText.visible(scenario)): ok — \(TerminalText.visible(loaded.title)), \(loaded.script.commands.count) commands, \(loaded.script.faultRules.count) fault rules")
        }
    }
}
