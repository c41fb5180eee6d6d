import Testing
import TCPStepCore

/// What TCP does about lost segments: retransmission with backoff (RFC 6298), the lost final
/// ACK and TIME_WAIT's restart (RFC 9293 §3.6.1), and the RST from a closed port (§3.10.7.1).
@Suite("Loss and retransmission")
struct LossAndRetransmissionTests {
    private let open = rfcHeader + "set isn client 99\nset isn server 299\nserver listen 80\nclient connect 80 from 5000\n"

    @Test("Lost final ACK: LAST_ACK retransmits its FIN, TIME_WAIT re-ACKs and restarts 2MSL")
    func lostFinalAck() throws {
        let run = try Run(open + "at 1000ms client close\nat 1100ms server close\ndrop c2s 4\n")
        let fins = run.sent(by: .server).filter { $0.segment.flags.contains(.fin) }
        #expect(fins.count == 2)
        #expect(fins[1].isRetransmission)
        #expect(fins[1].sentAt - fins[0].sentAt == .seconds(1))   // the server's 1 s RTO
        #expect(Seg(fins[1].segment) == Seg("FIN,ACK", 300, ack: 101))
        // The client, still in TIME_WAIT, answers with the same ACK…
        #expect(run.wire(.client).suffix(2) == [Seg("ACK", 101, ack: 301), Seg("ACK", 101, ack: 301)])
        // …and its 2MSL starts again from the retransmitted FIN's arrival.
        let closedAt = run.times(.client, enter: .closed).last!
        #expect(closedAt == (fins[1].arrivesAt / 1_000) + 60_000)
        #expect(run.states(.server).last == "CLOSED")
        let restarts = run.events.filter {
            if case .timer(.client, _, _, .timeWait, .set, _, _) = $0.kind { true } else { false }
        }
        #expect(restarts.count == 2)
    }

    @Test("Lost SYN: retransmitted after 1 s, 2 s, 4 s")
    func lostSyn() throws {
        let run = try Run(rfcHeader + "server listen 80\nclient connect 80 from 5000\ndrop c2s SYN#1\ndrop c2s SYN#2\ndrop c2s SYN#3\n")
        let times = run.sendTimes(.client, .syn)
        #expect(times == [0, 1_000, 3_000, 7_000])
        #expect(run.sent(by: .client).filter { $0.segment.matchFlags == .syn }.map(\.isRetransmission) == [false, true, true, true])
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED"])
        // After a retransmitted SYN, data starts with an RTO of 3 s (RFC 6298 5.7).
        let attempts = run.events.compactMap { event -> Int? in
            if case .timer(.client, _, _, .retransmission, .set, _, let attempt) = event.kind { return attempt }
            return nil
        }
        #expect(attempts == [0, 1, 2, 3])
    }

    @Test("Lost SYN,ACK: the server retransmits after 1 s, 2 s, 4 s")
    func lostSynAck() throws {
        let run = try Run(rfcHeader + """
            server listen 80
            client connect 80 from 5000
            drop s2c SYN+ACK#1
            drop s2c SYN+ACK#2
            drop s2c SYN+ACK#3
            drop c2s SYN#2
            drop c2s SYN#3
            drop c2s SYN#4
            """)
        let synAcks = run.sendTimes(.server, [.syn, .ack])
        #expect(synAcks == [10, 1_010, 3_010, 7_010])
        #expect(run.states(.server) == ["SYN_RECEIVED", "ESTABLISHED"])
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED"])
    }

    @Test("A SYN gives up after R2 = 3 minutes (MUST-23) in the RFC profile")
    func synGivesUp() throws {
        let run = try Run(rfcHeader + "client connect 80 from 5000\n" + (1...20).map { "drop c2s SYN#\($0)" }.joined(separator: "\n"))
        let times = run.sendTimes(.client, .syn)
        #expect(times == [0, 1_000, 3_000, 7_000, 15_000, 31_000, 63_000, 123_000])
        #expect(run.times(.client, enter: .closed) == [180_000])
        #expect(run.events.contains {
            if case .signal(.client, _, _, .connectionAborted) = $0.kind { true } else { false }
        })
    }

    @Test("A SYN to a port with no listener gets RST,ACK with SEQ 0 and ACK = SEG.SEQ+1")
    func closedPort() throws {
        let run = try Run(rfcHeader + "set isn client 100\nclient connect 80 from 5000\n")
        #expect(run.wire(.server) == [Seg("RST,ACK", 0, ack: 101)])
        #expect(run.states(.client) == ["SYN_SENT", "CLOSED"])
        #expect(run.events.contains {
            if case .signal(.client, _, _, .connectionRefused) = $0.kind { true } else { false }
        })
    }

    @Test("Lost data is retransmitted; the half-close lets the server keep sending in CLOSE_WAIT")
    func halfCloseWithLostData() throws {
        let run = try Run(open + """
            at 1000ms client close
            at 1100ms server send 500
            drop s2c 3
            at 1500ms server close
            """)
        let data = run.sent(by: .server).filter { $0.segment.payloadLength > 0 }
        #expect(data.count == 2)
        #expect(data[1].isRetransmission)
        #expect(run.states(.server) == ["SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"])
        // The client acknowledged all 500 bytes and the FIN: 300 + 500 + 1.
        #expect(run.wire(.client).last == Seg("ACK", 101, ack: 801))
    }

    @Test("A duplicated segment is delivered twice and the copy is answered as a duplicate")
    func duplicate() throws {
        let run = try Run(open + "at 500ms client send 100\ndup c2s 3\n")
        let duplicates = run.events.filter { if case .duplicate = $0.kind { true } else { false } }
        #expect(duplicates.count == 1)
        // The copy is outside the window once the original arrived: the server re-ACKs RCV.NXT.
        #expect(run.wire(.server).suffix(2) == [Seg("ACK", 300, ack: 200), Seg("ACK", 300, ack: 200)])
    }

    @Test("A delayed segment is overtaken: out-of-order data is held until the gap fills")
    func reordering() throws {
        let run = try Run(open + "set mss 100\nat 500ms client send 200\ndelay c2s 3 30ms\n")
        // The second data segment arrives first and earns a duplicate ACK of 100; then both are in.
        let acks = run.wire(.server).dropFirst().map(\.ack)
        #expect(acks == [100, 300])
    }
}
