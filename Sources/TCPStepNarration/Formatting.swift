import TCPStepCore

/// Numbers and times as narration writes them, in the narration's language.
struct Formatter: Sendable {
    let language: NarrationLanguage
    /// Sequence numbers relative to each direction's ISN (Wireshark's default, the diagram's `#`).
    let relativeNumbers: Bool

    /// "1 s", "250 ms", "4 min"; in Chinese "1 秒", "250 毫秒", "4 分钟".
    func duration(_ micros: Micros) -> String {
        localizeUnit(micros.durationText)
    }

    /// A moment of virtual time: "50 ms", "2.05 s", "241.55 s".
    func moment(_ micros: Micros) -> String {
        if micros < 1_000_000 { return localizeUnit("\(micros.millisecondsText) ms") }
        let whole = micros / 1_000_000
        var fraction = String(micros % 1_000_000 / 1_000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return localizeUnit(fraction.isEmpty ? "\(whole) s" : "\(whole).\(fraction) s")
    }

    private func localizeUnit(_ text: String) -> String {
        guard language == .chinese, let space = text.lastIndex(of: " ") else { return text }
        let number = text[..<space]
        switch text[text.index(after: space)...] {
        case "ms": return "\(number) 毫秒"
        case "s": return "\(number) 秒"
        case "min": return "\(number) 分钟"
        default: return text
        }
    }

    // MARK: Segments

    /// The numbers the arrow shows: relative to the segment's own incarnation, or absolute and
    /// marked `#` for a segment of none seen to open (`TraceFold`).
    func seq(_ wire: WireSegment, _ index: TraceIndex) -> String {
        number(index.numbers(of: wire)?.seq, raw: wire.segment.seq)
    }

    func ack(_ wire: WireSegment, _ index: TraceIndex) -> String {
        number(index.numbers(of: wire)?.ack, raw: wire.segment.ack)
    }

    /// A receiver's own number (its ISS, what it expects), written as `wire`'s ack is: relative
    /// to its ISN where the ack is relative, absolute (marked) where the ack had to be.
    func own(_ value: SeqNum, iss: SeqNum, beside wire: WireSegment, _ index: TraceIndex) -> String {
        guard relativeNumbers, let ack = index.numbers(of: wire)?.ack else { return String(value.raw) }
        if ack.isMarkedAbsolute { return ShownNumber.absolute(value.raw).text }
        return SegmentNumbers.number(value, base: iss).text
    }

    /// "SYN,ACK seq=300 ack=101", "PSH,ACK seq=101 ack=301 len=100": the RFC's fields, as
    /// `Segment.summary` writes them, with relative numbers when asked.
    func summary(_ wire: WireSegment, _ index: TraceIndex) -> String {
        let segment = wire.segment
        var text = "\(segment.flags) seq=\(seq(wire, index))"
        if segment.flags.contains(.ack) { text += " ack=\(ack(wire, index))" }
        if segment.payloadLength > 0 { text += " len=\(segment.payloadLength)" }
        return text
    }

    private func number(_ shown: ShownNumber?, raw: SeqNum) -> String {
        guard relativeNumbers, let shown else { return String(raw.raw) }
        return shown.text
    }
}
