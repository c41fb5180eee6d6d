import TCPStepCore
import TCPStepRender

/// The words on a segment's arrow in every format: flags, SEQ (a range "1:101" when it carries
/// data), ACK, length and what the network or a timer made of it. The numbers are the trace
/// fold's (`TraceFold`): relative to the segment's own incarnation's ISNs, or, for a segment that
/// belongs to no incarnation seen to open (a stale or injected one, the RST answering it), the
/// absolute number marked with `*`, never a negative offset.
struct ArrowWords {
    /// The mark after a number that is absolute among relative ones.
    static let absoluteMark = "*"

    var flags: String
    var seq: String
    var ack: String?
    var tag: String?
    var length: Int

    init(_ wire: WireSegment, numbers: SegmentNumbers?, numbering: SequenceNumbering) {
        let segment = wire.segment
        flags = segment.matchFlags.description
        length = segment.payloadLength
        let end = segment.seq + segment.payloadLength
        switch (numbering, numbers) {
        case (.relative, let numbers?):
            seq = Self.text(numbers.seq) + (length > 0 ? ":" + Self.text(numbers.end) : "")
            ack = segment.flags.contains(.ack) ? Self.text(numbers.ack) : nil
        case (.absolute, _), (.relative, nil):
            seq = String(segment.seq.raw) + (length > 0 ? ":" + String(end.raw) : "")
            ack = segment.flags.contains(.ack) ? String(segment.ack.raw) : nil
        }
        tag = SegmentLabel.tag(for: wire)
    }

    static func text(_ number: ShownNumber) -> String {
        switch number {
        case .relative(let offset): String(offset)
        case .absolute(let value): String(value) + absoluteMark
        }
    }

    /// "SYN,ACK 0 ack 1", "ACK 1:101 ack 1 len 100", "FIN,ACK 1 ack 2 (again)".
    var label: String {
        var text = flags + " " + seq
        if let ack { text += " ack " + ack }
        if length > 0 { text += " len \(length)" }
        if let tag { text += " " + tag }
        return text
    }
}
