import TCPStepCapture
import TCPStepCore
import Testing

/// The inference on hand-made segment sequences: labels and the late join, one storyboard each.
@Suite("State inference, segment by segment")
struct InferenceTests {
    static let client = Endpoint("10.0.0.1:40000")!
    static let server = Endpoint("10.0.0.2:80")!

    /// A segment at `ms` milliseconds; `c2s` from the client.
    static func segment(_ ms: Int64, c2s: Bool, _ flags: TCPFlags, seq: UInt32, ack: UInt32 = 0, len: Int = 0,
                        window: UInt16 = 1000, id: UInt16? = nil) -> CapturedPacket {
        CapturedPacket(time: .ms(ms), source: c2s ? client : server, destination: c2s ? server : client, seq: seq, ack: ack,
                       flags: flags, window: window, payloadLength: len, ipID: id ?? UInt16(truncatingIfNeeded: ms))
    }

    static func infer(_ packets: [CapturedPacket], profile: Profile = .rfc9293) -> InferredConnection {
        var table = ConnectionTable()
        for packet in packets { table.add(.tcp(packet)) }
        return StateInference.infer(packets, summary: table.connections[0], profile: profile)
    }

    static let handshake = [
        segment(0, c2s: true, .syn, seq: 100),
        segment(1, c2s: false, [.syn, .ack], seq: 300, ack: 101),
        segment(2, c2s: true, .ack, seq: 101, ack: 301),
    ]

    @Test("Retransmission, network duplicate, out-of-order, duplicate ACK")
    func labels() {
        let connection = Self.infer(Self.handshake + [
            Self.segment(10, c2s: true, [.ack, .psh], seq: 101, ack: 301, len: 100),          // data
            Self.segment(10, c2s: true, [.ack, .psh], seq: 101, ack: 301, len: 100, id: 10),  // the same IP id: a copy
            Self.segment(11, c2s: true, [.ack, .psh], seq: 301, ack: 301, len: 100),          // 201..300 missing
            Self.segment(12, c2s: false, .ack, seq: 301, ack: 201),
            Self.segment(13, c2s: false, .ack, seq: 301, ack: 201),                            // again: duplicate ACK
            Self.segment(14, c2s: true, [.ack, .psh], seq: 201, ack: 301, len: 100),          // the hole, late: out-of-order
            Self.segment(300, c2s: true, [.ack, .psh], seq: 101, ack: 301, len: 100),         // RTO: retransmission
        ])
        #expect(connection.steps.map(\.label) == [nil, nil, nil, nil, .duplicate, nil, nil, .duplicateAck, .outOfOrder, .retransmission])
        #expect(connection.steps[9].isRetransmission)
    }

    @Test("Keep-alive (SND.NXT − 1 into an open window) and zero-window probe (into a closed one)")
    func probes() {
        let connection = Self.infer(Self.handshake + [
            Self.segment(5_000, c2s: true, .ack, seq: 100, ack: 301),                         // keep-alive
            Self.segment(5_001, c2s: false, .ack, seq: 301, ack: 101, window: 0),             // window closes
            Self.segment(5_200, c2s: true, .ack, seq: 100, ack: 301),                         // Linux's probe shape
            Self.segment(5_400, c2s: true, [.ack, .psh], seq: 101, ack: 301, len: 1),         // RFC probe: one new byte
        ])
        #expect(connection.steps.suffix(4).map(\.label) == [.keepAlive, nil, .windowProbe, .windowProbe])
        #expect(connection.statePath(.client) == [.closed, .synSent, .established])
    }

    @Test("A capture that starts mid-connection: both ESTABLISHED, joined late, then a normal close")
    func joinedLate() {
        let connection = Self.infer([
            Self.segment(0, c2s: false, [.ack, .psh], seq: 5_000, ack: 9_000, len: 10),
            Self.segment(1, c2s: true, .ack, seq: 9_000, ack: 5_010),
            Self.segment(2, c2s: true, [.fin, .ack], seq: 9_000, ack: 5_010),
            Self.segment(3, c2s: false, [.fin, .ack], seq: 5_010, ack: 9_001),
            Self.segment(4, c2s: true, .ack, seq: 9_001, ack: 5_011),
        ])
        #expect(connection.joinedLate && connection.clientIsGuess)
        #expect(connection.initialTransitions.map(\.cause) == [.joinedLate, .joinedLate])
        // The client (port 40000, the higher) sent the first FIN: FIN,ACK acking it moves it straight to TIME_WAIT.
        #expect(connection.statePath(.client) == [.closed, .established, .finWait1, .timeWait])
        #expect(connection.statePath(.server) == [.closed, .established, .closeWait, .lastAck, .closed])
        #expect(connection.isn == [9_000, 5_000])
    }

    @Test("Both FINs cross: CLOSING on both sides, then TIME_WAIT")
    func simultaneousClose() {
        let connection = Self.infer(Self.handshake + [
            Self.segment(10, c2s: true, [.fin, .ack], seq: 101, ack: 301),
            Self.segment(10, c2s: false, [.fin, .ack], seq: 301, ack: 101),
            Self.segment(11, c2s: true, .ack, seq: 102, ack: 302),
            Self.segment(11, c2s: false, .ack, seq: 302, ack: 102),
        ])
        #expect(connection.statePath(.client) == [.closed, .synSent, .established, .finWait1, .closing, .timeWait])
        #expect(connection.statePath(.server) == [.closed, .listen, .synReceived, .established, .finWait1, .closing, .timeWait])
    }

    @Test("The profile's TIME_WAIT: a segment after 60 s (linux) shows it expired; under rfc9293 (4 min) it has not")
    func timeWaitExpiry() {
        let packets = Self.handshake + [
            Self.segment(10, c2s: true, [.fin, .ack], seq: 101, ack: 301),
            Self.segment(11, c2s: false, [.fin, .ack], seq: 301, ack: 102),
            Self.segment(12, c2s: true, .ack, seq: 102, ack: 302),
            Self.segment(70_000, c2s: false, .ack, seq: 302, ack: 102),
        ]
        #expect(Self.infer(packets, profile: .linux).statePath(.client).last == .closed)
        #expect(Self.infer(packets, profile: .rfc9293).statePath(.client).last == .timeWait)
    }

    @Test("--conn selectors: numbers, IPv4 and IPv6 endpoint pairs, either order")
    func selectors() {
        #expect(ConnectionSelector("2") == .number(2))
        #expect(ConnectionSelector("10.0.0.2:80-10.0.0.1:40000") == .endpoints(Self.server, Self.client))
        #expect(ConnectionSelector("[::1]:80-[::1]:5000") == .endpoints(Endpoint("[::1]:80")!, Endpoint("[::1]:5000")!))
        #expect(ConnectionSelector("0") == nil && ConnectionSelector("80-90") == nil)
        var table = ConnectionTable()
        for packet in Self.handshake { table.add(.tcp(packet)) }
        #expect(table.connection(.endpoints(Self.server, Self.client))?.number == 1)
        #expect(table.connection(.number(2)) == nil)
    }
}
