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

    /// The trace: recorded, or the scenario run to quiet within its event limit.
    var run: HeadlessRun.Result {
        switch self {
        case .scenario(let scenario): HeadlessRun.trace(of: scenario)
        case .recording(_, let events): HeadlessRun.Result(events: events, end: .quiet)
        }
    }
}

extension ScenarioLoader {
    /// A built-in name, a scenario file, or a JSON-lines trace file (its first character `{`).
    /// A bare built-in name wins over a file of that name, as for scenarios (`load` says so).
    static func loadInput(_ nameOrPath: String) throws -> ScenarioInput {
        try recording(nameOrPath) ?? .scenario(load(nameOrPath))
    }

    /// The input as a recording when it is a recorded trace, with an empty scenario named after
    /// the file for the title.
    static func recording(_ nameOrPath: String) throws -> ScenarioInput? {
        guard let events = try recordedTrace(nameOrPath) else { return nil }
        var scenario = Scenario()
        scenario.title = URL(fileURLWithPath: nameOrPath).lastPathComponent
        scenario.source = nameOrPath
        return .recording(scenario, events)
    }

    /// The events of a recorded trace, or nil when the input is not one (a built-in name, a
    /// scenario file, or anything that is not a regular file: `load` names those).
    private static func recordedTrace(_ nameOrPath: String) throws -> [TraceEvent]? {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".tcps")
        if !isPath, BuiltinScenarios.names.contains(nameOrPath) { return nil }
        var info = stat()
        guard stat(nameOrPath, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let data = FileManager.default.contents(atPath: nameOrPath),
              TraceReader.looksLikeTrace(data) else { return nil }
        let events: [TraceEvent]
        do {
            events = try TraceReader.read([UInt8](data))
        } catch {
            throw CleanExit.message("tcpstep: \(TerminalText.visible(nameOrPath)): \(TerminalText.visible(error.description))")
        }
        guard !events.isEmpty else {
            throw CleanExit.message("tcpstep: \(TerminalText.visible(nameOrPath)): the trace has no events")
        }
        return events
    }
}

extension ScenarioOptions {
    /// As `load()`, accepting a recorded trace too; `--profile`, `--seed` and `--sysctl` only
    /// make sense for a scenario (a recording already happened).
    func loadInput(limits: RunLimitOptions? = nil) throws -> ScenarioInput {
        if let input = try ScenarioLoader.recording(scenario ?? BuiltinScenarios.defaultName) {
            if profile != nil || seed != nil || !sysctls.isEmpty {
                throw CleanExit.message("tcpstep: --profile, --seed and --sysctl change a simulation; '\(TerminalText.visible(scenario ?? ""))' is a recorded trace")
            }
            return input
        }
        let loaded = try load()
        return .scenario(limits?.apply(to: loaded) ?? loaded)
    }
}
