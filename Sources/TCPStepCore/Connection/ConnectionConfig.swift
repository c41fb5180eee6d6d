/// The settings every connection of a simulation shares, passed into each call (connections do
/// not store them: hundreds of thousands of TCBs should stay small).
public struct ConnectionConfig: Hashable, Sendable {
    public var profile: Profile
    /// 2MSL (or Linux's fixed 60 s), already resolved; 0 under the no-TIME_WAIT variant.
    public var timeWaitDuration: Micros
    public var variants: TeachingVariants
    /// Maximum segment size for data.
    public var mss: Int
    /// Each host's receive buffer (`set rcvbuf`), indexed by `HostID.rawValue`: the window it
    /// advertises when everything received has been read.
    public var receiveBuffers: [Int]
    /// Whether each host's application reads data the moment it arrives (`set autoread`).
    public var autoRead: [Bool]

    public init(profile: Profile, timeWaitDuration: Micros, variants: TeachingVariants = .init(),
                mss: Int = 1460, receiveBuffers: [Int] = [65535, 65535], autoRead: [Bool] = [true, true]) {
        self.profile = profile
        self.timeWaitDuration = timeWaitDuration
        self.variants = variants
        self.mss = mss
        self.receiveBuffers = receiveBuffers
        self.autoRead = autoRead
    }

    func receiveBuffer(of host: HostID) -> Int { receiveBuffers[host.rawValue] }
    func readsAtOnce(_ host: HostID) -> Bool { autoRead[host.rawValue] }
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
