import TCPStepCore

/// How sequence and acknowledgment numbers are written on arrows.
public enum SequenceNumbering: String, CaseIterable, Hashable, Sendable {
    /// Offsets from each direction's initial sequence number, as Wireshark shows by default:
    /// the SYN is 0, the first data byte 1.
    case relative
    /// The 32-bit numbers as they are on the wire.
    case absolute
}

/// The initial sequence numbers seen so far, per conversation and direction, so that numbers can
/// be written relative to them. A conversation is the client port and the server port: a new SYN
/// on the same ports (a new incarnation, RFC 9293 Figure 9) starts a new numbering, as
/// Wireshark's "port numbers reused" does.
struct InitialSequenceNumbers: Hashable, Sendable {
    private struct Key: Hashable, Sendable {
        var clientPort: UInt16
        var serverPort: UInt16
        var direction: Direction
    }

    private var isns: [Key: SeqNum] = [:]

    /// Notes the ISN a segment reveals. A host's SYN always starts a numbering; a stale injected
    /// SYN only when nothing is known yet (Figure 11), so that it cannot renumber a live exchange.
    mutating func observe(_ wire: WireSegment) {
        guard wire.segment.flags.contains(.syn) else { return }
        let key = Self.key(wire.segment, direction: wire.direction)
        if wire.origin == .injected && isns[key] != nil { return }
        isns[key] = wire.segment.seq
    }

    /// The ISNs that SEQ and ACK of this segment are relative to (nil where none is known yet).
    func bases(for wire: WireSegment) -> (seq: SeqNum?, ack: SeqNum?) {
        let direction = wire.direction
        let seqKey = Self.key(wire.segment, direction: direction)
        var ackKey = seqKey
        ackKey.direction = direction == .clientToServer ? .serverToClient : .clientToServer
        return (isns[seqKey], isns[ackKey])
    }

    private static func key(_ segment: Segment, direction: Direction) -> Key {
        direction == .clientToServer
            ? Key(clientPort: segment.sourcePort, serverPort: segment.destinationPort, direction: direction)
            : Key(clientPort: segment.destinationPort, serverPort: segment.sourcePort, direction: direction)
    }
}
