import TCPStepCore

/// The sequence diagram as rows and arrows, built from the trace one event at a time.
///
/// Pure and incremental: `update(with:)` appends only the events it has not seen, so stepping
/// forward costs one event's work however long the history is; stepping back returns to a
/// checkpoint and replays at most `checkpointInterval` events; and only the visible rows are
/// ever painted (`DiagramPainter`). A new width or numbering lays everything out again.
///
/// Rows follow events, with a little extra room for time passing (spacers) and long idle
/// stretches folded into one pause row, so the slant of an arrow shows its transit time while
/// a 60 s TIME_WAIT still fits on screen.
public struct DiagramLayout: TraceFolding, Sendable {
    /// What the layout depends on besides the events; a change means a rebuild.
    public struct Config: Hashable, Sendable {
        /// Columns available to the diagram.
        public var width: Int
        public var numbering: SequenceNumbering
        /// Virtual time one row stands for when spacing rows out; nil: the first segment's
        /// transit time (10 ms until a segment is sent).
        public var rowDuration: Micros?
        /// The language of the words on arrows and lifelines.
        public var text: UIText
        /// Rows one transit time spans when `rowDuration` is nil: more on a tall screen, so that
        /// arrows slant visibly and a slower segment lands visibly lower.
        public var rowsPerTransit: Int

        public init(width: Int, numbering: SequenceNumbering = .relative, rowDuration: Micros? = nil, text: UIText = .english,
                    rowsPerTransit: Int = 1) {
            self.width = width
            self.numbering = numbering
            self.rowDuration = rowDuration
            self.text = text
            self.rowsPerTransit = max(1, rowsPerTransit)
        }
    }

    /// Gaps of at most this many row durations get blank spacer rows; longer ones a pause row.
    static let spacedGapRowsMax = 4
    static let defaultRowDuration: Micros = .ms(10)

    public let config: Config
    public let columns: DiagramColumns
    public internal(set) var rows: [DiagramRow]
    /// In order of departure, which is also the order of `startRow`.
    public internal(set) var arrows: [DiagramArrow] = []
    /// Indices into `arrows` of those still in flight, oldest first.
    public internal(set) var inFlightArrows: [Int] = []
    /// The most rows any finished arrow spans: how far above a window an arrow crossing it can start.
    public internal(set) var longestSpan = 0

    var arrowByID: [SegmentID: Int] = [:]
    /// The turn columns of the arrows in flight.
    var legs: LegColumns
    /// The trace as the narration and header read it too: incarnations, their numbers, states.
    public internal(set) var fold = TraceFold()
    /// The event applied before the current one: a segment sent at the instant a rejected one
    /// arrived is the receiver's answer to it.
    var lastEvent: TraceEvent?
    var runningTimeWait: Set<ConnectionID> = []
    var rowDuration: Micros?
    /// Each host's first local port, by `HostID.rawValue`.
    var hostPorts: [UInt16?] = [nil, nil]
    /// How far the layout has read, with its checkpoints (the scheme every trace fold shares).
    public var progress = FoldProgress<Snapshot>()
    /// Set when rows start late, after events only folded (`DiagramLayout+Tail.swift`).
    public internal(set) var tailStart: TailStart?

    /// An empty diagram: just the start row with both hosts CLOSED.
    public init(config: Config) {
        self.config = config
        self.columns = DiagramColumns(width: config.width)
        self.rowDuration = config.rowDuration
        legs = LegColumns(width: config.width)
        let closed = LifelineNote.state(.closed, nil)
        rows = [DiagramRow(kind: .start, time: 0, step: 0, showsTime: true, clientNote: closed, serverNote: closed)]
    }

    /// The layout of `events`.
    public init(events: ArraySlice<TraceEvent>, config: Config) {
        self.init(config: config)
        update(with: events)
    }

    public mutating func reset() { self = DiagramLayout(config: config) }

    /// As `update(with:)`, rebuilding first when `config` differs (a resize, `#`).
    public mutating func update(with events: ArraySlice<TraceEvent>, config: Config) {
        if config != self.config { self = DiagramLayout(config: config) }
        update(with: events)
    }

    public var rowCount: Int { rows.count }

    /// The arrow of segment `id`, if it was sent in the events laid out.
    public func arrow(_ id: SegmentID) -> DiagramArrow? { arrowByID[id].map { arrows[$0] } }

    /// The row a segment left on, for scrolling to the selection.
    public func departureRow(of id: SegmentID) -> Int? { arrow(id)?.startRow }

    /// The host an anchor's arrow end touches (nil for a loss, which happens midway).
    func host(of anchor: RowAnchor) -> HostID? {
        switch anchor {
        case .departure(let index): arrows[index].wire.from
        case .arrival(let index): arrows[index].wire.to
        case .loss: nil
        }
    }
}
