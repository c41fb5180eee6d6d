import Testing
import TCPStepCore

/// The teaching variants (not TCP) against real TCP.
@Suite("Teaching variants")
struct VariantTests {
    /// An old duplicate SYN reaches the server long after the attempt that sent it is over.
    private let oldDuplicateSyn = rfcHeader + """
        set isn server 300
        server listen 80
        inject c2s SYN seq=90 sport=5000 dport=80 at 100ms
        """

    @Test("Real TCP answers an old duplicate SYN's SYN,ACK with RST and nothing leaks")
    func realTCPResetsTheOldSyn() throws {
        let run = try Run(oldDuplicateSyn)
        #expect(run.wire(.client) == [Seg("RST", 91)])
        #expect(run.states(.server, includingListen: true) == ["LISTEN", "SYN_RECEIVED", "LISTEN"])
        #expect(run.simulation.connections(of: .server).isEmpty)
    }

    @Test("Two-way handshake: the server is left ESTABLISHED with nobody on the other side")
    func twoWayLeaks() throws {
        let run = try Run("set variant two-way-handshake\n" + oldDuplicateSyn)
        #expect(run.wire(.client).isEmpty)     // nobody answers the reply
        #expect(run.states(.server) == ["ESTABLISHED"])
        let leaked = run.simulation.connections(of: .server)
        #expect(leaked.map(\.state) == [.established])
        #expect(run.simulation.connections(of: .client).isEmpty)
    }

    @Test("No TIME_WAIT: the retransmitted FIN meets a closed client and gets RST")
    func noTimeWait() throws {
        let run = try Run(rfcHeader + """
            set variant no-time-wait
            set isn client 99
            set isn server 299
            server listen 80
            client connect 80 from 5000
            at 1000ms client close
            at 1100ms server close
            drop c2s 4
            """)
        #expect(run.states(.client).suffix(3) == ["FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.times(.client, enter: .closed) == run.times(.client, enter: .timeWait))
        #expect(run.wire(.client).last == Seg("RST", 101))    // <SEQ=SEG.ACK><CTL=RST>
        #expect(run.states(.server).last == "CLOSED")
    }
}
