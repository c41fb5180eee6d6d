import Testing
import TCPStepCore
import TCPStepScenario

/// The classic arguments, told by built-in scenarios, asserted segment by segment: the exact
/// states, SEQ, ACK and flags the story depends on.
@Suite struct ClassicStoryTests {
    /// RFC 9293 Figure 8, line by line. Its second server ISN (400) is illustrative; ours comes
    /// from the ISN clock and is asserted as the simulator computes it.
    @Test func whyThreeWayFollowsRFCFigure8() throws {
        let run = try Run("why-three-way-rfc")
        let injected = run.events.compactMap { event -> WireSegment? in
            if case .inject(let wire) = event.kind { return wire }
            return nil
        }
        // 3. the old duplicate SYN, seq 90, on the same ports.
        #expect(injected.map { $0.segment.summary } == ["SYN seq=90"])
        #expect(run.wire == [
            "0 client SYN seq=100",                     // 2. SYN-SENT --> <SEQ=100><CTL=SYN> (slow)
            "10 server SYN,ACK seq=300 ack=91",         // 4. <-- <SEQ=300><ACK=91><CTL=SYN,ACK>
            "20 client RST seq=91",                     // 5. --> <SEQ=91><CTL=RST>
            "310 server SYN,ACK seq=75300 ack=101",     // 7. <-- <SEQ=ISN'><ACK=101><CTL=SYN,ACK>
            "320 client ACK seq=101 ack=75301",         // 8. --> <SEQ=101><ACK=ISN'+1><CTL=ACK>
        ])
        #expect(run.rejections == ["client unacceptable-ack"])
        #expect(run.transitions(.server) == [
            "CLOSED→LISTEN (passive-open)", "LISTEN→SYN_RECEIVED (rcv-syn)", "SYN_RECEIVED→LISTEN (return-to-listen)",
            "LISTEN→SYN_RECEIVED (rcv-syn)", "SYN_RECEIVED→ESTABLISHED (rcv-ack-of-syn)",
        ])
        #expect(run.transitions(.client) == ["CLOSED→SYN_SENT (active-open)", "SYN_SENT→ESTABLISHED (rcv-syn-ack)"])
        #expect(run.remaining(.server).contains("ESTABLISHED"))
    }

    /// Reason two for 2MSL in real TCP: the new connect on the same pair is refused while the pair
    /// is in TIME_WAIT, and the old data segment is answered with RST and delivers nothing.
    @Test func timeWaitKeepsTheOldDuplicateOut() throws {
        let run = try Run("time-wait-old-duplicate")
        #expect(run.calls.contains("client connect 80 from 5000 isn=100 → error: connection already exists"))
        #expect(run.calls.contains("client send 100 → error: connection closing"))
        // The old segment (id 4: seq 101, 100 bytes, ack 301) arrives at 3.3 s to a listener.
        let old = try #require(run.sent.first { $0.id == SegmentID(4) })
        #expect(old.segment.seq.raw == 101 && old.segment.ack.raw == 301 && old.segment.payloadLength == 100)
        #expect(run.rejections.suffix(2) == ["server ack-in-listen", "client rst-out-of-window"])
        #expect(run.wire.suffix(1) == ["3300 server RST seq=301"])
        // The server's application received the 100 bytes once, from the retransmission.
        #expect(run.signals(.server).filter { $0 == "data" }.count == 1)
        #expect(run.transitions(.client).suffix(2) == ["FIN_WAIT_2→TIME_WAIT (rcv-fin)", "TIME_WAIT→CLOSED (time-wait-expired)"])
        // 2MSL from the re-sent ACK at 2.750 s: 240 s (MSL 2 min).
        #expect(run.fired(.client, .timeWait) == [.ms(242_750)])
    }

    /// The same script without TIME_WAIT: the old bytes 101…200 are accepted into the new
    /// connection, and the client's real bytes with the same numbers are thrown away.
    @Test func withoutTimeWaitTheOldBytesCorruptTheNewStream() throws {
        let run = try Run("no-time-wait")
        #expect(run.calls.contains("client connect 80 from 5000 isn=100 → ok"))
        let deliveries = run.events.compactMap { event -> (SegmentID, DeliveryOutcome)? in
            if case .deliver(let id, .server, _, let outcome) = event.kind, event.time >= .ms(3_300) { return (id, outcome) }
            return nil
        }
        // The stale segment 4 (seq 101, 100 bytes, from the old incarnation) is accepted …
        #expect(deliveries.first?.0 == SegmentID(4))
        #expect(deliveries.first?.1 == .accepted)
        // … and the new connection's own seq 101 is a duplicate of bytes already taken.
        #expect(deliveries.dropFirst().first?.1 == .rejected(.unacceptableSequence))
        #expect(run.wire.suffix(2) == ["3300 server ACK seq=750301 ack=201", "3330 server ACK seq=750301 ack=201"])
    }
}
