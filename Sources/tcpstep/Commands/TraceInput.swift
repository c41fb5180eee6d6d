import Foundation
import TCPStepCapture
import TCPStepCore
import TCPStepScenario

/// What a command was given: a scenario to simulate, or a recorded JSON-lines trace (written by
/// `tcpstep trace --json` or any program that writes the contract), told apart by content.
enum ScenarioInput {
    case scenario(Scenario)
    /// The events, and an empty scenario named after the file for the title.
    case recording(Scenario, [TraceEvent])
    /// One connection of a pcap/pcapng capture, its states inferred; the scenario only names it.
    case capture(Scenario, CapturedStory)

    var scenario: Scenario {
        switch self {
        case .scenario(let scenario), .recording(let scenario, _), .capture(let scenario, _): scenario
        }
    }

    /// The trace: recorded, captured, or the scenario run to quiet.
    var events: [TraceEvent] {
        switch self {
        case .scenario(let scenario): HeadlessRun.trace(of: scenario)
        case .recording(_, let events): events
        case .capture(_, let story): CaptureTrace.events(story.connection)
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
        let events: [TraceEvent]
        do {
            events = try TraceReader.read([UInt8](data))
        } catch {
            throw CleanExit.message("tcpstep: \(nameOrPath): \(error.description)")
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
        if let path = scenario, CaptureFile.isCapture(path) { return try loadCapture(path) }
        if conn != nil { throw CleanExit.message("tcpstep: --conn picks a connection of a capture file; '\(scenario ?? BuiltinScenarios.defaultName)' is not one") }
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

extension ScenarioOptions {
    /// One connection of a capture (recognised by its first bytes), both hosts' states inferred by
    /// the chosen profile's rules (rfc9293 unless --profile).
    func loadCapture(_ path: String) throws -> ScenarioInput {
        if seed != nil { throw CleanExit.message("tcpstep: --seed is for scenarios; a capture has no randomness to seed") }
        var selector: ConnectionSelector?
        if let conn {
            guard let parsed = ConnectionSelector(conn) else {
                throw CleanExit.message("tcpstep: --conn '\(conn)' is neither a number nor ADDR:PORT-ADDR:PORT (e.g. 127.0.0.1:40000-127.0.0.1:80, [::1]:40000-[::1]:80)")
            }
            selector = parsed
        }
        let story = try reportingCaptureErrors { () throws(CaptureError) in
            try CaptureFile.open(path, selector: selector, selectorText: conn, profile: .named(profile ?? .rfc9293))
        }
        var named = Scenario()
        named.title = story.title
        named.source = path
        named.config.profile = story.profile
        return .capture(named, story)
    }
}
