import Testing
import TCPStepCore

/// The `linux` profile reproduces what linux-notes.md observed on a real kernel.
@Suite("Linux profile")
struct LinuxProfileTests {
    private let header = "set profile linux\nset latency 10ms\nset isn client 99\nset isn server 299\n"

    @Test("TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN), not 2 × 2 min")
    func timeWait60s() throws {
        let run = try Run(header + "server listen 80\nclient connect 80 from 5000\nat 1s client close\nat 1100ms server close\n")
        let waited = run.times(.client, enter: .closed)[0] - run.times(.client, enter: .timeWait)[0]
        #expect(waited == 60_000)
    }

    @Test("SYN retransmissions: 1 s apart five times (tcp_syn_linear_timeouts), then doubling; give up at 127 s")
    func synSchedule() throws {
        let run = try Run(header + "client connect 80 from 5000\n" + (1...20).map { "drop c2s SYN#\($0)" }.joined(separator: "\n"))
        #expect(run.sendTimes(.client, .syn) == [0, 1_000, 2_000, 3_000, 4_000, 5_000, 7_000, 11_000, 19_000, 35_000, 67_000])
        #expect(run.times(.client, enter: .closed) == [127_000])
    }

    @Test("The FIN that makes CLOSE_WAIT is ACKed late, so a quick close rides on it: three segments")
    func threeSegmentClose() throws {
        // The client's FIN arrives at 1010 ms; the server closes 2 ms later, inside the delayed-ACK window.
        let run = try Run(header + "server listen 80\nclient connect 80 from 5000\nat 1s client close\nat 1012ms server close\n")
        #expect(run.wire(.server).suffix(1) == [Seg("FIN,ACK", 300, ack: 101)])
        #expect(run.wire(.server).count == 2)          // SYN,ACK and FIN,ACK: no separate ACK
        // FIN,ACK acks our FIN and brings theirs: the ACK step moves to FIN_WAIT_2 and the FIN step
        // to TIME_WAIT in the same instant (Figure 5 note 2; Linux and FreeBSD pass through FIN_WAIT_2 too).
        #expect(run.states(.client).suffix(4) == ["FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.times(.client, enter: .finWait2) == run.times(.client, enter: .timeWait))
    }

    @Test("Without a close, the delayed ACK of the FIN leaves after ~4 ms")
    func delayedFinAck() throws {
        let run = try Run(header + "server listen 80\nclient connect 80 from 5000\nat 1s client close\n")
        let ack = run.sent(by: .server).last!
        #expect(ack.segment.matchFlags == .ack)
        #expect(ack.sentAt == .ms(1_014))
    }

    @Test("A lost FIN from LAST_ACK is retransmitted after RTO ≈ SRTT + 200 ms")
    func lastAckRetransmission() throws {
        let run = try Run(header + "server listen 80\nclient connect 80 from 5000\nat 1s client close\nat 1012ms server close\ndrop s2c FIN+ACK#1\n")
        let fins = run.sendTimes(.server, [.fin, .ack])
        #expect(fins.count == 2)
        #expect((200...260).contains(fins[1] - fins[0]))
    }

    @Test("ABORT's RST carries the ACK bit")
    func abortRstAck() throws {
        let run = try Run(header + "server listen 80\nclient connect 80 from 5000\nat 1s client abort\n")
        #expect(run.wire(.client).last == Seg("RST,ACK", 100, ack: 300))
    }

    @Test("A new SYN above RCV.NXT reopens a TIME_WAIT connection (MAY-2) with ISN = SND.NXT + 65537")
    func timeWaitReopen() throws {
        // Server closes first so TIME_WAIT is on the server; then the client reconnects from the same port.
        let reopen = try Run(header + """
            server listen 80
            client connect 80 from 5000
            at 1s server close
            at 1100ms client close
            at 2s client connect 80 from 5000 isn=5000
            """)
        #expect(reopen.events.contains {
            if case .state(.server, _, _, .timeWait, .closed, .timeWaitReused) = $0.kind { true } else { false }
        })
        let synAck = reopen.wire(.server).last!
        #expect(synAck.flags == "SYN,ACK")
        #expect(synAck.seq == 301 + 65_537)
        #expect(reopen.states(.client).last == "ESTABLISHED")
    }

    @Test("Duplicate ACKs for out-of-window segments are rate-limited to one per 500 ms (tcp_invalid_ratelimit)")
    func outOfWindowAcksAreRateLimited() throws {
        let stale = (0..<3).map { "inject c2s ACK seq=50 ack=300 sport=5000 dport=80 at \(1_000 + 10 * $0)ms" }.joined(separator: "\n")
        let open = "server listen 80\nclient connect 80 from 5000\n"
        let linux = try Run(header + open + stale)
        let rfc = try Run(rfcHeader + "set isn client 99\nset isn server 299\n" + open + stale)
        // After the SYN,ACK, the server answers stale segments: once on Linux, every time per the RFC.
        #expect(linux.wire(.server).dropFirst().count == 1)
        #expect(rfc.wire(.server).dropFirst().count == 3)
    }
}
