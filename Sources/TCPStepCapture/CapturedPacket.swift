import TCPStepCore

/// One TCP segment as the capture saw it: when, between which endpoints, and its header fields.
/// The payload itself is not kept (tcpstep teaches connection management, not byte streams).
public struct CapturedPacket: Hashable, Sendable {
    /// Capture timestamp, microseconds since the Unix epoch.
    public var time: Micros
    public var source: Endpoint
    public var destination: Endpoint
    public var seq: UInt32
    public var ack: UInt32
    /// The TCP flags tcpstep models (URG, ECE and CWR are dropped).
    public var flags: TCPFlags
    public var window: UInt16
    /// Payload bytes, from the IP header's length (a short snaplen cuts the payload, not this).
    public var payloadLength: Int
    /// The IPv4 identification field (nil for IPv6): a network copy repeats it, a retransmission
    /// by the host does not.
    public var ipID: UInt16?

    public init(time: Micros, source: Endpoint, destination: Endpoint, seq: UInt32, ack: UInt32,
                flags: TCPFlags, window: UInt16, payloadLength: Int, ipID: UInt16? = nil) {
        self.time = time
        self.source = source
        self.destination = destination
        self.seq = seq
        self.ack = ack
        self.flags = flags
        self.window = window
        self.payloadLength = payloadLength
        self.ipID = ipID
    }

    /// SEG.LEN (RFC 9293 §3.4): payload plus one for SYN and one for FIN.
    public var sequenceLength: Int {
        payloadLength + (flags.contains(.syn) ? 1 : 0) + (flags.contains(.fin) ? 1 : 0)
    }
}
