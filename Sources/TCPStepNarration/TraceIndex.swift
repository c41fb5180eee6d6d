import TCPStepCore

/// What narration needs to remember from earlier in a trace: the segments by id (a `deliver`
/// event names only the id), each connection's current state, each timer's arming time, each
/// direction's initial sequence number (for relative numbers), and how many scripted commands
/// ran (to find the `say` text of a command). Built by walking the trace once, in order.
struct TraceIndex: Sendable {
    private(set) var wires: [SegmentID: WireSegment] = [:]
    private(set) var states: [ConnectionID: TCPState] = [:]
    private var armedAt: [TimerKey: Micros] = [:]
    private(set) var isns: [DirectionKey: SeqNum] = [:]
    /// The newest connection on each (host, local port, remote port).
    private var connections: [DirectionKey: ConnectionID] = [:]
    /// Listening ports, as (host, port) with remote port 0.
    private var listeners: Set<DirectionKey> = []
    /// Steps so far whose first event is an application call or an injection: each is one
    /// scripted command, run in script order.
    private(set) var commandSteps = 0

    struct TimerKey: Hashable, Sendable {
        var connection: ConnectionID
        var kind: TimerKind
    }

    /// One direction of one connection: the sender and its (local, remote) ports.
    struct DirectionKey: Hashable, Sendable {
        var host: HostID
        var local: UInt16
        var remote: UInt16
    }

    func wire(_ id: SegmentID) -> WireSegment? { wires[id] }
    func state(of connection: ConnectionID) -> TCPState? { states[connection] }
    func armedAt(_ connection: ConnectionID, _ kind: TimerKind) -> Micros? { armedAt[TimerKey(connection: connection, kind: kind)] }

    /// The ISN the sender of `segment` numbered its bytes from (nil if its SYN is not in the trace).
    func isn(of host: HostID, sending segment: Segment) -> SeqNum? {
        isns[DirectionKey(host: host, local: segment.sourcePort, remote: segment.destinationPort)]
    }

    /// Whether a host listens on a port (a segment without a connection met a listener).
    func listens(_ host: HostID, on port: UInt16) -> Bool {
        listeners.contains(DirectionKey(host: host, local: port, remote: 0))
    }

    /// Whether a segment was sent by an earlier connection than the one its sender now has on
    /// the same ports (or injected as a stale one): an old duplicate, the reason for TIME_WAIT.
    func isStale(_ wire: WireSegment) -> Bool {
        if case .injected = wire.origin { return true }
        guard let sender = wire.connection else { return false }
        let key = DirectionKey(host: wire.from, local: wire.segment.sourcePort, remote: wire.segment.destinationPort)
        return connections[key].map { $0 != sender } ?? false
    }

    /// Notes that a step begins with `event` (call before absorbing the step's events).
    mutating func beginStep(_ step: Int, first event: TraceEvent) {
        guard step >= 1 else { return }  // step 0: interventions before anything ran
        switch event.kind {
        case .app, .inject: commandSteps += 1
        case .send, .deliver, .drop, .duplicate, .delay, .state, .timer, .signal: break
        }
    }

    mutating func absorb(_ event: TraceEvent) {
        absorbSegment(event)
        absorbState(event)
    }

    /// The first half of absorbing an event: the segments it puts on the wire (and their ISNs).
    /// A burst's segments are absorbed before it is narrated, since its sentences name them.
    mutating func absorbSegment(_ event: TraceEvent) {
        switch event.kind {
        case .send(let wire), .inject(let wire), .duplicate(_, let wire, _):
            wires[wire.id] = wire
            if wire.segment.flags.contains(.syn) && !wire.segment.flags.contains(.rst) {
                let key = DirectionKey(host: wire.from, local: wire.segment.sourcePort, remote: wire.segment.destinationPort)
                // A retransmitted or repeated SYN keeps the ISN; a new SYN on the same ports (a
                // new incarnation) replaces it.
                isns[key] = wire.segment.seq
            }
        case .deliver, .drop, .delay, .state, .timer, .app, .signal:
            break
        }
    }

    /// The second half: states, connections and timers, absorbed after the burst is narrated,
    /// which reads them as they were when it began.
    mutating func absorbState(_ event: TraceEvent) {
        switch event.kind {
        case .state(let host, let connection, let ports, _, let to, _):
            if let connection {
                states[connection] = to
                connections[DirectionKey(host: host, local: ports.local, remote: ports.remote)] = connection
            } else if to == .listen {
                listeners.insert(DirectionKey(host: host, local: ports.local, remote: 0))
            } else {
                listeners.remove(DirectionKey(host: host, local: ports.local, remote: 0))
            }
        case .timer(_, let connection, _, let kind, let action, _, _):
            let key = TimerKey(connection: connection, kind: kind)
            switch action {
            case .set: armedAt[key] = event.time
            case .fire, .cancel: armedAt[key] = nil
            }
        case .send, .inject, .duplicate, .deliver, .drop, .delay, .app, .signal:
            break
        }
    }
}
