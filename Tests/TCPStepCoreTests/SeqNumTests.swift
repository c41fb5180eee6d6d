import Testing
import TCPStepCore

@Suite("32-bit sequence arithmetic")
struct SeqNumTests {
    @Test("Ordering wraps around 2^32")
    func wrapAround() {
        let last = SeqNum(UInt32.max)
        #expect(last < SeqNum(0))
        #expect(last + 1 == SeqNum(0))
        #expect(SeqNum(5) - 10 == SeqNum(UInt32.max - 4))
        #expect(SeqNum(3).distance(from: last) == 4)
        #expect(SeqNum(0).isIn(from: last, below: SeqNum(10)))
    }

    @Test("A connection whose ISN is near 2^32 opens, sends and closes across the wrap")
    func connectionAcrossWrap() throws {
        let run = try Run(rfcHeader + """
            set isn client 4294967290
            set isn server 4294967295
            server listen 80
            client connect 80 from 5000
            at 500ms client send 100
            at 1s client close
            at 1100ms server close
            """)
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT", "CLOSED"])
        #expect(run.wire(.client)[1] == Seg("ACK", 4294967291, ack: 0))      // the server's ISN+1 wrapped to 0
        #expect(run.wire(.client).last == Seg("ACK", 96, ack: 1))             // 4294967291 + 100 bytes + FIN wraps to 96
    }
}
