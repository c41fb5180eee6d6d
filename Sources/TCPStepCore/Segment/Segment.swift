/// One TCP segment as it travels between hosts. The payload is modelled by its length only:
/// tcpstep teaches connection management, not byte streams.
public struct Segment: Hashable, Sendable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var seq: SeqNum
    public var ack: SeqNum
    public var flags: TCPFlags
    public var payloadLength: Int
    public var window: UInt16

    public init(sourcePort: UInt16, destinationPort: UInt16, seq: SeqNum, ack: SeqNum = SeqNum(0),
                flags: TCPFlags, payloadLength: Int = 0, window: UInt16 = 65535) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.seq = seq
        self.ack = ack
        self.flags = flags
        self.payloadLength = payloadLength
        self.window = window
    }

    /// SEG.LEN: data octets plus one for SYN and one for FIN (RFC 9293 §3.4).
    public var sequenceLength: Int {
        payloadLength + (flags.contains(.syn) ? 1 : 0) + (flags.contains(.fin) ? 1 : 0)
    }

    /// The flags the scenario language matches on: PSH is ignored, as in `drop s2c FIN+ACK`.
    public var matchFlags: TCPFlags { flags.subtracting(.psh) }

    /// "SYN,ACK seq=300 ack=101 len=0" — the RFC's fields in one line, for tables and narration.
    public var summary: String {
        var text = "\(flags) seq=\(seq)"
        if flags.contains(.ack) { text += " ack=\(ack)" }
        if payloadLength > 0 { text += " len=\(payloadLength)" }
        return text
    }
}
