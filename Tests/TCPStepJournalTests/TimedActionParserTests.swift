import TCPStepCore
import TCPStepScenario
import Testing

/// The new lines of the scenario language, and that every older line means what it meant.
@Suite struct TimedActionParserTests {
    private func parse(_ text: String) throws(ScenarioError) -> Scenario { try ScenarioParser.parse(text, fileName: "t.tcps") }

    private func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func timedFaultsAndAnchoredCalls() throws {
        let scenario = try parse("""
        server listen 80
        client connect 80
        at 1.3s drop s2c FIN+ACK#2
        at 1.3s step 14 delay c2s 4 250ms
        at 1.5s step 20 dup s2c id=9
        at 2s step 30 client connect 80 from 5000 isn=7
        open-at step 31 actions 3
        """)
        #expect(scenario.script.commands.count == 2)
        #expect(scenario.timeline == [
            TimedAction(time: 1_300_000, step: nil, kind: .fault(.serverToClient, .sent(.flags([.fin, .ack], occurrence: 2)), .drop), line: 3),
            TimedAction(time: 1_300_000, step: 14, kind: .fault(.clientToServer, .sent(.nth(4)), .delay(250_000)), line: 4),
            TimedAction(time: 1_500_000, step: 20, kind: .fault(.serverToClient, .id(9), .duplicate), line: 5),
            TimedAction(time: 2_000_000, step: 30, kind: .app(.client, .connect(remotePort: 80, localPort: 5000, isn: 7)), line: 6),
        ])
        #expect(scenario.openAt == OpenAt(step: 31, actions: 3, line: 7))
    }

    @Test func olderLinesKeepTheirMeaning() throws {
        let scenario = try parse("""
        server listen 80
        at 1s client connect 80
        drop c2s ACK#2
        at 2s inject c2s SYN seq=9 sport=5 dport=80
        """)
        #expect(scenario.timeline.isEmpty && scenario.openAt == nil)
        #expect(scenario.script.commands.map(\.time) == [0, 1_000_000, 2_000_000])
        #expect(scenario.script.faultRules.count == 1)
    }

    @Test func linesTheJournalWritesReadBackExactly() throws {
        let actions = [
            TimedAction(time: 50_000, step: 3, kind: .fault(.clientToServer, .sent(.flags([.ack], occurrence: 1)), .drop)),
            TimedAction(time: 1_010_500, step: 9, kind: .fault(.serverToClient, .sent(.flags([.syn, .ack], occurrence: 2)), .delay(50_000))),
            TimedAction(time: 1_300_000, step: 14, kind: .fault(.serverToClient, .id(12), .duplicate)),
            TimedAction(time: 61_000_000, step: 40, kind: .app(.server, .send(bytes: 100))),
            TimedAction(time: 61_000_000, step: 40, kind: .app(.client, .abort)),
        ]
        let lines = actions.map(JournalText.line(for:))
        #expect(lines == [
            "at 50ms step 3 drop c2s ACK",
            "at 1010.5ms step 9 delay s2c SYN+ACK#2 50ms",
            "at 1.3s step 14 dup s2c id=12",
            "at 61s step 40 server send 100",
            "at 61s step 40 client abort",
        ])
        let parsed = try parse(lines.joined(separator: "\n"))
        #expect(parsed.timeline.map { TimedAction(time: $0.time, step: $0.step, kind: $0.kind) } == actions)
    }

    @Test func mistakesSayWhereAndWhat() {
        #expect(error("at 1s step x drop c2s 1") == "t.tcps:1:12: `step` needs the number of the step the action follows, as in `at 1.3s step 14 drop s2c FIN+ACK`")
        #expect(error("at 1s step 3") == "t.tcps:1:6: `at 1s step 3` needs an action after it")
        #expect(error("at 1s drop c2s id=0") == "t.tcps:1:19: id= needs a segment id (the `id` of `tcpstep trace --json`)")
        #expect(error("at 1s drop sideways 1") == "t.tcps:1:12: expected a direction, c2s or s2c, found `sideways`")
        // An old duplicate put on the wire by hand (`o`) is journaled as a timed `inject`.
        #expect(error("at 1s step 2 inject c2s SYN seq=1 sport=1 dport=2") == nil)
        #expect(error("at 1s step 2 inject c2s SYN sport=1 dport=2")?.hasPrefix("t.tcps:1:14: `inject` needs seq=N") == true)
        #expect(error("at 1s step 2 inject c2s SYN seq=1 sport=1 dport=2 at 3s")?.hasPrefix("t.tcps:1:") == true)
        #expect(error("at 2s step 5 client close\nat 1s step 6 client close") == "t.tcps:2:1: timed actions must be written in the order they happen; line 1 comes later")
        #expect(error("at 1s step 5 client close\nat 1s step 4 client close") == "t.tcps:2:1: timed actions must be written in the order they happen; line 1 comes later")
        #expect(error("open-at step 3") == "t.tcps:1:1: `open-at` is written `open-at step S actions K`: after S steps and K timed actions")
        #expect(error("open-at step 3 actions 1 more") == "t.tcps:1:26: unexpected `more` at the end of the command")
    }

    @Test func aJournalHeadDropsWhatTheJournalAdded() throws {
        let text = """
        # tcpstep journal: handshake, started 2026-11-25T15:50:02Z
        set latency 50ms
        server listen 80
        # tcpstep journal: what the session did
        at 50ms step 1 client connect 80
        open-at step 1 actions 1
        """
        var scenario = try parse(text)
        scenario.config.seed = 9
        scenario.config.profile = .named(.linux)
        #expect(JournalText.head(of: scenario) == "set latency 50ms\nserver listen 80\nset profile linux\nset seed 9\n")
        let fields = try #require(JournalText.headerFields(of: Substring(text)))
        #expect(fields.scenario == "handshake" && fields.started == "2026-11-25T15:50:02Z")
    }
}
