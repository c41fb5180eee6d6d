import ArgumentParser
import TCPStepCore
import TCPStepScenario

/// `tcpstep list`: the built-in scenarios with their titles and summaries.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the built-in scenarios.")

    func run() throws {
        try exitCleanly {
            let names = BuiltinScenarios.names
            let width = names.map(\.count).max() ?? 0
            for name in names {
                let scenario = try ScenarioLoader.load(name)
                let padded = name + String(repeating: " ", count: width - name.count)
                print("\(padded)  \(TerminalText.visible(scenario.title))")
                if let summary = scenario.summary {
                    print(String(repeating: " ", count: width + 2) + TerminalText.visible(summary))
                }
            }
        }
    }
}
