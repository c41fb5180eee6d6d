// Driving many connections at once (the TIME_WAIT pile-up): application calls aimed at one
// connection by id, a clock that can be moved to a chosen instant, and the few settings a
// running workload may change (the remedies). The scripted, two-connection scenarios never
// need these; they act on a host's newest connection (`Simulation+AppCalls.swift`).

extension Simulation {
    /// SEND, CLOSE or ABORT on one given connection of `host`, now. Other calls (LISTEN,
    /// OPEN, crash) do not name a connection and go to `perform(_:on:_:)`.
    /// A connection that is gone (deleted, or of the other host) answers
    /// "connection does not exist", as RFC 9293 §3.10 says for a call without a TCB.
    @discardableResult
    public mutating func perform(_ call: AppCall, on connection: ConnectionID, host: HostID,
                                 _ trace: inout TraceLog) -> AppResult {
        switch call {
        case .send, .read, .close, .abort:
            break
        case .listen, .connect, .crash:
            return perform(call, on: host, &trace)
        }
        trace.step = stepCount
        let index = trace.events.count
        let result = carryOut(call, connection: connection, host: host, &trace)
        // The call is recorded before its consequences, as for the scripted calls.
        trace.insert(TraceEvent(time: now, step: trace.step, kind: .app(host: host, call: call, result: result)), at: index)
        return result
    }

    private mutating func carryOut(_ call: AppCall, connection id: ConnectionID, host: HostID,
                                   _ trace: inout TraceLog) -> AppResult {
        guard let slot = table.slotsByID[id], table.identity(at: slot)?.host == host else {
            return .failed(.connectionDoesNotExist)
        }
        return userCall(call, slot: slot, &trace)
    }

    /// Active OPEN from an ephemeral port of `host` to the peer's `remotePort`, now. Returns the
    /// new connection's id and ports, or nil when connect() failed (no free port:
    /// `failedConnects` counts it).
    public mutating func connect(from host: HostID, to remotePort: UInt16,
                                 _ trace: inout TraceLog) -> (id: ConnectionID, ports: PortPair)? {
        let before = table.nextIDRaw
        let result = perform(.connect(remotePort: remotePort, localPort: nil, isn: nil), on: host, &trace)
        // connect() makes exactly one TCB, and nothing else happens before its SYN leaves.
        let id = ConnectionID(before)
        guard result == .ok, table.nextIDRaw == before + 1, let slot = table.slotsByID[id],
              let ports = table.identity(at: slot)?.ports else { return nil }
        return (id, ports)
    }

    /// Processes the next event if it is due at or before `limit`; returns whether it did.
    /// (A driver's loop calls this instead of reading `nextEventTime` and calling `step`: from
    /// another module a non-mutating call copies the whole simulation, a mutating one does not.)
    public mutating func step(notAfter limit: Micros, _ trace: inout TraceLog) -> Bool {
        while let entry = queue.first, entry.time <= limit {
            if isLive(entry) { return step(&trace) }
            _ = queue.popFirst()  // stale (a cancelled timer, a segment gone): what `step` skips too
        }
        return false
    }

    // MARK: Queries by connection

    /// A live connection's state, or nil when it is gone.
    public func state(of id: ConnectionID) -> TCPState? {
        guard let slot = table.slotsByID[id], let connection = table[slot] else { return nil }
        return connection.state
    }

    /// A live connection's ports, or nil when it is gone.
    public func ports(of id: ConnectionID) -> PortPair? {
        guard let slot = table.slotsByID[id] else { return nil }
        return table.identity(at: slot)?.ports
    }

    /// How many of `host`'s connections are in `state` now (LISTEN and CLOSED are not counted:
    /// a listener is no connection, and a closed connection has no TCB).
    public func stateCount(_ state: TCPState, of host: HostID) -> Int {
        table.hostStateCounts[host.rawValue * TCPState.allCases.count + state.rawValue]
    }

    /// TCBs created so far on both hosts (every one is live or deleted).
    public var connectionsCreated: Int { table.nextIDRaw - 1 }

    /// TCBs deleted so far on both hosts (CLOSED: the count of connections that are no more).
    public var connectionsDeleted: Int { table.removedCount }

    // MARK: Settings a running workload may change

    /// TIME_WAIT length for connections that enter it from now on (nil MSL: the profile's
    /// default). Those already waiting keep their deadline, as a changed sysctl does.
    public mutating func setMSL(_ msl: Micros?) {
        config.msl = msl
    }

    /// A Linux sysctl changed while running (the pile-up's `tcp_tw_reuse` remedy), for what
    /// happens from now on: the profile's setting itself changes, there is no second copy.
    public mutating func setSysctl(_ setting: SysctlSetting) {
        setting.sysctl.apply(setting.value, to: &config.profile)
    }

    /// A new ephemeral port range for both hosts (`net.ipv4.ip_local_port_range`). Ports in use
    /// stay in use; a busy port outside the new range is simply never handed out again.
    public mutating func setEphemeralPorts(_ range: ClosedRange<UInt16>) {
        guard range != config.ephemeralPorts else { return }
        config.ephemeralPorts = range
        for index in hosts.indices {
            let old = hosts[index].ports
            var fresh = PortAllocator(range: range)
            for port in range where old.isBusy(port) { fresh.reserve(port) }
            hosts[index].ports = fresh
        }
    }

    // MARK: Bounded bookkeeping

    /// Drops stale entries (connections that left TIME_WAIT) from a host's TIME_WAIT order once
    /// they outnumber the live ones, so the list stays as long as the TIME_WAIT population
    /// instead of growing with every connection ever closed. Amortized O(1) per entry.
    mutating func compactTimeWaitOrder(of host: HostID) {
        let index = host.rawValue
        let pending = hosts[index].timeWaitOrder.count - hosts[index].timeWaitHead
        guard pending > 1024, pending > 2 * stateCount(.timeWait, of: host) else { return }
        let table = self.table
        let kept = hosts[index].timeWaitOrder[hosts[index].timeWaitHead...].filter { entry in
            guard let connection = table[entry.slot] else { return false }
            return connection.id == entry.id && connection.state == .timeWait
        }
        hosts[index].timeWaitOrder = Array(kept)
        hosts[index].timeWaitHead = 0
    }
}
