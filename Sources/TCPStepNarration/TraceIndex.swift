import TCPStepCore

/// What narration needs from earlier in a trace: the trace fold (segments by id and the numbers
/// they are shown with, connections, listeners, timers), the sockets as they were when the burst
/// being told began (its sentences say what the host *was* in), and how many scripted commands
/// ran (to find the `say` text of a command).
struct TraceIndex: TraceFolding, Sendable {
    private(set) var fold = TraceFold()
    /// The sockets when the burst being narrated began.
    private(set) var before = SocketFacts()
    /// Steps so far whose first event is an application call or an injection: each is one
    /// scripted command, run in script order.
    private(set) var commandSteps = 0
    var progress = FoldProgress<Snapshot>()

    struct Snapshot: Sendable {
        var fold: TraceFold.Snapshot
        var commandSteps: Int
    }

    init() {}

    /// Starting late: `fold` is the fold of `events`, the first events of a trace (they must end a
    /// step); only the scripted commands among them are counted here.
    init(fold: TraceFold, of events: ArraySlice<TraceEvent>) {
        self.fold = fold
        var previous: TraceEvent?
        for event in events where event.step != previous?.step {
            beginStep(event.step, first: event)
            previous = event
        }
        progress = FoldProgress(skipping: events, snapshot: snapshot())
    }

    func wire(_ id: SegmentID) -> WireSegment? { fold.wire(id) }
    func numbers(of wire: WireSegment) -> SegmentNumbers? { fold.numbers(of: wire.id) }
    /// States, timers and listeners as they were when the burst began.
    func state(of connection: ConnectionID) -> TCPState? { before.state(of: connection) }
    func armedAt(_ connection: ConnectionID, _ kind: TimerKind) -> Micros? { before.armedAt(connection, kind) }
    func listens(_ host: HostID, on port: UInt16) -> Bool { before.listens(host, on: port) }

    /// Injected, or sent by an earlier connection than the one its sender had on those ports
    /// when it left: an old duplicate, the reason for TIME_WAIT.
    func isStale(_ wire: WireSegment) -> Bool { fold.isStale(wire.id) }

    /// Notes that a step begins with `event` (call before reading the step's events).
    mutating func beginStep(_ step: Int, first event: TraceEvent) {
        guard step >= 1 else { return }  // step 0: interventions before anything ran
        switch event.kind {
        case .app, .inject: commandSteps += 1
        case .send, .deliver, .drop, .duplicate, .delay, .state, .timer, .signal: break
        }
    }

    /// A burst is about to be read: remember the sockets as they are.
    mutating func beginBurst() { before = fold.sockets }

    mutating func apply(_ event: TraceEvent) { fold.apply(event) }
    func snapshot() -> Snapshot { Snapshot(fold: fold.snapshot(), commandSteps: commandSteps) }

    mutating func restore(_ snapshot: Snapshot) {
        fold.restore(snapshot.fold)
        commandSteps = snapshot.commandSteps
    }

    mutating func reset() { self = TraceIndex() }
}
