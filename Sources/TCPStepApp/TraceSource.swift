import TCPStepCore

/// What the viewer steps through: a live simulation (stepping, faults, application calls) or a
/// recorded trace (stepping forward and back only). Everything on screen is read from the trace
/// either way (through the trace fold); only the keys that change the world need a simulation.
public enum TraceSource: Sendable {
    case live(Stepper)
    case recorded(RecordedTrace)

    /// The trace up to the current position.
    public var events: ArraySlice<TraceEvent> {
        switch self {
        case .live(let stepper): stepper.events
        case .recorded(let recording): recording.events
        }
    }

    /// Moves so far (steps, and in a live run the user's interventions).
    public var position: Int {
        switch self {
        case .live(let stepper): stepper.position
        case .recorded(let recording): recording.position
        }
    }

    /// The live run's stepper; nil for a recording.
    public var stepper: Stepper? {
        if case .live(let stepper) = self { return stepper }
        return nil
    }

    public var isLive: Bool { stepper != nil }

    /// Nothing more will appear in the trace: the recording is at its end, or the simulation
    /// has nothing left that makes an event (a cancelled timer's entry may still be queued: it
    /// would be a step that shows nothing, so the live run ends where its recording does).
    public var isFinished: Bool {
        switch self {
        case .live(let stepper): stepper.redoableMoves == 0 && Self.nextEvents(of: stepper.simulation).isEmpty
        case .recorded(let recording): recording.isAtEnd
        }
    }

    /// The events the simulation's next steps that make any would add, found on a copy (of the
    /// simulation only, not of the trace, so it costs the same however long the run).
    static func nextEvents(of simulation: Simulation) -> [TraceEvent] {
        var probe = simulation
        var log = TraceLog()
        var steps = 0
        while log.events.isEmpty, steps < 64, probe.step(&log) { steps += 1 }
        return log.events
    }

    /// True when a step forward only redoes what is already known (stepped back over, or recorded).
    public var isReplaying: Bool {
        switch self {
        case .live(let stepper): stepper.redoableMoves > 0
        case .recorded: true
        }
    }

    @discardableResult
    public mutating func stepForward() -> Bool { move { $0.stepForward() } recorded: { $0.stepForward() } }

    @discardableResult
    public mutating func stepBack() -> Bool { move { $0.stepBack() } recorded: { $0.stepBack() } }

    /// Moves whichever source this is, in place.
    private mutating func move(live: (inout Stepper) -> Bool, recorded: (inout RecordedTrace) -> Bool) -> Bool {
        // The value is taken out and `self` emptied before it moves: while `self` still held it,
        // the move would copy the whole history (copy-on-write) on every step.
        switch self {
        case .live(var stepper):
            self = Self.emptied
            let moved = live(&stepper)
            self = .live(stepper)
            return moved
        case .recorded(var recording):
            self = Self.emptied
            let moved = recorded(&recording)
            self = .recorded(recording)
            return moved
        }
    }

    /// What `self` holds for the instant a source is being moved.
    private static let emptied = TraceSource.recorded(RecordedTrace(events: []))

    /// Applies an intervention to a live run; false for a recording or when it changed nothing.
    @discardableResult
    public mutating func intervene(_ intervention: Stepper.Intervention) -> Bool {
        move { $0.intervene(intervention) } recorded: { _ in false }
    }

    /// The events of the next step forward, found without moving (for the quiz): a probe of a
    /// copy of the simulation, or the recording's next step.
    public var upcomingEvents: ArraySlice<TraceEvent> {
        switch self {
        case .live(let stepper):
            return Self.nextEvents(of: stepper.simulation)[...]
        case .recorded(let recording):
            return recording.nextStep
        }
    }
}
