import TCPStepCore
import TCPStepScenario
import Testing

/// Timed faults written with the lecturer's selectors (`final-ACK`, `handshake-ACK`, `data#K`)
/// pick the segment a scripted rule with the same selector picks, also after the trace was cut
/// back (a step back); `TimelinePlayer` replays them.
@Suite struct SelectorReplayTests {
    /// The half-close of `SelectorTests`, with two data segments from the client first.
    static let halfClose = SelectorTests.halfClose + "\nat 500ms client send 100\nat 600ms client send 50\n"

    static let selectors: [FaultRule.Selector] = [
        .handshakeAck, .finalAck(occurrence: 1), .finalAck(occurrence: 2),
        .data(occurrence: 1), .data(occurrence: 2), .data(occurrence: 3), .nth(3), .flags(.ack, occurrence: 2),
    ]

    /// The segment a scripted rule picks among the sends of `events` (what the network would drop).
    static func picked(by selector: FaultRule.Selector, _ direction: Direction, in events: ArraySlice<TraceEvent>) -> SegmentID? {
        var matcher = FaultRuleMatcher(rules: [FaultRule(direction: direction, selector: selector, fault: .drop)])
        for event in events {
            if case .send(let wire) = event.kind, !matcher.pick(wire.segment, direction: wire.direction).isEmpty { return wire.id }
        }
        return nil
    }

    @Test(arguments: ["half-close", "teardown", "lost-last-ack", "simultaneous-close", "basic", "half-open"])
    func namesResolveAsRulesPickGrowingAndShrinking(_ name: String) throws {
        let scenario = name == "half-close" ? try ScenarioParser.parse(Self.halfClose, fileName: "t.tcps")
            : try #require(try BuiltinScenarios.scenario(named: name))
        let events = TimelinePlayer.trace(of: scenario).events
        var shrinking = SegmentNames()
        shrinking.sync(with: events[...])
        var hits = 0
        for count in stride(from: events.count, through: 0, by: -1) {
            let prefix = events[0 ..< count]
            shrinking.sync(with: prefix)
            var growing = SegmentNames()
            growing.sync(with: prefix)
            for selector in Self.selectors {
                for direction in [Direction.clientToServer, .serverToClient] {
                    let expected = Self.picked(by: selector, direction, in: prefix)
                    if expected != nil { hits += 1 }
                    #expect(growing.resolve(.sent(selector), direction: direction) == expected, "\(name) \(direction) \(selector) in \(count) events")
                    #expect(shrinking.resolve(.sent(selector), direction: direction) == expected, "\(name) \(direction) \(selector) cut to \(count) events")
                }
            }
        }
        #expect(hits > 0, "the selectors pick segments of \(name)")
    }

    /// `at … drop c2s final-ACK` drops the client's ACK of the server's FIN (seq 252, ack 402),
    /// `dup c2s data#2` the 50 bytes, `delay c2s handshake-ACK` the third segment of the handshake.
    @Test func handWrittenLecturerSelectorsReplay() throws {
        let text = Self.halfClose + "at 120ms delay c2s handshake-ACK 20ms\nat 610ms dup c2s data#2\nat 1.46s drop c2s final-ACK\n"
        let (events, stop) = TimelinePlayer.trace(of: try ScenarioParser.parse(text, fileName: "t.tcps"))
        #expect(stop == nil, "\(String(describing: stop))")
        var sent: [SegmentID: Segment] = [:]
        var faults: [String] = []
        for event in events {
            switch event.kind {
            case .send(let wire): sent[wire.id] = wire.segment
            case .delay(let id, let extra, _, .user): faults.append("delay \(sent[id]!.seq.raw)/\(sent[id]!.ack.raw) len \(sent[id]!.payloadLength) by \(extra)")
            case .duplicate(let id, _, .user): faults.append("dup \(sent[id]!.seq.raw)/\(sent[id]!.ack.raw) len \(sent[id]!.payloadLength)")
            case .drop(let id, .user): faults.append("drop \(sent[id]!.seq.raw)/\(sent[id]!.ack.raw) len \(sent[id]!.payloadLength)")
            default: break
            }
        }
        #expect(faults == ["delay 101/301 len 0 by 20000", "dup 201/301 len 50", "drop 252/402 len 0"])
    }
}
