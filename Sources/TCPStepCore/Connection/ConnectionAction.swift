/// What a connection asks its driver to do. A connection never performs effects itself: every
/// segment arrival, user call and timer expiry appends actions, and the simulation carries them out.
public enum ConnectionAction: Hashable, Sendable {
    /// Put this segment on the wire.
    case send(Segment, isRetransmission: Bool)
    /// (Re)start a timer; an earlier deadline of the same kind is thereby cancelled.
    case setTimer(TimerKind, deadline: Micros, attempt: Int)
    /// Stop a running timer.
    case cancelTimer(TimerKind)
    /// The one choke point for state changes (`Connection.setState`).
    case stateChange(from: TCPState, to: TCPState, cause: TransitionCause)
    /// Tell the application something (RFC 9293 "signal the user").
    case signal(UserSignal)
    /// The arriving segment was not accepted, and why.
    case reject(RejectReason)
    /// The TCB is gone: the simulation forgets this connection (its listener, if any, stays).
    case delete
    /// Linux TIME_WAIT reuse: this TCB is gone and the SYN that killed it opens a new connection
    /// whose ISN is given.
    case reopen(Segment, isn: SeqNum)
}

/// The timers of one connection (RFC 9293 §3.10.8 plus Linux's two extra ones).
public enum TimerKind: Int, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Retransmission timeout (RFC 6298) for SYN, SYN,ACK, data and FIN.
    case retransmission
    /// 2MSL in TIME_WAIT.
    case timeWait
    /// How long an orphaned FIN_WAIT_2 waits for the peer's FIN (Linux tcp_fin_timeout).
    case finWait2
    /// Linux's delayed ACK, which lets the ACK of a FIN ride on our own FIN.
    case delayedAck

    /// The stable name used in the trace contract.
    public var name: String {
        switch self {
        case .retransmission: "retransmission"
        case .timeWait: "time_wait"
        case .finWait2: "fin_wait_2"
        case .delayedAck: "delayed_ack"
        }
    }

    /// The short label drawn on screen next to a countdown.
    public var label: String {
        switch self {
        case .retransmission: "RTO"
        case .timeWait: "2MSL"
        case .finWait2: "FIN_WAIT_2"
        case .delayedAck: "delayed ACK"
        }
    }

    public var description: String { name }
}

/// Why a connection changed state. The raw values are stable keys (trace JSON, narration tables).
public enum TransitionCause: String, Hashable, Sendable, CaseIterable {
    case activeOpen = "active-open"
    case passiveOpen = "passive-open"
    case receivedSyn = "rcv-syn"
    case receivedSynTwoWay = "rcv-syn-two-way"
    case receivedSynAck = "rcv-syn-ack"
    case simultaneousOpen = "simultaneous-open"
    case receivedAckOfSyn = "rcv-ack-of-syn"
    case userClose = "close"
    case receivedFin = "rcv-fin"
    case receivedAckOfFin = "rcv-ack-of-fin"
    case receivedFinAndAck = "rcv-fin-and-ack"
    case timeWaitExpired = "time-wait-expired"
    case timeWaitSkipped = "time-wait-skipped"
    case timeWaitReused = "time-wait-reused"
    case receivedRst = "rcv-rst"
    case returnToListen = "return-to-listen"
    case userAbort = "abort"
    case retransmissionGaveUp = "gave-up"
    case finWait2Timeout = "fin-wait-2-timeout"
    case hostCrashed = "crash"
}

/// What the application is told (RFC 9293 §3.10: "signal the user").
public enum UserSignal: String, Hashable, Sendable, CaseIterable {
    case established = "established"
    case connectionReset = "connection reset"
    case connectionRefused = "connection refused"
    case connectionClosing = "connection closing"
    case connectionAborted = "connection aborted due to timeout"
    case closed = "closed"
    case dataDelivered = "data"
}

/// Why an arriving segment was discarded. Stable keys for the trace and narration.
public enum RejectReason: String, Hashable, Sendable, CaseIterable {
    case unacceptableSequence = "unacceptable-seq"
    case unacceptableAck = "unacceptable-ack"
    case ackOfUnsentData = "ack-of-unsent"
    case rstWithoutAcceptableAck = "rst-bad-ack"
    case rstOutOfWindow = "rst-out-of-window"
    case rstNotExact = "rst-not-exact"
    case rstIgnored = "rst-ignored"
    case synInSynchronizedState = "syn-in-synchronized-state"
    case noAckBit = "no-ack-bit"
    case noSynOrRst = "no-syn-or-rst"
    case noConnection = "no-connection"
    case notSynInListen = "not-syn-in-listen"
    case ackInListen = "ack-in-listen"
    case finNotProcessed = "fin-ignored"
    case duplicate = "duplicate"
    case twoWayHandshakeReply = "two-way-reply-ignored"
}

/// RFC 9293's error responses to user calls, as typed values (never a crash).
public enum UserCallError: Error, Hashable, Sendable, CustomStringConvertible {
    case connectionDoesNotExist
    case connectionAlreadyExists
    case foreignSocketUnspecified
    case connectionClosing
    case insufficientResources

    public var description: String {
        switch self {
        case .connectionDoesNotExist: "error: connection does not exist"
        case .connectionAlreadyExists: "error: connection already exists"
        case .foreignSocketUnspecified: "error: foreign socket unspecified"
        case .connectionClosing: "error: connection closing"
        case .insufficientResources: "error: insufficient resources"
        }
    }
}
