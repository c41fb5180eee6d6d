import Foundation
import TCPStepCore
import TCPStepScenario

/// What a command was given: a scenario to simulate, or a recorded JSON-lines trace (written by
/// `tcpstep trace --json` or any program that writes the contract), told apart by content.
enum ScenarioInput {
    case scenario(Scenario)
    /// The events, and an empty scenario named after the file for the title.
    case recording(Scenario, [TraceEvent])

    var scenario: Scenario {
        switch self {
        case .scenario(let scenario), .recording(let scenario, _): scenario
        }
    }

    /// The trace: recorded, or the scenario run to quiet.
    var events: [TraceEvent] {
        switch self {
        case .scenario(let scenario): HeadlessRun.trace(of: scenario)
        case .recording(_, let events): events
        }
    }
}

extension ScenarioLoader {
    /// A built-in name, a scenario file, or a JSON-lines trace file (its first character `{`).
    static func loadInput(_ nameOrPath: String) throws -> ScenarioInput {
        guard FileManager.default.fileExists(atPath: nameOrPath),
              let data = FileManager.default.contents(atPath: nameOrPath),
              TraceReader.looksLikeTrace(data) else {
            return .scenario(try load(nameOrPath))
        }
        let read: Result<[TraceEvent], TraceReadError> = data.withUnsafeBytes { raw in
            do throws(TraceReadError) {
                return .success(try TraceReader.read(raw.bindMemory(to: UInt8.self)))
            } catch {
                return .failure(error)
            }
        }
        guard case .success(let events) = read else {
            if case .failure(let error) = read { throw CleanExit.message("tcpstep: \(nameOrPath): \(error.description)") }
            return .scenario(try load(nameOrPath))
        }
        guard !events.isEmpty else { throw CleanExit.message("tcpstep: \(nameOrPath): the trace has no events") }
        var scenario = Scenario()
        scenario.title = URL(fileURLWithPath: nameOrPath).lastPathComponent
        scenario.source = nameOrPath
        return .recording(scenario, events)
    }
}

extension ScenarioOptions {
    /// As `load()`, accepting a recorded trace too; `--profile` and `--seed` only make sense for
    /// a scenario (a recording already happened).
    func loadInput() throws -> ScenarioInput {
        let input = try ScenarioLoader.loadInput(scenario ?? BuiltinScenarios.defaultName)
        guard case .scenario(var loaded) = input else {
            if profile != nil || seed != nil {
                throw CleanExit.message("tcpstep: --profile and --seed change a simulation; '\(scenario ?? "")' is a recorded trace")
            }
            return input
        }
        if let profile { loaded.config.profile = .named(profile) }
        if let seed { loaded.config.seed = seed }
        return .scenario(loaded)
    }
}
