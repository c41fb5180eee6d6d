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
    /// Who sends each request, and the rate limit's blacklist of addresses.
    private var sources: RequestSources
    private var blacklist: IPBlacklist
    /// The keep-alive pool, and the requests waiting for one of its connections (arrival times).
    private var pool: [PoolEntry] = []
    private var poolWaiting = FIFOQueue<Micros>()
    /// Responses the database will send: (when, on which of its connections), in time order
    /// (the service time is the same for all, so a FIFO is a priority queue here).
    private var responses = FIFOQueue<(time: Micros, connection: ConnectionID)>()
    /// How each client connection ends, by its local port (a live client connection owns its port).
    private var closeModeByPort = [CloseMode](repeating: .clientCloses, count: 65_536)
    /// The same by connection id, for recent connections (`raw % count`, checked against the id):
    /// the client reads it when the response arrives, without asking the core for the ports.
    private var closeModeByRecentID = [(raw: Int, mode: CloseMode)](repeating: (0, .clientCloses), count: 1 << 16)
    private var nextSampleS = 1

    /// Requests that arrived, that got their response, and that failed (no port, or the
    /// connection was reset before the response).
    public private(set) var requests = 0
    public private(set) var requestsCompleted = 0
    public private(set) var requestsFailed = 0
    /// Requests turned away for a full pool queue (the blacklist's are `blacklistShed`).
    private var poolShed = 0

    public init(config: PileupConfig = PileupConfig()) {
        self.config = config
        remedies = config.remedies
        sources = RequestSources(config: config)
        blacklist = IPBlacklist(limit: config.perIPLimit, banTime: config.blacklistTime,
                                crawlerIPs: config.crawlerIPs, clientIPs: config.clientIPs)
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
    public var requestsWaiting: Int { poolWaiting.count }
    /// How long the oldest request waiting for a pooled connection has waited.
    public var oldestWait: Micros { poolWaiting.first.map { now - $0 } ?? 0 }
    /// Requests turned away (503): a full pool queue, or a blacklisted address.
    public var requestsShed: Int { poolShed + blacklist.shed }
    /// Requests turned away because their address was blacklisted.
    public var blacklistShed: Int { blacklist.shed }
    /// Addresses blacklisted now, and of them the crawler's.
    public var blacklistedIPs: Int { blacklist.blacklisted }
    public var blacklistedCrawlerIPs: Int { blacklist.bannedCrawlerIPs }
    /// Bans so far, and bans that ran out (the address released).
    public var blacklistings: Int { blacklist.blacklistings }
    public var releases: Int { blacklist.releases }
    /// When the next ban runs out, if any address is blacklisted.
    public var nextRelease: Micros? { blacklist.nextRelease }
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

    private var nextDriverTime: Micros {
        min(responses.first?.time ?? .max, blacklist.nextRelease ?? .max, nextArrivalTime)
    }

    /// The earliest of: a response due, a ban running out, a new arrival (in that order at
    /// one instant, so a request arriving as its address is released is served).
    private mutating func runDriverEvent() {
        if let response = responses.first, response.time <= now {
            responses.removeFirst()
            respond(on: response.connection)
        } else if let release = blacklist.nextRelease, release <= now {
            blacklist.releaseDue(at: now)
        } else {
            arrivalIndex += 1
            arrive()
        }
    }
}

// MARK: - The web server (client host)

extension Pileup {
    /// A request arrives: start it, unless the rate limit turns its address away.
    private mutating func arrive() {
        let address = sources.address(ofRequest: requests)
        requests += 1
        guard remedies.contains(.rateLimit) else { return dispatch() }
        if blacklist.admit(address, at: now) { dispatch() }
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
        } else if poolWaiting.count < config.backlogLimit {
            poolWaiting.append(now)  // head-of-line: wait for a pooled connection to come free
        } else {
            poolShed += 1
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
        } else if poolWaiting.removeFirst() != nil {
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
            if !on { blacklist.liftAll() }  // the firewall rules go; counting starts afresh
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
        let waiting = poolWaiting.count
        poolWaiting = FIFOQueue()
        for _ in 0..<waiting { dispatch() }
    }

    /// New connections a second the client opens now, by the remedies' rules: none once the
    /// pool is warm; with the rate limit, only the requests of addresses not blacklisted (an
    /// address over the limit is blacklisted within its first second).
    public var connectRate: Int {
        if isOn(.keepAlive) { return 0 }
        guard isOn(.rateLimit) else { return config.requestsPerSecond }
        let limit = Double(config.perIPLimit)
        func allowed(_ perIP: Double, addresses: Int, banned: Int) -> Double {
            perIP > limit ? 0 : perIP * Double(addresses - banned)
        }
        return Int((allowed(sources.perCrawlerIP, addresses: config.crawlerIPs, banned: blacklist.bannedCrawlerIPs)
            + allowed(sources.perClientIP, addresses: config.clientIPs, banned: blacklist.bannedClientIPs)).rounded())
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
            requestsShed: requestsShed, blacklistShed: blacklistShed, blacklistedIPs: blacklistedIPs,
            blacklistings: blacklistings, releases: releases, oldestWait: oldestWait, requestRate: config.requestsPerSecond, connectRate: connectRate,
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
