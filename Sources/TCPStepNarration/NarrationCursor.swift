import TCPStepCore

/// Where a narrator got to in a growing trace, so that narrating the newest step costs the new
/// events only, not the whole history (the live view narrates after every key press). Stepping
/// back restores the newest checkpoint the shorter trace still extends.
public struct NarrationCursor: Sendable {
    var index = TraceIndex()
    /// Events absorbed so far: always whole steps, the first `processed` of the trace.
    var processed = 0
    var lastEvent: TraceEvent?
    var checkpoints: [(processed: Int, lastEvent: TraceEvent?, index: TraceIndex)] = []
    /// Events between two checkpoints: a step back replays at most this many.
    static let checkpointInterval = 1_024

    public init() {}

    /// Whether the first `processed` events of `events` are the ones absorbed.
    func isPrefix(of events: ArraySlice<TraceEvent>) -> Bool {
        Self.isPrefix(processed, lastEvent, of: events)
    }

    static func isPrefix(_ count: Int, _ last: TraceEvent?, of events: ArraySlice<TraceEvent>) -> Bool {
        events.count >= count && (count == 0 || events[events.startIndex + count - 1] == last)
    }

    /// Goes back to the newest checkpoint `events` extends that has not read `step` yet (or the start).
    mutating func rewind(for events: ArraySlice<TraceEvent>, before step: Int) {
        while let checkpoint = checkpoints.last,
              !Self.isPrefix(checkpoint.processed, checkpoint.lastEvent, of: events) || (checkpoint.lastEvent?.step ?? 0) >= step {
            checkpoints.removeLast()
        }
        if let checkpoint = checkpoints.last {
            (processed, lastEvent, index) = checkpoint
        } else {
            self = NarrationCursor()
        }
    }
}

extension Narrator {
    /// As `narrate(step:in:)`, but remembering in `cursor` what was read, so that the next call
    /// on the same (or a longer) trace reads only what is new.
    public func narrate(step: Int, in events: ArraySlice<TraceEvent>, cursor: inout NarrationCursor) -> StepNarration? {
        // After a step back the step to narrate may have been read already: read it again.
        if !cursor.isPrefix(of: events) || (cursor.lastEvent?.step ?? 0) >= step { cursor.rewind(for: events, before: step) }
        let base = events.startIndex
        var start = cursor.processed
        while start < events.count {
            let end = Self.stepEnd(events, from: start)
            let first = events[base + start]
            if first.step == step {
                var index = cursor.index  // the step itself may still grow: read it on a copy
                return narrate(events[(base + start)..<(base + end)], index: &index)
            }
            if first.step > step { return nil }
            cursor.index.beginStep(first.step, first: first)
            for event in events[(base + start)..<(base + end)] { cursor.index.absorb(event) }
            cursor.processed = end
            cursor.lastEvent = events[base + end - 1]
            if end - (cursor.checkpoints.last?.processed ?? 0) >= NarrationCursor.checkpointInterval {
                cursor.checkpoints.append((cursor.processed, cursor.lastEvent, cursor.index))
            }
            start = end
        }
        return nil
    }

    /// `stepEnd` for a slice, with offsets counted from its start.
    static func stepEnd(_ events: ArraySlice<TraceEvent>, from start: Int) -> Int {
        let base = events.startIndex
        var end = start + 1
        while end < events.count && events[base + end].step == events[base + start].step { end += 1 }
        return end
    }
}
