/// The whole world: two hosts, their connections, the network between them, a virtual clock and
/// the queue of what happens next. A value: copying it is a snapshot (stepping back uses that).
///
/// `step` pops the next event (an arrival, a timer expiry, a scripted command), lets the
/// connection state machines react, carries out the actions they return, and records it all.
public struct Simulation: Sendable {
    public internal(set) var config: SimulationConfig {
        didSet { connectionConfig = config.connectionConfig }
    }
    /// What every connection call is given, derived from `config` once (not on every segment).
    private(set) var connectionConfig: ConnectionConfig
    public private(set) var now: Micros = 0
    /// Steps taken so far.
    public private(set) var stepCount = 0
    var hosts: [Host]
    var table = ConnectionTable()
    var network: Network
    var queue = EventQueue()
    var rng: SplitMix64
    let script: Script
    /// How many connections are in each state right now (LISTEN counts listeners).
    public private(set) var stateCounts = Array(repeating: 0, count: TCPState.allCases.count)
    /// Segments delivered to a host so far (lost ones never are).
    public internal(set) var deliveryCount = 0
    /// connect() calls refused for want of an ephemeral port.
    public private(set) var failedConnects = 0
    /// What the applications were told during the last step (the pile-up driver reacts to these).
    public private(set) var lastSignals: [(host: HostID, connection: ConnectionID, signal: UserSignal)] = []
    var actionBuffer: [ConnectionAction] = []

    public init(config: SimulationConfig, script: Script = Script()) {
        self.config = config
        connectionConfig = config.connectionConfig
        self.script = script
        var rng = SplitMix64(seed: config.seed)
        hosts = HostID.allCases.map { id in
            let base = config.isn[id.rawValue] ?? UInt32(truncatingIfNeeded: rng.next())
            return Host(id: id, ports: config.ephemeralPorts, isn: ISNGenerator(base: base))
        }
        self.rng = rng
        network = Network(latency: config.latency, rules: script.faultRules, random: config.randomFaults)
        for (index, command) in script.commands.enumerated() {
            queue.schedule(.command(index: index), at: command.time)
        }
    }

    /// The time of the next event, if any.
    public var nextEventTime: Micros? { queue.first?.time }
    public var isQuiet: Bool { queue.isEmpty }

    /// Advances to the next event and processes it. Returns false when nothing is left to happen.
    @discardableResult
    public mutating func step(_ trace: inout TraceLog) -> Bool {
        if !lastSignals.isEmpty { lastSignals.removeAll(keepingCapacity: true) }
        if queue.isDueForPurge { purgeStaleEvents() }
        while let entry = queue.popFirst() {
            guard isLive(entry) else { continue }
            now = entry.time
            stepCount += 1
            trace.step = stepCount
            process(entry.event, &trace)
            return true
        }
        return false
    }

    /// Moves the clock forward to `time` without an event, so that a driver can act at an exact
    /// instant between events. Never past the next pending event (that would skip it) and never back.
    public mutating func advanceClock(until time: Micros) {
        if let next = nextEventTime { precondition(time <= next, "advancing past a pending event") }
        now = max(now, time)
    }

    /// Steps until nothing is pending or the virtual time limit is reached.
    public mutating func runUntilQuiet(limit: Micros, _ trace: inout TraceLog) {
        while let next = nextEventTime, next <= limit {
            step(&trace)
        }
    }

    /// Whether a queued entry still means something (lazy cancellation of timers and of
    /// arrivals that were delayed, dropped or delivered already).
    func isLive(_ entry: EventQueue.Entry) -> Bool {
        switch entry.event {
        case .arrival(let id):
            guard let wire = network[id] else { return false }
            return wire.arrivesAt == entry.time && wire.lostAt == nil
        case .loss(let id):
            return network[id]?.lostAt == entry.time
        case .timer(let slot, let id, let kind):
            return table.deadline(at: slot, of: id, kind) == entry.time
        case .command:
            return true
        }
    }

    private mutating func process(_ event: PendingEvent, _ trace: inout TraceLog) {
        switch event {
        case .arrival(let id):
            guard let wire = network.take(id) else { return }
            deliver(wire, &trace)
        case .loss(let id):
            guard network.take(id) != nil else { return }
            trace.record(now, .drop(id, cause: lossCauses[id] ?? .script))
            lossCauses[id] = nil
        case .timer(let slot, _, let kind):
            guard let (host, id, ports) = table.identity(at: slot) else { return }
            trace.record(now, .timer(host: host, connection: id, ports: ports, kind: kind, action: .fire,
                                     deadline: now, attempt: table[slot]?.retransmitCount ?? 0))
            var actions = takeActionBuffer()
            table.slots[slot]!.timerFired(kind, now: now, config: connectionConfig, &actions)
            run(actions, slot: slot, &trace)
        case .command(let index):
            let command = script.commands[index]
            switch command.kind {
            case .app(let host, let call):
                _ = perform(call, on: host, &trace)
            case .inject(let direction, let segment):
                inject(segment, direction: direction, &trace)
            }
        }
    }

    /// Who decided each pending loss, so the drop event can say it.
    var lossCauses: [SegmentID: FaultCause] = [:]

    /// Hands out the reusable action buffer (taken, so that appending does not copy it).
    mutating func takeActionBuffer() -> [ConnectionAction] {
        var buffer: [ConnectionAction] = []
        swap(&buffer, &actionBuffer)
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    mutating func returnActionBuffer(_ buffer: inout [ConnectionAction]) {
        swap(&buffer, &actionBuffer)
    }

    mutating func adjustCount(_ state: TCPState, by delta: Int) {
        stateCounts[state.rawValue] += delta
    }

    mutating func noteSignal(_ host: HostID, _ connection: ConnectionID, _ signal: UserSignal) {
        lastSignals.append((host, connection, signal))
    }

    mutating func noteFailedConnect() { failedConnects += 1 }
}

// MARK: - Queries for the UI, the exports and the tests

extension Simulation {
    /// Segments on the wire now, oldest first.
    public var inFlight: [WireSegment] { network.segmentsInFlight }

    public func segment(_ id: SegmentID) -> WireSegment? { network[id] }

    /// A host's live connections, oldest first.
    public func connections(of host: HostID) -> [Connection] {
        hosts[host.rawValue].connections.values.compactMap { table[$0] }.sorted { $0.id < $1.id }
    }

    public func connection(_ id: ConnectionID) -> Connection? {
        for host in hosts {
            for slot in host.connections.values where table[slot]?.id == id { return table[slot] }
        }
        return nil
    }

    /// A host's listening ports, in the order they were opened.
    public func listeners(of host: HostID) -> [UInt16] {
        hosts[host.rawValue].listeners.sorted { $0.value < $1.value }.map(\.key)
    }

    public func freeEphemeralPorts(of host: HostID) -> Int { hosts[host.rawValue].ports.freeCount }

    public var liveConnectionCount: Int { table.liveCount }

    public func latency(_ direction: Direction) -> Micros { network.transitTime(direction) }
}
