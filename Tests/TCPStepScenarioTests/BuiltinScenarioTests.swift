import Testing
import TCPStepCore
import TCPStepScenario

/// One storyboard per built-in scenario: run headless to quiet under its own settings, then
/// check the story it tells, segment by segment: the states each host goes through, the numbers
/// on the wire, the RSTs where there must be RSTs (and none elsewhere), and the timers.
/// Times are in ms of virtual time; latency is 50 ms each way unless said otherwise.
struct BuiltinScenarioTests {
    @Test func everyBuiltinIsCompleteInBothLanguages() throws {
        let names = BuiltinScenarios.names
        #expect(Set(names).isSuperset(of: [
            "basic", "handshake", "why-three-way", "why-three-way-two-way", "teardown", "lost-last-ack", "no-time-wait",
            "lost-syn", "lost-syn-ack", "simultaneous-open", "simultaneous-close", "half-open", "closed-port", "time-wait-pileup",
        ]))
        for name in names {
            let scenario = try #require(try BuiltinScenarios.scenario(named: name))
            #expect(scenario.title != "Untitled scenario", "\(name) has no title")
            #expect(scenario.titleZH != nil, "\(name) has no title.zh")
            #expect(scenario.summary != nil && scenario.summaryZH != nil, "\(name) lacks a summary or summary.zh")
            // Every command's `say` comes in both languages.
            for narration in scenario.narration {
                #expect(narration.english != nil && narration.chinese != nil, "\(name) line \(narration.line): say without say.zh or the reverse")
            }
            // Every application call is narrated by its author (the generated sentences do the rest).
            let narrated = Set(scenario.narration.compactMap(\.commandIndex))
            for (index, command) in scenario.script.commands.enumerated() where !narrated.contains(index) {
                guard name != "time-wait-pileup" else { continue }  // its repeated queries share one `say` each
                Issue.record("\(name) line \(command.line): command without `say`")
            }
        }
    }

    // MARK: - Opening

    @Test func basic() throws {
        let run = try Run("basic")
        #expect(run.states(.client) == ["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.states(.server) == ["CLOSED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"])
        #expect(run.resets.isEmpty)
        #expect(run.rejections.isEmpty)
        // `set msl 30s`: TIME_WAIT lasts 2MSL = 60 s after the last FIN arrived (1150 ms).
        #expect(run.fired(.client, .timeWait) == [.ms(61_150)])
        #expect(run.signals(.client).filter { $0 == "data" }.count == 1)
        #expect(run.signals(.server).filter { $0 == "data" }.count == 1)
    }

    @Test func handshake() throws {
        let run = try Run("handshake")
        // RFC 9293 Figure 6 numbers: x = 100, y = 300.
        #expect(run.wire == [
            "0 client SYN seq=100",                 // SYN seq=x
            "50 server SYN,ACK seq=300 ack=101",    // SYN,ACK seq=y ack=x+1
            "100 client ACK seq=101 ack=301",       // ACK seq=x+1 ack=y+1
            "500 client PSH,ACK seq=101 ack=301 len=100",  // data starts at x+1: the SYN used x
            "550 server ACK seq=301 ack=201",
        ])
        #expect(run.transitions(.client) == ["CLOSED→SYN_SENT (active-open)", "SYN_SENT→ESTABLISHED (rcv-syn-ack)"])
        #expect(run.transitions(.server) == [
            "CLOSED→LISTEN (passive-open)", "LISTEN→SYN_RECEIVED (rcv-syn)", "SYN_RECEIVED→ESTABLISHED (rcv-ack-of-syn)",
        ])
        #expect(run.remaining(.client) == ["ESTABLISHED"])
        #expect(run.remaining(.server) == ["ESTABLISHED"])
        #expect(run.rejections.isEmpty)
    }

    @Test func whyThreeWay() throws {
        let run = try Run("why-three-way")
        #expect(!run.scenario.config.variants.isAny)
        // The SYN is held 2 s; the client gives up at 500 ms without sending anything.
        #expect(run.transitions(.client) == ["CLOSED→SYN_SENT (active-open)", "SYN_SENT→CLOSED (close)"])
        #expect(run.wire == [
            "0 client SYN seq=100",
            "2050 server SYN,ACK seq=300 ack=101",  // the server cannot tell the old SYN from a new one
            "2100 client RST seq=101",              // <SEQ=SEG.ACK><CTL=RST> from a port with no connection
        ])
        #expect(run.rejections == ["client no-connection"])
        // The RST sends the half-made connection back to LISTEN: nothing leaks.
        #expect(run.transitions(.server) == [
            "CLOSED→LISTEN (passive-open)", "LISTEN→SYN_RECEIVED (rcv-syn)", "SYN_RECEIVED→LISTEN (return-to-listen)",
        ])
        #expect(run.remaining(.server).isEmpty)
        #expect(run.final.listeners(of: .server) == [80])
        #expect(run.signals(.server).isEmpty)  // the server's application never heard of it
        let narrator = try #require(run.scenario.narration.last)
        #expect(narrator.commandIndex == nil, "the story ends with an epilogue pointing to why-three-way-two-way")
        #expect(narrator.english?.contains("why-three-way-two-way") == true)
    }

    @Test func whyThreeWayTwoWay() throws {
        let run = try Run("why-three-way-two-way")
        #expect(run.scenario.config.variants.twoWayHandshake)
        // Same script as why-three-way …
        #expect(run.wire == ["0 client SYN seq=100", "2050 server SYN,ACK seq=300 ack=101"])
        // … but the server is ESTABLISHED on the old SYN, and nobody ever tells it otherwise.
        #expect(run.transitions(.server) == ["CLOSED→LISTEN (passive-open)", "LISTEN→ESTABLISHED (rcv-syn-two-way)"])
        #expect(run.rejections == ["client two-way-reply-ignored"])
        #expect(run.resets.isEmpty)
        #expect(run.remaining(.server) == ["ESTABLISHED"])
        #expect(run.remaining(.client).isEmpty)
        #expect(run.signals(.server) == ["established"])
    }

    // MARK: - Closing

    @Test func teardown() throws {
        let run = try Run("teardown")
        #expect(run.states(.client) == ["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.states(.server) == ["CLOSED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"])
        #expect(Array(run.wire.suffix(6)) == [
            "600 client FIN,ACK seq=201 ack=301",        // 1: the client closes its direction
            "650 server ACK seq=301 ack=202",            // 2: the FIN used one number: ack=202
            "900 server PSH,ACK seq=301 ack=202 len=200", // half-close: the server still sends in CLOSE_WAIT
            "950 client ACK seq=202 ack=501",            // … and the client in FIN_WAIT_2 still receives
            "1200 server FIN,ACK seq=501 ack=202",       // 3: the server's FIN follows its data
            "1250 client ACK seq=202 ack=502",           // 4
        ])
        // The data really was sent in CLOSE_WAIT and received in FIN_WAIT_2.
        let closeWaitAt = try #require(stateTime(run, .server, to: .closeWait))
        let lastAckAt = try #require(stateTime(run, .server, to: .lastAck))
        let finWait2At = try #require(stateTime(run, .client, to: .finWait2))
        let data = try #require(run.sent(by: .server).first { $0.segment.payloadLength == 200 })
        #expect(closeWaitAt < data.sentAt && data.sentAt < lastAckAt)
        #expect(finWait2At < data.arrivesAt)
        #expect(run.signals(.client).contains("data"))
        // Only the side that closed first waits, for 2MSL = 4 min (RFC: MSL = 2 min).
        #expect(run.fired(.client, .timeWait) == [.ms(1_250) + .seconds(240)])
        #expect(run.fired(.server, .timeWait).isEmpty)
        #expect(run.resets.isEmpty)
    }

    @Test func lostLastAck() throws {
        let run = try Run("lost-last-ack")
        #expect(run.wire == [
            "0 client SYN seq=100", "50 server SYN,ACK seq=300 ack=101", "100 client ACK seq=101 ack=301",
            "300 client FIN,ACK seq=101 ack=301", "350 server ACK seq=301 ack=102",
            "500 server FIN,ACK seq=301 ack=102",
            "550 client ACK seq=102 ack=302",              // lost
            "1500 server FIN,ACK seq=301 ack=102 (again)", // LAST_ACK: the RTO (1 s) fires
            "1550 client ACK seq=102 ack=302",             // TIME_WAIT answers with the same ACK
        ])
        #expect(droppedIDs(run) == [7])  // the 4th segment client → server: the last ACK
        #expect(run.fired(.server, .retransmission) == [.ms(1_500)])
        #expect(run.rejections == ["client duplicate"])
        // TIME_WAIT restarts its 2MSL on the repeated FIN: set at 550 ms, set again at 1550 ms.
        #expect(timerSets(run, .client, .timeWait) == [.ms(550) + .seconds(240), .ms(1_550) + .seconds(240)])
        #expect(run.fired(.client, .timeWait) == [.ms(1_550) + .seconds(240)])
        #expect(run.transitions(.server).suffix(2) == ["CLOSE_WAIT→LAST_ACK (close)", "LAST_ACK→CLOSED (rcv-ack-of-fin)"])
        #expect(run.states(.client).suffix(3) == ["FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.resets.isEmpty)
    }

    @Test func noTimeWait() throws {
        let run = try Run("no-time-wait")
        #expect(run.scenario.config.variants.noTimeWait)
        // The client skips TIME_WAIT the moment it enters it …
        #expect(run.transitions(.client).contains("TIME_WAIT→CLOSED (time-wait-skipped)"))
        #expect(run.fired(.client, .timeWait).isEmpty)
        // … so the server's retransmitted FIN (its last ACK was lost) meets a closed port: RST.
        #expect(run.wire.contains("2700 server FIN,ACK seq=301 ack=202 (again)"))
        #expect(run.wire.contains("2750 client RST seq=202"))
        #expect(run.resets.count == 1)
        #expect(run.rejections.first == "client no-connection")
        #expect(run.transitions(.server).contains("LAST_ACK→CLOSED (rcv-rst)"))
        // Second reason: a new connection on the same ports (5000 → 80, ISN 100 again) accepts the
        // data segment the first connection sent at 300 ms and the network held back.
        let second = try #require(run.events.first { event in
            if case .state(.server, _, _, .synReceived, .established, _) = event.kind { return event.time > .seconds(3) }
            return false
        })
        let accepted = run.events.filter { event in
            guard event.time > second.time, case .deliver(let id, .server, _, .accepted) = event.kind else { return false }
            return run.sent.first { $0.id == id }?.segment.payloadLength == 100
        }
        #expect(accepted.count == 1)
        let old = try #require(accepted.first.flatMap { event -> WireSegment? in
            if case .deliver(let id, _, _, _) = event.kind { return run.sent.first { $0.id == id } }
            return nil
        })
        #expect(old.sentAt == .ms(300) && !old.isRetransmission, "the segment accepted is the old one")
        #expect(old.segment.seq == SeqNum(101))
        // The new connection's own 100 bytes, also seq 101, are then thrown away as old …
        #expect(run.wire.contains("3280 client PSH,ACK seq=101 ack=750301 len=100"))
        #expect(run.rejections.last == "server unacceptable-seq")
        // … and the client is told they arrived (ack=201), so it never sends them again.
        #expect(!run.sent(by: .client).contains { $0.sentAt > .ms(3_280) && $0.segment.payloadLength > 0 })
        #expect(run.remaining(.client) == ["ESTABLISHED"] && run.remaining(.server) == ["ESTABLISHED"])
    }

    // MARK: - Retransmission

    @Test func lostSyn() throws {
        let run = try Run("lost-syn")
        let syns = run.sent(by: .client).filter { $0.segment.flags == .syn }
        #expect(syns.map(\.sentAt) == [0, .seconds(1), .seconds(3), .seconds(7)])
        #expect(gaps(syns.map(\.sentAt)) == [.seconds(1), .seconds(2), .seconds(4)])  // RTO 1 s, doubled each time
        #expect(syns.map(\.isRetransmission) == [false, true, true, true])
        #expect(Set(syns.map(\.segment.seq)) == [SeqNum(100)])  // the same SYN each time
        #expect(droppedIDs(run) == syns.prefix(3).map(\.id.raw))
        #expect(run.fired(.client, .retransmission) == [.seconds(1), .seconds(3), .seconds(7)])
        // The timer is visible: each retry is armed for twice the last wait ("try N" in the trace).
        #expect(timerSets(run, .client, .retransmission).prefix(4) == [.seconds(1), .seconds(3), .seconds(7), .seconds(15)])
        #expect(run.states(.client).suffix(1) == ["ESTABLISHED"])
        #expect(stateTime(run, .client, to: .established) == .ms(7_100))
        #expect(run.resets.isEmpty)
    }

    /// The same file under `--profile linux`: tcp_syn_linear_timeouts keeps the first SYN
    /// retries 1 s apart (linux-notes.md, "Opening").
    @Test func lostSynOnLinux() throws {
        let run = try Run("lost-syn", profile: .linux)
        let syns = run.sent(by: .client).filter { $0.segment.flags == .syn }
        #expect(syns.map(\.sentAt) == [0, .seconds(1), .seconds(2), .seconds(3)])
        #expect(run.states(.client).suffix(1) == ["ESTABLISHED"])
    }

    @Test func lostSynAck() throws {
        let run = try Run("lost-syn-ack")
        let synAcks = run.sent(by: .server).filter { $0.segment.flags == [.syn, .ack] }
        #expect(synAcks.map(\.sentAt) == [.ms(50), .ms(1_050), .ms(3_050), .ms(7_050)])
        #expect(gaps(synAcks.map(\.sentAt)) == [.seconds(1), .seconds(2), .seconds(4)])
        #expect(synAcks.map(\.isRetransmission) == [false, true, true, true])
        // The client, hearing nothing, retransmits its SYN on its own schedule too.
        let syns = run.sent(by: .client).filter { $0.segment.flags == .syn }
        #expect(syns.map(\.sentAt) == [0, .seconds(1), .seconds(3), .seconds(7)])
        // The server already has the SYN: each copy is answered with a bare ACK, which a client
        // in SYN_SENT cannot use (RFC 9293 §3.10.7.3, fifth step).
        #expect(run.rejections.filter { $0 == "server unacceptable-seq" }.count == 3)
        #expect(run.rejections.filter { $0 == "client no-syn-or-rst" }.count == 2)
        #expect(droppedIDs(run) == synAcks.prefix(3).map(\.id.raw))
        #expect(run.fired(.server, .retransmission) == [.ms(1_050), .ms(3_050), .ms(7_050)])
        #expect(stateTime(run, .client, to: .established) == .ms(7_100))
        #expect(stateTime(run, .server, to: .established) == .ms(7_150))
        #expect(run.resets.isEmpty)
    }

    // MARK: - Simultaneous open and close

    @Test func simultaneousOpen() throws {
        let run = try Run("simultaneous-open")
        // RFC 9293 Figure 7: each side repeats its own ISN in its SYN,ACK.
        #expect(run.wire == [
            "0 client SYN seq=100", "0 server SYN seq=300",
            "50 server SYN,ACK seq=300 ack=101", "50 client SYN,ACK seq=100 ack=301",
        ])
        for host in HostID.allCases {
            #expect(run.transitions(host) == [
                "CLOSED→SYN_SENT (active-open)", "SYN_SENT→SYN_RECEIVED (simultaneous-open)",
                "SYN_RECEIVED→ESTABLISHED (rcv-ack-of-syn)",
            ])
            #expect(run.remaining(host) == ["ESTABLISHED"])
        }
        #expect(run.rejections.isEmpty)
    }

    @Test func simultaneousClose() throws {
        let run = try Run("simultaneous-close")
        for host in HostID.allCases {
            #expect(run.states(host).suffix(5) == ["ESTABLISHED", "FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"])
            // Both closed "first", so both wait 2MSL.
            #expect(run.fired(host, .timeWait) == [.ms(600) + .seconds(240)])
        }
        #expect(Array(run.wire.suffix(4)) == [
            "500 client FIN,ACK seq=101 ack=301", "500 server FIN,ACK seq=301 ack=101",  // the FINs cross
            "550 server ACK seq=302 ack=102", "550 client ACK seq=102 ack=302",
        ])
        #expect(run.resets.isEmpty)
    }

    // MARK: - Crashes and refusals

    @Test func halfOpen() throws {
        let run = try Run("half-open")
        #expect(run.transitions(.client) == [
            "CLOSED→SYN_SENT (active-open)", "SYN_SENT→ESTABLISHED (rcv-syn-ack)", "ESTABLISHED→CLOSED (crash)",
            "CLOSED→SYN_SENT (active-open)", "SYN_SENT→ESTABLISHED (rcv-syn-ack)", "ESTABLISHED→CLOSED (crash)",
        ])
        // Figure 9: the rebooted client's SYN (ISN 400) hits the half-open connection, whose
        // challenge ACK the client cannot place, so it answers <SEQ=SEG.ACK><CTL=RST>.
        #expect(run.wire.contains("1000 client SYN seq=400"))
        #expect(run.wire.contains("1050 server ACK seq=301 ack=101"))
        #expect(run.wire.contains("1100 client RST seq=101"))
        #expect(run.rejections.prefix(2) == ["server syn-in-synchronized-state", "client unacceptable-ack"])
        // The client's SYN, retransmitted after 1 s, then opens a fresh connection.
        #expect(run.wire.contains("2000 client SYN seq=400 (again)"))
        #expect(stateTime(run, .server, to: .established, after: .seconds(2)) == .ms(2_150))
        // Figure 10: data to the crashed client draws a RST with SEQ = the data's ACK.
        #expect(run.wire.contains("6050 client RST seq=401"))
        #expect(run.resets.map(\.from) == [.client, .client])
        #expect(run.transitions(.server).filter { $0.hasSuffix("(rcv-rst)") } == ["ESTABLISHED→CLOSED (rcv-rst)", "ESTABLISHED→CLOSED (rcv-rst)"])
        #expect(run.signals(.server).filter { $0 == "connection reset" }.count == 2)
        #expect(run.remaining(.server).isEmpty && run.remaining(.client).isEmpty)
    }

    @Test func closedPort() throws {
        let run = try Run("closed-port")
        // A SYN with SEQ=100 to a port with no listener: <SEQ=0><ACK=101><CTL=RST,ACK> (rules.md §3).
        #expect(run.wire == ["0 client SYN seq=100", "50 server RST,ACK seq=0 ack=101"])
        #expect(run.rejections == ["server no-connection"])
        #expect(run.transitions(.client) == ["CLOSED→SYN_SENT (active-open)", "SYN_SENT→CLOSED (rcv-rst)"])
        #expect(run.signals(.client) == ["connection refused"])
        #expect(run.states(.server) == ["CLOSED", "LISTEN"])
        #expect(run.fired(.client, .retransmission).isEmpty)
    }

    @Test func timeWaitPileup() throws {
        let run = try Run("time-wait-pileup")
        #expect(run.scenario.config.profile.name == .linux)
        #expect(run.calls.filter { $0.contains("connect") } == [
            "client connect 3306 → ok", "client connect 3306 → ok", "client connect 3306 → ok",
            "client connect 3306 → error: insufficient resources",
        ])
        // Three queries, three ephemeral ports, each left in TIME_WAIT on the application server.
        let ports = run.events.compactMap { event -> UInt16? in
            guard case .state(.client, _, let ports, _, .timeWait, _) = event.kind else { return nil }
            return ports.local
        }
        #expect(ports == [40000, 40001, 40002])
        #expect(run.transitions(.server).allSatisfy { !$0.contains("TIME_WAIT") })
        // Linux: TIME_WAIT lasts 60 s, so the ports come back a minute after each query.
        let entered = run.events.filter { if case .state(.client, _, _, _, .timeWait, _) = $0.kind { true } else { false } }.map(\.time)
        #expect(run.fired(.client, .timeWait) == entered.map { $0 + .seconds(60) })
        #expect(run.resets.isEmpty)
    }

    /// Every built-in also runs to quiet under the other profile, without an RST where the
    /// story has none.
    @Test(arguments: ["basic", "handshake", "teardown", "lost-last-ack", "lost-syn", "lost-syn-ack", "simultaneous-open", "simultaneous-close"])
    func noResetUnderLinux(_ name: String) throws {
        let run = try Run(name, profile: .linux)
        #expect(run.resets.isEmpty, "\(name) under linux: \(run.resets.map(\.segment.summary))")
    }

    // MARK: - Helpers

    private func stateTime(_ run: Run, _ host: HostID, to state: TCPState, after: Micros = -1) -> Micros? {
        run.events.first { event in
            guard event.time > after, case .state(let who, _, _, _, let to, _) = event.kind else { return false }
            return who == host && to == state
        }?.time
    }

    private func droppedIDs(_ run: Run) -> [Int] {
        run.events.compactMap { event in
            if case .drop(let id, _) = event.kind { return id.raw }
            return nil
        }
    }

    private func timerSets(_ run: Run, _ host: HostID, _ kind: TimerKind) -> [Micros] {
        run.events.compactMap { event in
            guard case .timer(let who, _, _, let k, .set, let deadline, _) = event.kind, who == host, k == kind else { return nil }
            return deadline
        }
    }
}
