import TCPStepCore

/// One segment drawn as an arrow from its sender's lifeline to its receiver's.
///
/// The arrow runs along its departure row to its *turn column*, goes down there, and runs along
/// its arrival row to the receiver, so its slant shows its transit time. Turn columns are chosen
/// so that crossings on screen are crossings in time: a later segment in the same direction turns
/// nearer its sender than those still in flight, so it crosses them only if it overtakes them.
///
/// Only geometry is stored, no text: the words are formatted when the arrow is painted
/// (`DiagramLayout.label(of:)`), so that a long history stays cheap to copy and to checkpoint.
public struct DiagramArrow: Hashable, Sendable {
    /// How the arrow ends.
    public enum End: Hashable, Sendable {
        /// Still on the wire: the leg goes down to the newest row.
        case inFlight
        /// Delivered on `row`.
        case arrived(row: Int, outcome: DeliveryOutcome)
        /// Lost by the network on `row`: the arrow stops there with a ✗.
        case lost(row: Int)

        /// The row it ended on, or nil while in flight.
        public var row: Int? {
            switch self {
            case .inFlight: nil
            case .arrived(let row, _), .lost(let row): row
            }
        }

        public var isLost: Bool {
            if case .lost = self { return true }
            return false
        }
    }

    /// Where a text goes: its row, its first column, and how many columns it may take (less
    /// than its full width when it had to be cut).
    public struct Place: Hashable, Sendable {
        public var row: Int
        public var x: Int
        public var width: Int
    }

    /// The segment as it left (arrival time before any delay).
    public let wire: WireSegment
    public let startRow: Int
    public internal(set) var end: End = .inFlight
    /// The column where the arrow turns down.
    public internal(set) var turnX: Int
    /// Its numbers as the trace fold read them when it was sent.
    public let numbers: SegmentNumbers
    /// The label's place: on the departure row, or on the arrival row when the departure run
    /// was too short for it.
    public internal(set) var labelPlace: Place
    /// The label did not fit on the departure run and was cut: try the arrival run.
    var labelWasClipped = false
    /// Where the arrival note goes, and which wording of `DiagramLayout.arrivalNotes` fitted.
    public internal(set) var notePlace: Place?
    var noteChoice = 0
    /// Extra time the network held it back.
    public internal(set) var heldFor: Micros = 0
    /// What the receiver sent back at once when it rejected the segment (RST, ACK), if anything.
    var reply: RejectReasonText.Reply?

    public var id: SegmentID { wire.id }
    public var isInFlight: Bool { end == .inFlight }

    /// The last row the arrow occupies, or nil while in flight.
    public var endRow: Int? { end.row }
    public var isLost: Bool { end.isLost }

    /// The style role that says most about it (RST, lost, retransmitted, SYN, …).
    public var role: SegmentRole { SegmentLabel.role(for: wire, isLost: isLost) }
}

extension DiagramLayout {
    /// The arrow's label as drawn ("SYN,ACK 0 ack 1"), cut with `ellipsis` where it had to be.
    public func label(of arrow: DiagramArrow, ellipsis: Character = "…") -> String {
        let numbers = SegmentLabel.numbers(for: arrow.wire, numbers: arrow.numbers, numbering: config.numbering, text: config.text)
        if arrow.labelWasClipped {
            return SegmentLabel.clipped(arrow.wire, core: numbers, toWidth: arrow.labelPlace.width, ellipsis: ellipsis, text: config.text)
        }
        return SegmentLabel.tag(for: arrow.wire, config.text).map { numbers + " " + $0 } ?? numbers
    }

    /// The note on the arrival run ("held 300 ms", "ignored: bad ack"), if one was placed.
    public func arrivalNote(of arrow: DiagramArrow) -> String? {
        guard arrow.notePlace != nil, case .arrived(_, let outcome) = arrow.end else { return nil }
        let notes = Self.arrivalNotes(heldFor: arrow.heldFor, outcome: outcome, reply: arrow.reply, text: config.text)
        return arrow.noteChoice < notes.count ? notes[arrow.noteChoice] : nil
    }
}
