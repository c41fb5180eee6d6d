import TCPStepCore
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// Storyboards of the interactive view: keys go in through the key map, as in the terminal
/// loop, and after each one the model's state and the frame's text say what the user sees.
/// The handshake scenario (latency 50 ms, ISNs 100 and 300) is the stage for most of them:
///
///     step 1  server LISTEN                step 4  client ESTABLISHED, ACK in flight
///     step 2  client SYN_SENT, SYN (id 1)  step 5  server ESTABLISHED
///     step 3  server SYN_RECEIVED, SYN,ACK
@Suite struct AppModelTests {
    // MARK: Stepping

    @Test func stepsForwardAndBackExactly() throws {
        var model = try AppFixture.model("handshake")
        #expect(model.stepper.position == 0)
        #expect(model.state(of: .client) == .closed && model.state(of: .server) == .closed)

        // Space: the server opens port 80.
        model.press(" ")
        #expect(model.stepper.position == 1)
        #expect(model.state(of: .server) == .listen)
        #expect(model.screenText().contains("▐ LISTEN ▌"))

        // Three more (n and → step too): the SYN,ACK's ACK is on its way.
        model.press("n")
        model.press(.right)
        model.press(" ")
        #expect(model.stepper.position == 4)
        #expect(model.state(of: .client) == .established && model.state(of: .server) == .synReceived)
        let eventsAtFour = model.stepper.events

        // ← goes back one step exactly; the SYN,ACK is in flight again and selected.
        model.press(.left)
        #expect(model.stepper.position == 3)
        #expect(model.state(of: .client) == .synSent)
        #expect(model.stepper.simulation.inFlight.map(\.segment.flags) == [[.syn, .ack]])
        #expect(model.selection == model.stepper.simulation.inFlight.first?.id)

        // Forward again replays the same events.
        model.press(" ")
        #expect(model.stepper.events == eventsAtFour)

        // b back to the start, and once more says so.
        for _ in 0 ..< 4 { model.press("b") }
        #expect(model.stepper.position == 0)
        #expect(model.status == nil)
        model.press("b")
        #expect(model.status == "at the beginning")
        #expect(model.screenText().contains("at the beginning"))
    }

    @Test func theEndOfTheScenarioSaysWhatToDoNext() throws {
        var model = try AppFixture.model("handshake")
        model.step(8)
        #expect(model.status == nil)
        // The first key at the end puts the closing card away; the next one asks for a step.
        #expect(model.showsClosingCard)
        model.press(" ")
        model.press(" ")
        #expect(model.stepper.position == 8)
        #expect(model.status == "nothing left to happen: press c, L, s, x or a to act, r to restart")
    }

    // MARK: Selecting and changing segments in flight

    @Test func tabCyclesThroughTheSegmentsInFlight() throws {
        var model = try AppFixture.model("handshake")
        // Nothing in flight yet: tab says so.
        model.press(.tab)
        #expect(model.selection == nil)
        #expect(model.status == "nothing in flight")

        // The SYN leaves and is selected at once; u makes the network copy it.
        model.step(2)
        let syn = try #require(model.selection)
        model.press("u")
        let inFlight = model.stepper.simulation.inFlight.map(\.id)
        #expect(inFlight.count == 2 && inFlight.first == syn)
        #expect(model.selection == syn)

        // tab → the copy, tab → back to the original (wraps), shift-tab → the copy again.
        model.press(.tab)
        #expect(model.selection == inFlight[1])
        #expect(model.screenText().contains("▶ SYN 0 (dup) · client:5000 → server:80"))
        model.press(.tab)
        #expect(model.selection == syn)
        model.press(.backTab)
        #expect(model.selection == inFlight[1])
        model.press(.up)
        #expect(model.selection == syn)
    }

    @Test func clickingAnArrowInFlightSelectsIt() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        model.press("u")
        let copy = model.stepper.simulation.inFlight[1].id
        // The copy's leg is the row below the original's; click on its double line.
        let grid = model.frame()
        let row = try #require((0 ..< grid.height).first { grid.row($0).contains("SYN 0 (dup)") })
        let column = try #require((0 ..< grid.width).first { grid[x: $0, y: row].glyph == "═" })
        _ = model.update(.click(x: column, y: row))
        #expect(model.selection == copy)
    }

    @Test func dDropsTheSelectedSegment() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        let syn = try #require(model.selection)
        let before = model.stepper.events.count

        model.press("d")
        // The trace records the user's drop; the SYN is gone from the wire and the diagram
        // shows where it stopped.
        #expect(Array(model.events(after: before).map(\.kind)) == [.drop(syn, cause: .user)])
        #expect(model.stepper.simulation.inFlight.isEmpty)
        #expect(model.selection == nil)
        let text = model.screenText()
        #expect(text.contains("✗ lost"))
        #expect(text.contains("segment \(syn.raw) dropped: watch for the retransmission"))

        // With nothing selected, d says why it did nothing.
        model.press("d")
        #expect(model.status == "no segment in flight to act on")
        // The server never hears of it.
        model.step(1)
        #expect(model.state(of: .server) == .listen)
    }

    @Test func lDelaysBySameLatencyAndAgain() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        let syn = try #require(model.selection)
        #expect(model.stepper.simulation.segment(syn)?.arrivesAt == .ms(50))
        let before = model.stepper.events.count

        // One latency (50 ms) later than planned; press again for more.
        model.press("l")
        #expect(Array(model.events(after: before).map(\.kind)) == [.delay(syn, by: .ms(50), arrivesAt: .ms(100), cause: .user)])
        #expect(model.stepper.simulation.segment(syn)?.arrivesAt == .ms(100))
        model.press("l")
        #expect(model.stepper.simulation.segment(syn)?.arrivesAt == .ms(150))
        #expect(model.status == "segment \(syn.raw) held back 50 ms")
        model.press(.tab)   // the status gives way to the details line on the next key
        #expect(model.screenText().contains("arrives 0.150 s"))

        // It still arrives, at 150 ms.
        model.step(1)
        #expect(model.state(of: .server) == .synReceived)
        #expect(model.stepper.simulation.now == .ms(150))
    }

    @Test func uDuplicatesTheSelectedSegment() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        let syn = try #require(model.selection)
        let before = model.stepper.events.count

        model.press("u")
        let added = Array(model.events(after: before))
        #expect(added.count == 1)
        guard case .duplicate(let original, let copy, let cause)? = added.first?.kind else {
            Issue.record("expected a duplicate event, got \(added)")
            return
        }
        #expect(original == syn && cause == .user)
        #expect(copy.origin == .duplicate(of: syn))
        #expect(copy.segment == model.stepper.simulation.segment(syn)?.segment)
        #expect(model.stepper.simulation.inFlight.map(\.id) == [syn, copy.id])
        #expect(model.screenText().contains("SYN 0 (dup)"))
    }

    // MARK: Acting on the hosts

    @Test func theHostKeysOpenSendCloseAndAbort() throws {
        // An empty script: everything happens because of keys.
        let scenario = try ScenarioParser.parse("title Hands on\nset latency 50ms\n", fileName: "hands-on.tcps")
        var model = AppModel(scenario: scenario)
        _ = model.update(.resize(width: 100, height: 30))
        #expect(model.focus == .client)

        // s before anything exists: the error comes back as the status line.
        model.press("s")
        #expect(model.status == "client send: error: connection does not exist")
        #expect(model.screenText().contains("client send: error: connection does not exist"))

        // L: the server listens on port 80.
        model.press("L")
        #expect(model.state(of: .server) == .listen)

        // f moves s, x and a to the server; SEND on a listener has nowhere to go.
        model.press("f")
        #expect(model.focus == .server)
        #expect(model.status == "keys s x a act on the server")
        model.press("s")
        #expect(model.status == "server send: error: foreign socket unspecified")
        model.press("f")
        #expect(model.focus == .client)

        // c: the client connects; its SYN is in flight and selected.
        model.press("c")
        #expect(model.state(of: .client) == .synSent)
        #expect(model.selection == model.stepper.simulation.inFlight.first?.id)
        model.step(3)
        #expect(model.state(of: .client) == .established && model.state(of: .server) == .established)

        // s: 100 bytes leave the client.
        model.press("s")
        #expect(model.status == nil)
        #expect(model.stepper.simulation.inFlight.last?.segment.payloadLength == 100)

        // x: the client closes: FIN_WAIT_1.
        model.press("x")
        #expect(model.state(of: .client) == .finWait1)

        // a: the client aborts: an RST, and the client is CLOSED at once.
        model.press("a")
        #expect(model.state(of: .client) == .closed)
        #expect(model.stepper.simulation.inFlight.contains { $0.segment.flags.contains(.rst) })
    }

    // MARK: View switches

    @Test func hashTogglesRelativeAndAbsoluteNumbers() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        #expect(model.screenText().contains("SYN 0"))

        model.press("#")
        #expect(model.absoluteNumbers)
        #expect(model.status == "absolute sequence numbers")
        let absolute = model.screenText()
        #expect(absolute.contains("SYN 100"))
        #expect(!absolute.contains("SYN 0 "))

        model.press("#")
        #expect(!model.absoluteNumbers)
        #expect(model.status == "relative sequence numbers")
        #expect(model.screenText().contains("SYN 0"))
    }

    @Test func questionMarkOpensAndClosesTheHelp() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        model.press("?")
        #expect(model.overlay == .help)
        let text = model.screenText()
        #expect(text.contains("┌─ keys "))
        #expect(text.contains("drop the selected segment"))
        #expect(text.contains("any key closes this help"))

        // Any key closes it, and does only that: d does not drop the SYN.
        model.press("d")
        #expect(model.overlay == nil)
        #expect(model.stepper.simulation.inFlight.count == 1)
        #expect(!model.screenText().contains("any key closes this help"))

        // ? closes it too; q in the help quits.
        model.press("?")
        model.press("?")
        #expect(model.overlay == nil)
        model.press("?")
        #expect(model.press("q") == [.quit])
    }

    @Test func capitalSPicksAnotherScenario() throws {
        var model = try AppFixture.model("handshake")
        model.step(3)
        model.press("S")
        // The picker opens on the scenario now showing.
        guard case .scenarioPicker(let names, let highlighted)? = model.overlay else {
            Issue.record("no picker: \(String(describing: model.overlay))")
            return
        }
        #expect(names == BuiltinScenarios.names)
        #expect(names[highlighted] == "handshake")
        #expect(model.screenText().contains("▶ handshake"))

        // ↓ then enter: the next one loads, from its beginning.
        model.press(.down)
        let next = names[highlighted + 1]
        #expect(model.screenText().contains("▶ \(next)"))
        model.press(.enter)
        #expect(model.overlay == nil)
        #expect(model.scenario.source == "builtin:\(next)")
        #expect(model.stepper.position == 0)
        #expect(model.selection == nil)
        #expect(model.screenText().contains(model.scenario.title))

        // esc leaves the picker without loading anything.
        model.press("S")
        model.press(.escape)
        #expect(model.overlay == nil)
        #expect(model.scenario.source == "builtin:\(next)")
    }

    @Test func rRestartsTheScenario() throws {
        var model = try AppFixture.model("teardown")
        model.step(11)
        model.press(.pageUp)
        #expect(model.scrollBack == 10)
        #expect(model.state(of: .client) == .finWait2)

        model.press("r")
        #expect(model.stepper.position == 0)
        #expect(model.stepper.events.isEmpty)
        #expect(model.selection == nil && model.scrollBack == nil && !model.isPlaying)
        #expect(model.state(of: .client) == .closed && model.state(of: .server) == .closed)
        #expect(model.screenText().contains("step 0"))
    }

    // MARK: Quiz

    @Test func theQuizAsksBeforeAStateChangeAndKeepsScore() throws {
        var model = try AppFixture.model("handshake", quiz: true)
        // LISTEN is never asked about (the scenario says so): step 1 just happens.
        model.press(" ")
        #expect(model.stepper.position == 1)
        #expect(model.overlay == nil)

        // Step 2 moves the client out of CLOSED: first the question, and no step yet.
        model.press(" ")
        guard case .question(let first)? = model.overlay else {
            Issue.record("no question: \(String(describing: model.overlay))")
            return
        }
        #expect(first.host == .client && first.from == .closed)
        #expect(first.choices[first.correct] == .synSent)
        #expect(model.stepper.position == 1)
        let asking = model.screenText()
        #expect(asking.contains("Which state will the client enter next?"))
        #expect(asking.contains("quiz 0/0"))

        // The right answer: scored, and the step is taken.
        model.press(Character(String(first.correct + 1)))
        #expect(model.overlay == .answer(first, chosen: first.correct))
        #expect(model.quiz.right == 1 && model.quiz.asked == 1)
        #expect(model.stepper.position == 2)
        #expect(model.state(of: .client) == .synSent)
        #expect(model.screenText().contains("Right: the client entered SYN_SENT."))

        // Space continues to the next question: the server leaves LISTEN.
        model.press(" ")
        guard case .question(let second)? = model.overlay else {
            Issue.record("no second question: \(String(describing: model.overlay))")
            return
        }
        #expect(second.host == .server && second.from == .listen)

        // A wrong answer: scored too, and the truth is shown.
        let wrong = (second.correct + 1) % second.choices.count
        model.press(Character(String(wrong + 1)))
        #expect(model.quiz.right == 1 && model.quiz.asked == 2)
        #expect(model.state(of: .server) == .synReceived)
        let answered = model.screenText()
        #expect(answered.contains("Not quite: you said \(second.choices[wrong].name); the server entered SYN_RECEIVED."))
        #expect(answered.contains("quiz 1/2"))

        // A key that is no answer leaves the question open; esc dismisses it unanswered.
        model.press("n")
        model.press(" ")
        #expect(model.overlay.map { if case .question = $0 { true } else { false } } == true)
        model.press("9")
        #expect(model.overlay.map { if case .question = $0 { true } else { false } } == true)
        model.press(.escape)
        #expect(model.overlay == nil)
        #expect(model.quiz.asked == 2)
    }

    // MARK: Terminal size

    @Test func aResizeRedrawsAtTheNewSize() throws {
        var model = try AppFixture.model("handshake")
        model.step(2)
        _ = model.update(.resize(width: 80, height: 24))
        var grid = model.frame()
        #expect(grid.width == 80 && grid.height == 24)
        #expect(grid.row(0).hasSuffix("┐") && grid.row(23).hasSuffix("┘"))
        #expect(grid.text.contains("SYN 0"))

        _ = model.update(.resize(width: 50, height: 10))
        grid = model.frame()
        #expect(grid.text.contains("terminal too small: need 60×16, have 50×10"))

        // Back to full size: the diagram is laid out again for the new width.
        _ = model.update(.resize(width: 120, height: 40))
        grid = model.frame()
        #expect(grid.width == 120 && grid.row(0).count == 120)
        #expect(grid.text.contains("SYN 0"))
    }

    // MARK: Presenter

    @Test func thePresenterTitleCardIsLiftedByTheFirstKey() throws {
        var model = try AppFixture.model("handshake", presenter: true)
        #expect(model.showsTitleCard)
        var text = model.screenText()
        #expect(text.contains("┌─ tcpstep "))
        #expect(text.contains("The three-way handshake, number by number"))
        #expect(text.contains("space to begin"))

        // A resize keeps it; the first key only lifts it (d drops nothing, nothing steps).
        _ = model.update(.resize(width: 100, height: 30))
        #expect(model.showsTitleCard)
        model.press("d")
        #expect(!model.showsTitleCard)
        #expect(model.stepper.position == 0)
        #expect(model.status == nil)
        text = model.screenText()
        #expect(!text.contains("space to begin"))

        // Now keys act: the server's LISTEN appears in block letters under its name.
        model.press(" ")
        #expect(model.stepper.position == 1)
        let grid = model.frame()
        let letters = try #require(BlockLetters.rows("LISTEN", glyphs: .unicode))
        let x = ScreenRegions(width: 100, height: 30, style: .presenter).serverPanelX
        for (offset, line) in letters.enumerated() {
            #expect(FrameAlignment.fullRow(grid, 2 + offset).dropFirst(x).hasPrefix(line))
        }
        // The presenter's short key bar.
        #expect(grid.row(28) == "│ ␣ step  ← back  ? help  q quit  p play  tab select  d drop  o old segment" + String(repeating: " ", count: 24) + "│")
    }

    @Test func qQuitsEvenFromTheTitleCard() throws {
        var model = try AppFixture.model("handshake", presenter: true)
        #expect(model.press("q") == [.quit])
    }

    @Test func capitalQTogglesTheQuizFromTheKeyboard() throws {
        var model = try AppFixture.model("handshake")
        #expect(!model.options.quiz)
        model.press("Q")
        #expect(model.options.quiz)
        #expect(model.status?.hasPrefix("quiz on") == true)
        // The next step that changes a state asks first.
        model.step(2)
        guard case .question(let question)? = model.overlay else {
            Issue.record("no question before the client's first state change")
            return
        }
        #expect(question.host == .client && question.from == .closed)
        _ = model.press(.escape)   // the question has the keyboard until it is answered or dismissed
        model.press("Q")
        #expect(!model.options.quiz)
    }
}
