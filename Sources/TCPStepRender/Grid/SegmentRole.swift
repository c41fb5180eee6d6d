/// What a segment arrow means to the viewer; the theme gives each its own look.
/// A segment can have several roles (a retransmitted FIN); layout picks the most telling one.
public enum SegmentRole: Int, CaseIterable, Hashable, Sendable {
    /// Carries SYN: opening.
    case syn
    /// Carries FIN: closing.
    case fin
    /// Carries RST: abort.
    case rst
    /// Carries payload bytes.
    case data
    /// A pure acknowledgement.
    case ack
    /// Sent again after a timeout.
    case retransmission
    /// A copy the network made.
    case duplicate
    /// Put on the wire by the user (a forged or replayed segment), not by either endpoint.
    case injected
    /// Lost: the arrow stops where the network dropped it.
    case dropped
    /// Sent but not yet arrived at the current step.
    case inFlight
    /// The segment the keys act on.
    case selected
}
