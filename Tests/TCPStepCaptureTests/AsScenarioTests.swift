import TCPStepCapture
import TCPStepCore
import TCPStepScenario
import Testing

/// `--as-scenario`: the scenario written from a capture, run by the simulator, puts the same
/// segments on the wire as the capture shows (flags, numbers, lengths, times).
@Suite("A capture written as a scenario reproduces it")
struct AsScenarioTests {
    /// One segment as the capture point sees it.
    struct Seen: Equatable, CustomStringConvertible {
        var time: Micros
        var from: HostID
        var flags: TCPFlags
        var seq: UInt32
        var ack: UInt32
        var length: Int
        var description: String { "\(time)us \(from) \(flags) \(seq) ack \(ack) len \(length)" }
        func sameSegment(_ other: Seen) -> Bool {
            from == other.from && flags == other.flags && seq == other.seq && ack == other.ack && length == other.length
        }
    }

    /// Linux's delayed-ACK timer fires 40 ms after its cause at the earliest and later by its
    /// 4 ms ticks and adaptive timeout; the linux profile fixes it at 40 ms. Every other segment
    /// lands within a few microseconds of the capture.
    static let delayedAckSlack: Micros = .ms(10)
    static let slack: Micros = .ms(1)

    static func simulate(_ text: String, vantage: HostID) throws -> [Seen] {
        let scenario = try ScenarioParser.parse(text, fileName: "as-scenario.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        var wires: [SegmentID: WireSegment] = [:]
        var seen: [Seen] = []
        for event in log.events {
            switch event.kind {
            case .send(let wire):
                wires[wire.id] = wire
                if wire.from == vantage { seen.append(Seen(wire, at: event.time)) }
            case .deliver(let id, let host, _, _) where host == vantage:
                if let wire = wires[id] { seen.append(Seen(wire, at: event.time)) }
            default: break
            }
        }
        return relative(seen)
    }

    static func relative(_ segments: [Seen]) -> [Seen] {
        let sorted = segments.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let start = sorted.first?.time ?? 0
        return sorted.map { var copy = $0; copy.time -= start; return copy }
    }

    @Test("Each story's scenario reproduces its capture", arguments: ["client-closes-first", "server-closes-first", "half-close", "reset", "closed-port"])
    func reproduces(story name: String) throws {
        let story = try RealCapture.story(name, profile: .linux)
        let text = ScenarioWriter.scenario(story)
        let captured = Self.relative(story.connection.steps.map {
            Seen(time: $0.time, from: $0.from, flags: $0.packet.flags, seq: $0.packet.seq, ack: $0.packet.ack, length: $0.packet.payloadLength)
        })
        let simulated = try Self.simulate(text, vantage: CaptureTiming(story.connection).vantage)
        #expect(simulated.count == captured.count, "\(text)\ncaptured:\n\(captured)\nsimulated:\n\(simulated)")
        for (real, model) in zip(captured, simulated) {
            #expect(real.sameSegment(model), "captured \(real) / simulated \(model)\n\(text)")
            let allowed = real.flags == .ack && real.length == 0 ? Self.delayedAckSlack : Self.slack
            #expect(abs(real.time - model.time) <= allowed, "captured \(real) / simulated \(model)")
        }
    }

    @Test("The scenario names the hosts' ISNs, the measured latency and the inferred calls")
    func content() throws {
        let story = try RealCapture.story("half-close", profile: .linux)
        let text = ScenarioWriter.scenario(story)
        let client = story.connection.client.port, server = story.connection.server.port
        #expect(text.contains("set isn client \(story.connection.isn[0]!)\n"))
        #expect(text.contains("set isn server \(story.connection.isn[1]!)\n"))
        #expect(text.contains("set latency c2s ") && text.contains("set latency s2c "))
        #expect(text.contains("set profile linux\n"))
        let calls = text.split(separator: "\n").filter { $0.hasPrefix("at ") }.map { $0.split(separator: " ").dropFirst(2).joined(separator: " ") }
        #expect(calls == ["server listen \(server)", "client connect \(server) from \(client)", "client send 100", "client close", "server send 300", "server close"])
    }

    @Test("What if: dropping the captured connection's first FIN makes the simulated client retransmit it")
    func whatIf() throws {
        let story = try RealCapture.story("client-closes-first", profile: .linux)
        let text = ScenarioWriter.scenario(story) + "drop c2s FIN+ACK\n"
        let scenario = try ScenarioParser.parse(text, fileName: "what-if.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        let finRetransmitted = log.events.contains {
            if case .send(let wire) = $0.kind { return wire.from == .client && wire.segment.flags.contains(.fin) && wire.isRetransmission }
            return false
        }
        #expect(finRetransmitted)
    }
}

extension AsScenarioTests.Seen {
    init(_ wire: WireSegment, at time: Micros) {
        self.init(time: time, from: wire.from, flags: wire.segment.flags, seq: wire.segment.seq.raw, ack: wire.segment.ack.raw,
                  length: wire.segment.payloadLength)
    }
}
