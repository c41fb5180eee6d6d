// Putting segments on the wire, and the faults that can befall them there: scripted at send
// time, drawn from the seed, or applied by the user to a segment in flight.

extension Simulation {
    /// A host sends a segment: it goes in flight, and scripted or random faults may pick it.
    mutating func transmit(_ segment: Segment, from host: HostID, connection: ConnectionID?, isRetransmission: Bool,
                           _ trace: inout TraceLog) {
        let direction = host.outboundDirection
        let wire = WireSegment(id: network.makeID(), from: host, segment: segment, sentAt: now,
                               arrivesAt: now + network.transitTime(direction), isRetransmission: isRetransmission,
                               origin: .host, connection: connection, lostAt: nil)
        trace.record(now, .send(wire))
        launch(wire, &trace)
        for fault in network.scriptedFaults(for: segment, direction: direction) {
            apply(fault, to: wire.id, cause: .script, &trace)
        }
        for fault in network.randomFaults(now: now, using: &rng) {
            apply(fault, to: wire.id, cause: .random, &trace)
        }
    }

    /// A stale segment put on the wire from the keyboard, as the scenario's `inject` does.
    public mutating func injectStale(_ segment: Segment, direction: Direction, _ trace: inout TraceLog) {
        inject(segment, direction: direction, &trace)
    }

    /// A stale segment appears on the wire (scenario `inject`).
    mutating func inject(_ segment: Segment, direction: Direction, _ trace: inout TraceLog) {
        let wire = WireSegment(id: network.makeID(), from: direction.sender, segment: segment, sentAt: now,
                               arrivesAt: now + network.transitTime(direction), isRetransmission: false,
                               origin: .injected, connection: nil, lostAt: nil)
        trace.record(now, .inject(wire))
        launch(wire, &trace)
    }

    private mutating func launch(_ wire: WireSegment, _ trace: inout TraceLog) {
        network.put(wire)
        queue.schedule(.arrival(wire.id), at: wire.arrivesAt)
    }

    /// Applies one fault to a segment still in flight. Returns false if it is no longer there.
    @discardableResult
    mutating func apply(_ fault: FaultRule.Fault, to id: SegmentID, cause: FaultCause, _ trace: inout TraceLog) -> Bool {
        guard var wire = network[id], wire.lostAt == nil else { return false }
        trace.step = stepCount
        switch fault {
        case .drop:
            if cause == .user {
                // Dropped by hand: it is lost right now, where it is.
                _ = network.take(id)
                trace.record(now, .drop(id, cause: cause))
            } else {
                // Decided at send time: it travels halfway, then vanishes.
                let lostAt = wire.sentAt + (wire.arrivesAt - wire.sentAt) / 2
                wire.lostAt = lostAt
                network[id] = wire
                lossCauses[id] = cause
                queue.schedule(.loss(id), at: lostAt)
            }
        case .delay(let extra):
            wire.arrivesAt += extra
            network[id] = wire
            queue.schedule(.arrival(id), at: wire.arrivesAt)
            trace.record(now, .delay(id, by: extra, arrivesAt: wire.arrivesAt, cause: cause))
        case .duplicate:
            let copy = WireSegment(id: network.makeID(), from: wire.from, segment: wire.segment, sentAt: wire.sentAt,
                                   arrivesAt: max(wire.arrivesAt, now), isRetransmission: wire.isRetransmission,
                                   origin: .duplicate(of: id), connection: wire.connection, lostAt: nil)
            trace.record(now, .duplicate(id, copy: copy, cause: cause))
            launch(copy, &trace)
        }
        return true
    }

    // MARK: Interventions from the keyboard

    /// The user drops a segment in flight.
    public mutating func drop(_ id: SegmentID, _ trace: inout TraceLog) -> Bool {
        apply(.drop, to: id, cause: .user, &trace)
    }

    /// The user holds a segment back by `extra` (it may now arrive after later ones).
    public mutating func delay(_ id: SegmentID, by extra: Micros, _ trace: inout TraceLog) -> Bool {
        apply(.delay(extra), to: id, cause: .user, &trace)
    }

    /// The user makes the network deliver a segment twice.
    public mutating func duplicate(_ id: SegmentID, _ trace: inout TraceLog) -> Bool {
        apply(.duplicate, to: id, cause: .user, &trace)
    }
}
