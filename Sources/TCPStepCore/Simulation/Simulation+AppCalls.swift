// Application calls: LISTEN, OPEN (connect), SEND, CLOSE, ABORT, and a host crash.

extension Simulation {
    /// Performs an application call on a host now, records it, and returns its result.
    @discardableResult
    public mutating func perform(_ call: AppCall, on host: HostID, _ trace: inout TraceLog) -> AppResult {
        trace.step = stepCount
        let index = trace.events.count
        let result = carryOut(call, on: host, &trace)
        // The call is recorded before its consequences.
        trace.insert(TraceEvent(time: now, step: trace.step, kind: .app(host: host, call: call, result: result)), at: index)
        return result
    }

    private mutating func carryOut(_ call: AppCall, on host: HostID, _ trace: inout TraceLog) -> AppResult {
        switch call {
        case .listen(let port):
            return listen(on: port, host: host, &trace)
        case .connect(let remotePort, let localPort, let isn):
            return connect(from: host, localPort: localPort, to: remotePort, isn: isn, &trace)
        case .send, .read, .close, .abort:
            return onCurrentConnection(call, of: host, &trace)
        case .crash:
            crash(host, &trace)
            return .ok
        }
    }

    /// The connection a host's SEND, CLOSE and ABORT act on: its newest one; with none, its
    /// newest listener.
    public func currentConnection(of host: HostID) -> Connection? {
        hosts[host.rawValue].newest.flatMap { table[$0.slot] }
    }

    /// SEND, CLOSE or ABORT on the host's current connection; CLOSE and ABORT on a host with only
    /// a listener close the listener, and SEND there has no foreign socket to go to.
    private mutating func onCurrentConnection(_ call: AppCall, of host: HostID, _ trace: inout TraceLog) -> AppResult {
        guard let slot = hosts[host.rawValue].newest?.slot else {
            guard let port = listeners(of: host).last else { return .failed(.connectionDoesNotExist) }
            switch call {
            case .send, .read: return .failed(.foreignSocketUnspecified)
            case .listen, .connect, .close, .abort, .crash: break
            }
            return closeListener(port, host: host, &trace)
        }
        return userCall(call, slot: slot, &trace)
    }

    /// SEND, CLOSE or ABORT on the TCB in `slot`, with its actions carried out.
    mutating func userCall(_ call: AppCall, slot: Int, _ trace: inout TraceLog) -> AppResult {
        let config = connectionConfig
        var actions = takeActionBuffer()
        let result: Result<Void, UserCallError>
        switch call {
        case .send(let bytes): result = table.slots[slot]!.send(bytes: bytes, now: now, config: config, &actions)
        case .read(let bytes): result = table.slots[slot]!.read(bytes: bytes, config: config, &actions)
        case .close: result = table.slots[slot]!.close(now: now, config: config, &actions)
        case .abort: result = table.slots[slot]!.abort(config: config, &actions)
        case .listen, .connect, .crash: preconditionFailure("\(call) does not act on one connection")
        }
        run(actions, slot: slot, &trace)
        switch result {
        case .success: return .ok
        case .failure(let error): return .failed(error)
        }
    }

    private mutating func listen(on port: UInt16, host: HostID, _ trace: inout TraceLog) -> AppResult {
        guard hosts[host.rawValue].listeners[port] == nil else { return .failed(.connectionAlreadyExists) }
        hosts[host.rawValue].nextListenerOrder += 1
        hosts[host.rawValue].listeners[port] = hosts[host.rawValue].nextListenerOrder
        adjustCount(.listen, by: 1)
        trace.record(now, .state(host: host, connection: nil, ports: PortPair(local: port, remote: 0), from: .closed,
                                 to: .listen, cause: .passiveOpen))
        return .ok
    }

    private mutating func closeListener(_ port: UInt16, host: HostID, _ trace: inout TraceLog) -> AppResult {
        hosts[host.rawValue].listeners[port] = nil
        adjustCount(.listen, by: -1)
        trace.record(now, .state(host: host, connection: nil, ports: PortPair(local: port, remote: 0), from: .listen,
                                 to: .closed, cause: .userClose))
        return .ok
    }

    private mutating func connect(from host: HostID, localPort: UInt16?, to remotePort: UInt16, isn: UInt32?,
                                  _ trace: inout TraceLog) -> AppResult {
        var ownsPort = false
        var reusedISN: SeqNum?
        let port: UInt16
        if let localPort {
            port = localPort
            hosts[host.rawValue].ports.reserve(localPort)
        } else if let allocated = allocateEphemeralPort(host, &trace) {
            (port, reusedISN) = allocated
            ownsPort = true
        } else {
            noteFailedConnect()
            return .failed(.insufficientResources)
        }
        let ports = PortPair(local: port, remote: remotePort)
        if let slot = hosts[host.rawValue].connections[ports] {
            // The port pair is taken; with tcp_tw_reuse a TIME_WAIT holder may give it up.
            guard let isn = takeOverTimeWait(slot, &trace) else { return .failed(.connectionAlreadyExists) }
            reusedISN = isn
        }
        let iss = isn.map(SeqNum.init) ?? reusedISN ?? hosts[host.rawValue].isn.next(now: now)
        var actions = takeActionBuffer()
        var connection = Connection.activeOpen(id: table.makeID(), host: host, ports: ports, iss: iss, now: now,
                                               config: connectionConfig, &actions)
        connection.ownsEphemeralPort = ownsPort
        let slot = insert(connection)
        run(actions, slot: slot, &trace)
        return .ok
    }

    /// A free ephemeral port; with `tcp_tw_reuse`, the port of the oldest TIME_WAIT connection
    /// that has waited at least 1 s is taken over when none is free (and the ISN it implies).
    private mutating func allocateEphemeralPort(_ host: HostID, _ trace: inout TraceLog) -> (UInt16, SeqNum?)? {
        if let port = hosts[host.rawValue].ports.allocate() { return (port, nil) }
        guard config.profile.timeWaitReuse.appliesBetweenHosts else { return nil }
        while hosts[host.rawValue].timeWaitHead < hosts[host.rawValue].timeWaitOrder.count {
            let (slot, id) = hosts[host.rawValue].timeWaitOrder[hosts[host.rawValue].timeWaitHead]
            guard let connection = table[slot], connection.id == id, connection.state == .timeWait,
                  connection.ownsEphemeralPort else {
                hosts[host.rawValue].timeWaitHead += 1
                continue
            }
            guard let isn = takeOverTimeWait(slot, &trace) else { return nil }
            hosts[host.rawValue].timeWaitHead += 1
            return hosts[host.rawValue].ports.allocate().map { ($0, isn) }
        }
        return nil
    }

    /// Linux `tcp_tw_reuse` (tcp_twsk_unique): a new outgoing connection may take over the port
    /// pair of a TIME_WAIT connection that has waited at least 1 s. The old TCB goes, and the new
    /// ISN is the old SND.NXT + 65535 + 2, above anything the old incarnation used. nil: not allowed.
    private mutating func takeOverTimeWait(_ slot: Int, _ trace: inout TraceLog) -> SeqNum? {
        guard config.profile.timeWaitReuse.appliesBetweenHosts, let connection = table[slot],
              connection.state == .timeWait, let since = connection.timeWaitSince, now - since >= .seconds(1) else { return nil }
        let isn = connection.sndNxt + 65535 + 2
        var actions = takeActionBuffer()
        table.slots[slot]!.close(.timeWaitReused, signal: nil, &actions)
        run(actions, slot: slot, &trace)
        return isn
    }

    /// The host reboots: every connection and listener disappears without a segment (Figure 9).
    private mutating func crash(_ host: HostID, _ trace: inout TraceLog) {
        for connection in connections(of: host) {
            guard let slot = hosts[host.rawValue].connections[connection.ports] else { continue }
            var actions = takeActionBuffer()
            table.slots[slot]!.close(.hostCrashed, signal: nil, &actions)
            run(actions, slot: slot, &trace)
        }
        for port in listeners(of: host) {
            hosts[host.rawValue].listeners[port] = nil
            adjustCount(.listen, by: -1)
            trace.record(now, .state(host: host, connection: nil, ports: PortPair(local: port, remote: 0), from: .listen,
                                     to: .closed, cause: .hostCrashed))
        }
    }
}
