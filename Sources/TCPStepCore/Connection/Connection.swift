/// A connection's identity in one simulation. Never reused, so a stale timer or a late segment
/// can always be told from a new incarnation on the same ports.
public struct ConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (lhs: ConnectionID, rhs: ConnectionID) -> Bool { lhs.raw < rhs.raw }
    public var description: String { "#\(raw)" }
}

/// One TCB (RFC 9293 §3.3.1) and its state machine. Every input is a `mutating` method that
/// appends the effects it wants to `actions`; the state changes only through `setState`.
///
/// The transitions live in extensions, one file each:
/// `Connection+Open.swift` (SYN, SYN_SENT), `Connection+SegmentArrives.swift` (the synchronized
/// states), `Connection+TimeWait.swift`, `Connection+UserCalls.swift`, `Connection+Timers.swift`.
public struct Connection: Hashable, Sendable {
    public let id: ConnectionID
    public let host: HostID
    public let ports: PortPair
    public private(set) var state: TCPState
    /// SYN_RECEIVED was reached from LISTEN (MUST-11): an RST then returns to LISTEN.
    public internal(set) var openedPassively: Bool

    // Send sequence space (RFC 9293 §3.3.1).
    public internal(set) var iss: SeqNum
    public internal(set) var sndUna: SeqNum
    public internal(set) var sndNxt: SeqNum
    public internal(set) var sndWnd: Int = 65535
    var sndWl1 = SeqNum(0)
    var sndWl2 = SeqNum(0)

    // Receive sequence space; meaningful once a SYN arrived.
    public internal(set) var irs = SeqNum(0)
    public internal(set) var rcvNxt = SeqNum(0)

    /// Bytes the user asked to SEND that are not yet in a segment.
    public internal(set) var unsentBytes = 0
    /// CLOSE was called: a FIN follows the queued data.
    public internal(set) var closeRequested = false
    /// The sequence number our FIN occupies, once it was sent.
    public internal(set) var finSeq: SeqNum?
    /// A FIFO, not an array: with one-byte segments a 64 KB window is 65,535 entries, and
    /// removing the acknowledged one from an array's front moved all the others every ACK.
    var retransmissionQueue = FIFOQueue<UnackedSegment>()
    var outOfOrder: [OutOfOrderSegment] = []
    var rto: RTOEstimator
    /// Retransmissions of the current head of the queue (shown as "try N").
    public internal(set) var retransmitCount = 0
    /// After an RTO: everything below this is retransmitted as ACKs come back (go-back-N).
    var recoveryPoint: SeqNum?
    var receivedData = false
    /// Bytes received in order that the application has not read yet (`read`, `set autoread off`).
    public internal(set) var unreadBytes = 0
    /// The rate limit of ACKs to unacceptable segments: when the current window began, and how
    /// many such ACKs went out in it.
    var invalidAckWindowStart: Micros?
    var invalidAcksInWindow = 0
    /// A tail loss probe was sent and SND.NXT was this then; no second probe until it is acknowledged.
    var tailLossProbeHighSeq: SeqNum?
    /// Window probes sent since the peer's window closed (each doubles the next wait).
    public internal(set) var windowProbeCount = 0
    /// The local port came from the host's ephemeral range and is freed with this TCB.
    public internal(set) var ownsEphemeralPort = false
    /// When this connection entered TIME_WAIT (tcp_tw_reuse needs it).
    public internal(set) var timeWaitSince: Micros?

    /// Deadlines of the running timers; nil = not running. The simulation's event queue holds
    /// entries for them and drops an entry whose deadline no longer matches (lazy cancellation).
    public internal(set) var timerDeadlines = TimerDeadlines()

    init(id: ConnectionID, host: HostID, ports: PortPair, state: TCPState, iss: SeqNum, profile: Profile) {
        self.id = id
        self.host = host
        self.ports = ports
        self.state = state
        self.openedPassively = false
        self.iss = iss
        self.sndUna = iss
        self.sndNxt = iss
        self.rto = RTOEstimator(initial: profile.initialRTO)
    }

    /// The single place where the state changes, so that every transition is recorded.
    mutating func setState(_ new: TCPState, _ cause: TransitionCause, _ actions: inout [ConnectionAction]) {
        guard new != state else { return }
        actions.append(.stateChange(from: state, to: new, cause: cause))
        state = new
    }

    public func deadline(_ kind: TimerKind) -> Micros? { timerDeadlines[kind] }

    /// The RTO the next (re)transmission will wait, for display.
    public func currentRTO(profile: Profile) -> Micros { rto.current(profile: profile) }

    /// Bytes sent and not yet acknowledged (sequence space, SYN and FIN included).
    public var bytesInFlight: Int { sndNxt.distance(from: sndUna) }
}

// MARK: - Building segments

extension Connection {
    /// A segment from this connection with the given fields; ACK carries RCV.NXT, the window
    /// what is free in the receive buffer.
    func makeSegment(seq: SeqNum, flags: TCPFlags, payloadLength: Int = 0, config: ConnectionConfig) -> Segment {
        Segment(sourcePort: ports.local, destinationPort: ports.remote, seq: seq,
                ack: flags.contains(.ack) ? rcvNxt : SeqNum(0), flags: flags,
                payloadLength: payloadLength, window: UInt16(clamping: receiveWindow(config)))
    }

    /// RCV.WND: the receive buffer less what the application has not read (no window scaling,
    /// so at most 65,535).
    func receiveWindow(_ config: ConnectionConfig) -> Int {
        max(0, min(65_535, config.receiveBuffer(of: host) - unreadBytes))
    }

    /// `<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>`: the reply to an unacceptable segment, the challenge
    /// ACK of RFC 5961, and the ordinary acknowledgment.
    mutating func sendAck(config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        actions.append(.send(makeSegment(seq: sndNxt, flags: .ack, config: config), isRetransmission: false))
        cancelTimer(.delayedAck, &actions)
    }

    /// The ACK that answers an unacceptable segment (a challenge ACK, a duplicate ACK), within
    /// the profile's rate limit (Linux: one per 500 ms per socket; RFC 5961 §10's throttle).
    /// A closed receive window is exempt: a window probe must always be answered (RFC 9293 3.8.6.1).
    mutating func sendChallengeAck(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        if receiveWindow(config) > 0 {
            let limit = config.profile.invalidAckLimit
            if let start = invalidAckWindowStart, now - start < limit.interval {
                guard invalidAcksInWindow < limit.count else { return }
            } else {
                invalidAckWindowStart = now
                invalidAcksInWindow = 0
            }
            invalidAcksInWindow += 1
        }
        sendAck(config: config, &actions)
    }

    mutating func setTimer(_ kind: TimerKind, at deadline: Micros, attempt: Int = 0, _ actions: inout [ConnectionAction]) {
        timerDeadlines[kind] = deadline
        actions.append(.setTimer(kind, deadline: deadline, attempt: attempt))
    }

    mutating func cancelTimer(_ kind: TimerKind, _ actions: inout [ConnectionAction]) {
        guard timerDeadlines[kind] != nil else { return }
        timerDeadlines[kind] = nil
        actions.append(.cancelTimer(kind))
    }

    mutating func cancelAllTimers(_ actions: inout [ConnectionAction]) {
        for kind in TimerKind.allCases { cancelTimer(kind, &actions) }
    }

    /// Leave for CLOSED: timers stop, the TCB is deleted.
    mutating func close(_ cause: TransitionCause, signal: UserSignal?, _ actions: inout [ConnectionAction]) {
        cancelAllTimers(&actions)
        if let signal { actions.append(.signal(signal)) }
        setState(.closed, cause, &actions)
        actions.append(.delete)
    }
}

/// One optional deadline per timer kind, stored inline (no allocation per connection).
public struct TimerDeadlines: Hashable, Sendable {
    private var retransmission: Micros?
    private var timeWait: Micros?
    private var finWait2: Micros?
    private var delayedAck: Micros?
    private var tailLossProbe: Micros?
    private var persist: Micros?

    public subscript(kind: TimerKind) -> Micros? {
        get {
            switch kind {
            case .retransmission: retransmission
            case .timeWait: timeWait
            case .finWait2: finWait2
            case .delayedAck: delayedAck
            case .tailLossProbe: tailLossProbe
            case .persist: persist
            }
        }
        set {
            switch kind {
            case .retransmission: retransmission = newValue
            case .timeWait: timeWait = newValue
            case .finWait2: finWait2 = newValue
            case .delayedAck: delayedAck = newValue
            case .tailLossProbe: tailLossProbe = newValue
            case .persist: persist = newValue
            }
        }
    }
}
