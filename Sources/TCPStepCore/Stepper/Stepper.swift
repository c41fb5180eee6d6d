/// An interactive run: a simulation, its trace, and a history of moves that can be walked back
/// and forth. Going back restores the nearest checkpoint and replays the moves after it, so any
/// earlier step comes back exactly (same seed + same moves ⇒ same state).
public struct Stepper: Sendable {
    /// One thing the user made happen.
    public enum Move: Hashable, Sendable {
        /// Let the next event happen.
        case advance
        /// Change the world between events.
        case intervene(Intervention)
    }

    /// What the user can do to the world between steps.
    public enum Intervention: Hashable, Sendable {
        case drop(SegmentID)
        case delay(SegmentID, by: Micros)
        case duplicate(SegmentID)
        case app(HostID, AppCall)
        /// An old duplicate put on the wire by hand (the live form of the scenario's `inject`).
        case inject(Direction, Segment)
    }

    /// Moves between two stored snapshots: replaying at most this many keeps stepping back well
    /// under a millisecond while the snapshots stay few.
    public static let checkpointInterval = 32

    public private(set) var simulation: Simulation
    /// Every event recorded so far, including those of moves that were stepped back over (they
    /// come back on redo); `events` is the part that is true at the current position.
    private var log = TraceLog()
    /// Every move so far, including those stepped back over (a journal reads the timeline here).
    public private(set) var moves: [Move] = []
    /// Events recorded after k moves, at index k.
    private var eventCounts: [Int] = [0]
    /// checkpoints[i]: the simulation after i × checkpointInterval moves.
    private var checkpoints: [Simulation]
    public private(set) var position = 0

    public init(simulation: Simulation) {
        self.simulation = simulation
        checkpoints = [simulation]
    }

    /// The trace up to the current position.
    public var events: ArraySlice<TraceEvent> { log.events[0..<eventCounts[position]] }
    /// How many moves can be redone by stepping forward.
    public var redoableMoves: Int { moves.count - position }
    public var moveCount: Int { moves.count }

    /// Steps forward: redoes a move that was stepped back over, or lets the next event happen.
    /// Returns false when nothing is left to happen.
    @discardableResult
    public mutating func stepForward() -> Bool {
        if position < moves.count {
            var silent = TraceLog(recording: false)
            Self.replay(moves[position], on: &simulation, &silent)
            position += 1
            return true
        }
        guard !simulation.isQuiet else { return false }
        return record(.advance)
    }

    /// Applies an intervention now. Returns false (and records nothing) when it had no effect,
    /// e.g. the segment already arrived.
    @discardableResult
    public mutating func intervene(_ intervention: Intervention) -> Bool {
        record(.intervene(intervention))
    }

    /// Steps back one move. Returns false at the start.
    @discardableResult
    public mutating func stepBack() -> Bool {
        guard position > 0 else { return false }
        go(to: position - 1)
        return true
    }

    /// Restores the state after `target` moves (0 … moveCount).
    public mutating func go(to target: Int) {
        let target = min(max(0, target), moves.count)
        let checkpoint = min(target / Self.checkpointInterval, checkpoints.count - 1)
        var restored = checkpoints[checkpoint]
        var silent = TraceLog(recording: false)
        for index in (checkpoint * Self.checkpointInterval)..<target {
            Self.replay(moves[index], on: &restored, &silent)
        }
        simulation = restored
        position = target
    }

    /// Steps until nothing is pending or the next event lies beyond `limit`.
    public mutating func runUntilQuiet(limit: Micros) {
        while let next = simulation.nextEventTime, next <= limit || position < moves.count {
            guard stepForward() else { break }
        }
    }

    private mutating func record(_ move: Move) -> Bool {
        // A new move after stepping back forgets the moves that were undone.
        if position < moves.count {
            moves.removeSubrange(position...)
            eventCounts.removeSubrange((position + 1)...)
            log.truncate(to: eventCounts[position])
            checkpoints.removeSubrange((position / Self.checkpointInterval + 1)...)
        }
        // In place: a failed move (a segment no longer in flight, an empty queue) changes nothing.
        guard Self.replay(move, on: &simulation, &log) else { return false }
        moves.append(move)
        position += 1
        eventCounts.append(log.events.count)
        if position % Self.checkpointInterval == 0 && checkpoints.count == position / Self.checkpointInterval {
            checkpoints.append(simulation)
        }
        return true
    }

    /// Performs one move; false if it changed nothing.
    @discardableResult
    private static func replay(_ move: Move, on simulation: inout Simulation, _ log: inout TraceLog) -> Bool {
        switch move {
        case .advance:
            return simulation.step(&log)
        case .intervene(.drop(let id)):
            return simulation.drop(id, &log)
        case .intervene(.delay(let id, let extra)):
            return simulation.delay(id, by: extra, &log)
        case .intervene(.duplicate(let id)):
            return simulation.duplicate(id, &log)
        case .intervene(.app(let host, let call)):
            simulation.perform(call, on: host, &log)
            return true
        case .intervene(.inject(let direction, let segment)):
            simulation.inject(segment, direction: direction, &log)
            return true
        }
    }
}
