import TCPStepCore
import TCPStepScenario

/// A finished headless run of a scenario, with the questions tests ask of its trace.
struct Run {
    let events: [TraceEvent]
    let simulation: Simulation

    /// Parses `text` (scenario format) and runs it to quiet.
    init(_ text: String, limit: Micros = .seconds(3_600)) throws {
        let scenario = try ScenarioParser.parse(text, fileName: "test.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: limit, &log)
        self.events = log.events
        self.simulation = simulation
    }

    /// Segments a host put on the wire, in order.
    func sent(by host: HostID) -> [WireSegment] {
        events.compactMap { event in
            if case .send(let wire) = event.kind, wire.from == host { return wire }
            return nil
        }
    }

    /// (flags without PSH, seq, ack, len) of what a host sent: the RFC figures' columns.
    func wire(_ host: HostID) -> [Seg] {
        sent(by: host).map { Seg($0.segment) }
    }

    /// The states a host went through, LISTEN skipped like the figures' second column.
    func states(_ host: HostID, includingListen: Bool = false) -> [String] {
        var path: [String] = []
        for event in events {
            guard case .state(let who, _, _, _, let to, _) = event.kind, who == host else { continue }
            if to == .listen && !includingListen { continue }
            if path.last != to.name { path.append(to.name) }
        }
        return path
    }

    /// Times (ms) at which a host sent segments with exactly these flags (PSH ignored).
    func sendTimes(_ host: HostID, _ flags: TCPFlags) -> [Int64] {
        sent(by: host).filter { $0.segment.matchFlags == flags }.map { $0.sentAt / 1_000 }
    }

    /// Times (ms) of a host's state changes into `state`.
    func times(_ host: HostID, enter state: TCPState) -> [Int64] {
        events.compactMap { event in
            if case .state(let who, _, _, _, let to, _) = event.kind, who == host, to == state { return event.time / 1_000 }
            return nil
        }
    }

    var jsonLines: String { events.map(\.jsonLine).joined(separator: "\n") }
}

/// A segment as the RFC figures print it: <SEQ=s><ACK=a><CTL=flags>, plus data length.
struct Seg: Equatable, CustomStringConvertible {
    var flags: String
    var seq: UInt32
    var ack: UInt32?
    var len: Int

    init(_ flags: String, _ seq: UInt32, ack: UInt32? = nil, len: Int = 0) {
        self.flags = flags
        self.seq = seq
        self.ack = ack
        self.len = len
    }

    init(_ segment: Segment) {
        flags = segment.matchFlags.description
        seq = segment.seq.raw
        ack = segment.flags.contains(.ack) ? segment.ack.raw : nil
        len = segment.payloadLength
    }

    var description: String { "<SEQ=\(seq)>" + (ack.map { "<ACK=\($0)>" } ?? "") + "<CTL=\(flags)>" + (len > 0 ? "<DATA=\(len)>" : "") }
}

/// The header every RFC figure scenario shares (as in shared/checks/rfc_figures.py).
let rfcHeader = "set profile rfc9293\nset latency 10ms\nset msl 30s\n"
