/// Anything that reads a trace one event at a time and can step back: the fold itself, and the
/// views built on it (the diagram layout, the narration). They share one checkpoint scheme, so
/// stepping back costs the same everywhere: return to the newest snapshot the shorter trace
/// still extends (taken every `FoldProgress.checkpointInterval` events) and read on from there.
public protocol TraceFolding {
    associatedtype Snapshot: Sendable
    /// Reads one more event.
    mutating func apply(_ event: TraceEvent)
    /// What `restore` needs to come back to this point; small (not a copy of the history).
    func snapshot() -> Snapshot
    /// Goes back to a snapshot taken earlier on this same history.
    mutating func restore(_ snapshot: Snapshot)
    /// Forgets everything read (a trace that shares no checkpoint with what was read).
    mutating func reset()
    var progress: FoldProgress<Snapshot> { get set }
}

/// How far a `TraceFolding` has read, and its checkpoints.
public struct FoldProgress<Snapshot: Sendable>: Sendable {
    public private(set) var eventCount = 0
    public private(set) var lastEvent: TraceEvent?
    private var checkpoints: [(eventCount: Int, lastEvent: TraceEvent?, snapshot: Snapshot)] = []
    /// Events between two checkpoints: a step back reads at most this many again.
    public static var checkpointInterval: Int { 256 }

    public init() {}

    /// As if `events` had been read, with one checkpoint at their end (a reader that starts late,
    /// from a state given to it: a step back before them starts again from nothing).
    public init(skipping events: ArraySlice<TraceEvent>, snapshot: Snapshot) {
        eventCount = events.count
        lastEvent = events.last
        checkpoints = [(eventCount, lastEvent, snapshot)]
    }

    /// True when the events read are the first events of `events`. Comparing the last one is
    /// enough: a trace is only ever cut back and regrown, and events carry time and step.
    public func isPrefix(of events: ArraySlice<TraceEvent>) -> Bool {
        Self.isPrefix(eventCount, lastEvent, of: events)
    }

    static func isPrefix(_ count: Int, _ last: TraceEvent?, of events: ArraySlice<TraceEvent>) -> Bool {
        events.count >= count && (count == 0 || events[events.startIndex + count - 1] == last)
    }

    /// Counts one more event read; true when a checkpoint is due here, which the reader then
    /// gives with `checkpoint(_:)`. A reader that can only resume at some events (the narration,
    /// at step ends) says which with `atBoundary`. (Not a snapshot closure: `reader.snapshot` as a
    /// closure captures a copy of the whole reader, at every event.)
    public mutating func advance(past event: TraceEvent, atBoundary: Bool = true) -> Bool {
        eventCount += 1
        lastEvent = event
        return atBoundary && eventCount - (checkpoints.last?.eventCount ?? 0) >= Self.checkpointInterval
    }

    /// A checkpoint where the reading stands now.
    public mutating func checkpoint(_ snapshot: Snapshot) {
        checkpoints.append((eventCount, lastEvent, snapshot))
    }

    /// The newest checkpoint `events` extends (dropping newer ones), nil when there is none.
    public mutating func rewind(for events: ArraySlice<TraceEvent>) -> Snapshot? {
        while let last = checkpoints.last, !Self.isPrefix(last.eventCount, last.lastEvent, of: events) {
            checkpoints.removeLast()
        }
        guard let last = checkpoints.last else { return nil }
        eventCount = last.eventCount
        lastEvent = last.lastEvent
        return last.snapshot
    }
}

extension TraceFolding {
    /// Reads one event and counts it (taking a checkpoint when one is due).
    public mutating func read(_ event: TraceEvent) {
        apply(event)
        if progress.advance(past: event) { progress.checkpoint(snapshot()) }
    }

    /// Brings the reading up to `events`: reads only what is new when `events` extends what was
    /// read (stepping forward); otherwise (stepping back, another trace) returns to the newest
    /// checkpoint `events` extends and reads on from there.
    public mutating func update(with events: ArraySlice<TraceEvent>) {
        if !progress.isPrefix(of: events) {
            if let snapshot = progress.rewind(for: events) {
                restore(snapshot)
            } else {
                reset()
            }
        }
        for event in events.dropFirst(progress.eventCount) { read(event) }
    }

    public var eventCount: Int { progress.eventCount }
}
