/// One host's sockets: its listeners and its connections by port pair, its ephemeral ports and
/// its ISN generator. Connections themselves live in the simulation's table.
struct Host: Sendable {
    let id: HostID
    /// Listening ports with the connection id their LISTEN "socket" shows as (for labels).
    var listeners: [UInt16: Int] = [:]
    var nextListenerOrder = 0
    /// Port pair → slot in the connection table.
    var connections = SlotMap<PortPair>()
    /// The host's newest connection (what SEND, CLOSE and ABORT act on), kept up to date so that
    /// finding it costs nothing per call: new connections always have the largest id.
    var newest: (slot: Int, id: ConnectionID)?
    var ports: PortAllocator
    var isn: ISNGenerator
    /// TIME_WAIT connections in the order they entered it (for tcp_tw_reuse), checked lazily.
    var timeWaitOrder: [(slot: Int, id: ConnectionID)] = []
    var timeWaitHead = 0

    init(id: HostID, ports: ClosedRange<UInt16>, isn: ISNGenerator) {
        self.id = id
        self.ports = PortAllocator(range: ports)
        self.isn = isn
    }

}

/// RFC 9293 §3.4.1: ISNs follow a clock that ticks every 4 µs, from a starting value that is
/// either fixed by the scenario (`set isn client 100`: the first connection uses exactly 100) or
/// drawn from the seed.
struct ISNGenerator: Hashable, Sendable {
    let base: UInt32
    private var startedAt: Micros?

    init(base: UInt32) { self.base = base }

    mutating func next(now: Micros) -> SeqNum {
        let start = startedAt ?? now
        startedAt = start
        return SeqNum(base &+ UInt32(truncatingIfNeeded: (now - start) / 4))
    }
}
