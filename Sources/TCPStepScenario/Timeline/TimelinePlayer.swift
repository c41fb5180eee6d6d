import TCPStepCore

/// Plays a scenario's timed actions: steps the run to each action's moment and does it there,
/// exactly as the key did it in the session that wrote the journal (an intervention between
/// events, not a step). The one place that gives timed actions their meaning: the interactive
/// view, `--resume` and every headless command (`trace`, `render`, …) go through it.
public enum TimelinePlayer {
    /// Why playing stopped before the end: the line it stopped at and what was wrong there.
    public struct Stop: Hashable, Sendable, Error {
        public var line: Int
        public var message: String
    }

    /// A stepper holding every timed action as a move, standing where `open-at` says (at the
    /// start without one). `stop` says where playing gave up (the stepper holds what came before);
    /// `done` are the actions applied, each with the step it followed and the time it happened.
    public static func stepper(for scenario: Scenario) -> (stepper: Stepper, stop: Stop?, done: [TimedAction]) {
        let opened = open(scenario)
        return (opened.stepper, opened.stop, opened.done)
    }

    /// What `stepper(for:)` gives, and the names of the segments read while playing (a journal
    /// goes on naming segments from them instead of reading the whole trace again).
    public struct Opened: Sendable {
        public var stepper: Stepper
        public var stop: Stop?
        public var done: [TimedAction]
        public var names: SegmentNames
    }

    public static func open(_ scenario: Scenario) -> Opened {
        var stepper = Stepper(simulation: scenario.makeSimulation())
        var names = SegmentNames()
        let (done, stop) = play(scenario.timeline, on: &stepper, names: &names)
        guard let openAt = scenario.openAt else {
            if !scenario.timeline.isEmpty && stop == nil { stepper.go(to: 0) }
            return Opened(stepper: stepper, stop: stop, done: done, names: names)
        }
        // The screen after `step` steps and the first `actions` timed actions.
        while stepper.simulation.stepCount < openAt.step, stepper.stepForward() {}
        stepper.go(to: openAt.step + min(openAt.actions, done.count))
        return Opened(stepper: stepper, stop: stop, done: done, names: names)
    }

    /// The whole run, headless: the timed actions, then on to quiet (bounded by `runUntil`).
    public static func trace(of scenario: Scenario) -> (events: [TraceEvent], stop: Stop?) {
        let run = boundedTrace(of: scenario)
        return (run.events, run.stop)
    }

    /// As `trace(of:)`, stopping at the scenario's event limit (`set max-events`): how the run
    /// ended says whether the trace is whole.
    public static func boundedTrace(of scenario: Scenario) -> (events: [TraceEvent], stop: Stop?, end: RunEnd) {
        guard !scenario.timeline.isEmpty else {
            var simulation = scenario.makeSimulation()
            var log = TraceLog()
            let end = simulation.runUntilQuiet(limit: scenario.runUntil, eventsMax: scenario.eventsMax, &log)
            // One step can add many events (a window's worth of segments): cut at exactly the limit.
            log.truncate(to: scenario.eventsMax)
            return (log.events, nil, end)
        }
        var stepper = Stepper(simulation: scenario.makeSimulation())
        var names = SegmentNames()
        let (_, stop) = play(scenario.timeline, on: &stepper, names: &names)
        // The rest needs no history: run a copy straight on.
        var rest = stepper.simulation
        var log = TraceLog()
        let end = rest.runUntilQuiet(limit: scenario.runUntil, eventsMax: max(0, scenario.eventsMax - stepper.events.count), &log)
        let events = Array((Array(stepper.events) + log.events).prefix(scenario.eventsMax))
        return (events, stop, end)
    }

    /// Applies the actions in order; returns those applied (with their step and time) and why it stopped early.
    private static func play(_ timeline: [TimedAction], on stepper: inout Stepper, names: inout SegmentNames) -> ([TimedAction], Stop?) {
        var done: [TimedAction] = []
        for action in timeline {
            if let problem = reach(action, on: &stepper) {
                return (done, Stop(line: action.line, message: problem))
            }
            names.sync(with: stepper.events)
            switch intervention(for: action, names: names, in: stepper.simulation) {
            case .success(let intervention):
                guard stepper.intervene(intervention) else {
                    return (done, Stop(line: action.line, message: "the action had no effect at step \(stepper.simulation.stepCount)"))
                }
            case .failure(let stop):
                return (done, stop)
            }
            var happened = action
            happened.step = stepper.simulation.stepCount
            happened.time = stepper.simulation.now
            done.append(happened)
        }
        return (done, nil)
    }

    /// Steps to the action's moment: right after its step, or after the last event at or before its time.
    private static func reach(_ action: TimedAction, on stepper: inout Stepper) -> String? {
        if let step = action.step {
            while stepper.simulation.stepCount < step {
                guard stepper.stepForward() else {
                    return "step \(step) never comes: nothing happens after step \(stepper.simulation.stepCount)"
                }
            }
            if stepper.simulation.stepCount > step {
                return "step \(step) has already passed (the run is at step \(stepper.simulation.stepCount))"
            }
            return nil
        }
        while let next = stepper.simulation.nextEventTime, next <= action.time {
            stepper.stepForward()
        }
        return nil
    }

    private static func intervention(for action: TimedAction, names: SegmentNames, in simulation: Simulation)
        -> Result<Stepper.Intervention, Stop> {
        switch action.kind {
        case .app(let host, let call):
            return .success(.app(host, call))
        case .inject(let direction, let segment):
            return .success(.inject(direction, segment))
        case .fault(let direction, let choice, let fault):
            guard let id = names.resolve(choice, direction: direction),
                  let wire = simulation.segment(id), wire.lostAt == nil, wire.direction == direction else {
                return .failure(Stop(line: action.line, message: "no such segment in flight at step \(simulation.stepCount)"))
            }
            let intervention: Stepper.Intervention = switch fault {
            case .drop: .drop(id)
            case .duplicate: .duplicate(id)
            case .delay(let extra): .delay(id, by: extra)
            }
            return .success(intervention)
        }
    }
}
