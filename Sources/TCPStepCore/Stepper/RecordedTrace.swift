/// A trace that was recorded (by `tcpstep trace --json`, a capture, a saved session), stepped
/// through as the live view steps a simulation: one step is every event of one step number.
/// Nothing can be changed in it; it only moves forward and back.
public struct RecordedTrace: Hashable, Sendable {
    public let allEvents: [TraceEvent]
    /// stepEnds[k]: how many events the first k steps hold (stepEnds[0] = 0).
    private let stepEnds: [Int]
    /// Steps shown so far (0 … stepCount).
    public private(set) var position = 0

    public init(events: [TraceEvent]) {
        allEvents = events
        var ends = [0]
        for index in events.indices where index + 1 == events.count || events[index + 1].step != events[index].step {
            ends.append(index + 1)
        }
        stepEnds = ends
    }

    /// The trace up to the current position.
    public var events: ArraySlice<TraceEvent> { allEvents[..<stepEnds[position]] }
    public var stepCount: Int { stepEnds.count - 1 }
    public var isAtEnd: Bool { position == stepCount }

    /// The events the next step forward would show (empty at the end).
    public var nextStep: ArraySlice<TraceEvent> {
        isAtEnd ? allEvents[allEvents.endIndex...] : allEvents[stepEnds[position]..<stepEnds[position + 1]]
    }

    @discardableResult
    public mutating func stepForward() -> Bool {
        guard !isAtEnd else { return false }
        position += 1
        return true
    }

    @discardableResult
    public mutating func stepBack() -> Bool {
        guard position > 0 else { return false }
        position -= 1
        return true
    }

    /// Goes to the state after `target` steps (clamped to 0 … stepCount).
    public mutating func go(to target: Int) { position = min(max(0, target), stepCount) }
}
