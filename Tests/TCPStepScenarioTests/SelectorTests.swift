import Testing
import TCPStepCore
import TCPStepScenario

/// The selectors lecturers mean: `final-ACK`, `handshake-ACK`, `data#N`. In a half-close the
/// client's second pure ACK acknowledges the server's data, not its FIN: `ACK#2` is the wrong
/// one there, and `final-ACK` the right one.
@Suite struct SelectorTests {
    /// Client closes first; the server still sends 100 bytes, then closes.
    static let halfClose = """
        set latency 50ms
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        at 1s client close
        +200ms server send 100
        +200ms server close
        """

    static func run(_ text: String) throws -> [TraceEvent] {
        let scenario = try ScenarioParser.parse(text, fileName: "test.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: .seconds(600), &log)
        return log.events
    }

    /// The segment the network dropped (cause: script).
    static func dropped(_ events: [TraceEvent]) -> [Segment] {
        let sent = Dictionary(uniqueKeysWithValues: events.compactMap { event -> (SegmentID, Segment)? in
            if case .send(let wire) = event.kind { return (wire.id, wire.segment) }
            return nil
        })
        return events.compactMap { event in
            if case .drop(let id, .script) = event.kind { return sent[id] }
            return nil
        }
    }

    @Test func ackTwoInAHalfCloseIsTheAckOfTheData() throws {
        let dropped = Self.dropped(try Self.run(Self.halfClose + "\ndrop c2s ACK#2"))
        // Handshake ACK 101/301 is ACK#1 (the client's FIN is FIN+ACK); the ACK of the server's
        // 100 bytes (seq 301…400) is ACK#2: seq 102 (after the client's FIN), ack 401.
        #expect(dropped.map(\.seq.raw) == [102])
        #expect(dropped.map(\.ack.raw) == [401])
    }

    @Test func finalAckIsTheAckOfTheServersFin() throws {
        let events = try Self.run(Self.halfClose + "\ndrop c2s final-ACK")
        let dropped = Self.dropped(events)
        // The server's FIN is seq 401 (after its 100 bytes at 301…400): the final ACK acks 402.
        #expect(dropped.count == 1)
        #expect(dropped.first?.matchFlags == .ack)
        #expect(dropped.first?.seq.raw == 102)
        #expect(dropped.first?.ack.raw == 402)
    }

    @Test func handshakeAckAndDataSegments() throws {
        let text = """
            set latency 50ms
            set isn client 100
            set isn server 300
            server listen 80
            client connect 80 from 5000
            at 500ms client send 100
            +100ms client send 50
            drop c2s handshake-ACK
            dup c2s data#2
            """
        let events = try Self.run(text)
        #expect(Self.dropped(events).map { [$0.seq.raw, $0.ack.raw, UInt32($0.payloadLength)] } == [[101, 301, 0]])
        let duplicated = events.compactMap { event -> WireSegment? in
            if case .duplicate(_, let copy, .script) = event.kind { return copy }
            return nil
        }
        #expect(duplicated.map { [$0.segment.seq.raw, UInt32($0.segment.payloadLength)] } == [[201, 50]])
    }

    @Test func selectorsParseAndPrintBack() throws {
        let scenario = try ScenarioParser.parse("drop c2s final-ACK\ndup s2c data#3\ndelay c2s handshake-ACK 20ms\ndrop s2c ACK#2", fileName: "t.tcps")
        #expect(scenario.script.faultRules.map(\.description)
                == ["drop c2s final-ACK", "dup s2c data#3", "delay c2s handshake-ACK 20ms", "drop s2c ACK#2"])
        #expect(throws: ScenarioError.self) { try ScenarioParser.parse("drop c2s handshake-ACK#2", fileName: "t.tcps") }
    }

    /// The matcher `tcpstep check` replays a run through says which rule hit which segment.
    @Test func theMatcherReportsRulesThatHitNothing() throws {
        let scenario = try ScenarioParser.parse(Self.halfClose + "\ndrop c2s ACK#9\ndrop c2s final-ACK", fileName: "t.tcps")
        var matcher = FaultRuleMatcher(rules: scenario.script.faultRules)
        var hits: [Int: SegmentID] = [:]
        for event in try Self.run(Self.halfClose) {
            guard case .send(let wire) = event.kind else { continue }
            for index in matcher.pick(wire.segment, direction: wire.direction) { hits[index] = wire.id }
        }
        #expect(hits[0] == nil)
        #expect(hits[1] != nil)
    }
}
