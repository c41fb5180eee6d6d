import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// What a lecturer in a hall needs from the view: the story's ending on screen, the focused
/// host always marked, status messages that stay long enough to read, and no English in the
/// Chinese view.
@Suite struct LectureHallTests {
    /// Steps until the simulation is quiet (bounded).
    static func runToEnd(_ model: inout AppModel) {
        // To the end of the trace: nothing more will happen (a later scripted call that only
        // fails is still an event to show).
        for _ in 0 ..< 400 where !model.source.isFinished {
            model.step(1)
        }
        #expect(model.source.isFinished)
    }

    @Test func theClosingCardTellsTheEndOfWhyThreeWay() throws {
        var model = try AppFixture.model("why-three-way", width: 120, height: 40)
        Self.runToEnd(&model)
        let screen = model.screenText()
        #expect(screen.contains(" the end "))
        // The closing paragraph, whole: the words before and after the part a two-line panel cut.
        #expect(screen.contains("Because TCP waits for a third segment"))
        #expect(screen.contains("why-three-way-two-way"))
        // Any key puts it away; ← steps back and it is gone too.
        model.press("?")
        model.press("?")
        #expect(!model.screenText().contains(" the end "))
    }

    @Test func noTimeWaitEndsOnItsResult() throws {
        var model = try AppFixture.model("no-time-wait", width: 120, height: 40)
        Self.runToEnd(&model)
        #expect(model.screenText().contains("Result: the server's application received 100 bytes from the old connection"))
        model.press(.left)
        #expect(!model.screenText().contains(" the end "))
    }

    @Test func whetherTheStoryIsOverIsWorkedOutOncePerPosition() throws {
        var model = try AppFixture.model("no-time-wait", width: 120, height: 40)
        Self.runToEnd(&model)
        // The remembered answer is what frames read, not a fresh probe of the simulation: with
        // the cache saying "not finished", the card stays away although the source is finished.
        let cache = try #require(model.narrationCache)
        #expect(cache.position == model.source.position && cache.isFinished && model.showsClosingCard)
        model.narrationCache?.isFinished = false
        #expect(!model.showsClosingCard)
        // A move works it out again: back one step (not finished), forward again (finished).
        model.press(.left)
        #expect(model.narrationCache?.isFinished == false && !model.showsClosingCard)
        model.press(" ")
        #expect(model.narrationCache?.isFinished == true && model.showsClosingCard)
        // Another story at the same position must not inherit it.
        model.load(try #require(try BuiltinScenarios.scenario(named: "handshake")))
        _ = model.update(.resize(width: 120, height: 40))
        #expect(model.narrationCache?.isFinished == false && !model.showsClosingCard)
    }

    @Test func theFocusedHostIsAlwaysMarked() throws {
        var model = try AppFixture.model("basic")
        for _ in 0 ..< 40 { _ = model.update(.tick) }     // 10 s of idle ticks
        #expect(model.screenText().contains("▶ CLIENT 10.0.0.1"))
        model.press("f")
        for _ in 0 ..< 40 { _ = model.update(.tick) }
        let screen = model.screenText()
        #expect(screen.contains("▶ SERVER 10.0.0.2"))
        #expect(!screen.contains("▶ CLIENT"))
        #expect(screen.contains("s x a"))
    }

    @Test func statusMessagesStayUntilTheNextKey() throws {
        var model = try AppFixture.model("basic")
        model.press("f")
        for _ in 0 ..< 40 { _ = model.update(.tick) }     // 10 s, not playing
        #expect(model.status == "keys s x a act on the server")
        model.press("s")                                    // the server has no connection: it fails
        #expect(model.status == "server send: error: connection does not exist")
        model.press(" ")
        #expect(model.status == nil)
    }

    @Test func whilePlayingAStatusStaysThreeSeconds() throws {
        var model = try AppFixture.model("basic")
        model.press("+")
        model.press("p")
        let status = model.status
        #expect(status == nil)  // p itself says nothing; set one while playing:
        model.press("#")
        #expect(model.status == "absolute sequence numbers")
        var ticks = 0
        while model.status != nil, ticks < 100 {
            _ = model.update(.tick)
            ticks += 1
        }
        // 4 steps/s: 250 ms a tick, so 12 ticks make the 3 s.
        #expect(ticks == 12)
    }

    @Test func theHelpKeepsQuitAt80x24() throws {
        var model = try AppFixture.model("basic", width: 80, height: 24)
        model.press("?")
        let screen = model.screenText()
        #expect(screen.contains("q"))
        #expect(screen.contains("quit"))
        #expect(screen.contains("this help"))
        #expect(screen.contains("any key closes this help"))
        // Two columns at 80×24, every action whole: long ones go on to a second line of their
        // cell, and so do long keys ("PgUp PgDn" over "Home End").
        #expect(!screen.contains("…"))
        for entry in KeyBindings.help {
            for word in entry.action.split(separator: " ") { #expect(screen.contains(word), "\(entry.action)") }
            for word in entry.keys.split(separator: " ") { #expect(screen.contains(word), "\(entry.keys)") }
        }
        #expect(screen.contains("PgUp PgDn scroll the history (End"))
        #expect(screen.contains("Home End  follows the newest)"))
    }

    @Test func theChineseHelpAt80x24IsWholeToo() throws {
        var model = try AppFixture.model("basic", language: .chinese, width: 80, height: 24)
        model.press("?")
        let screen = model.screenText()
        // The box's own lines (the header above it may cut a long title).
        let box = screen.split(separator: "\n").drop { !$0.contains("┌─ 按键") }.joined(separator: "\n")
        #expect(!box.isEmpty && !box.contains("…"))
        #expect(box.contains("按任意键关闭帮助"))
        // Wrapped per character: each action's characters are all there, in order, once the
        // screen's borders, padding and line breaks are taken out.
        let flat = box.filter { !" │\n".contains($0) }
        for entry in KeyBindings.help {
            let action = entry.actionZH.filter { $0 != " " }
            #expect(flat.contains(action) || action.allSatisfy { flat.contains($0) }, "\(entry.actionZH)")
        }
    }

    @Test func helpColumnsSplitWhereTheTallerIsShortest() {
        #expect(OverlayPainter.balancedSplit([1, 1, 1, 1], rows: 2) == 2)
        #expect(OverlayPainter.balancedSplit([3, 1, 1, 1], rows: 3) == 1)
        #expect(OverlayPainter.balancedSplit([3, 1, 1, 1], rows: 2) == nil)
        #expect(OverlayPainter.balancedSplit([2, 2, 2], rows: 4) == 1)
    }

    @Test func aCellHeldToFewerLinesEndsInTheRestOfItsText() {
        let english = "delay it by one latency (press again for more)"
        #expect(OverlayPainter.heldTo(2, lines: WordWrap.lines(english, width: 14), of: english, width: 14, ellipsis: "…")
                == ["delay it by", "one latency (…"])
        // Chinese wraps between characters: the rest goes on without a space put in.
        let chinese = "把一个旧的重复报文段放进网络（SYN、数据、FIN、RST）"
        let held = OverlayPainter.heldTo(2, lines: WordWrap.lines(chinese, width: 10), of: chinese, width: 10, ellipsis: "…")
        #expect(held == ["把一个旧的", "重复报文…"])
        #expect(OverlayPainter.heldTo(3, lines: ["a", "b"], of: "a b", width: 5, ellipsis: "…") == ["a", "b"])
    }

    @Test func aTinyScreenStillListsEveryKeyOnOneLineEach() {
        // 14 rows: too few for wrapped cells, so each cell is one line (the 26 keys in two
        // columns of 13), cut with an ellipsis; the keys are never cut.
        let entries = KeyBindings.help.map { ($0.keys, $0.action) }
        #expect(entries.count == 26)
        let lines = OverlayPainter.twoColumns(entries, rows: 14, width: 76, ellipsis: "…")
        #expect(lines.count == 13)
        #expect(lines.contains { $0.contains("PgUp PgDn Home End") })
        #expect(lines.contains { $0.contains("…") })
    }

    @Test func thePickerShowsEachSummary() throws {
        var model = try AppFixture.model("basic", width: 160, height: 40)
        model.press("S")
        let screen = model.screenText()
        let summary = try #require(try BuiltinScenarios.scenario(named: "lost-last-ack")?.summary)
        #expect(screen.contains("lost-last-ack"))
        #expect(screen.contains(String(summary.prefix(40))))
    }

    /// Words a Chinese screen may keep in Latin letters: protocol words, state names, field and
    /// unit names, key names, program and profile names.
    static let allowedLatin: Set<String> = [
        "SYN", "ACK", "FIN", "RST", "PSH", "TCP", "ISN", "MSL", "RTO", "FW", "seq", "ack", "win", "len", "ms",
        "CLOSED", "LISTEN", "SENT", "RECEIVED", "ESTABLISHED", "WAIT", "CLOSE", "CLOSING", "LAST", "TIME",
        "tcpstep", "rfc", "linux", "Linux", "TLP", "tab", "space", "esc", "enter", "PgUp", "PgDn", "Home", "End", "abort", "close",
        // File formats, named as their tools name them (the `e` export).
        "SVG", "HTML",
    ]

    static let twoLetterWords: Set<String> = ["to", "of", "in", "on", "at", "by", "is", "it", "an", "or", "no", "up", "as", "be", "do", "go", "if", "me", "my", "so", "we"]

    static func englishWords(in text: String) -> [String] {
        var words: [String] = [], word = ""
        for character in text + " " {
            if character.isASCII, character.isLetter {
                word.append(character)
            } else {
                // Two-letter pieces are English only when they are words: a box drawn over "ack"
                // leaves "ck" of it, which is no word.
                let isWord = word.count >= 3 || Self.twoLetterWords.contains(word.lowercased())
                // A protocol word cut by a box drawn over it ("ESTABLISH") is still one.
                if isWord, !allowedLatin.contains(where: { $0.hasPrefix(word) }) { words.append(word) }
                word = ""
            }
        }
        return words
    }

    @Test(arguments: [false, true])
    func aChineseScreenHasNoEnglishWords(presenter: Bool) throws {
        var model = try AppFixture.model("lost-last-ack", language: .chinese, presenter: presenter, width: 120, height: 40)
        model.press(" ")                                    // (lifts the presenter's title card)
        model.step(12)
        model.press("d")
        var screens = [model.screenText()]
        model.press("?")
        screens.append(model.screenText())
        model.press("?")
        model.press("f")
        screens.append(model.screenText())
        Self.runToEnd(&model)
        screens.append(model.screenText())                  // the closing card
        for screen in screens {
            #expect(Self.englishWords(in: screen).isEmpty, "\(Self.englishWords(in: screen))\n\(screen)")
        }
    }

    /// Every phrase of the screen has a Chinese wording.
    @Test func everyUIPhraseIsTranslated() {
        for key in UIKey.allCases {
            #expect(UIText.chinese.hasWording(key), "\(key)")
            #expect(UIText.english.hasWording(key), "\(key)")
        }
        for entry in KeyBindings.help {
            #expect(!entry.actionZH.isEmpty && Self.englishWords(in: entry.actionZH).isEmpty, "\(entry.actionZH)")
        }
    }
}

/// `o` puts an old duplicate on the wire by hand: the live form of the scenario's `inject`.
@Suite struct LiveInjectionTests {
    /// The handshake done (client ISN 100, server ISN 300 in `handshake`).
    static func established() throws -> AppModel {
        var model = try AppFixture.model("handshake", width: 120, height: 40)
        for _ in 0 ..< 20 where !(model.state(of: .server) == .established) { model.step(1) }
        #expect(model.state(of: .client) == .established && model.state(of: .server) == .established)
        return model
    }

    static func injected(_ model: AppModel) -> WireSegment? {
        model.stepper.events.reversed().lazy.compactMap { event -> WireSegment? in
            if case .inject(let wire) = event.kind { return wire }
            return nil
        }.first
    }

    @Test func anOldSynMeetsAnEstablishedServerAndEarnsAChallengeAck() throws {
        var model = try Self.established()
        model.press("o")
        #expect(model.screenText().contains("an old SYN"))
        model.press("1")
        let wire = try #require(Self.injected(model))
        // Figure 8's old SYN: ten before the client's ISN, on the connection's ports.
        #expect(wire.from == .client && wire.segment.flags == .syn)
        #expect(wire.segment.seq.raw == 90)
        #expect(wire.segment.sourcePort == 5000 && wire.segment.destinationPort == 80)
        #expect(model.selection == wire.id)
        #expect(model.status == "an old SYN is on the wire: watch what the server does with it")
        let before = model.stepper.events.count
        model.step(1)
        let reply = model.events(after: before).compactMap { event -> Segment? in
            if case .send(let sent) = event.kind { return sent.segment }
            return nil
        }
        // RFC 9293 §3.10.7.4 / RFC 5961: a SYN in ESTABLISHED earns a challenge ACK; nothing closes.
        #expect(reply.map(\.matchFlags) == [.ack])
        #expect(model.state(of: .server) == .established)
    }

    @Test func oldDataFromTheServerSideIsNumberedBeforeItsISN() throws {
        var model = try Self.established()
        model.press("f")
        model.press("o")
        model.press("2")
        let wire = try #require(Self.injected(model))
        #expect(wire.from == .server && wire.segment.payloadLength == 100)
        // An earlier incarnation's stream: 1,000 before the server's ISN 300, wrapped around.
        #expect(wire.segment.seq.raw == UInt32(1 << 32 - 699))
        #expect(wire.segment.seq == SeqNum(300) - 999)
        model.step(1)
        // Far outside the client's window: dropped with an ACK, the stream untouched.
        #expect(model.stepper.events.contains { event in
            if case .deliver(wire.id, .client, _, .rejected(.unacceptableSequence)) = event.kind { return true }
            return false
        })
    }

    @Test func escapeLeavesTheMenuWithoutInjecting() throws {
        var model = try Self.established()
        let count = model.stepper.events.count
        model.press("o")
        model.press(.escape)
        #expect(model.overlay == nil)
        #expect(model.stepper.events.count == count)
    }
}

/// A tall screen is used: rows per transit grow until the whole story fits (issue item 2).
@Suite struct FillTheScreenTests {
    @Test func lostLastAckFills200x55WithoutScrolling() throws {
        var model = try AppFixture.model("lost-last-ack", width: 200, height: 55)
        LectureHallTests.runToEnd(&model)
        model.press("f")  // the first key only puts the closing card away
        #expect(!model.showsClosingCard)
        let grid = model.frame()
        #expect(model.fittingRowsPerTransit(model.screenModel()) == 2)
        // The first row of the story is still on screen at the end: nothing scrolled away.
        #expect(grid.text.contains("SYN_SENT"))
        #expect(grid.text.contains("2MSL fired"))
        try appGolden.check(grid.text + "\n", named: "lost-last-ack-200x55.txt")
    }

    @Test func aSmallScreenKeepsOneRowPerTransit() throws {
        var model = try AppFixture.model("lost-last-ack", width: 80, height: 24)
        #expect(model.fittingRowsPerTransit(model.screenModel()) == 1)
    }
}
