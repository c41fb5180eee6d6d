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
public struct DiagramLayout: Sendable {
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
    var isns = InitialSequenceNumbers()
    var runningTimeWait: Set<ConnectionID> = []
    var rowDuration: Micros?
    /// Each host's first local port, by `HostID.rawValue`.
    var hostPorts: [UInt16?] = [nil, nil]
    /// How many events are laid out, and the last of them, to tell an extension from a rewrite.
    var eventCount = 0
    var lastEvent: TraceEvent?
    /// Where the layout stood every `checkpointInterval` events, so that stepping back replays a
    /// few events instead of the whole history.
    var checkpoints: [Checkpoint] = []
    static let checkpointInterval = 256

    /// An empty diagram: just the start row with both hosts CLOSED.
    public init(config: Config) {
        self.config = config
        self.columns = DiagramColumns(width: config.width)
        self.rowDuration = config.rowDuration
        let closed = LifelineNote.state(.closed, nil)
        rows = [DiagramRow(kind: .start, time: 0, step: 0, showsTime: true, clientNote: closed, serverNote: closed)]
    }

    /// The layout of `events`.
    public init(events: ArraySlice<TraceEvent>, config: Config) {
        self.init(config: config)
        update(with: events)
    }

    /// Brings the layout up to `events`: appends what is new when `events` extends what was laid
    /// out before (stepping forward); otherwise (stepping back, another trace) goes back to the
    /// newest checkpoint that `events` extends and appends from there.
    public mutating func update(with events: ArraySlice<TraceEvent>) {
        if !Self.isPrefix(eventCount, lastEvent, of: events) {
            if let index = checkpoints.lastIndex(where: { Self.isPrefix($0.eventCount, $0.lastEvent, of: events) }) {
                restore(checkpoints[index])
                checkpoints.removeSubrange((index + 1)...)
            } else {
                self = DiagramLayout(config: config)
            }
        }
        for event in events.dropFirst(eventCount) {
            apply(event)
            eventCount += 1
            lastEvent = event
            if eventCount % Self.checkpointInterval == 0 { checkpoints.append(checkpoint()) }
        }
    }

    /// True when `count` events ending in `last` are the first events of `events`. Comparing the
    /// last one is enough: a trace is only ever cut back and regrown, and events carry time and step.
    static func isPrefix(_ count: Int, _ last: TraceEvent?, of events: ArraySlice<TraceEvent>) -> Bool {
        events.count >= count && (count == 0 || events[events.startIndex + count - 1] == last)
    }

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
