/// A sequence or acknowledgment number as the screen writes it.
public enum ShownNumber: Hashable, Sendable {
    /// Offset from its incarnation's ISN (0 for the SYN, 1 for the first data byte).
    case relative(UInt32)
    /// The 32-bit number on the wire, because the segment belongs to no incarnation seen to open
    /// (injected, stale, an old duplicate, the RST answering one) or the number lies before the
    /// ISN. Marked on screen, never written as a negative offset.
    case absolute(UInt32)

    public var isMarkedAbsolute: Bool {
        if case .absolute = self { return true }
        return false
    }

    /// Written before an absolute number among relative ones: `SYN #90 (stale)`, like the `#`
    /// key that switches every number to absolute.
    public static let absoluteMark = "#"

    /// "0", "101", or "#90".
    public var text: String {
        switch self {
        case .relative(let offset): String(offset)
        case .absolute(let value): Self.absoluteMark + String(value)
        }
    }
}

/// How a segment's numbers read, decided once when it is sent (a later incarnation on the same
/// ports does not renumber it).
public struct SegmentNumbers: Hashable, Sendable {
    public var seq: ShownNumber
    /// The sequence number after its data (for "1:101"), numbered as `seq`.
    public var end: ShownNumber
    public var ack: ShownNumber

    public init(seq: ShownNumber, end: ShownNumber, ack: ShownNumber) {
        self.seq = seq
        self.end = end
        self.ack = ack
    }

    /// True when some number had to be shown absolute among relative ones.
    public var hasAbsolute: Bool { seq.isMarkedAbsolute || ack.isMarkedAbsolute }

    /// The numbers of `segment` from the ISNs of its sender (`seqBase`) and of its receiver
    /// (`ackBase`); absolute where a base is unknown.
    public init(_ segment: Segment, seqBase: SeqNum?, ackBase: SeqNum?) {
        seq = Self.number(segment.seq, base: seqBase)
        end = Self.number(segment.seq + segment.payloadLength, base: seqBase)
        ack = Self.number(segment.ack, base: ackBase)
    }

    /// A number from `base`: the offset when the base is known and the number is not before it.
    public static func number(_ value: SeqNum, base: SeqNum?) -> ShownNumber {
        guard let base, value.distance(from: base) >= 0 else { return .absolute(value.raw) }
        return .relative(value.raw &- base.raw)
    }
}

/// A timer a connection has armed.
public struct ArmedTimer: Hashable, Sendable {
    public var kind: TimerKind
    public var deadline: Micros
    /// Retransmissions so far of what it guards (0: the first transmission).
    public var attempt: Int
    /// When it was (re)armed.
    public var armedAt: Micros
}

/// One connection (one host's TCB of one incarnation) as the trace tells it.
public struct FoldedConnection: Hashable, Sendable {
    public let id: ConnectionID
    public let host: HostID
    public var ports: PortPair
    public var state: TCPState
    /// Its own initial sequence number: from the first SYN it sent.
    public var iss: SeqNum?
    /// The peer's initial sequence number: from a genuine SYN it accepted (never an injected or
    /// stale one).
    public var irs: SeqNum?
    public var timers: [ArmedTimer] = []

    public func timer(_ kind: TimerKind) -> ArmedTimer? { timers.first { $0.kind == kind } }
}

/// A segment sent in the trace, as it is now.
public struct FoldedSegment: Hashable, Sendable {
    public enum Fate: Hashable, Sendable {
        case inFlight
        case delivered(DeliveryOutcome)
        case lost
    }

    /// As sent, with its arrival moved by any delay since.
    public var wire: WireSegment
    public var numbers: SegmentNumbers
    /// Injected, or sent by a connection that was no longer its host's current one on those
    /// ports (an old duplicate): the reason TIME_WAIT exists.
    public var isStale: Bool
    public var fate: Fate
    /// How long the network held it back beyond its transit time.
    public var heldFor: Micros = 0
}

/// What a host panel shows: the host's current connection, else its newest listener, else CLOSED.
public struct HostFacts: Hashable, Sendable {
    public var host: HostID
    public var port: UInt16?
    public var state: TCPState
    public var connection: ConnectionID?
    public var timers: [ArmedTimer]
}
