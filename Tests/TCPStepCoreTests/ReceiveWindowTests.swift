import Testing
import TCPStepCore

/// An application that does not read: the advertised window shrinks, a zero window stops the
/// sender, the persist timer probes it (RFC 9293 3.8.6.1), a read reopens it, and a CLOSE with
/// unread data sends a RST (RFC 1122 4.2.2.13).
@Suite("Receive window and reads")
struct ReceiveWindowTests {
    private let header = "set profile linux\nset latency 10ms\nset isn client 99\nset isn server 299\n"

    @Test("Zero window: the sender stops, probes at RTO, 2·RTO, 4·RTO …, and resumes on the window update")
    func zeroWindowProbing() throws {
        let run = try Run(header + """
            set autoread server off
            set rcvbuf server 3000
            server listen 80
            client connect 80 from 5000
            at 100ms client send 6000
            at 3s server read all
            """)
        let server = run.sent(by: .server)
        // The windows the server advertised: 3000 in its SYN,ACK, then shrinking to zero.
        #expect(server.prefix(4).map(\.segment.window) == [3_000, 1_540, 80, 0])
        let client = run.sent(by: .client)
        let data = client.filter { $0.segment.payloadLength > 0 }
        #expect(data.map { $0.segment.payloadLength } == [1_460, 1_460, 80, 1_460, 1_460, 80])
        // Window probes: an ACK one below SND.UNA, no data, at 120 + 220 ms, then doubling.
        let probes = client.filter { $0.segment.matchFlags == .ack && $0.segment.seq.raw == 3_099 }
        #expect(probes.map { $0.sentAt / 1_000 } == [340, 780, 1_660])
        #expect(probes.allSatisfy { $0.segment.payloadLength == 0 })
        // Each probe is answered with the zero window, even within Linux's 500 ms ACK limit.
        #expect(server.filter { $0.sentAt > .ms(300) && $0.sentAt < .seconds(3) }.map { $0.sentAt / 1_000 } == [350, 790, 1_670])
        // The read at 3 s sends a window update at once; the rest of the data follows it.
        let update = server.first { $0.sentAt == .seconds(3) }
        #expect(update.map { Seg($0.segment) } == Seg("ACK", 300, ack: 3_100))
        #expect(update?.segment.window == 3_000)
        #expect(data.dropFirst(3).allSatisfy { $0.sentAt == .ms(3_010) })
        #expect(run.jsonLines.contains(#""timer":"persist","action":"fire""#))
    }

    @Test("CLOSE with unread data sends RST,ACK (Linux) and the peer's application is told: connection reset")
    func rstOnCloseLinux() throws {
        let run = try Run(header + """
            set autoread server off
            server listen 80
            client connect 80 from 5000
            at 100ms client send 500
            at 200ms server read 200
            at 300ms server close
            """)
        #expect(run.wire(.server).last == Seg("RST,ACK", 300, ack: 600))
        #expect(run.sent(by: .server).last?.sentAt == .ms(300))
        #expect(run.events.contains {
            if case .state(.server, _, _, .established, .closed, .closeWithUnreadData) = $0.kind { $0.time == .ms(300) } else { false }
        })
        #expect(run.events.contains {
            if case .signal(.client, _, _, .connectionReset) = $0.kind { $0.time == .ms(310) } else { false }
        })
        #expect(run.states(.client).last == "CLOSED")
    }

    @Test("The RFC profile sends <SEQ=SND.NXT><CTL=RST>; once everything is read, CLOSE sends a FIN as usual")
    func rstOnCloseRFCAndReadAll() throws {
        let story = "server listen 80\nclient connect 80 from 5000\nat 100ms client send 500\n"
        let unread = try Run("set profile rfc9293\nset latency 10ms\nset isn client 99\nset isn server 299\nset autoread off\n" + story + "at 300ms server close\n")
        #expect(unread.wire(.server).last == Seg("RST", 300))
        let drained = try Run(header + "set autoread off\n" + story + "at 200ms server read all\nat 300ms server close\n")
        #expect(drained.wire(.server).last == Seg("FIN,ACK", 300, ack: 600))
    }
}
