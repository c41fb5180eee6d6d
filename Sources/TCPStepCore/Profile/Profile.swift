/// Which behaviour the simulator reproduces. Both are real: `rfc9293` is the specification read
/// literally (with the choices noted in `rules.md`), `linux` is what a current Linux kernel does
/// with default sysctls (`linux-notes.md`). Every screen says which one is shown.
public enum ProfileName: String, CaseIterable, Hashable, Sendable {
    case rfc9293
    case linux
}

/// The parameters that differ between profiles. Each one says where its value comes from.
public struct Profile: Hashable, Sendable {
    public var name: ProfileName
    /// Initial retransmission timeout before any RTT sample. RFC 6298 (2.1): 1 s; Linux TCP_TIMEOUT_INIT.
    public var initialRTO: Micros
    /// Floor of the computed RTO. RFC 6298 (2.4): 1 s; Linux TCP_RTO_MIN: 200 ms.
    public var minimumRTO: Micros
    /// Ceiling of the backed-off RTO. RFC 6298 (2.5): at least 60 s; Linux TCP_RTO_MAX: 120 s.
    public var maximumRTO: Micros
    /// R2 for a SYN or SYN,ACK: give up this long after the first transmission.
    /// RFC 9293 MUST-23: at least 3 min; Linux: (2^(tcp_syn_retries+1) − 1) s = 127 s.
    public var synGiveUpAfter: Micros
    /// Linux `tcp_syn_linear_timeouts` (4): the first SYN retransmissions come 1 s apart before
    /// doubling resumes (observed 1,1,1,1,1,2,4 … s). 0 means classic doubling (RFC 6298 5.5).
    public var synLinearRetransmissions: Int
    /// Linux `tcp_synack_retries` (5): a half-open request socket gives up silently after this many
    /// SYN,ACK retransmissions. nil: the RFC's R2 rule as for a SYN.
    public var synAckRetries: Int?
    /// R2 for data and FIN. RFC 9293 SHLD-11: at least 100 s; Linux tcp_retries2 = 15 ≈ 924.6 s.
    public var dataGiveUpAfter: Micros
    /// Time spent in TIME_WAIT, given the scenario's MSL (nil MSL = the profile's default).
    /// RFC 9293 MUST-13: 2×MSL with MSL = 2 min; Linux TCP_TIMEWAIT_LEN: 60 s, fixed.
    public func timeWaitDuration(msl: Micros?) -> Micros {
        if let msl { return msl.times(2) }
        return name == .linux ? .seconds(60) : 2 * .seconds(120)
    }
    /// How long an orphaned FIN_WAIT_2 waits for the peer's FIN. The RFC defines no such timer
    /// (nil: wait forever); Linux tcp_fin_timeout: 60 s.
    public var finWait2Timeout: Micros?
    /// Linux ACKs the FIN that moves ESTABLISHED → CLOSE_WAIT through the delayed-ACK timer: 40 ms
    /// if data arrived before, about one tick (4 ms) if not, so the ACK can ride on our own FIN.
    /// The RFC profile ACKs at once, as the figures draw it.
    public var delayedFinAck: (afterData: Micros, withoutData: Micros)?
    /// Linux rate-limits challenge ACKs to one per 500 ms per socket (tcp_invalid_ratelimit).
    public var challengeAckInterval: Micros?
    /// Linux answers the crossing SYN,ACK of a simultaneous open with a pure ACK; RFC Figure 7 does not.
    public var acksCrossingSynAck: Bool
    /// Linux's ABORT RST carries the ACK bit ("R. 1001:1001 ack 1"); RFC 9293 §3.10.5 sends <SEQ=SND.NXT><CTL=RST>.
    public var abortRSTCarriesAck: Bool
    /// Linux reopens a TIME_WAIT connection on a SYN whose SEQ is above RCV.NXT (RFC 9293 MAY-2),
    /// with ISN = old SND.NXT + 65535 + 2. The RFC profile answers it with a challenge ACK.
    public var timeWaitAcceptsNewSYN: Bool
    /// A duplicate SYN reaching a SYN_RECEIVED request socket: Linux resends its SYN,ACK at once;
    /// the RFC's sequence test answers with an empty ACK.
    public var resendsSynAckOnDuplicateSYN: Bool

    public static let rfc9293 = Profile(
        name: .rfc9293, initialRTO: .seconds(1), minimumRTO: .seconds(1), maximumRTO: .seconds(60),
        synGiveUpAfter: .seconds(180), synLinearRetransmissions: 0, synAckRetries: nil,
        dataGiveUpAfter: .seconds(100), finWait2Timeout: nil, delayedFinAck: nil,
        challengeAckInterval: nil, acksCrossingSynAck: false, abortRSTCarriesAck: false,
        timeWaitAcceptsNewSYN: false, resendsSynAckOnDuplicateSYN: false)

    public static let linux = Profile(
        name: .linux, initialRTO: .seconds(1), minimumRTO: .ms(200), maximumRTO: .seconds(120),
        synGiveUpAfter: .seconds(127), synLinearRetransmissions: 4, synAckRetries: 5,
        dataGiveUpAfter: .ms(924_600), finWait2Timeout: .seconds(60), delayedFinAck: (.ms(40), .ms(4)),
        challengeAckInterval: .ms(500), acksCrossingSynAck: true, abortRSTCarriesAck: true,
        timeWaitAcceptsNewSYN: true, resendsSynAckOnDuplicateSYN: true)

    public static func named(_ name: ProfileName) -> Profile {
        switch name {
        case .rfc9293: .rfc9293
        case .linux: .linux
        }
    }

    public static func == (lhs: Profile, rhs: Profile) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// Teaching variants: deliberately *not* TCP, labelled "not TCP" wherever shown.
public struct TeachingVariants: Hashable, Sendable {
    /// The server becomes ESTABLISHED on the SYN (no third segment), to show why TCP needs three.
    public var twoWayHandshake = false
    /// 2MSL = 0: the active closer goes straight to CLOSED, to show why TIME_WAIT exists.
    public var noTimeWait = false
    public init(twoWayHandshake: Bool = false, noTimeWait: Bool = false) {
        self.twoWayHandshake = twoWayHandshake
        self.noTimeWait = noTimeWait
    }
    public var isAny: Bool { twoWayHandshake || noTimeWait }
    /// Short names as written in scenarios: "two-way-handshake", "no-time-wait".
    public var names: [String] {
        (twoWayHandshake ? ["two-way-handshake"] : []) + (noTimeWait ? ["no-time-wait"] : [])
    }
}
