import TCPStepCore

/// A state change the capture implies, by RFC 9293's rules applied to the segments as seen.
public struct InferredTransition: Hashable, Sendable {
    public var host: HostID
    public var from: TCPState
    public var to: TCPState
    public var cause: TransitionCause
    /// Relative to the connection's first packet, µs.
    public var time: Micros
}

/// One moment of a captured step.
public enum InferredEvent: Hashable, Sendable {
    case transition(InferredTransition)
    /// This step's segment leaves its sender.
    case send
    /// The segment of step `index` (0-based) reaches its receiver: this step's segment, or an
    /// earlier one that crossed this step's segment on the wire.
    case arrival(index: Int)
}

/// One captured segment of the connection, with what it means.
public struct InferredStep: Hashable, Sendable {
    public var packet: CapturedPacket
    /// Who sent it.
    public var from: HostID
    /// Relative to the connection's first packet, µs.
    public var time: Micros
    /// What the segment was (retransmission, keep-alive …), when more than its flags say.
    public var label: WireLabel?
    /// What happened around this segment, in order: the sender's changes (sending a SYN, FIN or
    /// RST), the send, arrivals of earlier segments that crossed this one (their effects on the
    /// sender), this segment's arrival (or not, when it crosses a segment still to be captured)
    /// and the receiver's changes.
    public var events: [InferredEvent]

    /// Every state change of this step, in order.
    public var transitions: [InferredTransition] {
        events.compactMap { if case .transition(let transition) = $0 { transition } else { nil } }
    }

    public var isRetransmission: Bool { label == .retransmission || label == .duplicate }
}

/// One connection of a capture, read as a story: two hosts, their states, every segment.
public struct InferredConnection: Hashable, Sendable {
    public var client: Endpoint
    public var server: Endpoint
    /// No SYN said who opened it: the client is the higher port.
    public var clientIsGuess: Bool
    /// The capture began after the handshake: both hosts start ESTABLISHED.
    public var joinedLate: Bool
    /// Absolute capture time of the first packet (µs since the epoch).
    public var startTime: Micros
    /// Changes before the first segment: the server's LISTEN, or both ESTABLISHED when joined late.
    public var initialTransitions: [InferredTransition]
    public var steps: [InferredStep]
    /// Each host's initial sequence number, when its SYN was captured (else its first SEQ seen).
    public var isn: [UInt32?]

    /// Every transition in time order.
    public var transitions: [InferredTransition] { initialTransitions + steps.flatMap(\.transitions) }

    /// The states a host went through, starting with its first: ["CLOSED", "SYN_SENT", …].
    public func statePath(_ host: HostID) -> [TCPState] {
        let mine = transitions.filter { $0.host == host }
        guard let first = mine.first else { return [] }
        return [first.from] + mine.map(\.to)
    }
}
