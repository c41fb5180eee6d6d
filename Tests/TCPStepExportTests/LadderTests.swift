import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepExport

/// The model every format draws: exact labels, ends, timers and per-step states.
@Suite struct LadderTests {
    @Test func lostLastAckHasEveryArrowWithItsFate() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.builtin("lost-last-ack"))
        #expect(ladder.arrows.map(\.label) == [
            "SYN 0", "SYN,ACK 0 ack 1", "ACK 1 ack 1", "FIN,ACK 1 ack 1", "ACK 1 ack 2", "FIN,ACK 1 ack 2",
            "ACK 2 ack 2", "FIN,ACK 1 ack 2 (again)", "ACK 2 ack 2",
        ])
        #expect(ladder.arrows.map(\.from) == [.client, .server, .client, .client, .server, .server, .client, .server, .client])
        #expect(ladder.arrows[6].isLost)
        #expect(ladder.arrows[6].startStep == 10 && ladder.arrows[6].endStep == 11)
        guard case .arrived(_, let accepted) = ladder.arrows[7].end else { Issue.record("not arrived"); return }
        #expect(!accepted, "the retransmitted FIN is a duplicate to the client in TIME_WAIT")
        #expect(ladder.arrows[7].tag == "(again)" && ladder.arrows[7].role == .retransmission)
        for arrow in ladder.arrows { #expect(arrow.endRow! > arrow.startRow, "\(arrow.label) goes down") }
    }

    @Test func timersAreSpansWithTheirTryAndHowTheyEnded() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.builtin("lost-last-ack"))
        let summary = ladder.timers.map { span -> String in
            let end = switch span.end {
            case .running: "running"
            case .fired: "fired"
            case .cancelled: "cancelled"
            case .restarted: "restarted"
            }
            return "\(span.host) \(span.label) \(end)"
        }
        #expect(summary == [
            "client RTO cancelled", "server RTO cancelled", "client RTO cancelled", "server RTO fired",
            "client 2MSL restarted", "server RTO #2 cancelled", "client 2MSL fired",
        ])
    }

    @Test func eachStepKnowsBothStatesAndTheRowItReached() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.builtin("lost-last-ack"))
        #expect(ladder.steps.count == 16)
        #expect(ladder.steps[0].states == [.closed, .closed])
        #expect(ladder.steps[1].states == [.closed, .listen])
        #expect(ladder.steps[2].states == [.synSent, .listen])
        #expect(ladder.steps[10].states == [.timeWait, .lastAck])
        #expect(ladder.steps[3].states == [.synSent, .synReceived])
        // The server's connection is gone; its listener still is: the panel shows LISTEN.
        #expect(ladder.steps[15].states == [.closed, .listen])
        #expect(zip(ladder.steps, ladder.steps.dropFirst()).allSatisfy { $0.lastRow <= $1.lastRow && $0.time <= $1.time })
        #expect(ladder.steps.last?.lastRow == ladder.rows.count - 1)
    }

    @Test func aNetworkCopyIsAnArrowOfItsOwn() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.parse(ExportScenarios.duplicated))
        let copies = ladder.arrows.filter { $0.tag == "(dup)" }
        #expect(copies.map(\.label) == ["ACK 1:101 ack 1 len 100 (dup)"])
        #expect(copies.first?.role == .duplicate)
    }

    @Test func theOvertakingSegmentArrivesAboveTheOneItOvertook() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.parse(ExportScenarios.reordered))
        let data = ladder.arrows.filter { $0.wire.segment.payloadLength > 0 }
        #expect(data.count == 2)
        #expect(data[0].startRow < data[1].startRow && data[0].endRow! > data[1].endRow!, "the lines cross")
        #expect(data[0].heldFor == .ms(40))
    }

    @Test func untilCutsTheTraceAndLeavesSegmentsInFlight() throws {
        let scenario = try ExportScenarios.builtin("lost-last-ack")
        let ladder = try ExportScenarios.ladder(scenario, until: 2)
        #expect(ladder.steps.count == 3)
        #expect(ladder.arrows.map(\.label) == ["SYN 0"])
        #expect(ladder.arrows[0].end == .inFlight && ladder.arrows[0].endStep == nil)
        #expect(throws: ExportError.self) { try Exporter.events(ExportScenarios.trace(scenario), until: 16) }
        #expect(throws: ExportError("--until 99 is past the end: this run has 15 steps (0 … 15)")) {
            try Exporter.events(ExportScenarios.trace(scenario), until: 99)
        }
    }

    @Test func chineseNamesTheHostsAndPausesInChinese() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.builtin("lost-last-ack"), language: .chinese)
        #expect(ladder.lifelines.map(\.name) == ["客户端", "服务器"])
        #expect(ladder.title.contains("TIME_WAIT") && ladder.title != "Lost final ACK: why the closer waits in TIME_WAIT")
        #expect(LadderWords(.chinese).later(.ms(925)) == "925 毫秒后")
        #expect(LadderWords(.chinese).later(.seconds(240)) == "4 分钟后")
    }

    @Test func aStaleSynIsNumberedAbsoluteAndMarkedNeverNegative() throws {
        // RFC 9293 Figure 8: an old SYN (seq 90) arrives before the real one (ISN 100).
        let text = ExportScenarios.head + "server listen 80\nclient connect 80 from 5000\ndelay c2s SYN 300ms\ninject c2s SYN seq=90 sport=5000 dport=80 at 0ms\n"
        let ladder = try ExportScenarios.ladder(ExportScenarios.parse(text))
        let labels = ladder.arrows.map(\.label)
        #expect(labels.contains("SYN 90* (stale)") && labels.contains("SYN,ACK 0 ack 91*"), "\(labels)")
        #expect(labels.allSatisfy { !$0.contains("-") }, "\(labels)")
        #expect(labels.contains("SYN 0"), "the real SYN is the client's 0: \(labels)")
    }

    @Test func teachingVariantsCarryTheNotTCPBanner() throws {
        let ladder = try ExportScenarios.ladder(ExportScenarios.builtin("why-three-way-two-way"))
        #expect(ladder.banner?.contains("Not TCP") == true || ladder.banner?.contains("not TCP") == true)
        #expect(try ExportScenarios.ladder(ExportScenarios.builtin("handshake")).banner == nil)
    }
}
