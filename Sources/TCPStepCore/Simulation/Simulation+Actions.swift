// Carrying out what the connection state machines ask for: the one `run` switch.

extension Simulation {
    /// Performs a connection's actions in order, then hands the buffer back for reuse.
    /// Returns the delivery outcome they imply (a `.reject` among them, else accepted).
    @discardableResult
    mutating func run(_ actions: [ConnectionAction], slot: Int, _ trace: inout TraceLog) -> DeliveryOutcome {
        var actions = actions
        defer { returnActionBuffer(&actions) }
        guard let (host, id, ports) = table.identity(at: slot) else { return .accepted }
        var outcome = DeliveryOutcome.accepted
        var deleted = false
        var reopen: (Segment, SeqNum)?
        for action in actions {
            switch action {
            case .send(let segment, let isRetransmission):
                transmit(segment, from: host, connection: id, isRetransmission: isRetransmission, &trace)
            case .setTimer(let kind, let deadline, let attempt):
                queue.schedule(.timer(slot: slot, connection: id, kind: kind), at: deadline)
                trace.record(now, .timer(host: host, connection: id, ports: ports, kind: kind, action: .set,
                                         deadline: deadline, attempt: attempt))
            case .cancelTimer(let kind):
                trace.record(now, .timer(host: host, connection: id, ports: ports, kind: kind, action: .cancel,
                                         deadline: now, attempt: 0))
            case .stateChange(let from, let to, let cause):
                recordStateChange(host: host, connection: id, ports: ports, from: from, to: to, cause: cause, slot: slot, &trace)
            case .signal(let signal):
                noteSignal(host, id, signal)
                trace.record(now, .signal(host: host, connection: id, ports: ports, signal: signal))
            case .reject(let reason):
                outcome = .rejected(reason)
            case .delete:
                deleted = true
            case .reopen(let segment, let isn):
                deleted = true
                reopen = (segment, isn)
            case .callFailed(let call, let error):
                trace.record(now, .app(host: host, call: call, result: .failed(error)))
            }
        }
        if deleted { removeConnection(slot: slot) }
        if let (segment, isn) = reopen {
            if hosts[host.rawValue].listeners[segment.destinationPort] != nil {
                listenerArrives(segment, host: host, isn: isn, &trace)
            } else {
                closedPortArrives(segment, host: host, wireID: nil, &trace)
            }
        }
        return outcome
    }

    /// Keeps the per-state counts (and the TIME_WAIT order) in step with every transition.
    mutating func recordStateChange(host: HostID, connection: ConnectionID?, ports: PortPair, from: TCPState, to: TCPState,
                                    cause: TransitionCause, slot: Int?, _ trace: inout TraceLog) {
        // A connection born from a listener "leaves" LISTEN without the listener going away.
        if from != .listen && from != .closed { adjustCount(from, by: -1) }
        if to != .listen && to != .closed { adjustCount(to, by: 1) }
        table.countTransition(host: host, from: from, to: to)
        if to == .timeWait, let slot, let connection {
            hosts[host.rawValue].timeWaitOrder.append((slot, connection))
            compactTimeWaitOrder(of: host)
        }
        trace.record(now, .state(host: host, connection: connection, ports: ports, from: from, to: to, cause: cause))
    }

    /// Forgets a connection whose TCB is gone, and frees its ephemeral port.
    /// Adds a new TCB to the table and to its host; it becomes the host's newest connection.
    mutating func insert(_ connection: Connection) -> Int {
        let slot = table.insert(connection)
        hosts[connection.host.rawValue].connections[connection.ports] = slot
        hosts[connection.host.rawValue].newest = (slot, connection.id)
        return slot
    }

    /// After the newest connection of a host is deleted, the next newest takes its place.
    private mutating func findNewest(of host: HostID) {
        var best: (slot: Int, id: ConnectionID)?
        for slot in hosts[host.rawValue].connections.values {
            guard let id = table.id(at: slot) else { continue }
            if best.map({ id > $0.id }) ?? true { best = (slot, id) }
        }
        hosts[host.rawValue].newest = best
    }

    mutating func removeConnection(slot: Int) {
        guard let connection = table.removalFacts(at: slot) else { return }
        if connection.state != .closed && connection.state != .listen { adjustCount(connection.state, by: -1) }
        table.countTransition(host: connection.host, from: connection.state, to: .closed)
        let index = connection.host.rawValue
        hosts[index].connections[connection.ports] = nil
        if connection.ownsEphemeralPort { hosts[index].ports.release(connection.ports.local) }
        table.remove(slot)
        if hosts[index].newest?.slot == slot { findNewest(of: connection.host) }
    }
}
