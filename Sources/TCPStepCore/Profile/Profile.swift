/// Which family of behaviour a profile starts from. Both are real: `rfc9293` is the
/// specification read literally (with the choices noted in `rules.md`), `linux` is what a current
/// Linux kernel does with default sysctls (`linux-notes.md`). Every screen says which one is shown.
/// Only screens and validation read it: behaviour reads the profile's settings.
public enum ProfileName: String, CaseIterable, Hashable, Sendable {
    case rfc9293
    case linux
}

/// The parameters that differ between profiles. Each one says where its value comes from.
///
/// A profile *is* its settings: equality and hashing compare every one of them, so a Linux
/// profile with one sysctl changed is a different profile, and behaviour never asks for `name`.
public struct Profile: Hashable, Sendable {
    /// The family it was made from, for display ("profile linux").
    public var name: ProfileName
    /// Initial retransmission timeout before any RTT sample. RFC 6298 (2.1): 1 s; Linux TCP_TIMEOUT_INIT.
    public var initialRTO: Micros
    /// Floor of the computed RTO. RFC 6298 (2.4): 1 s; Linux TCP_RTO_MIN: 200 ms.
    public var minimumRTO: Micros
    /// Ceiling of the backed-off RTO. RFC 6298 (2.5): at least 60 s; Linux TCP_RTO_MAX: 120 s.
    public var maximumRTO: Micros
    /// How the RTO follows the RTT samples.
    public var rtoFormula: RTOFormula
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
    /// TIME_WAIT when the scenario sets no MSL. RFC 9293 MUST-13: 2×MSL with MSL = 2 min;
    /// Linux TCP_TIMEWAIT_LEN: 60 s, fixed.
    public var timeWaitLength: Micros
    /// How long an orphaned FIN_WAIT_2 waits for the peer's FIN. The RFC defines no such timer
    /// (nil: wait forever); Linux tcp_fin_timeout: 60 s.
    public var finWait2Timeout: Micros?
    /// Linux ACKs the FIN that moves ESTABLISHED → CLOSE_WAIT through the delayed-ACK timer: 40 ms
    /// if data arrived before, about one tick (4 ms) if not, so the ACK can ride on our own FIN.
    /// The RFC profile ACKs at once, as the figures draw it.
    public var delayedFinAck: DelayedFinAck?
    /// ACKs that answer an unacceptable segment (out of window, ACK of unsent data, a SYN or an
    /// inexact RST: challenge ACKs), per connection. Linux: one per 500 ms (tcp_invalid_ratelimit);
    /// RFC 5961 §10 asks for such a throttle, which also ends an ACK war between confused peers.
    public var invalidAckLimit: RateLimit
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
    /// What a RST does to TIME_WAIT.
    public var timeWaitRST: TimeWaitRSTRule
    /// Linux restarts TIME_WAIT on any ACK-bearing segment (tcp_timewait_state_process); the RFC
    /// restarts it only for a retransmitted FIN.
    public var timeWaitRestartsOnAnyAck: Bool
    /// Linux's tail loss probe (RFC 8985 §7, tcp_schedule_loss_probe): the last segment of a
    /// flight is re-sent after a probe timeout instead of waiting for the RTO, and the probe does
    /// not double the RTO.
    public var tailLossProbe: Bool
    /// Linux `tcp_tw_reuse`: may a new outgoing connection take over a TIME_WAIT port pair?
    public var timeWaitReuse: TimeWaitReuse
    /// CLOSE with received data still unread sends a RST instead of a FIN (RFC 9293 SHLD-3 with
    /// the half-duplex close of MAY-1; RFC 1122 4.2.2.13; Linux tcp_close).
    public var resetsOnCloseWithUnreadData: Bool

    public static let rfc9293 = Profile(
        name: .rfc9293, initialRTO: .seconds(1), minimumRTO: .seconds(1), maximumRTO: .seconds(60),
        rtoFormula: .rfc6298, synGiveUpAfter: .seconds(180), synLinearRetransmissions: 0, synAckRetries: nil,
        dataGiveUpAfter: .seconds(100), timeWaitLength: 2 * .seconds(120), finWait2Timeout: nil, delayedFinAck: nil,
        invalidAckLimit: RateLimit(count: 10, interval: .seconds(1)), acksCrossingSynAck: false,
        abortRSTCarriesAck: false, timeWaitAcceptsNewSYN: false, resendsSynAckOnDuplicateSYN: false,
        timeWaitRST: .challengeUnlessExact, timeWaitRestartsOnAnyAck: false, tailLossProbe: false,
        timeWaitReuse: .off, resetsOnCloseWithUnreadData: true)

    public static let linux = Profile(
        name: .linux, initialRTO: .seconds(1), minimumRTO: .ms(200), maximumRTO: .seconds(120),
        rtoFormula: .linuxVarianceFloor, synGiveUpAfter: .seconds(127), synLinearRetransmissions: 4, synAckRetries: 5,
        dataGiveUpAfter: .ms(924_600), timeWaitLength: .seconds(60), finWait2Timeout: .seconds(60),
        delayedFinAck: DelayedFinAck(afterData: .ms(40), withoutData: .ms(4)),
        invalidAckLimit: RateLimit(count: 1, interval: .ms(500)), acksCrossingSynAck: true,
        abortRSTCarriesAck: true, timeWaitAcceptsNewSYN: true, resendsSynAckOnDuplicateSYN: true,
        timeWaitRST: .exactEndsIt, timeWaitRestartsOnAnyAck: true, tailLossProbe: true,
        timeWaitReuse: .loopbackOnly, resetsOnCloseWithUnreadData: true)

    public static func named(_ name: ProfileName) -> Profile {
        switch name {
        case .rfc9293: .rfc9293
        case .linux: .linux
        }
    }

    /// Time spent in TIME_WAIT, given the scenario's MSL (nil MSL = the profile's own length).
    public func timeWaitDuration(msl: Micros?) -> Micros {
        msl.map { $0.times(2) } ?? timeWaitLength
    }
}

/// RFC 6298's formula, or Linux's, whose variance term never drops below TCP_RTO_MIN.
public enum RTOFormula: String, Hashable, Sendable {
    /// max(min RTO, SRTT + max(G, 4·RTTVAR)), RFC 6298 (2.2)–(2.4).
    case rfc6298
    /// SRTT + max(4·RTTVAR, TCP_RTO_MIN) (Linux tcp_set_rto / tcp_rtt_estimator).
    case linuxVarianceFloor
}

/// The delays of Linux's delayed ACK for the FIN that makes CLOSE_WAIT.
public struct DelayedFinAck: Hashable, Sendable {
    public var afterData: Micros
    public var withoutData: Micros
    public init(afterData: Micros, withoutData: Micros) {
        self.afterData = afterData
        self.withoutData = withoutData
    }
}

/// At most `count` events per `interval`, in fixed windows that start with the first event.
public struct RateLimit: Hashable, Sendable {
    public var count: Int
    public var interval: Micros
    public init(count: Int, interval: Micros) {
        self.count = count
        self.interval = interval
    }
}

/// What a RST does to a connection in TIME_WAIT.
public enum TimeWaitRSTRule: String, Hashable, Sendable {
    /// RFC 9293 with RFC 5961: exactly at RCV.NXT it ends TIME_WAIT; elsewhere in the window it
    /// earns a challenge ACK.
    case challengeUnlessExact
    /// Linux `tcp_rfc1337` = 0: exactly at RCV.NXT it ends TIME_WAIT; otherwise it is dropped.
    case exactEndsIt
    /// Linux `tcp_rfc1337` = 1 (RFC 1337's remedy): TIME_WAIT ignores every RST.
    case ignored
}

/// Linux `tcp_tw_reuse`: 0 off, 1 everywhere, 2 loopback only (the default). tcpstep's two hosts
/// are two machines, never loopback, so 2 behaves as 0 here.
public enum TimeWaitReuse: Int, Hashable, Sendable {
    case off = 0
    case everywhere = 1
    case loopbackOnly = 2

    /// Whether a connect() between tcpstep's two hosts may take over a TIME_WAIT port pair.
    public var appliesBetweenHosts: Bool { self == .everywhere }
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
