import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// A session opened on a timed fault written with a lecturer's selector (`final-ACK`), stepped,
/// acted on and stepped back: its journal keeps the lecturer's words and replays to the session's
/// trace byte for byte, and reopens on the same position.
@Suite struct LecturerSelectorReplayTests {
    @Test func aSessionWithLecturerSelectorsJournalsAFileThatReplaysExactly() throws {
        // Where teardown's final ACK leaves: the timed drop follows that step.
        let teardown = try #require(try BuiltinScenarios.scenario(named: "teardown"))
        let events = TimelinePlayer.trace(of: teardown).events
        let finalAck = try #require(events.last { event in
            if case .send(let wire) = event.kind { return wire.direction == .clientToServer && wire.segment.matchFlags == .ack }
            return false
        })
        let text = try #require(teardown.text) + "\nat \(finalAck.time.millisecondsText)ms step \(finalAck.step) drop c2s final-ACK\n"
        var model = AppModel(scenario: try ScenarioParser.parse(text, fileName: "t.tcps"),
                             journalHeader: JournalText.header(scenario: "t", started: "2026-11-25T18:00:00Z"))
        _ = model.update(.resize(width: 100, height: 30))
        while model.stepper.position < model.stepper.moveCount { model.step(1) }
        #expect(model.stepper.events.contains { if case .drop(_, .user) = $0.kind { true } else { false } }, "the final ACK was dropped")
        model.step(2)
        model.press(.left)
        model.press("s")  // a new line after the drop
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
