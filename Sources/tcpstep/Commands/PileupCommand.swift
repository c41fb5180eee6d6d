import ArgumentParser

/// `tcpstep pileup`: the TIME_WAIT pile-up view.
struct PileupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pileup", abstract: "Simulate a busy client's TIME_WAIT pile-up.")
    func run() throws {
        throw CleanExit.message("pileup is not built yet")
    }
}
