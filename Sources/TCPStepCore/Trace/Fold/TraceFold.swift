/// The one reading of a trace that everything on screen shares: per connection incarnation its
/// ISNs, state and armed timers; every segment with its fate and the numbers it is shown with;
/// what each host panel shows. The diagram, the narration and the header all read it, whether
/// the trace comes from a live simulation or from a recording.
///
/// Incremental: `apply` takes one event; `update(with:)` brings it up to a trace that extends
/// (stepping forward) or cuts back (stepping back) what it has read, the latter from the newest
/// checkpoint the trace still extends, so a step back replays at most `checkpointInterval` events.
///
/// Numbering (the rule the README's screen guide states): a segment sent by a connection is
/// numbered from that connection's ISN (SEQ) and from the peer ISN it accepted (ACK). A segment
/// that belongs to no incarnation seen to open (injected, sent by a connection that is no longer
/// its host's current one on those ports, a RST from a closed port, the RST answering a stale
/// SYN,ACK, any number before its ISN) keeps its absolute number, marked.
public struct TraceFold: Sendable {
    public private(set) var now: Micros = 0
    public private(set) var step = 0
    /// Events applied so far.
    public private(set) var eventCount = 0
    private var lastEvent: TraceEvent?

    /// Every segment sent, in order; ids → index.
    private var segments: [FoldedSegment] = []
    private var segmentIndex: [SegmentID: Int] = [:]
    /// Indices into `segments` of those still in flight, oldest first.
    private var inFlightIndices: [Int] = []
    /// Connections by id; the live ones per host in `live`.
    private var connections: [ConnectionID: FoldedConnection] = [:]
    /// Each host's live connections (not CLOSED), by id order (newest last).
    private var live: [[ConnectionID]] = [[], []]
    /// Each host's listening ports in the order they were opened.
    private var listeners: [[UInt16]] = [[], []]
    /// The SYN most recently accepted without a connection named (it met a listener): the
    /// connection that its state change creates takes its ISN from it.
    private var pendingSyn: FoldedSegment?

    private var checkpoints: [Checkpoint] = []
    public static let checkpointInterval = 256

    public init() {}

    /// The fold of `events`.
    public init(events: some Sequence<TraceEvent>) {
        for event in events { apply(event) }
    }

    // MARK: - Reading

    public func segment(_ id: SegmentID) -> FoldedSegment? { segmentIndex[id].map { segments[$0] } }
    public func wire(_ id: SegmentID) -> WireSegment? { segment(id)?.wire }
    public func numbers(of id: SegmentID) -> SegmentNumbers? { segment(id)?.numbers }
    public func isStale(_ id: SegmentID) -> Bool { segment(id)?.isStale ?? false }

    /// Segments on the wire now, oldest first.
    public var inFlight: [WireSegment] { inFlightIndices.map { segments[$0].wire } }

    public func connection(_ id: ConnectionID) -> FoldedConnection? { connections[id] }
    public func state(of id: ConnectionID) -> TCPState? { connections[id]?.state }

    /// The connection a host's user calls act on: its newest live one.
    public func currentConnection(of host: HostID) -> FoldedConnection? {
        live[host.rawValue].last.flatMap { connections[$0] }
    }

    public func listens(_ host: HostID, on port: UInt16) -> Bool { listeners[host.rawValue].contains(port) }

    /// What `host`'s panel shows now.
    public func hostFacts(_ host: HostID) -> HostFacts {
        if let connection = currentConnection(of: host) {
            return HostFacts(host: host, port: connection.ports.local, state: connection.state, connection: connection.id,
                             timers: connection.timers.sorted { $0.kind.rawValue < $1.kind.rawValue })
        }
        let listener = listeners[host.rawValue].last
        return HostFacts(host: host, port: listener, state: listener == nil ? .closed : .listen, connection: nil, timers: [])
    }

    // MARK: - Folding

    public mutating func apply(_ event: TraceEvent) {
        now = event.time
        step = event.step
        switch event.kind {
        case .send(let wire), .inject(let wire):
            depart(wire, numbers: numbers(for: wire), stale: isStaleSender(wire))
        case .duplicate(let id, let copy, _):
            // A copy reads as its original did.
            let original = segment(id)
            depart(copy, numbers: original?.numbers ?? numbers(for: copy), stale: original?.isStale ?? isStaleSender(copy))
        case .deliver(let id, _, let connection, let outcome):
            guard let index = segmentIndex[id] else { break }
            end(index, fate: .delivered(outcome))
            if outcome == .accepted, segments[index].wire.segment.flags.contains(.syn),
               !segments[index].wire.segment.flags.contains(.rst) {
                if let connection { takeISN(from: segments[index], into: connection) } else { pendingSyn = segments[index] }
            }
        case .drop(let id, _):
            if let index = segmentIndex[id] { end(index, fate: .lost) }
        case .delay(let id, let extra, let arrivesAt, _):
            if let index = segmentIndex[id] {
                segments[index].wire.arrivesAt = arrivesAt
                segments[index].heldFor += extra
            }
        case .state(let host, let connection, let ports, _, let to, _):
            if let connection {
                changeState(connection, host: host, ports: ports, to: to)
            } else if to == .listen {
                if !listeners[host.rawValue].contains(ports.local) { listeners[host.rawValue].append(ports.local) }
            } else {
                listeners[host.rawValue].removeAll { $0 == ports.local }
            }
        case .timer(let host, let connection, let ports, let kind, let action, let deadline, let attempt):
            var folded = connections[connection] ?? FoldedConnection(id: connection, host: host, ports: ports, state: .closed)
            folded.timers.removeAll { $0.kind == kind }
            if action == .set {
                folded.timers.append(ArmedTimer(kind: kind, deadline: deadline, attempt: attempt, armedAt: event.time))
            }
            connections[connection] = folded
        case .app(let host, let call, _):
            // A crash forgets the listeners silently (its connections report CLOSED themselves).
            if call == .crash { listeners[host.rawValue].removeAll() }
        case .signal:
            break
        }
        eventCount += 1
        lastEvent = event
        if eventCount % Self.checkpointInterval == 0 { checkpoints.append(checkpoint()) }
    }

    /// Brings the fold up to `events`: reads only what is new when `events` extends what was read
    /// (stepping forward); otherwise (stepping back, another trace) returns to the newest
    /// checkpoint that `events` extends and reads on from there.
    public mutating func update(with events: ArraySlice<TraceEvent>) {
        if !Self.isPrefix(eventCount, lastEvent, of: events) {
            while let last = checkpoints.last, !Self.isPrefix(last.eventCount, last.lastEvent, of: events) {
                checkpoints.removeLast()
            }
            if let last = checkpoints.last { restore(last) } else { self = TraceFold() }
        }
        for event in events.dropFirst(eventCount) { apply(event) }
    }

    /// True when `count` events ending in `last` are the first events of `events`. Comparing the
    /// last one is enough: a trace is only ever cut back and regrown, and events carry time and step.
    public static func isPrefix(_ count: Int, _ last: TraceEvent?, of events: ArraySlice<TraceEvent>) -> Bool {
        events.count >= count && (count == 0 || events[events.startIndex + count - 1] == last)
    }

    // MARK: - Segments

    private mutating func depart(_ wire: WireSegment, numbers: SegmentNumbers, stale: Bool) {
        if wire.origin == .host, wire.segment.flags.contains(.syn), let id = sender(of: wire),
           connections[id]?.iss == nil {
            connections[id]?.iss = wire.segment.seq
        }
        // Numbers are read after a SYN's ISN is noted, so that the SYN itself reads 0.
        let numbers = wire.origin == .host && wire.segment.flags.contains(.syn) ? self.numbers(for: wire) : numbers
        segmentIndex[wire.id] = segments.count
        inFlightIndices.append(segments.count)
        segments.append(FoldedSegment(wire: wire, numbers: numbers, isStale: stale, fate: .inFlight))
    }

    private mutating func end(_ index: Int, fate: FoldedSegment.Fate) {
        guard segments[index].fate == .inFlight else { return }
        segments[index].fate = fate
        if let position = inFlightIndices.lastIndex(of: index) { inFlightIndices.remove(at: position) }
    }

    /// The connection that sent `wire`: the one it names, or for a trace that names none (a
    /// capture) the sender's live connection on those ports. Nil for an injected segment.
    private func sender(of wire: WireSegment) -> ConnectionID? {
        if wire.origin == .injected { return nil }
        if let id = wire.connection { return id }
        let ports = PortPair(local: wire.segment.sourcePort, remote: wire.segment.destinationPort)
        return live[wire.from.rawValue].last { connections[$0]?.ports == ports }
    }

    /// Injected, or from a connection that is not (or no longer) its host's current one on those
    /// ports: an old duplicate from an earlier incarnation.
    private func isStaleSender(_ wire: WireSegment) -> Bool {
        if wire.origin == .injected { return true }
        guard let id = wire.connection else { return false }
        let ports = PortPair(local: wire.segment.sourcePort, remote: wire.segment.destinationPort)
        let current = live[wire.from.rawValue].last { connections[$0]?.ports == ports }
        return current != id
    }

    private func numbers(for wire: WireSegment) -> SegmentNumbers {
        let segment = wire.segment
        let sender = isStaleSender(wire) ? nil : self.sender(of: wire).flatMap { connections[$0] }
        let seq = SegmentNumbers.number(segment.seq, base: sender?.iss)
        let end = SegmentNumbers.number(segment.seq + segment.payloadLength, base: sender?.iss)
        let ack = SegmentNumbers.number(segment.ack, base: sender?.irs)
        return SegmentNumbers(seq: seq, end: end, ack: ack)
    }

    /// A connection learns its peer's ISN from a genuine SYN only.
    private mutating func takeISN(from syn: FoldedSegment, into id: ConnectionID) {
        guard !syn.isStale, connections[id]?.irs == nil else { return }
        connections[id]?.irs = syn.wire.segment.seq
    }

    // MARK: - Connections

    private mutating func changeState(_ id: ConnectionID, host: HostID, ports: PortPair, to: TCPState) {
        let isNew = connections[id] == nil
        var folded = connections[id] ?? FoldedConnection(id: id, host: host, ports: ports, state: to)
        folded.state = to
        folded.ports = ports
        connections[id] = folded
        var hostLive = live[host.rawValue]
        if to == .closed {
            hostLive.removeAll { $0 == id }
            connections[id]?.timers.removeAll()
        } else if !hostLive.contains(id) {
            hostLive.append(id)
            hostLive.sort()
        }
        live[host.rawValue] = hostLive
        // A connection made by a SYN that met a listener takes the peer's ISN from that SYN.
        if isNew || connections[id]?.irs == nil, let syn = pendingSyn,
           syn.wire.segment.destinationPort == ports.local, syn.wire.segment.sourcePort == ports.remote,
           syn.wire.to == host {
            takeISN(from: syn, into: id)
            pendingSyn = nil
        }
    }
}

// MARK: - Checkpoints

// Segments are only ever appended, and after that only those in flight change; so a checkpoint
// keeps the count, copies of the few in flight and the small per-connection facts.
extension TraceFold {
    struct Checkpoint: Sendable {
        var now: Micros
        var step: Int
        var eventCount: Int
        var lastEvent: TraceEvent?
        var segmentCount: Int
        var inFlight: [FoldedSegment]
        var inFlightIndices: [Int]
        var connections: [ConnectionID: FoldedConnection]
        var live: [[ConnectionID]]
        var listeners: [[UInt16]]
        var pendingSyn: FoldedSegment?
    }

    private func checkpoint() -> Checkpoint {
        Checkpoint(now: now, step: step, eventCount: eventCount, lastEvent: lastEvent, segmentCount: segments.count,
                   inFlight: inFlightIndices.map { segments[$0] }, inFlightIndices: inFlightIndices,
                   connections: connections, live: live, listeners: listeners, pendingSyn: pendingSyn)
    }

    private mutating func restore(_ checkpoint: Checkpoint) {
        for segment in segments[checkpoint.segmentCount...] { segmentIndex[segment.wire.id] = nil }
        segments.removeSubrange(checkpoint.segmentCount...)
        for (index, segment) in zip(checkpoint.inFlightIndices, checkpoint.inFlight) { segments[index] = segment }
        inFlightIndices = checkpoint.inFlightIndices
        connections = checkpoint.connections
        live = checkpoint.live
        listeners = checkpoint.listeners
        pendingSyn = checkpoint.pendingSyn
        now = checkpoint.now
        step = checkpoint.step
        eventCount = checkpoint.eventCount
        lastEvent = checkpoint.lastEvent
    }
}
