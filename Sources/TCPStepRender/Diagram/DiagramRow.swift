import TCPStepCore

/// One row of the diagram. Rows follow events, not a linear clock: each send, arrival, loss or
/// timer gets a row of its own, so causal order is exact, and a segment's arrival row always lies
/// below its departure row and below everything that happened before it arrived.
public struct DiagramRow: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The top row: both hosts as they start, CLOSED.
        case start
        /// Something happened at `time`.
        case event
        /// A blank row standing for a little time passing, so slower segments slant more.
        case spacer
        /// A long idle stretch folded into one line: `≈≈≈ 60.0 s later ≈≈≈`.
        case pause(Micros)
    }

    public var kind: Kind
    /// When it happened (for spacers and pauses: the time of the row before).
    public var time: Micros
    /// The step that produced it (0 for the start row).
    public var step: Int
    /// True on the first row of a new time: the axis shows "1010 ms" there only.
    public var showsTime: Bool
    /// What is written beside each lifeline (two fields, not an array: rows are many and are
    /// copied whole when the layout takes a checkpoint).
    public var clientNote: LifelineNote?
    public var serverNote: LifelineNote?
    /// The one arrow end drawn on this row, if any.
    public var anchor: RowAnchor?

    public func note(_ host: HostID) -> LifelineNote? {
        host == .client ? clientNote : serverNote
    }

    mutating func setNote(_ note: LifelineNote, for host: HostID) {
        if host == .client { clientNote = note } else { serverNote = note }
    }
}

/// What is written beside a lifeline.
public enum LifelineNote: Hashable, Sendable {
    /// The host entered this state here.
    case state(TCPState, TransitionCause?)
    /// A timer expired here.
    case timerFired(TimerKind)
    /// A timer that was running was started over (2MSL after a retransmitted FIN).
    case timerRestarted(TimerKind)

    /// The text beside the lifeline, e.g. "TIME_WAIT", "⏱ RTO fired".
    public func text(_ glyphs: DiagramGlyphs, _ words: UIText = .english) -> String {
        switch self {
        case .state(let state, let cause):
            return cause == .hostCrashed ? words(.crashNote, state.name) : state.name
        case .timerFired(let kind):
            return "\(glyphs.timer) " + words(.timerFired, Self.shortName(kind))
        case .timerRestarted(let kind):
            return "\(glyphs.timer) " + words(.timerAgain, Self.shortName(kind))
        }
    }

    /// Timer names short enough for the note column.
    static func shortName(_ kind: TimerKind) -> String {
        switch kind {
        case .retransmission: "RTO"
        case .timeWait: "2MSL"
        case .finWait2: "FW2"
        case .delayedAck: "ACK"
        case .tailLossProbe: "TLP"
        case .persist: "probe"
        }
    }
}

/// Which end of which arrow a row holds. The Int is an index into `DiagramLayout.arrows`.
public enum RowAnchor: Hashable, Sendable {
    case departure(Int)
    case arrival(Int)
    case loss(Int)

    public var arrowIndex: Int {
        switch self {
        case .departure(let index), .arrival(let index), .loss(let index): index
        }
    }
}
