/// The eleven states of RFC 9293 Figure 5, spelled as netstat prints them. This spelling is the
/// contract used everywhere: trace JSON, labels, narration keys, tests.
public enum TCPState: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// No connection (no TCB).
    case closed
    /// Waiting for a SYN from any remote socket (passive OPEN).
    case listen
    /// Sent a SYN, waiting for the matching SYN (and its ACK).
    case synSent
    /// Received a SYN and sent our own; waiting for the ACK of ours.
    case synReceived
    /// Both SYNs acknowledged: data flows both ways.
    case established
    /// We closed and sent a FIN; waiting for its ACK or the peer's FIN.
    case finWait1
    /// Our FIN was acknowledged; waiting for the peer's FIN.
    case finWait2
    /// The peer closed; we may still send until our user closes.
    case closeWait
    /// Both FINs crossed: waiting for the ACK of ours (simultaneous close).
    case closing
    /// The peer closed first, we then closed: waiting for the ACK of our FIN.
    case lastAck
    /// We closed first and both FINs are acknowledged: waiting 2MSL so that old segments die out.
    case timeWait

    public var name: String {
        switch self {
        case .closed: "CLOSED"
        case .listen: "LISTEN"
        case .synSent: "SYN_SENT"
        case .synReceived: "SYN_RECEIVED"
        case .established: "ESTABLISHED"
        case .finWait1: "FIN_WAIT_1"
        case .finWait2: "FIN_WAIT_2"
        case .closeWait: "CLOSE_WAIT"
        case .closing: "CLOSING"
        case .lastAck: "LAST_ACK"
        case .timeWait: "TIME_WAIT"
        }
    }

    public var description: String { name }

    public init?(name: String) {
        guard let state = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = state
    }

    /// RFC 9293 §3.5.2: the states in which both sequence spaces are known.
    public var isSynchronized: Bool {
        switch self {
        case .closed, .listen, .synSent, .synReceived: false
        case .established, .finWait1, .finWait2, .closeWait, .closing, .lastAck, .timeWait: true
        }
    }
}
