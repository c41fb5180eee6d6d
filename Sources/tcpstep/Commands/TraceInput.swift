#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// The trace: recorded, captured, or the scenario run to quiet within its event limit.
    var run: HeadlessRun.Result {
        switch self {
        case .scenario(let scenario): HeadlessRun.trace(of: scenario)
        case .recording(_, let events): HeadlessRun.Result(events: events, end: .quiet)
        case .capture(_, let story): HeadlessRun.Result(events: CaptureTrace.events(story.connection), end: .quiet)
        }
    }
}

extension ScenarioLoader {
    /// Whether the name means a regular file that may be opened and sniffed (a bare built-in
    /// name means the built-in; a FIFO or a device is never opened: `load` names those).
    static func isRegularFile(_ nameOrPath: String) -> Bool {
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".tcps")
        if !isPath, BuiltinScenarios.names.contains(nameOrPath) { return false }
        var info = stat()
        return stat(nameOrPath, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

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
        scenario.origin = .recording
        return .recording(scenario, events)
    }

    /// The events of a recorded trace, or nil when the input is not one (a built-in name, a
    /// scenario file, or anything that is not a regular file: `load` names those).
    private static func recordedTrace(_ nameOrPath: String) throws -> [TraceEvent]? {
        guard isRegularFile(nameOrPath), let data = FileManager.default.contents(atPath: nameOrPath),
              TraceReader.looksLikeTrace(data) else { return nil }
        // Read straight from the file's bytes: a million-event trace is never copied.
        let read: Result<[TraceEvent], TraceReadError> = data.withUnsafeBytes { raw in
            do throws(TraceReadError) {
                return .success(try TraceReader.read(raw.bindMemory(to: UInt8.self)))
            } catch {
                return .failure(error)
            }
        }
        let events: [TraceEvent]
        switch read {
        case .success(let read): events = read
        case .failure(let error):
            throw CleanExit.message("tcpstep: \(TerminalText.visible(nameOrPath)): \(TerminalText.visible(error.description))")
        }
        guard !events.isEmpty else {
            throw CleanExit.message("tcpstep: \(TerminalText.visible(nameOrPath)): the trace has no events")
        }
        return events
    }
}

extension ScenarioOptions {
    /// As `load()`, accepting a recorded trace or a capture too; `--profile`, `--seed` and
    /// `--sysctl` only make sense for a scenario (a recording already happened; a capture takes
    /// `--profile` for the rules its states are inferred by).
    func loadInput(limits: RunLimitOptions? = nil) throws -> ScenarioInput {
        let name = scenario ?? BuiltinScenarios.defaultName
        if ScenarioLoader.isRegularFile(name), CaptureFile.isCapture(name) { return try loadCapture(name) }
        if conn != nil {
            throw CleanExit.message("tcpstep: --conn picks a connection of a capture file; '\(TerminalText.visible(name))' is not one")
        }
        if let input = try ScenarioLoader.recording(name) {
            if profile != nil || seed != nil || !sysctls.isEmpty {
                throw CleanExit.message("tcpstep: --profile, --seed and --sysctl change a simulation; '\(TerminalText.visible(name))' is a recorded trace")
            }
            return input
        }
        let loaded = try load()
        return .scenario(limits?.apply(to: loaded) ?? loaded)
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
        named.origin = story.origin
        return .capture(named, story)
    }
}
