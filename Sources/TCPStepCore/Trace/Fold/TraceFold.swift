/// The one reading of a trace that everything on screen shares: per connection incarnation its
/// ISNs, state and armed timers; every segment with its fate and the numbers it is shown with;
/// what each host panel shows. The diagram, the narration and the header all read it, whether
/// the trace comes from a live simulation or from a recording.
///
/// Incremental: `apply` takes one event; `update(with:)` brings it up to a trace that extends
/// (stepping forward) or cuts back (stepping back) what it has read, the latter from the newest
/// checkpoint the trace still extends, so a step back replays at most `FoldProgress.checkpointInterval` events.
///
/// Numbering (the rule the README's screen guide states): a segment sent by a connection is
/// numbered from that connection's ISN (SEQ) and from the peer ISN it accepted (ACK). A segment
/// that belongs to no incarnation seen to open (injected, sent by a connection that is no longer
/// its host's current one on those ports, a RST from a closed port, the RST answering a stale
/// SYN,ACK, any number before its ISN) keeps its absolute number, marked.
public struct TraceFold: TraceFolding, Sendable {
    public private(set) var now: Micros = 0
    public private(set) var step = 0
    public var progress = FoldProgress<Snapshot>()

    /// Every segment sent, in order; ids → index.
    private var segments: [FoldedSegment] = []
    private var segmentIndex: [SegmentID: Int] = [:]
    /// Indices into `segments` of those still in flight, oldest first.
    private var inFlightIndices: [Int] = []
    /// Connections, listeners: small, and copied whole by a snapshot.
    public private(set) var sockets = SocketFacts()
    /// The SYN most recently accepted without a connection named (it met a listener): the
    /// connection that its state change creates takes its ISN from it.
    private var pendingSyn: FoldedSegment?

    public init() {}

    /// The fold of `events`.
    public init(events: some Sequence<TraceEvent>) {
        for event in events { read(event) }
    }

    public mutating func reset() { self = TraceFold() }

    // MARK: - Reading

    public func segment(_ id: SegmentID) -> FoldedSegment? { segmentIndex[id].map { segments[$0] } }
    public func wire(_ id: SegmentID) -> WireSegment? { segment(id)?.wire }
    public func numbers(of id: SegmentID) -> SegmentNumbers? { segment(id)?.numbers }
    public func isStale(_ id: SegmentID) -> Bool { segment(id)?.isStale ?? false }

    /// Segments on the wire now, oldest first.
    public var inFlight: [WireSegment] { inFlightIndices.map { segments[$0].wire } }

    public func connection(_ id: ConnectionID) -> FoldedConnection? { sockets.connections[id] }
    public func state(of id: ConnectionID) -> TCPState? { sockets.connections[id]?.state }
    public func currentConnection(of host: HostID) -> FoldedConnection? { sockets.currentConnection(of: host) }
    public func listens(_ host: HostID, on port: UInt16) -> Bool { sockets.listens(host, on: port) }
    public func hostFacts(_ host: HostID) -> HostFacts { sockets.hostFacts(host) }

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
                if !sockets.listeners[host.rawValue].contains(ports.local) { sockets.listeners[host.rawValue].append(ports.local) }
            } else {
                sockets.listeners[host.rawValue].removeAll { $0 == ports.local }
            }
        case .timer(let host, let connection, let ports, let kind, let action, let deadline, let attempt):
            var folded = sockets.connections[connection] ?? FoldedConnection(id: connection, host: host, ports: ports, state: .closed)
            folded.timers.removeAll { $0.kind == kind }
            if action == .set {
                folded.timers.append(ArmedTimer(kind: kind, deadline: deadline, attempt: attempt, armedAt: event.time))
            }
            sockets.connections[connection] = folded
        case .app(let host, let call, _):
            // A crash forgets the listeners silently (its connections report CLOSED themselves).
            if call == .crash { sockets.listeners[host.rawValue].removeAll() }
        case .signal:
            break
        }
    }

    // MARK: - Segments

    private mutating func depart(_ wire: WireSegment, numbers: SegmentNumbers, stale: Bool) {
        if wire.origin == .host, wire.segment.flags.contains(.syn), let id = sender(of: wire),
           sockets.connections[id]?.iss == nil {
            sockets.connections[id]?.iss = wire.segment.seq
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
        // Segments mostly end in the order they left: the search is short.
        if let position = inFlightIndices.firstIndex(of: index) { inFlightIndices.remove(at: position) }
    }

    /// The connection that sent `wire`: the one it names, or for a trace that names none (a
    /// capture) the sender's live connection on those ports. Nil for an injected segment.
    private func sender(of wire: WireSegment) -> ConnectionID? {
        if wire.origin == .injected { return nil }
        if let id = wire.connection { return id }
        let ports = PortPair(local: wire.segment.sourcePort, remote: wire.segment.destinationPort)
        return sockets.live[wire.from.rawValue].last { sockets.connections[$0]?.ports == ports }
    }

    /// Injected, or from a connection that is not (or no longer) its host's current one on those
    /// ports: an old duplicate from an earlier incarnation.
    private func isStaleSender(_ wire: WireSegment) -> Bool {
        if wire.origin == .injected { return true }
        guard let id = wire.connection else { return false }
        let ports = PortPair(local: wire.segment.sourcePort, remote: wire.segment.destinationPort)
        let current = sockets.live[wire.from.rawValue].last { sockets.connections[$0]?.ports == ports }
        return current != id
    }

    private func numbers(for wire: WireSegment) -> SegmentNumbers {
        let segment = wire.segment
        let sender = isStaleSender(wire) ? nil : self.sender(of: wire).flatMap { sockets.connections[$0] }
        return SegmentNumbers(segment, seqBase: sender?.iss, ackBase: sender?.irs)
    }

    /// A connection learns its peer's ISN from a genuine SYN only.
    private mutating func takeISN(from syn: FoldedSegment, into id: ConnectionID) {
        guard !syn.isStale, sockets.connections[id]?.irs == nil else { return }
        sockets.connections[id]?.irs = syn.wire.segment.seq
    }

    // MARK: - Connections

    private mutating func changeState(_ id: ConnectionID, host: HostID, ports: PortPair, to: TCPState) {
        let isNew = sockets.connections[id] == nil
        var folded = sockets.connections[id] ?? FoldedConnection(id: id, host: host, ports: ports, state: to)
        folded.state = to
        folded.ports = ports
        sockets.connections[id] = folded
        var hostLive = sockets.live[host.rawValue]
        if to == .closed {
            hostLive.removeAll { $0 == id }
            sockets.connections[id]?.timers.removeAll()
        } else if !hostLive.contains(id) {
            hostLive.append(id)
            hostLive.sort()
        }
        sockets.live[host.rawValue] = hostLive
        // A connection made by a SYN that met a listener takes the peer's ISN from that SYN.
        if isNew || sockets.connections[id]?.irs == nil, let syn = pendingSyn,
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
    public struct Snapshot: Sendable {
        var now: Micros
        var step: Int
        var segmentCount: Int
        var inFlight: [FoldedSegment]
        var inFlightIndices: [Int]
        var sockets: SocketFacts
        var pendingSyn: FoldedSegment?
    }

    public func snapshot() -> Snapshot {
        Snapshot(now: now, step: step, segmentCount: segments.count,
                   inFlight: inFlightIndices.map { segments[$0] }, inFlightIndices: inFlightIndices,
                   sockets: sockets, pendingSyn: pendingSyn)
    }

    public mutating func restore(_ checkpoint: Snapshot) {
        for segment in segments[checkpoint.segmentCount...] { segmentIndex[segment.wire.id] = nil }
        segments.removeSubrange(checkpoint.segmentCount...)
        for (index, segment) in zip(checkpoint.inFlightIndices, checkpoint.inFlight) { segments[index] = segment }
        inFlightIndices = checkpoint.inFlightIndices
        sockets = checkpoint.sockets
        pendingSyn = checkpoint.pendingSyn
        now = checkpoint.now
        step = checkpoint.step
    }
}

/// Each host's connections and listeners as the trace has told them so far.
public struct SocketFacts: Hashable, Sendable {
    /// Connections by id (closed ones too: a late segment may still name them).
    public internal(set) var connections: [ConnectionID: FoldedConnection] = [:]
    /// Each host's live connections (not CLOSED), by id order (newest last).
    var live: [[ConnectionID]] = [[], []]
    /// Each host's listening ports in the order they were opened.
    var listeners: [[UInt16]] = [[], []]

    public init() {}

    public func state(of id: ConnectionID) -> TCPState? { connections[id]?.state }

    /// The connection a host's user calls act on: its newest live one.
    public func currentConnection(of host: HostID) -> FoldedConnection? {
        live[host.rawValue].last.flatMap { connections[$0] }
    }

    public func listens(_ host: HostID, on port: UInt16) -> Bool { listeners[host.rawValue].contains(port) }

    /// When a connection's timer was last armed, if it is armed.
    public func armedAt(_ id: ConnectionID, _ kind: TimerKind) -> Micros? { connections[id]?.timer(kind)?.armedAt }

    /// What `host`'s panel shows: its current connection, else its newest listener, else CLOSED.
    public func hostFacts(_ host: HostID) -> HostFacts {
        if let connection = currentConnection(of: host) {
            return HostFacts(host: host, port: connection.ports.local, state: connection.state, connection: connection.id,
                             timers: connection.timers.sorted { $0.kind.rawValue < $1.kind.rawValue })
        }
        let listener = listeners[host.rawValue].last
        return HostFacts(host: host, port: listener, state: listener == nil ? .closed : .listen, connection: nil, timers: [])
    }
}
