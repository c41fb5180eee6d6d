import TCPStepCore

// Opening a long history at its end (a resumed journal of 10,000 actions, a resize, `#`) without
// laying all of it out. The events before a quiet moment near the end (nothing in flight, time
// moving on to a new step) are only folded: numbers, states, each host's first port, the first
// transit time, the TIME_WAIT timers running. Rows start there. Nothing in flight at that moment
// can reach a later row, so every row after it is drawn as a whole layout draws it; the rows
// before exist once someone asks for them (`makeWhole`: the view scrolls near the top, or steps
// back past the start, which starts a new tail).

extension DiagramLayout {
    /// Events laid out at least, behind the newest, when a layout starts late: many screens of rows.
    public static let tailEventsMin = 1_000

    /// Where a layout that starts late starts: what it folded before its first row, kept so that a
    /// new width or numbering starts again from there without reading those events again.
    public struct TailStart: Sendable {
        /// Events folded, not laid out.
        public let eventCount: Int
        let lastEvent: TraceEvent
        /// The trace fold after those events.
        public let fold: TraceFold
        /// The fold at the start of the step those events end in (their count: `stepStart`), where
        /// the narration, which reads whole steps, can start.
        public let stepStartFold: TraceFold
        public let stepStart: Int
        let firstTransit: Micros?
        let hostPorts: [UInt16?]
        let runningTimeWait: Set<ConnectionID>

        /// True when `events` begins with the events this start folded.
        public func begins(_ events: ArraySlice<TraceEvent>) -> Bool {
            events.count >= eventCount && events[events.startIndex + eventCount - 1] == lastEvent
        }
    }

    /// True when rows start late: the first `tailStart.eventCount` events are folded, not drawn.
    public var isWhole: Bool { tailStart == nil }

    /// The layout of `events` from a quiet moment at least `tailEventsMin` events before the end
    /// (the whole layout when there is none), starting from `start` when it still applies.
    public init(tailOf events: ArraySlice<TraceEvent>, config: Config, reusing start: TailStart? = nil) {
        self.init(config: config)
        let begin: TailStart
        if let start, start.begins(events), start.eventCount + Self.tailEventsMin <= events.count {
            begin = start
        } else if let quiet = Self.quietMoment(in: events), let folded = Self.fold(events, upTo: quiet, config: config) {
            begin = folded
        } else {
            update(with: events)
            return
        }
        fold = begin.fold
        hostPorts = begin.hostPorts
        runningTimeWait = begin.runningTimeWait
        lastEvent = begin.lastEvent
        rowDuration = config.rowDuration ?? begin.firstTransit.map { max(.ms(1), $0 / Micros(config.rowsPerTransit)) }
        // The first row stands for everything before; it is never on screen (see `makeWhole`).
        var first = rows[0]
        first.time = begin.lastEvent.time
        first.step = begin.lastEvent.step
        for host in [HostID.client, .server] {
            first.setNote(.state(fold.currentConnection(of: host)?.state ?? .closed, nil), for: host)
        }
        rows[0] = first
        tailStart = begin
        progress = FoldProgress(skipping: events.prefix(begin.eventCount), snapshot: snapshot())
        update(with: events)
    }

    /// Brings the layout up to `events` in `config`: what is new is read as `update(with:)` reads
    /// it; a layout built again (another config, a step back past a late start, nothing read yet)
    /// starts late when the history is long.
    public mutating func follow(_ events: ArraySlice<TraceEvent>, config: Config) {
        let startStillHolds = tailStart.map { $0.begins(events) } ?? true
        if config != self.config || !startStillHolds || (eventCount == 0 && events.count > 2 * Self.tailEventsMin) {
            self = DiagramLayout(tailOf: events, config: config, reusing: tailStart)
        } else {
            update(with: events)
        }
    }

    /// Lays out every event, from the first (before showing rows near a late start).
    public mutating func makeWhole(_ events: ArraySlice<TraceEvent>) {
        guard !isWhole else { return }
        self = DiagramLayout(events: events, config: config)
    }

    /// The last moment at least `tailEventsMin` events before the end at which nothing is in
    /// flight; nil when there is none (or it is the very start).
    static func quietMoment(in events: ArraySlice<TraceEvent>) -> Int? {
        let limit = events.count - tailEventsMin
        guard limit > 0 else { return nil }
        var inFlight = 0, quiet: Int?
        for (offset, event) in events.prefix(limit).enumerated() {
            switch event.kind {
            case .send, .inject, .duplicate: inFlight += 1
            case .deliver, .drop: inFlight -= 1
            case .delay, .state, .timer, .app, .signal: break
            }
            if inFlight == 0 { quiet = offset + 1 }
        }
        return quiet
    }

    /// Reads the first `count` events without drawing them; nil when something turns out to be in
    /// flight after them (the count in `quietMoment` is only a guess: the fold decides).
    private static func fold(_ events: ArraySlice<TraceEvent>, upTo count: Int, config: Config) -> TailStart? {
        let base = events.startIndex
        // Where the step that the first `count` events end in began (`count` itself at a step's end).
        var stepStart = count
        if count < events.count {
            while stepStart > 0, events[base + stepStart - 1].step == events[base + count].step { stepStart -= 1 }
        }
        var reader = DiagramLayout(config: config)
        var stepStartFold = TraceFold()
        var firstTransit: Micros?
        for (offset, event) in events.prefix(count).enumerated() {
            if offset == stepStart { stepStartFold = reader.fold }
            reader.fold.apply(event)
            switch event.kind {
            case .send(let wire), .inject(let wire), .duplicate(_, let wire, _):
                if firstTransit == nil { firstTransit = wire.arrivesAt - wire.sentAt }
                reader.noteDeparture(wire)
            case .state(let host, _, let ports, _, _, _):
                reader.notePort(ports.local, of: host)
            case .timer(_, let connection, _, let kind, let action, _, _):
                _ = reader.noteTimeWait(kind, action, connection: connection)
            case .deliver, .drop, .delay, .app, .signal:
                break
            }
        }
        guard count > 0, reader.fold.inFlight.isEmpty else { return nil }
        if stepStart == count { stepStartFold = reader.fold }
        return TailStart(eventCount: count, lastEvent: events[base + count - 1], fold: reader.fold,
                         stepStartFold: stepStartFold, stepStart: stepStart, firstTransit: firstTransit,
                         hostPorts: reader.hostPorts, runningTimeWait: reader.runningTimeWait)
    }
}
