/// What a segment is in a lecturer's words: one carrying data, the handshake's ACK, the final ACK
/// of a close. Telling needs what the other direction sent before (its last SYN, its last FIN),
/// kept here per direction. Segments must be shown in the order they were sent.
///
/// The scripted fault rules (`FaultRuleMatcher`) and the names a journal's timed faults use
/// (`SegmentNames`) both read roles from here, so `drop c2s final-ACK` picks the same segment
/// whether it is a rule or a timed action.
public struct SegmentRoles: Hashable, Sendable {
    public struct Role: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Carries payload (`data#K`).
        public static let data = Role(rawValue: 1)
        /// No SYN, acknowledging the SYN the other side sent (`handshake-ACK`).
        public static let handshakeAck = Role(rawValue: 2)
        /// A pure ACK acknowledging the other side's FIN (`final-ACK#K`).
        public static let finalAck = Role(rawValue: 4)
    }

    /// What one direction has sent that the other's roles depend on. A value, so that a reader
    /// of a trace that shrinks (a step back) can put back what a forgotten segment changed.
    public struct Ends: Hashable, Sendable {
        /// The sequence number of the last SYN sent.
        var synSeq: SeqNum?
        /// The sequence number after the last FIN sent (what its ACK acknowledges).
        var finNext: SeqNum?
    }

    private var ends = [Ends(), Ends()]

    public init() {}

    /// The roles of `segment`, sent in `direction` after every segment shown before; then notes
    /// its SYN or FIN for the other direction.
    public mutating func classify(_ segment: Segment, direction: Direction) -> Role {
        let lane = direction.rawValue, peer = ends[1 - lane]
        let flags = segment.flags
        var role: Role = []
        if segment.payloadLength > 0 { role.insert(.data) }
        if flags.contains(.ack), !flags.contains(.syn), !flags.contains(.rst), peer.synSeq.map({ segment.ack == $0 + 1 }) == true {
            role.insert(.handshakeAck)
        }
        if segment.matchFlags == .ack, segment.payloadLength == 0, peer.finNext.map({ segment.ack == $0 }) == true {
            role.insert(.finalAck)
        }
        if flags.contains(.syn) {
            ends[lane].synSeq = segment.seq
            ends[lane].finNext = nil  // a new incarnation: its close has not happened yet
        }
        if flags.contains(.fin) {
            // The FIN occupies the sequence number after the segment's data.
            ends[lane].finNext = segment.seq + segment.payloadLength + (flags.contains(.syn) ? 2 : 1)
        }
        return role
    }

    /// What `direction` has sent so far (to put back with `restore` when its last segment is forgotten).
    public func ends(of direction: Direction) -> Ends { ends[direction.rawValue] }

    public mutating func restore(_ saved: Ends, of direction: Direction) { ends[direction.rawValue] = saved }
}
