import TCPStepCore

/// How far a connection got, as `tcpstep connections` says it.
public enum ConnectionOutcome: String, Hashable, Sendable {
    /// SYNs only: no data, no FIN, no RST.
    case handshakeOnly = "handshake only"
    /// Both sides sent a FIN.
    case closed
    /// A RST ended it (a refused connect, an abort).
    case reset
    /// Anything else: data flowed and at most one side has closed, as far as the capture shows.
    case stillOpen = "still open"
}

/// A connection's two endpoints, in a fixed order so that both directions find the same entry.
public struct ConnectionKey: Hashable, Sendable {
    public let lower: Endpoint
    public let upper: Endpoint

    public init(_ one: Endpoint, _ other: Endpoint) {
        if one < other { lower = one; upper = other } else { lower = other; upper = one }
    }
}

/// One TCP connection of a capture: who, how many packets, when, how far it got.
public struct ConnectionSummary: Hashable, Sendable {
    /// 1-based, in order of the connection's first packet (what `--conn N` takes).
    public internal(set) var number: Int
    public let key: ConnectionKey
    /// The endpoint that sent the first packet of the connection.
    let first: Endpoint
    public internal(set) var packets = 0
    public internal(set) var payloadBytes = 0
    /// Capture timestamps (µs since the epoch) of the first and last packet.
    public let firstTime: Micros
    public internal(set) var lastTime: Micros
    /// Ordinals (0-based, among every packet of the file) of the first and last packet, so that
    /// a second reading can pick this connection out from an older or newer one on the same ports.
    public let firstOrdinal: Int
    public internal(set) var lastOrdinal: Int
    /// The first packet is a SYN without ACK: the capture saw the connection begin.
    public let startsWithSyn: Bool
    /// The sender of the first SYN without ACK (else the receiver of the first SYN,ACK).
    public internal(set) var synSender: Endpoint?
    var synSeq: UInt32?
    /// A FIN seen from the first packet's sender, and from the other side (two flags, not a set:
    /// this is touched for every packet of a million).
    var finFromFirst = false
    var finFromOther = false
    var sawSyn = false
    var sawReset = false

    init(number: Int, packet: CapturedPacket, ordinal: Int) {
        self.number = number
        key = ConnectionKey(packet.source, packet.destination)
        first = packet.source
        firstTime = packet.time
        lastTime = packet.time
        firstOrdinal = ordinal
        lastOrdinal = ordinal
        startsWithSyn = packet.flags.contains(.syn) && !packet.flags.contains(.ack)
    }

    mutating func add(_ packet: CapturedPacket, ordinal: Int) {
        packets += 1
        payloadBytes += packet.payloadLength
        lastTime = packet.time
        lastOrdinal = ordinal
        let flags = packet.flags
        if flags.contains(.syn) {
            sawSyn = true
            if synSender == nil {
                if !flags.contains(.ack) {
                    synSender = packet.source
                    synSeq = packet.seq
                } else {
                    synSender = packet.destination
                }
            }
        }
        if flags.contains(.fin) {
            if packet.source == first { finFromFirst = true } else { finFromOther = true }
        }
        if flags.contains(.rst) { sawReset = true }
    }

    /// The client: the first SYN's sender, else (a capture that joined late) the higher port.
    public var client: Endpoint {
        if let synSender { return synSender }
        return key.lower.port > key.upper.port ? key.lower : key.upper
    }

    public var server: Endpoint { client == key.lower ? key.upper : key.lower }

    /// True when no SYN said who opened the connection, so `client` is a guess by port.
    public var clientIsGuess: Bool { synSender == nil }

    public var outcome: ConnectionOutcome {
        if sawReset { return .reset }
        if finFromFirst && finFromOther { return .closed }
        if sawSyn && payloadBytes == 0 && !finFromFirst && !finFromOther { return .handshakeOnly }
        return .stillOpen
    }

    /// Over: a new SYN on the same ports with another ISN starts a new connection.
    var hasEnded: Bool { sawReset || (finFromFirst && finFromOther) }
}

/// Every connection of a capture, from one pass over it. Memory grows with the number of
/// connections, not of packets.
public struct ConnectionTable: Sendable {
    public private(set) var connections: [ConnectionSummary] = []
    /// Packets that were not used, by reason.
    public private(set) var skipped: [SkipReason: Int] = [:]
    public private(set) var packetsRead = 0
    private var current: [ConnectionKey: Int] = [:]

    public init() {}

    /// Reads the whole source.
    public static func scan(_ source: PcapSource) throws(CaptureError) -> ConnectionTable {
        var table = ConnectionTable()
        let link = source.link
        try source.read { raw in
            table.add(PacketDecoder.decode(raw.bytes, link: link, time: raw.time))
        }
        return table
    }

    public mutating func add(_ result: PacketDecoder.Result) {
        let ordinal = packetsRead
        packetsRead += 1
        switch result {
        case .skipped(let reason):
            skipped[reason, default: 0] += 1
        case .tcp(let packet):
            add(packet, ordinal: ordinal)
        }
    }

    private mutating func add(_ packet: CapturedPacket, ordinal: Int) {
        let key = ConnectionKey(packet.source, packet.destination)
        if let index = current[key] {
            let isNewSyn = packet.flags.contains(.syn) && !packet.flags.contains(.ack)
            // Read in place: copying the summary per packet shows in the profile. A SYN with
            // another ISN from the side that opened is a new incarnation (a retransmitted SYN
            // repeats its ISN); so is any new SYN once the connection has ended.
            let reopens = isNewSyn && connections[index].synSeq.map { $0 != packet.seq } ?? false
                && (connections[index].hasEnded || connections[index].synSender == packet.source)
            if !reopens {
                connections[index].add(packet, ordinal: ordinal)
                return
            }
        }
        var summary = ConnectionSummary(number: connections.count + 1, packet: packet, ordinal: ordinal)
        summary.add(packet, ordinal: ordinal)
        current[key] = connections.count
        connections.append(summary)
    }

    /// The connection `selector` names; nil selector: the first that starts with a SYN, else the first.
    public func connection(_ selector: ConnectionSelector?) -> ConnectionSummary? {
        switch selector {
        case nil:
            return connections.first(where: \.startsWithSyn) ?? connections.first
        case .number(let number)?:
            return connections.indices.contains(number - 1) ? connections[number - 1] : nil
        case .endpoints(let one, let other)?:
            let key = ConnectionKey(one, other)
            return connections.first { $0.key == key }
        }
    }
}

/// `--conn N` or `--conn ADDR:PORT-ADDR:PORT` (either order; IPv6 as `[::1]:80`).
public enum ConnectionSelector: Hashable, Sendable {
    case number(Int)
    case endpoints(Endpoint, Endpoint)

    public init?(_ text: String) {
        if let number = Int(text), number >= 1 {
            self = .number(number)
            return
        }
        // The dash between the endpoints is the one outside brackets (IPv6 has none inside anyway).
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "[": depth += 1
            case "]": depth -= 1
            case "-" where depth == 0:
                guard let one = Endpoint(text[..<index]), let other = Endpoint(text[text.index(after: index)...]) else { return nil }
                self = .endpoints(one, other)
                return
            default: break
            }
        }
        return nil
    }
}

extension PcapSource {
    /// The packets of one connection, from a second pass; memory is that connection's packets.
    public func packets(of connection: ConnectionSummary) throws(CaptureError) -> [CapturedPacket] {
        var packets: [CapturedPacket] = []
        packets.reserveCapacity(connection.packets)
        var ordinal = 0
        let link = self.link
        // Stop at its last packet: nothing after it can belong to it.
        try read(limit: connection.lastOrdinal + 1) { raw in
            defer { ordinal += 1 }
            guard ordinal >= connection.firstOrdinal, ordinal <= connection.lastOrdinal else { return }
            if case .tcp(let packet) = PacketDecoder.decode(raw.bytes, link: link, time: raw.time),
               ConnectionKey(packet.source, packet.destination) == connection.key {
                packets.append(packet)
            }
        }
        return packets
    }
}
