import TCPStepCore
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// Storyboards of the journal: keys go in through the key map, and after each one the journal
/// holds exactly the timeline on screen. The handshake scenario (latency 50 ms, ISNs 100/300):
///
///     step 1  server LISTEN                step 4  client ESTABLISHED, ACK (id 3) in flight
///     step 2  client SYN_SENT, SYN (id 1)  step 5  server ESTABLISHED
///     step 3  server SYN_RECEIVED, SYN,ACK (id 2)
@Suite struct JournalRecorderTests {
    @Test func actionsAreTimedLinesAndStepsOnlyMoveOpenAt() throws {
        var model = try Session.model("handshake")
        _ = model.takeJournalEdits()
        #expect(model.journalText.hasPrefix("# tcpstep journal: handshake, started 2026-11-25T15:50:02Z\n"))
        #expect(model.openAtLine == "open-at step 0 actions 0")

        // Four steps: the client's ACK is in flight and selected. Steps write only the position.
        model.step(4)
        #expect(model.takeJournalEdits() == [.moveTo(openAt: JournalText.openAtLine(step: 4, actions: 0))])

        // d drops it: one timed line, named as a scenario names it (the client's first pure ACK).
        model.press("d")
        #expect(model.takeJournalEdits() == [.append(lines: "at 100ms step 4 drop c2s ACK\n",
                                                      openAt: JournalText.openAtLine(step: 4, actions: 1))])

        // The client's data (500 ms) completes the server's handshake; the server's ACK of it is
        // in flight: duplicate it, then the client closes.
        model.step(2)
        #expect(model.stepper.simulation.inFlight.map(\.segment.flags) == [.ack])
        model.press("u")
        model.press("x")
        #expect(model.journalActions == [
            "at 100ms step 4 drop c2s ACK",
            "at 550ms step 6 dup s2c ACK",
            "at 550ms step 6 client close",
        ])
        #expect(model.openAtLine == "open-at step 6 actions 3")
    }

    @Test func viewOnlyKeysAreNotJournaled() throws {
        var model = try Session.model("handshake")
        model.step(3)
        _ = model.takeJournalEdits()
        for key: Key in [.tab, .up, .pageUp, .home, .end, .character("#"), .character("f"), .character("?"), .escape, .character("p"), .character("p")] {
            model.press(key)
        }
        _ = model.update(.resize(width: 120, height: 40))
        _ = model.update(.tick)
        #expect(model.takeJournalEdits() == [])
        #expect(model.journalActions == [])
    }

    @Test func steppingBackThenActingRewritesTheTimeline() throws {
        var model = try Session.model("handshake")
        model.step(4)
        model.press("d")                   // drop the ACK at step 4
        model.step(2)
        model.press("x")                   // client close at step 6
        _ = model.takeJournalEdits()

        // Back over the close only: nothing is forgotten yet (→ would redo it), the position moves.
        model.press(.left)
        #expect(model.takeJournalEdits() == [.moveTo(openAt: JournalText.openAtLine(step: 6, actions: 1))])
        #expect(model.journalActions.count == 2)

        // Back over the drop too, and act differently: the drop and the close are gone.
        model.press(.left)
        model.press(.left)
        model.press(.left)                 // after step 4 again, before the drop
        model.press("s")                   // the client sends 100 bytes instead
        let edits = model.takeJournalEdits()
        guard case .rewrite(let body, let openAt)? = edits.last else {
            Issue.record("expected a rewrite, got \(edits)")
            return
        }
        #expect(!body.contains("drop") && !body.contains("close"))
        #expect(body.hasSuffix("at 100ms step 4 client send 100\n"))
        #expect(openAt == JournalText.openAtLine(step: 4, actions: 1))
    }

    @Test func restartForgetsTheTimeline() throws {
        var model = try Session.model("teardown")
        model.step(5)
        model.press("x")
        #expect(model.journalActions.count == 1)
        model.press("r")
        #expect(model.journalActions == [])
        #expect(model.openAtLine == "open-at step 0 actions 0")
    }

    @Test func anotherScenarioBecomesTheHead() throws {
        var model = try Session.model("handshake")
        model.step(2)
        model.press("x")
        let teardown = try #require(try BuiltinScenarios.scenario(named: "teardown"))
        model.load(teardown)
        _ = model.update(.tick)
        #expect(model.journalActions == [])
        #expect(model.journalText.contains(try #require(teardown.text?.split(separator: "\n").first.map(String.init))))
    }

    @Test func savePromptAsksForANameAndHandsItToTheLoop() throws {
        var model = try Session.model("handshake")
        model.defaultSaveName = "handshake-demo.tcps"
        model.press("w")
        #expect(model.overlay == .savePrompt("handshake-demo.tcps"))
        #expect(model.screenText().contains("> handshake-demo.tcps_"))
        for _ in 0 ..< 5 { model.press(.backspace) }
        for character in "2.tcps" { model.press(character) }
        #expect(model.overlay == .savePrompt("handshake-demo2.tcps"))
        model.press(.enter)
        #expect(model.saveRequest == "handshake-demo2.tcps")
        #expect(model.overlay == nil)
        model.finishSave("saved to /tmp/handshake-demo2.tcps")
        #expect(model.saveRequest == nil)
        #expect(model.screenText().contains("saved to /tmp/handshake-demo2.tcps"))

        model.press("w")
        model.press(.escape)
        #expect(model.saveRequest == nil && model.status == "not saved")
    }
}
