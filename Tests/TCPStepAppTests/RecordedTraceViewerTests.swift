import TCPStepCore
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// The viewer over a recorded trace: the same screens as the live run, stepping both ways.
@Suite("Recorded trace viewer")
struct RecordedTraceViewerTests {
    /// Screens seen stepping forward to the end and then back to the start; a move that adds no
    /// event (a timer entry that was cancelled) changes nothing on screen and is counted once.
    static func walk(_ model: inout AppModel) -> (forward: [String], back: [String]) {
        var forward = [model.screenText()]
        var guardSteps = 0
        while !model.source.isFinished && guardSteps < 500 {
            model.press(" ")
            let screen = model.screenText()
            if screen != forward.last { forward.append(screen) }
            guardSteps += 1
        }
        var back = [forward.last!]
        while model.source.position > 0 {
            model.press(.left)
            let screen = model.screenText()
            if screen != back.last { back.append(screen) }
        }
        return (forward, back)
    }

    static func recorded(_ events: some Sequence<TraceEvent>, _ name: String) throws -> AppModel {
        let json = events.map(\.jsonLine).joined(separator: "\n")
        let scenario = try #require(try BuiltinScenarios.scenario(named: name))
        var recorded = AppModel(recording: try TraceReader.read(json), scenario: scenario)
        _ = recorded.update(.resize(width: 100, height: 30))
        return recorded
    }

    @Test("A recorded trace steps forward and back through the same screens as the live run",
          arguments: ["lost-last-ack", "half-open", "simultaneous-close", "why-three-way"])
    func sameScreens(name: String) throws {
        var live = try AppFixture.model(name)
        let liveWalk = Self.walk(&live)
        var full = try AppFixture.model(name)
        while !full.source.isFinished { full.press(" ") }
        var recorded = try Self.recorded(full.source.events, name)
        let recordedWalk = Self.walk(&recorded)
        #expect(liveWalk.forward.count > 5)
        #expect(recordedWalk.forward.count == liveWalk.forward.count)
        for (index, (mine, theirs)) in zip(recordedWalk.forward, liveWalk.forward).enumerated() where mine != theirs {
            Issue.record("\(name): screen \(index) forward differs\n\(Self.diff(mine, theirs))")
        }
        #expect(recordedWalk.back.count == liveWalk.back.count)
        for (index, (mine, theirs)) in zip(recordedWalk.back, liveWalk.back).enumerated() where mine != theirs {
            Issue.record("\(name): screen \(index) back differs\n\(Self.diff(mine, theirs))")
        }
        // (Going back is not the mirror of going forward: the selection stays on a segment while it is in flight.)
        recorded.press(.end)
        while recorded.source.position < 3 { recorded.press(" ") }
        #expect(recorded.source.position == 3)
    }

    @Test("At the end of a recording, a step says so")
    func endOfRecording() throws {
        var full = try AppFixture.model("handshake")
        while !full.source.isFinished { full.press(" ") }
        var recorded = try Self.recorded(full.source.events, "handshake")
        while !recorded.source.isFinished { recorded.press(" ") }
        // The first key at the end puts the closing card away; the next one is a step.
        #expect(recorded.showsClosingCard)
        recorded.press(" ")
        recorded.press(" ")
        #expect(recorded.status == "end of the recorded trace: ← steps back, r starts over")
        recorded.press("r")
        #expect(recorded.source.position == 0)
    }

    static func diff(_ a: String, _ b: String) -> String {
        zip(a.split(separator: "\n"), b.split(separator: "\n")).filter { $0 != $1 }.map { "< \($0)\n> \($1)" }.joined(separator: "\n")
    }

    @Test("Keys that change the world say in the status line that a recording cannot", arguments: [
        Character("d"), "l", "u", "c", "L", "s", "x", "a",
    ])
    func keysNeedingASimulation(key: Character) throws {
        var full = try AppFixture.model("handshake")
        while !full.source.isFinished { full.press(" ") }
        var recorded = try Self.recorded(full.source.events, "handshake")
        recorded.press(" ")
        let before = recorded.source.events
        recorded.press(key)
        #expect(recorded.source.events == before)
        #expect(recorded.status?.contains("needs a live simulation: this is a recorded trace") == true)
        #expect(recorded.status?.hasPrefix(String(key)) == true)
    }

    @Test("Stepping back never blanks the narration (lost-last-ack, 15 steps, then back each step)")
    func narrationWhenSteppingBack() throws {
        var model = try AppFixture.model("lost-last-ack")
        var forward: [String] = []
        for _ in 0 ..< 15 {
            model.press(" ")
            forward.append(model.narrationText)
        }
        #expect(forward.allSatisfy { !$0.isEmpty })
        for step in stride(from: 14, through: 1, by: -1) {
            model.press(.left)
            #expect(!model.narrationText.isEmpty, "step \(step) is blank")
            #expect(model.narrationText == forward[step - 1], "step \(step)")
        }
    }

    @Test("The key bar, the presenter's key bar and the help overlay come from one table")
    func oneKeymap() {
        // "? help" and "q quit" come right after stepping, so a narrow key bar never loses them.
        #expect(KeyBindings.hints(presenter: false, ascii: false).map(\.key) == ["␣", "←", "?", "q", "p", "tab", "d", "l", "u", "o", "#", "]"])
        #expect(KeyBindings.hints(presenter: true, ascii: true).map(\.key) == ["space", "left", "?", "q", "p", "tab", "d", "o"])
        #expect(KeyBindings.help.first == KeyBindings.Entry(keys: "space → n", action: "step forward one event", actionZH: "前进一个事件"))
        #expect(KeyBindings.hints(presenter: false, ascii: false, text: .chinese).first?.action == UIText.chinese(.hintStep))
        for binding in KeyBindings.table {
            for key in binding.keys { #expect(KeyBindings.message(for: key) == binding.message) }
        }
        #expect(KeyBindings.message(for: .character("z")) == nil)
    }
}
