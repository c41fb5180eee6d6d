import Testing
import TCPStepCore

/// RFC 9293 Figures 6–13, each reproduced with the figure's ISNs: the same states and the same
/// SEQ, ACK and CTL on every line. Comments quote the figure line being checked.
@Suite("RFC 9293 figures")
struct RFCFigureTests {
    @Test("Figure 6: basic three-way handshake")
    func figure6() throws {
        let run = try Run(rfcHeader + """
            set isn client 100
            set isn server 300
            server listen 80
            client connect 80 from 5000
            at 500ms client send 10
            """)
        #expect(run.wire(.client) == [
            Seg("SYN", 100),                        // 2. SYN-SENT --> <SEQ=100><CTL=SYN>
            Seg("ACK", 101, ack: 301),              // 4. ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK>
            Seg("ACK", 101, ack: 301, len: 10),     // 5. ESTABLISHED --> <SEQ=101><ACK=301><CTL=ACK><DATA>
        ])
        #expect(run.wire(.server) == [
            Seg("SYN,ACK", 300, ack: 101),          // 3. <-- <SEQ=300><ACK=101><CTL=SYN,ACK>
            Seg("ACK", 301, ack: 111),              // the data is acknowledged
        ])
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED"])
        #expect(run.states(.server) == ["SYN_RECEIVED", "ESTABLISHED"])
    }

    @Test("Figure 7: simultaneous open")
    func figure7() throws {
        let run = try Run(rfcHeader + """
            set isn client 100
            set isn server 300
            client connect 80 from 5000
            server connect 5000 from 80
            """)
        #expect(run.wire(.client) == [Seg("SYN", 100), Seg("SYN,ACK", 100, ack: 301)])   // lines 2 and 5
        #expect(run.wire(.server) == [Seg("SYN", 300), Seg("SYN,ACK", 300, ack: 101)])   // lines 3 and 6
        #expect(run.states(.client) == ["SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"])
        #expect(run.states(.server) == ["SYN_SENT", "SYN_RECEIVED", "ESTABLISHED"])
        // Neither SYN,ACK is a retransmission: each repeats its SYN's number in a new role.
        #expect(run.sent(by: .client).allSatisfy { !$0.isRetransmission })
    }

    /// Figure 8 as rfc_figures.py writes it: the client's SYN is held back, an old SYN (seq 90)
    /// from an earlier incarnation arrives first.
    static let figure8Scenario = rfcHeader + """
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        delay c2s SYN 300ms
        inject c2s SYN seq=90 sport=5000 dport=80 at 0ms
        """

    @Test("Figure 8: recovery from an old duplicate SYN")
    func figure8() throws {
        let run = try Run(Self.figure8Scenario)
        let server = run.wire(.server)
        #expect(run.wire(.client) == [
            Seg("SYN", 100),              // 2. SYN-SENT --> <SEQ=100><CTL=SYN> ...
            Seg("RST", 91),               // 5. SYN-SENT --> <SEQ=91><CTL=RST>
            Seg("ACK", 101, ack: (server.last?.seq ?? 0) &+ 1), // 8. --> <SEQ=101><ACK=401><CTL=ACK>
        ])
        #expect(server.count == 2)
        #expect(server.first == Seg("SYN,ACK", 300, ack: 91))   // 4. <-- <SEQ=300><ACK=91><CTL=SYN,ACK>
        #expect(server.last?.flags == "SYN,ACK")                // 7. <-- <SEQ=400><ACK=101><CTL=SYN,ACK>
        #expect(server.last?.ack == 101)
        #expect(server.last?.seq != 300, "a new incarnation takes a new ISN")
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED"])
        // 5. --> LISTEN: the request socket went back to LISTEN, then 6./8. the real SYN completes.
        #expect(run.states(.server, includingListen: true) == ["LISTEN", "SYN_RECEIVED", "LISTEN", "SYN_RECEIVED", "ESTABLISHED"])
        #expect(run.events.contains { if case .inject = $0.kind { true } else { false } })
    }

    @Test("Figure 9: half-open connection discovery")
    func figure9() throws {
        let run = try Run(rfcHeader + """
            set isn client 99
            set isn server 299
            server listen 80
            client connect 80 from 5000
            at 1s client crash
            at 2s client connect 80 from 5000 isn=400
            """)
        let client = run.wire(.client)
        #expect(Array(client.prefix(5)) == [
            Seg("SYN", 99), Seg("ACK", 100, ack: 300),   // the connection (send 300, receive 100)
            Seg("SYN", 400),                              // 3. SYN-SENT --> <SEQ=400><CTL=SYN>
            Seg("RST", 100),                              // 5. SYN-SENT --> <SEQ=100><CTL=RST>
            Seg("SYN", 400),                              // 7. SYN-SENT --> <SEQ=400><CTL=SYN>
        ])
        // 4. <-- <SEQ=300><ACK=100><CTL=ACK>: a challenge ACK from ESTABLISHED.
        #expect(run.wire(.server).prefix(2) == [Seg("SYN,ACK", 299, ack: 100), Seg("ACK", 300, ack: 100)])
        // 6. the server aborts: ESTABLISHED → CLOSED on the RST.
        #expect(run.events.contains {
            if case .state(.server, _, _, .established, .closed, .receivedRst) = $0.kind { true } else { false }
        })
    }

    @Test("Figure 10: the active side causes half-open discovery")
    func figure10() throws {
        let run = try Run(rfcHeader + """
            set isn client 99
            set isn server 299
            server listen 80
            client connect 80 from 5000
            at 1s client crash
            at 2s server send 10
            """)
        #expect(run.wire(.server) == [Seg("SYN,ACK", 299, ack: 100), Seg("ACK", 300, ack: 100, len: 10)]) // 2.
        #expect(run.wire(.client) == [Seg("SYN", 99), Seg("ACK", 100, ack: 300), Seg("RST", 100)])        // 3.
        #expect(run.states(.server).last == "CLOSED")                                                      // (ABORT!!)
    }

    @Test("Figure 11: an old duplicate SYN initiates a reset on two passive sockets")
    func figure11() throws {
        let run = try Run(rfcHeader + """
            client listen 5000
            server listen 80
            inject c2s SYN seq=1000 sport=5000 dport=80 at 10ms
            """)
        #expect(run.wire(.server).count == 1)
        #expect(run.wire(.server).first?.ack == 1001)                 // 3. <-- <SEQ=X><ACK=Z+1><CTL=SYN,ACK>
        #expect(run.wire(.client) == [Seg("RST", 1001)])              // 4. --> <SEQ=Z+1><CTL=RST>
        #expect(run.states(.server, includingListen: true) == ["LISTEN", "SYN_RECEIVED", "LISTEN"]) // 5. LISTEN
        #expect(run.simulation.listeners(of: .client) == [5000])
    }

    @Test("Figure 12: normal close sequence, TIME_WAIT lasts 2MSL")
    func figure12() throws {
        let run = try Run(rfcHeader + """
            set isn client 99
            set isn server 299
            server listen 80
            client connect 80 from 5000
            at 1000ms client close
            at 1100ms server close
            """)
        #expect(run.wire(.client).suffix(2) == [
            Seg("FIN,ACK", 100, ack: 300),   // 2. FIN-WAIT-1 --> <SEQ=100><ACK=300><CTL=FIN,ACK>
            Seg("ACK", 101, ack: 301),       // 5. TIME-WAIT --> <SEQ=101><ACK=301><CTL=ACK>
        ])
        #expect(run.wire(.server).suffix(2) == [
            Seg("ACK", 300, ack: 101),       // 3. <-- <SEQ=300><ACK=101><CTL=ACK>
            Seg("FIN,ACK", 300, ack: 101),   // 4. <-- <SEQ=300><ACK=101><CTL=FIN,ACK>
        ])
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.states(.server) == ["SYN_RECEIVED", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED"])
        let waited = run.times(.client, enter: .closed)[0] - run.times(.client, enter: .timeWait)[0]
        #expect(waited == 60_000)            // (2 MSL) with MSL = 30 s
    }

    @Test("Figure 13: simultaneous close through CLOSING")
    func figure13() throws {
        let run = try Run(rfcHeader + """
            set isn client 99
            set isn server 299
            server listen 80
            client connect 80 from 5000
            at 1000ms client close
            at 1000ms server close
            """)
        #expect(run.wire(.client).suffix(2) == [Seg("FIN,ACK", 100, ack: 300), Seg("ACK", 101, ack: 301)])
        #expect(run.wire(.server).suffix(2) == [Seg("FIN,ACK", 300, ack: 100), Seg("ACK", 301, ack: 101)])
        for host in HostID.allCases {
            #expect(run.states(host).suffix(4) == ["FIN_WAIT_1", "CLOSING", "TIME_WAIT", "CLOSED"])
        }
    }
}
