import TCPStepCore

/// A capture growing as packets arrive (`tcpstep live`): the connection table, and the packets
/// of the connection being followed (the first that opens with a SYN, or the one `--conn` names).
/// Memory: the table grows with the connections seen, the list with the followed one's packets.
public struct LiveCapture: Sendable {
    public private(set) var table = ConnectionTable()
    public private(set) var packets: [CapturedPacket] = []
    public let selector: ConnectionSelector?
    public let profile: Profile
    public let name: String
    private var followed: ConnectionSummary?
    /// The followed connection's packets are capped here; later ones are counted, not kept.
    public static let packetsMax = 1_000_000
    public private(set) var packetsDropped = 0

    public init(name: String, selector: ConnectionSelector?, profile: Profile) {
        self.name = name
        self.selector = selector
        self.profile = profile
    }

    /// Takes one decoded packet; true when it belongs to the followed connection.
    public mutating func add(_ result: PacketDecoder.Result) -> Bool {
        table.add(result)
        guard case .tcp(let packet) = result else { return false }
        if followed == nil, let chosen = table.connection(selector), selector != nil || chosen.startsWithSyn {
            followed = chosen
        }
        guard let followed, case let current = table.connections[followed.number - 1],
              current.key == ConnectionKey(packet.source, packet.destination), current.lastOrdinal == table.packetsRead - 1 else { return false }
        self.followed = current
        guard packets.count < Self.packetsMax else {
            packetsDropped += 1
            return false
        }
        packets.append(packet)
        return true
    }

    /// Reads what libpcap has waiting (at most `limit` packets, never blocking on a non-blocking
    /// source). Returns how many packets were read and whether the followed connection grew.
    public mutating func read(from source: PcapSource, limit: Int = 10_000) throws(CaptureError) -> (packets: Int, grew: Bool) {
        var grew = false
        let link = source.link
        let count = try source.read(limit: limit) { raw in
            if add(PacketDecoder.decode(raw.bytes, link: link, time: raw.time)) { grew = true }
        }
        return (count, grew)
    }

    /// The followed connection so far, with both hosts' states inferred; nil before it starts.
    public var story: CapturedStory? {
        guard let followed, !packets.isEmpty else { return nil }
        return CapturedStory(path: name, summary: followed,
                             connection: StateInference.infer(packets, summary: followed, profile: profile), profile: profile)
    }
}
