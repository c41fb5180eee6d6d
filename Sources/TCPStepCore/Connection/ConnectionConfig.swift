/// The settings every connection of a simulation shares, passed into each call (connections do
/// not store them: hundreds of thousands of TCBs should stay small).
public struct ConnectionConfig: Hashable, Sendable {
    public var profile: Profile
    /// 2MSL (or Linux's fixed 60 s), already resolved; 0 under the no-TIME_WAIT variant.
    public var timeWaitDuration: Micros
    public var variants: TeachingVariants
    /// Maximum segment size for data.
    public var mss: Int
    /// Each host's receive buffer (`set rcvbuf`): the window it advertises when everything
    /// received has been read. Two fields, not an array: this struct is passed into every call
    /// on the hot path, and an array would be retained and released each time.
    public var receiveBufferClient: Int
    public var receiveBufferServer: Int
    /// Whether each host's application reads data the moment it arrives (`set autoread`).
    public var autoReadClient: Bool
    public var autoReadServer: Bool

    /// `receiveBuffers` and `autoRead` are indexed by `HostID.rawValue`.
    public init(profile: Profile, timeWaitDuration: Micros, variants: TeachingVariants = .init(),
                mss: Int = 1460, receiveBuffers: [Int] = [65535, 65535], autoRead: [Bool] = [true, true]) {
        self.profile = profile
        self.timeWaitDuration = timeWaitDuration
        self.variants = variants
        self.mss = mss
        receiveBufferClient = receiveBuffers[HostID.client.rawValue]
        receiveBufferServer = receiveBuffers[HostID.server.rawValue]
        autoReadClient = autoRead[HostID.client.rawValue]
        autoReadServer = autoRead[HostID.server.rawValue]
    }

    func receiveBuffer(of host: HostID) -> Int { host == .client ? receiveBufferClient : receiveBufferServer }
    func readsAtOnce(_ host: HostID) -> Bool { host == .client ? autoReadClient : autoReadServer }
}

/// A segment of ours waiting for its acknowledgment (the retransmission queue, RFC 9293 §3.8.1).
struct UnackedSegment: Hashable, Sendable {
    var seq: SeqNum
    var payloadLength: Int
    var syn: Bool
    var fin: Bool
    var firstSentAt: Micros
    var wasRetransmitted: Bool

    var sequenceLength: Int { payloadLength + (syn ? 1 : 0) + (fin ? 1 : 0) }
    var end: SeqNum { seq + sequenceLength }
}

/// Data or a FIN that arrived beyond RCV.NXT and waits for the gap to fill.
struct OutOfOrderSegment: Hashable, Sendable {
    var seq: SeqNum
    var payloadLength: Int
    var fin: Bool
}
