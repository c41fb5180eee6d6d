/// What a captured segment is, beyond its flags, judged from what the capture showed before it
/// (the capture importer sets it; the simulator knows its segments and leaves it nil). The labels
/// wireshark users know, in the words the trace (`"label"`) and the diagram use.
public enum WireLabel: String, CaseIterable, Hashable, Sendable {
    /// Its bytes (or SYN/FIN) were sent before: the sender's retransmission timer or fast retransmit.
    case retransmission
    /// An exact copy of an earlier segment, IP identification included: the network duplicated it.
    case duplicate
    /// Below the sender's highest sequence number but never seen before: reordered, or the
    /// capture missed the original.
    case outOfOrder = "out-of-order"
    /// Sent into a zero window: the persist timer asking whether the window has opened.
    case windowProbe = "window-probe"
    /// One below SND.NXT with at most one byte, into an open window: "are you still there?"
    case keepAlive = "keep-alive"
    /// A pure ACK repeating the previous one while data is outstanding.
    case duplicateAck = "duplicate-ack"
    /// RST: the connection is refused or torn down.
    case reset
}
