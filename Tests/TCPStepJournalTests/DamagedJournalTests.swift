import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// A journal cut off at any byte (a crash mid-write, a full disk) or ending in a garbled line
/// opens with every whole line before the damage, and says where it stopped.
@Suite struct DamagedJournalTests {
    /// A real session: faults and calls on lost-last-ack, then stepped on.
    private static func journal() throws -> (text: String, events: [String]) {
        var model = try Session.model("lost-last-ack")
        model.step(3)
        model.press("l")
        model.step(2)
        model.press("d")
        model.step(3)
        model.press("x")
        model.press("u")
        model.step(2)
        var live = model.stepper
        live.go(to: live.moveCount)
        return (model.journalText, Session.json(live.events))
    }

    @Test func everyTruncationOpensAValidPrefixOrSaysWhy() throws {
        let (text, fullEvents) = try Self.journal()
        let bytes = Array(text.utf8)
        var opened = 0
        var replayed = Set<Int>()
        for cut in 0 ... bytes.count {
            let prefix = Array(bytes[..<cut])
            let scenario: Scenario
            do {
                scenario = try JournalLoader.parse(prefix, fileName: "j.tcps")
            } catch {
                // Only a cut inside the header leaves something that is not a journal.
                #expect(error.line >= 1 && !error.message.isEmpty)
                continue
            }
            opened += 1
            let whole = cut == bytes.count
            #expect((scenario.damage == nil) == whole || cut == 0 || prefix.last == UInt8(ascii: "\n"),
                    "cut at \(cut): damage \(scenario.damage ?? "none")")
            if let damage = scenario.damage { #expect(damage.hasPrefix("j.tcps:"), "\(damage)") }
            // What it opens is the session's beginning: its trace is a prefix of the whole one's.
            // (Cuts within one line open the same lines: replay each set of lines once.)
            let lines = prefix.count(where: { $0 == UInt8(ascii: "\n") })
            guard replayed.insert(lines).inserted else { continue }
            let (stepper, stop, _) = TimelinePlayer.stepper(for: scenario)
            #expect(stop == nil, "cut at \(cut): \(String(describing: stop))")
            var replay = stepper
            replay.go(to: replay.moveCount)
            let events = Session.json(replay.events)
            #expect(Array(fullEvents.prefix(events.count)) == events, "cut at \(cut) diverges")
        }
        #expect(opened > bytes.count / 2)
    }

    @Test func aCutInTheLastActionKeepsTheActionsBeforeIt() throws {
        let (text, _) = try Self.journal()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lastAction = try #require(lines.lastIndex { $0.hasPrefix("at ") })
        // Cut the last action in half: it is line lastAction + 1.
        let cut = lines[..<lastAction].joined(separator: "\n") + "\n" + lines[lastAction].prefix(12)
        let scenario = try JournalLoader.parse(Array(cut.utf8), fileName: "j.tcps")
        #expect(scenario.damage == "j.tcps:\(lastAction + 1): the journal stops in the middle of this line; opened lines 1–\(lastAction)")
        #expect(scenario.timeline.count == lines.filter { $0.hasPrefix("at ") && $0.contains(" step ") }.count - 1)
        // Without its `open-at`, it opens after the last action kept.
        let openAt = try #require(scenario.openAt)
        #expect(openAt.actions == scenario.timeline.count)
    }

    @Test func aGarbledLastLineIsLeftOutAndNamed() throws {
        let (text, _) = try Self.journal()
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let garbled = text + "at 9s step 4\u{0}\u{7} dr%p c2s\n"
        let scenario = try JournalLoader.parse(Array(garbled.utf8), fileName: "j.tcps")
        let damage = try #require(scenario.damage)
        #expect(damage.hasPrefix("j.tcps:\(lineCount):"))
        #expect(damage.hasSuffix("the journal stops at this line; opened lines 1–\(lineCount - 1)"))
        let whole = try ScenarioParser.parse(text, fileName: "j")
        #expect(scenario.openAt != nil && scenario.timeline.count == whole.timeline.count)
    }

    @Test func aBrokenLineBeforeTheEndIsAnErrorNotDamage() throws {
        let (text, _) = try Self.journal()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("at 1s step 2 client fly", at: 3)
        #expect(throws: ScenarioError.self) { try JournalLoader.parse(Array(lines.joined(separator: "\n").utf8), fileName: "j.tcps") }
    }

    @Test func aCutInsideACharacterIsAnIncompleteLine() throws {
        var text = try Self.journal().text
        text += "# 中文"
        var bytes = Array(text.utf8)
        bytes.removeLast()  // half of 文
        let scenario = try JournalLoader.parse(bytes, fileName: "j.tcps")
        #expect(scenario.damage?.contains("stops in the middle of this line") == true)
    }
}
