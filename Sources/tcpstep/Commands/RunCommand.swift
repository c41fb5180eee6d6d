import ArgumentParser

/// `tcpstep [SCENARIO]`: the interactive view (the default command).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Open the interactive sequence diagram (the default).")
    @OptionGroup var options: ScenarioOptions
    func run() throws {
        throw CleanExit.message("the interactive view is not built yet")
    }
}
