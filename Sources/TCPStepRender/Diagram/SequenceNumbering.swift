/// How sequence and acknowledgment numbers are written on arrows.
public enum SequenceNumbering: String, CaseIterable, Hashable, Sendable {
    /// Offsets from the ISNs of the segment's own incarnation, as Wireshark shows by default:
    /// the SYN is 0, the first data byte 1. A segment of no incarnation seen to open keeps its
    /// absolute number, marked `#` (see `TraceFold`).
    case relative
    /// The 32-bit numbers as they are on the wire.
    case absolute
}
