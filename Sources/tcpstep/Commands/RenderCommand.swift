import ArgumentParser

/// `tcpstep render`: the diagram as text.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Print the sequence diagram as plain text, without a terminal.")
    @OptionGroup var options: ScenarioOptions
    func run() throws {
        throw CleanExit.message("render is not built yet")
    }
}
