import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// Timed faults written with the lecturer's selectors (`final-ACK`, `handshake-ACK`, `data#K`)
/// replay: they pick the segment a scripted rule with the same selector picks, also after the
/// trace was cut back (a step back), and a session holding them journals a file that replays
/// to the session's trace byte for byte.
@Suite struct LecturerSelectorReplayTests {
    /// The client closes first; the server still sends 100 bytes, then closes (SelectorTests' half-close).
    static let halfClose = """
        set latency 50ms
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        at 500ms client send 100
        +100ms client send 50
        at 1s client close
        +200ms server send 100
        +200ms server close
        """

    static let selectors: [FaultRule.Selector] = [
        .handshakeAck, .finalAck(occurrence: 1), .finalAck(occurrence: 2),
        .data(occurrence: 1), .data(occurrence: 2), .data(occurrence: 3), .nth(3), .flags(.ack, occurrence: 2),
    ]

    static func trace(_ text: String) throws -> [TraceEvent] {
        TimelinePlayer.trace(of: try ScenarioParser.parse(text, fileName: "t.tcps")).events
    }

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
        let events = name == "half-close" ? try Self.trace(Self.halfClose)
            : TimelinePlayer.trace(of: try #require(try BuiltinScenarios.scenario(named: name))).events
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
        let text = Self.halfClose + """

            at 120ms delay c2s handshake-ACK 20ms
            at 610ms dup c2s data#2
            at 1.46s drop c2s final-ACK
            """
        let scenario = try ScenarioParser.parse(text, fileName: "t.tcps")
        let (events, stop) = TimelinePlayer.trace(of: scenario)
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

    /// A session opened on those lines, stepped, acted on and stepped back: its journal keeps
    /// the lecturer's words and replays to the session's trace, and reopens on the same screen.
    @Test func aSessionWithLecturerSelectorsJournalsAFileThatReplaysExactly() throws {
        let text = Self.halfClose + "\nat 1.46s drop c2s final-ACK\n"
        var model = AppModel(scenario: try ScenarioParser.parse(text, fileName: "t.tcps"),
                             journalHeader: JournalText.header(scenario: "t", started: "2026-11-25T18:00:00Z"))
        _ = model.update(.resize(width: 100, height: 30))
        while model.stepper.position < model.stepper.moveCount { model.step(1) }
        model.step(2)
        model.press(.left)
        model.press("s")  // the client sends again after the dropped final ACK: a new line
        model.step(3)
        let journal = model.journalText
        #expect(journal.contains(" drop c2s final-ACK\n"), "\(journal)")
        let reopened = try Session.reopen(journal)
        #expect(Session.json(reopened.stepper.events) == Session.json(model.stepper.events), "\(journal)")
        #expect(reopened.stepper.position == model.stepper.position)
        let headless = try Session.headlessTrace(journal)
        #expect(Array(headless.prefix(model.stepper.events.count)) == Session.json(model.stepper.events))
    }
}
