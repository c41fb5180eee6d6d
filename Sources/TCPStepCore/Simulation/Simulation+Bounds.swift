// Headless runs end on their own: when nothing is left to happen, at a virtual time limit, or
// at an event limit (a valid scenario can be endless: one-byte segments for a gigabyte).

/// Why a bounded run stopped.
public enum RunEnd: Hashable, Sendable {
    /// Nothing was left to happen.
    case quiet
    /// The next event lies beyond the virtual time limit.
    case timeLimit
    /// The trace reached the event limit; the run could go on.
    case eventLimit
}

extension Simulation {
    /// Steps until quiet, until the next event lies beyond `limit`, or until `trace` holds
    /// `eventsMax` events or more (checked after each step, so a step is never cut in half).
    public mutating func runUntilQuiet(limit: Micros, eventsMax: Int, _ trace: inout TraceLog) -> RunEnd {
        while let next = nextEventTime {
            guard next <= limit else { return .timeLimit }
            guard trace.events.count < eventsMax else { return .eventLimit }
            step(&trace)
        }
        return .quiet
    }
}

extension Simulation {
    /// Drops the queue's cancelled timers and dead arrivals (see `EventQueue.removeAll(where:)`),
    /// so the queue's memory follows what is live, not how many timers were ever restarted.
    mutating func purgeStaleEvents() {
        // Swapped out, so that `isLive` may read the rest of the simulation meanwhile.
        var pending = EventQueue()
        swap(&pending, &queue)
        pending.removeAll { !isLive($0) }
        swap(&pending, &queue)
    }
}

extension Simulation {
    /// Entries in the event queue, stale ones included (for the tests of its bound).
    public var pendingEventCount: Int { queue.count }
}
