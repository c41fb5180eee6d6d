import TCPStepCore

/// The TIME_WAIT pile-up: a web server (the client host) that opens a new connection to its
/// database (the server host) for every request, driven through the same core as the lectures'
/// scenarios: every request is a real handshake, request, response and close on its own 4-tuple.
///
/// One request, when no remedy is on:
///
///     arrival ─ client connect() ─ SYN / SYN,ACK / ACK ─ client sends the request
///     ─ server answers after `serviceTime` ─ client closes (FIN_WAIT_1 … TIME_WAIT, holding
///     its ephemeral port) ─ server closes on the FIN (CLOSE_WAIT → LAST_ACK → CLOSED)
///
/// A value: copy it to keep a snapshot; mutate it between steps (remedies included).
/// `run(until:)` advances virtual time; every whole second a `PileupSample` is taken.
public struct Pileup: Sendable {
    public let config: PileupConfig
    public private(set) var simulation: Simulation
    public private(set) var remedies: Set<Remedy>
    /// Samples of the last hour (bounded).
    public private(set) var history = SampleHistory(capacity: 3_600)
    private var trace = TraceLog(recording: false)

    // Request arrivals: number n arrives at arrivalEpoch + n / rate.
    private var arrivalEpoch: Micros = 0
    private var arrivalIndex: Int64 = 0
    /// Requests the rate limiter holds back (their arrival times), and when the next may start.
    private var backlog = FIFOQueue<Micros>()
    private var nextDispatchAllowed: Micros = 0
    /// The keep-alive pool, and the requests waiting for one of its connections.
    private var pool: [PoolEntry] = []
    private var poolWaiting = 0
    /// Responses the database will send: (when, on which of its connections), in time order
    /// (the service time is the same for all, so a FIFO is a priority queue here).
    private var responses = FIFOQueue<(time: Micros, connection: ConnectionID)>()
    /// How each client connection ends, by its local port (a live client connection owns its port).
    private var closeModeByPort = [CloseMode](repeating: .clientCloses, count: 65_536)
    /// The same by connection id, for recent connections (`raw % count`, checked against the id):
    /// the client reads it when the response arrives, without asking the core for the ports.
    private var closeModeByRecentID = [(raw: Int, mode: CloseMode)](repeating: (0, .clientCloses), count: 1 << 16)
    private var nextSampleS = 1

    /// Requests that arrived, that got their response, that were turned away (queue full), and
    /// that failed (no port, or the connection was reset before the response).
    public private(set) var requests = 0
    public private(set) var requestsCompleted = 0
    public private(set) var requestsShed = 0
    public private(set) var requestsFailed = 0

    public init(config: PileupConfig = PileupConfig()) {
        self.config = config
        remedies = config.remedies
        simulation = Simulation(config: config.simulationConfig(remedies: config.remedies))
        simulation.perform(.listen(port: config.serverPort), on: .server, &trace)
    }

    /// The same run from the start, with the remedies that are on now.
    public func restarted() -> Pileup {
        var fresh = config
        fresh.remedies = remedies
        return Pileup(config: fresh)
    }

    /// Virtual time now.
    public var now: Micros { simulation.now }
    public var latest: PileupSample? { history.last }
    public var requestsWaiting: Int { backlog.count + poolWaiting }
    /// How long the oldest request the rate limiter holds back has waited.
    public var oldestWait: Micros { backlog.first.map { now - $0 } ?? 0 }
}

// MARK: - Running

extension Pileup {
    /// Advances virtual time to `end`, taking a sample at every whole second on the way
    /// (after everything that happens at that instant) and handing it to `onSample`.
    public mutating func run(until end: Micros, onSample: (PileupSample) -> Void = { _ in }) {
        while true {
            let driverNext = nextDriverTime
            let sampleTime = Micros.seconds(Int64(nextSampleS))
            // The simulation's events first, up to the next thing the driver does (ties included).
            if simulation.step(notAfter: min(driverNext, sampleTime, end), &trace) {
                handleSignals()
                continue
            }
            if driverNext <= sampleTime && driverNext <= end {
                simulation.advanceClock(until: driverNext)
                runDriverEvent()
            } else if sampleTime <= end {
                simulation.advanceClock(until: sampleTime)
                let sample = currentSample(timeS: nextSampleS)
                history.append(sample)
                nextSampleS += 1
                onSample(sample)
            } else {
                simulation.advanceClock(until: end)
                return
            }
        }
    }

    /// Advances virtual time by `duration` (one frame of the live view).
    public mutating func advance(by duration: Micros, onSample: (PileupSample) -> Void = { _ in }) {
        run(until: now.adding(max(0, duration)), onSample: onSample)
    }

    private var nextArrivalTime: Micros {
        // Whole seconds and the remainder apart, so the product never outgrows Int64.
        let rate = Int64(max(1, config.requestsPerSecond))
        return arrivalEpoch.adding((arrivalIndex / rate).times(1_000_000)).adding((arrivalIndex % rate) * 1_000_000 / rate)
    }

    private var nextDrainTime: Micros {
        backlog.isEmpty ? .max : max(nextDispatchAllowed, now)
    }

    private var nextDriverTime: Micros {
        min(responses.first?.time ?? .max, nextDrainTime, nextArrivalTime)
    }

    /// The earliest of: a response due, a held-back request allowed to start, a new arrival.
    private mutating func runDriverEvent() {
        if let response = responses.first, response.time <= now {
            responses.removeFirst()
            respond(on: response.connection)
        } else if nextDrainTime <= now, backlog.removeFirst() != nil {
            nextDispatchAllowed = now + limitInterval
            dispatch()
        } else {
            arrivalIndex += 1
            arrive()
        }
    }
}

// MARK: - The web server (client host)

extension Pileup {
    private var limitInterval: Micros { .seconds(1) / Micros(max(1, config.rateLimitPerSecond)) }

    /// A request arrives: start it, or let the rate limiter hold it back.
    private mutating func arrive() {
        requests += 1
        guard remedies.contains(.rateLimit) else { return dispatch() }
        if backlog.isEmpty && now >= nextDispatchAllowed {
            nextDispatchAllowed = now + limitInterval
            dispatch()
        } else if backlog.count + poolWaiting < config.backlogLimit {
            backlog.append(now)
        } else {
            requestsShed += 1
        }
    }

    /// A request starts: on a pooled connection, or on a connection of its own.
    private mutating func dispatch() {
        if remedies.contains(.keepAlive) { return dispatchToPool() }
        _ = open(remedies.contains(.serverClosesFirst) ? .serverCloses : .clientCloses)
    }

    /// connect(); the request follows once the connection is ESTABLISHED.
    private mutating func open(_ mode: CloseMode) -> ConnectionID? {
        guard let (id, ports) = simulation.connect(from: .client, to: config.serverPort, &trace) else {
            requestsFailed += 1  // no ephemeral port: the error a web server logs as EADDRNOTAVAIL
            return nil
        }
        closeModeByPort[Int(ports.local)] = mode
        closeModeByRecentID[id.raw & (closeModeByRecentID.count - 1)] = (id.raw, mode)
        return id
    }

    private mutating func dispatchToPool() {
        if let index = pool.firstIndex(where: { !$0.busy && $0.established }) {
            pool[index].busy = true
            sendRequest(on: pool[index].id)
        } else if pool.count < config.poolSize {
            guard let id = open(.pooled) else { return }
            pool.append(PoolEntry(id: id, busy: true, established: false))
        } else if backlog.count + poolWaiting < config.backlogLimit {
            poolWaiting += 1  // head-of-line: wait for a pooled connection to come free
        } else {
            requestsShed += 1
        }
    }

    private func closeMode(of id: ConnectionID) -> CloseMode? {
        let recent = closeModeByRecentID[id.raw & (closeModeByRecentID.count - 1)]
        if recent.raw == id.raw { return recent.mode }
        return simulation.ports(of: id).map { closeModeByPort[Int($0.local)] }
    }

    private mutating func sendRequest(on id: ConnectionID) {
        simulation.perform(.send(bytes: config.requestBytes), on: id, host: .client, &trace)
    }

    private mutating func close(_ id: ConnectionID, host: HostID) {
        simulation.perform(.close, on: id, host: host, &trace)
    }

    /// What the applications do when TCP tells them something.
    private mutating func handleSignals() {
        var index = 0
        // Calls made here may add signals of their own; those are handled in turn.
        while index < simulation.lastSignals.count {
            let (host, id, signal) = simulation.lastSignals[index]
            index += 1
            switch host {
            case .client: clientSignal(signal, on: id)
            case .server: serverSignal(signal, on: id)
            }
        }
    }

    private mutating func clientSignal(_ signal: UserSignal, on id: ConnectionID) {
        let poolIndex = pool.isEmpty ? nil : pool.firstIndex { $0.id == id }
        switch signal {
        case .established:
            if let poolIndex { pool[poolIndex].established = true }
            sendRequest(on: id)
        case .dataDelivered:
            requestsCompleted += 1
            if let poolIndex { return pooledResponseArrived(poolIndex) }
            // With server-closes-first the client waits for the database's FIN instead.
            if closeMode(of: id) == .clientCloses { close(id, host: .client) }
        case .connectionClosing:
            if let poolIndex { pool.remove(at: poolIndex) }
            close(id, host: .client)
        case .connectionReset, .connectionRefused, .connectionAborted:
            if let poolIndex {
                if pool[poolIndex].busy { requestsFailed += 1 }
                pool.remove(at: poolIndex)
            } else {
                requestsFailed += 1
            }
        case .closed:
            if let poolIndex { pool.remove(at: poolIndex) }
        }
    }

    /// A pooled connection got its response: it takes the next waiting request, or idles; with
    /// keep-alive switched off meanwhile, it is closed now that it is free.
    private mutating func pooledResponseArrived(_ index: Int) {
        let id = pool[index].id
        if !remedies.contains(.keepAlive) {
            pool.remove(at: index)
            close(id, host: .client)
        } else if poolWaiting > 0 {
            poolWaiting -= 1
            sendRequest(on: id)
        } else {
            pool[index].busy = false
        }
    }
}

// MARK: - The database (server host)

extension Pileup {
    private mutating func serverSignal(_ signal: UserSignal, on id: ConnectionID) {
        switch signal {
        case .dataDelivered:
            if config.serviceTime == 0 { return respond(on: id) }
            responses.append((now.adding(config.serviceTime), id))
        case .connectionClosing:
            close(id, host: .server)  // the client closed: the database closes its end too
        case .established, .connectionReset, .connectionRefused, .connectionAborted, .closed:
            break
        }
    }

    /// The database answers; with server-closes-first it closes right after the answer.
    private mutating func respond(on id: ConnectionID) {
        guard let ports = simulation.ports(of: id) else { return }
        simulation.perform(.send(bytes: config.responseBytes), on: id, host: .server, &trace)
        if closeModeByPort[Int(ports.remote)] == .serverCloses { close(id, host: .server) }
    }
}

// MARK: - Remedies

extension Pileup {
    public func isOn(_ remedy: Remedy) -> Bool { remedies.contains(remedy) }

    public mutating func toggle(_ remedy: Remedy) { set(remedy, on: !isOn(remedy)) }

    /// Switches a remedy on or off, now. Connections already open keep the way they started;
    /// the change applies to what happens next.
    public mutating func set(_ remedy: Remedy, on: Bool) {
        guard on != isOn(remedy) else { return }
        if on { remedies.insert(remedy) } else { remedies.remove(remedy) }
        switch remedy {
        case .rateLimit:
            if on {
                nextDispatchAllowed = now
            } else {
                // The held-back requests all start at once.
                while backlog.removeFirst() != nil { dispatch() }
            }
        case .widenPorts:
            simulation.setEphemeralPorts(on ? config.widePorts : config.ephemeralPorts)
        case .shortMSL:
            simulation.setMSL(on ? config.shortMSL : config.msl)
        case .keepAlive:
            if !on { dissolvePool() }
        case .serverClosesFirst:
            break
        case .twReuse:
            let base = SysctlSetting(.tcpTwReuse, config.baseProfile.timeWaitReuse.rawValue)
            simulation.setSysctl(on ? Remedy.twReuseSysctl : base)
        }
    }

    /// Keep-alive switched off: idle pooled connections close now, busy ones after their
    /// response, and the requests that waited for the pool get connections of their own.
    private mutating func dissolvePool() {
        for entry in pool where !entry.busy { close(entry.id, host: .client) }
        pool.removeAll { !$0.busy }
        let waiting = poolWaiting
        poolWaiting = 0
        for _ in 0..<waiting { dispatch() }
    }

    /// New connections a second the client opens now, by the remedies' rules: none once the
    /// pool is warm, at most the cap with the rate limit.
    public var connectRate: Int {
        if isOn(.keepAlive) { return 0 }
        return isOn(.rateLimit) ? min(config.requestsPerSecond, config.rateLimitPerSecond) : config.requestsPerSecond
    }

    /// Theory's steady state for the TIME_WAIT population: new connections a second × TIME_WAIT.
    public var predictedTimeWait: Int {
        // In milliseconds first: 2 × 100 years × 1,000,000 requests a second still fits in Int64.
        Int((simulation.config.timeWaitDuration / 1_000).times(Int64(connectRate)) / 1_000)
    }

    /// The state of things now, as a sample stamped `timeS`.
    public func currentSample(timeS: Int) -> PileupSample {
        var states = simulation.stateCounts
        states[TCPState.closed.rawValue] = simulation.connectionsDeleted
        let byHost = HostID.allCases.map { host in
            TCPState.allCases.map { simulation.stateCount($0, of: host) }
        }
        return PileupSample(
            timeS: timeS, states: states, statesByHost: byHost,
            freePorts: simulation.freeEphemeralPorts(of: .client),
            portRangeCount: simulation.config.ephemeralPorts.count,
            failedConnects: simulation.failedConnects,
            connectionsOpened: simulation.connectionsCreated, connectionsClosed: simulation.connectionsDeleted,
            requests: requests, requestsCompleted: requestsCompleted, requestsWaiting: requestsWaiting,
            requestsShed: requestsShed, oldestWait: oldestWait, requestRate: config.requestsPerSecond, connectRate: connectRate,
            timeWait: simulation.config.timeWaitDuration, predictedTimeWait: predictedTimeWait,
            remedies: remedies)
    }
}

// MARK: - Bookkeeping types

/// How a client connection ends.
private enum CloseMode: UInt8, Sendable {
    /// The web server closes after the response: TIME_WAIT on the web server (the pile-up).
    case clientCloses
    /// The database closes after answering: TIME_WAIT on the database.
    case serverCloses
    /// Kept open in the pool for the next request.
    case pooled
}

/// One connection of the keep-alive pool.
private struct PoolEntry: Hashable, Sendable {
    var id: ConnectionID
    /// A request is on it, waiting for the response.
    var busy: Bool
    var established: Bool
}
