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

    /// Every segment the scenario's simulation sends, at the time it sends it: with each
    /// direction's latency set to the gap the capture saw after it, these are the capture's times.
    static func simulate(_ text: String) throws -> [Seen] {
        let scenario = try ScenarioParser.parse(text, fileName: "as-scenario.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        return relative(log.events.compactMap { event in
            if case .send(let wire) = event.kind { Seen(wire, at: event.time) } else { nil }
        })
    }

    static func captured(_ story: CapturedStory) -> [Seen] {
        relative(story.connection.steps.map {
            Seen(time: $0.time, from: $0.from, flags: $0.packet.flags, seq: $0.packet.seq, ack: $0.packet.ack, length: $0.packet.payloadLength)
        })
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
        let captured = Self.captured(story)
        let simulated = try Self.simulate(text)
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

/// Per-direction latency: a capture of a slow path, taken beside either host. The capture is
/// written by the simulator itself (`tcpstep export --format pcap --at HOST` of a scenario with
/// 30 ms client → server and 10 ms back): the kernel here has no netem to delay loopback.
@Suite("A capture's latency per direction, as seen at the capture point")
struct CaptureLatencyTests {
    static let slowPath = """
        title Slow path
        set latency c2s 30ms
        set latency s2c 10ms
        set isn client 1000
        set isn server 5000
        at 0ms server listen 80
        at 0ms client connect 80 from 40000
        at 100ms client send 100
        at 200ms server send 300
        at 300ms client close
        at 400ms server close

        """

    @Test("Beside either host: the longer handshake gap names the capture point; the scenario sends each segment when the capture saw it",
          arguments: [HostID.client, .server])
    func vantage(at host: HostID) throws {
        let scenarioPath = RealCapture.directory + "/slow-path.tcps"
        try Self.slowPath.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
        let path = RealCapture.directory + "/slow-path-at-\(host).pcap"
        let export = RealCapture.run(LiveTests.binary, ["export", scenarioPath, "--format", "pcap", "--at", "\(host)", "-o", path])
        try #require(export.status == 0, "\(export.output)")
        let story = try CaptureFile.open(path, selector: nil, profile: .rfc9293)
        let timing = CaptureTiming(story.connection)
        #expect(timing.vantage == host)
        // Beside the client: SYN → SYN,ACK is 40 ms (there and back), SYN,ACK → ACK nothing.
        // Beside the server: SYN → SYN,ACK nothing, SYN,ACK → ACK 40 ms.
        let roundTrip: Micros = .ms(40)
        #expect(timing.synToSynAck == (host == .client ? roundTrip : 0))
        #expect(timing.synAckToAck == (host == .client ? 0 : roundTrip))
        #expect(timing.latency == (host == .client ? [roundTrip, 1] : [1, roundTrip]))

        let text = ScenarioWriter.scenario(story)
        #expect(text.contains("# Seen at the capture point: SYN → SYN,ACK \(timing.synToSynAck!.durationText), SYN,ACK → ACK \(timing.synAckToAck!.durationText).\n"))
        #expect(text.contains("# The capture was taken beside the \(host) "))
        #expect(text.contains("set latency c2s \(host == .client ? "40ms" : "1us")\nset latency s2c \(host == .client ? "1us" : "40ms")\n"))
        let captured = AsScenarioTests.captured(story)
        let simulated = try AsScenarioTests.simulate(text)
        #expect(simulated.count == captured.count, "\(text)\ncaptured:\n\(captured)\nsimulated:\n\(simulated)")
        for (real, model) in zip(captured, simulated) {
            #expect(real.sameSegment(model), "captured \(real) / simulated \(model)\n\(text)")
            // The simulator's own delayed ACKs are exact; 1 µs is the latency the near side gets.
            #expect(abs(real.time - model.time) <= 2, "captured \(real) / simulated \(model)\n\(text)")
        }
    }
}
