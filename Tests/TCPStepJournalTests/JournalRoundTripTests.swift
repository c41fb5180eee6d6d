import TCPStepCore
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// A journal is a scenario whose replay is the session: the same trace byte for byte (the JSON
/// lines of `tcpstep trace --json`), and reopened, the same screen.
@Suite struct JournalRoundTripTests {
    /// Keys a person might press, the timeline-changing ones often.
    private static let keys: [Key] = [
        .character(" "), .character(" "), .character(" "), .character(" "), .left, .left,
        .character("d"), .character("l"), .character("u"), .tab,
        .character("c"), .character("L"), .character("s"), .character("x"), .character("a"), .character("f"),
    ]

    @Test(arguments: ["basic", "handshake", "teardown", "lost-last-ack", "simultaneous-open", "half-open", "closed-port"])
    func randomSessionsReplayExactly(_ name: String) throws {
        var random = SplitMix64(seed: UInt64(name.utf8.count) &* 7919)
        for round in 0 ..< 6 {
            var model = try Session.model(name)
            for _ in 0 ..< 40 + round * 20 {
                model.press(Self.keys[Int(random.next() % UInt64(Self.keys.count))])
                if random.next() % 40 == 0 { model.press("r") }
            }
            try checkRoundTrip(model, "\(name) round \(round)")
        }
    }

    @Test func savedSessionTracesLikeTheLiveOneToTheEnd() throws {
        var model = try Session.model("lost-last-ack")
        model.step(3)
        model.press("l")                 // hold the SYN,ACK back
        model.step(2)
        model.press("d")
        model.step(4)
        model.press("x")
        model.press("u")
        let saved = model.journalText
        // Stepped to the end, the live session's trace is the saved file's headless trace.
        while model.stepper.simulation.nextEventTime.map({ $0 <= model.scenario.runUntil }) ?? false { model.step(1) }
        #expect(Session.json(model.stepper.events) == (try Session.headlessTrace(saved)))
    }

    @Test func reopenedJournalShowsTheSameScreen() throws {
        var model = try Session.model("teardown")
        model.step(6)
        model.press("d")
        model.step(3)
        model.press("x")
        model.step(2)
        model.press(.left)
        let screen = model.screenText()
        var reopened = try Session.reopen(model.journalText)
        #expect(reopened.screenText() == screen)
        #expect(!model.narrationText.isEmpty, "a step back narrates the step it lands on")
        #expect(reopened.stepper.position == model.stepper.position)
        // And its own journal starts out as the same timeline.
        #expect(reopened.journalActions == model.journalActions)
        #expect(reopened.openAtLine == model.openAtLine)
    }

    private func checkRoundTrip(_ model: AppModel, _ label: String) throws {
        let text = model.journalText
        let scenario = try ScenarioParser.parse(text, fileName: "journal.tcps")
        let (replayed, stop, _) = TimelinePlayer.stepper(for: scenario)
        #expect(stop == nil, "\(label): \(String(describing: stop))\n\(text)")
        #expect(replayed.position == model.stepper.position, "\(label): position\n\(text)")
        #expect(Session.json(replayed.events) == Session.json(model.stepper.events), "\(label): events at the position\n\(text)")
        // The headless trace starts with the whole timeline (redoable moves included).
        var live = model.stepper
        live.go(to: live.moveCount)
        let headless = try Session.headlessTrace(text)
        #expect(Array(headless.prefix(live.events.count)) == Session.json(live.events), "\(label): headless trace\n\(text)")
    }
}

/// A scenario with hand-written timed actions opens at its start, with the actions ahead as
/// moves to redo; its journal writes them with the step and time they happened.
@Suite struct HandWrittenTimelineTests {
    static let text = """
    set isn client 100
    set isn server 300
    server listen 80
    client connect 80 from 5000
    at 120ms drop c2s ACK
    at 1s step 6 server close
    """

    @Test func opensAtTheStartAndJournalsWhereTheyHappened() throws {
        var model = AppModel(scenario: try ScenarioParser.parse(Self.text, fileName: "hand.tcps"))
        #expect(model.stepper.position == 0 && model.stepper.moveCount > 0)
        #expect(model.journalActions == ["at 100ms step 4 drop c2s ACK", "at 1.1s step 6 server close"])
        // Stepping over the drop redoes it; a different action there forgets the server's close.
        model.step(5)
        #expect(model.stepper.events.contains { if case .drop(_, .user) = $0.kind { true } else { false } })
        model.press("x")
        #expect(model.journalActions == ["at 100ms step 4 drop c2s ACK", "at 100ms step 4 client close"])
        let reopened = try Session.reopen(model.journalText)
        #expect(Session.json(reopened.stepper.events) == Session.json(model.stepper.events))
    }
}
