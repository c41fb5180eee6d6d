import TCPStepCore

/// Where a narrator got to in a growing trace, so that narrating the newest step costs the new
/// events only, not the whole history (the live view narrates after every key press). It reads
/// whole steps, up to the one asked for; stepping back returns to the newest checkpoint (the
/// trace fold's scheme, taken at step ends) before that step.
public struct NarrationCursor: Sendable {
    var index = TraceIndex()

    public init() {}

    /// A cursor that has read `events`, the first events of a trace up to the end of a step, whose
    /// fold is `fold` (the diagram's, when it started late): narrating a step after them reads
    /// only what comes after them.
    public init(fold: TraceFold, of events: ArraySlice<TraceEvent>) {
        index = TraceIndex(fold: fold, of: events)
    }

    /// Nothing read yet.
    public var isEmpty: Bool { index.eventCount == 0 }
}

extension Narrator {
    /// As `narrate(step:in:)`, but remembering in `cursor` what was read, so that the next call
    /// on the same (or a longer) trace reads only what is new.
    public func narrate(step: Int, in events: ArraySlice<TraceEvent>, cursor: inout NarrationCursor) -> StepNarration? {
        let base = events.startIndex
        // Steps never go down: find the step's first event by halving.
        var low = 0, high = events.count
        while low < high {
            let middle = (low + high) / 2
            if events[base + middle].step < step { low = middle + 1 } else { high = middle }
        }
        guard low < events.count, events[base + low].step == step else { return nil }
        let before = events[base ..< base + low]
        // Read everything before the step (going back to a checkpoint if more was read).
        if !cursor.index.progress.isPrefix(of: before) {
            if let snapshot = cursor.index.progress.rewind(for: before) {
                cursor.index.restore(snapshot)
            } else {
                cursor.index.reset()
            }
        }
        var start = cursor.index.eventCount
        while start < low {
            let end = min(Self.stepEnd(events, from: start), low)
            cursor.index.beginStep(events[base + start].step, first: events[base + start])
            for offset in start ..< end {
                cursor.index.apply(events[base + offset])
                if cursor.index.progress.advance(past: events[base + offset], atBoundary: offset == end - 1) {
                    cursor.index.progress.checkpoint(cursor.index.snapshot())
                }
            }
            start = end
        }
        // The step itself may still grow (the user intervenes): read it, then go back.
        let snapshot = cursor.index.snapshot()
        let narration = narrate(events[(base + low)..<(base + Self.stepEnd(events, from: low))], index: &cursor.index)
        cursor.index.restore(snapshot)
        return narration
    }

    /// `stepEnd` for a slice, with offsets counted from its start.
    static func stepEnd(_ events: ArraySlice<TraceEvent>, from start: Int) -> Int {
        let base = events.startIndex
        var end = start + 1
        while end < events.count && events[base + end].step == events[base + start].step { end += 1 }
        return end
    }
}
