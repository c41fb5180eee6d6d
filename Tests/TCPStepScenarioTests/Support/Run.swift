import Testing
import TCPStepCore
import TCPStepScenario

/// A built-in scenario run headless to quiet, with small queries for the story tests.
struct Run {
    let name: String
    let scenario: Scenario
    let events: [TraceEvent]
    /// The world once quiet: who still holds which connection.
    let final: Simulation

    init(_ name: String, profile: ProfileName? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        self.name = name
        var scenario = try #require(try BuiltinScenarios.scenario(named: name), "no built-in scenario \(name)", sourceLocation: sourceLocation)
        if let profile { scenario.config.profile = .named(profile) }
        self.scenario = scenario
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        #expect(simulation.isQuiet, "\(name) did not reach quiet by \(scenario.runUntil)", sourceLocation: sourceLocation)
        events = log.events
        final = simulation
    }

    /// The states of a host's connections left at the end.
    func remaining(_ host: HostID) -> [String] { final.connections(of: host).map(\.state.name) }

    /// Every state a host went through, in order, starting with its first `from`
    /// (connections and listeners together, as they happened).
    func states(_ host: HostID) -> [String] {
        var names: [String] = []
        for event in events {
            guard case .state(let who, _, _, let from, let to, _) = event.kind, who == host else { continue }
            if names.isEmpty { names.append(from.name) }
            names.append(to.name)
        }
        return names
    }

    /// "from→to (cause)" of every state change of a host.
    func transitions(_ host: HostID) -> [String] {
        events.compactMap { event in
            guard case .state(let who, _, _, let from, let to, let cause) = event.kind, who == host else { return nil }
            return "\(from.name)→\(to.name) (\(cause.rawValue))"
        }
    }

    /// Segments put on the wire by hosts (not injected), in order.
    var sent: [WireSegment] {
        events.compactMap { event in
            if case .send(let wire) = event.kind { return wire }
            return nil
        }
    }

    /// "t=ms client SYN seq=100" lines: when, who, what. Compact enough to assert whole stories.
    var wire: [String] {
        events.compactMap { event in
            guard case .send(let wire) = event.kind else { return nil }
            return "\(event.time.millisecondsText) \(wire.from.name) \(wire.segment.summary)" + (wire.isRetransmission ? " (again)" : "")
        }
    }

    func sent(by host: HostID) -> [WireSegment] { sent.filter { $0.from == host } }

    var resets: [WireSegment] { sent.filter { $0.segment.flags.contains(.rst) } }

    /// Deliveries and why they were not accepted ("client no-connection"), in order.
    var rejections: [String] {
        events.compactMap { event in
            guard case .deliver(_, let host, _, .rejected(let reason)) = event.kind else { return nil }
            return "\(host.name) \(reason.rawValue)"
        }
    }

    func signals(_ host: HostID) -> [String] {
        events.compactMap { event in
            guard case .signal(let who, _, _, let signal) = event.kind, who == host else { return nil }
            return signal.rawValue
        }
    }

    /// Times (ms) at which a host's timer of this kind fired.
    func fired(_ host: HostID, _ kind: TimerKind) -> [Micros] {
        events.compactMap { event in
            guard case .timer(let who, _, _, let k, .fire, _, _) = event.kind, who == host, k == kind else { return nil }
            return event.time
        }
    }

    /// Application calls and their results ("client connect 3306 → ok").
    var calls: [String] {
        events.compactMap { event in
            guard case .app(let host, let call, let result) = event.kind else { return nil }
            return "\(host.name) \(call) → \(result)"
        }
    }

    var endTime: Micros { events.last?.time ?? 0 }
}

/// Gaps between consecutive times.
func gaps(_ times: [Micros]) -> [Micros] { zip(times.dropFirst(), times).map { $0 - $1 } }
