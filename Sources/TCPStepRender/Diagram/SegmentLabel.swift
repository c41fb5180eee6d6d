import TCPStepCore

/// The words written on a segment's arrow: flags, SEQ (a range when it carries data), ACK, and
/// what the network or a timer made of it. Compact enough for an 80-column terminal:
/// `SYN 0`, `SYN,ACK 0 ack 1`, `ACK 1:301 ack 1`, `FIN,ACK 1 ack 2 (again)`.
///
/// PSH is left out, as the scenario language leaves it out: it says nothing about opening or
/// closing, and the details line still shows every flag.
public enum SegmentLabel {
    /// The label of `wire`, numbered from `bases` (the ISNs of its direction and the reverse
    /// one) when `numbering` is relative and the ISN is known, absolute otherwise.
    public static func text(for wire: WireSegment, numbering: SequenceNumbering,
                            seqBase: SeqNum?, ackBase: SeqNum?) -> String {
        text(for: wire, numbers: SegmentNumbers(wire.segment, seqBase: seqBase, ackBase: ackBase), numbering: numbering)
    }

    /// The label of `wire` with the numbers the trace fold gave it (`TraceFold.numbers(of:)`).
    public static func text(for wire: WireSegment, numbers: SegmentNumbers, numbering: SequenceNumbering) -> String {
        let core = self.numbers(for: wire, numbers: numbers, numbering: numbering)
        return tag(for: wire).map { core + " " + $0 } ?? core
    }

    /// The label without its tag: "FIN,ACK 1 ack 2".
    static func numbers(for wire: WireSegment, numbers: SegmentNumbers, numbering: SequenceNumbering) -> String {
        let segment = wire.segment
        var text = segment.matchFlags.description + " " + number(numbers.seq, raw: segment.seq, numbering: numbering)
        if segment.payloadLength > 0 {
            // tcpdump's "first:next" names the bytes it carries without a separate length.
            text += ":" + number(numbers.end, raw: segment.seq + segment.payloadLength, numbering: numbering)
        }
        if segment.flags.contains(.ack) {
            text += " ack " + number(numbers.ack, raw: segment.ack, numbering: numbering)
        }
        return text
    }

    /// The label cut to `width` columns, keeping its tag whole: "(dup)" matters more than digits.
    static func clipped(_ wire: WireSegment, core: String, toWidth width: Int, ellipsis: Character) -> String {
        guard let tag = tag(for: wire) else { return clip(core, toWidth: width, ellipsis: ellipsis) }
        let coreWidth = width - TextWidth.columns(tag) - 1
        guard coreWidth >= 2 else { return CellGrid.clip(tag, toWidth: width, ellipsis: ellipsis) }
        return clip(core, toWidth: coreWidth, ellipsis: ellipsis) + " " + tag
    }

    /// `CellGrid.clip` without a space before the ellipsis: "ACK 1:101…", not "ACK 1:101 …".
    static func clip(_ text: String, toWidth width: Int, ellipsis: Character) -> String {
        var clipped = CellGrid.clip(text, toWidth: width, ellipsis: ellipsis)
        guard clipped != text, clipped.last == ellipsis else { return clipped }
        clipped.removeLast()
        while clipped.last == " " { clipped.removeLast() }
        return clipped + String(ellipsis)
    }

    /// "(again)" for a retransmission, "(dup)" for a network copy, "(stale)" for an injected
    /// old segment; nil for an ordinary first transmission.
    public static func tag(for wire: WireSegment) -> String? {
        switch wire.origin {
        case .injected: return "(stale)"
        case .duplicate: return "(dup)"
        case .host: return wire.isRetransmission ? "(again)" : nil
        }
    }

    /// A number as shown: the offset from its incarnation's ISN, or (for a segment of no
    /// incarnation seen to open, or in absolute numbering) the raw value, marked when it stands
    /// among relative ones. Never negative.
    public static func number(_ shown: ShownNumber, raw: SeqNum, numbering: SequenceNumbering) -> String {
        switch (numbering, shown) {
        case (.absolute, _): String(raw.raw)
        case (.relative, _): shown.text
        }
    }

    /// The style role that says most about this arrow: a reset above all, then what befell it,
    /// then what it carries.
    static func role(for wire: WireSegment, isLost: Bool) -> SegmentRole {
        let flags = wire.segment.flags
        if flags.contains(.rst) { return .rst }
        if isLost { return .dropped }
        switch wire.origin {
        case .injected: return .injected
        case .duplicate: return .duplicate
        case .host: if wire.isRetransmission { return .retransmission }
        }
        if flags.contains(.syn) { return .syn }
        if flags.contains(.fin) { return .fin }
        if wire.segment.payloadLength > 0 { return .data }
        return .ack
    }
}
