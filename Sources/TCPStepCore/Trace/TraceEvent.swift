/// A segment's identity on the wire: every transmission, copy and injection gets its own.
public struct SegmentID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (lhs: SegmentID, rhs: SegmentID) -> Bool { lhs.raw < rhs.raw }
    public var description: String { String(raw) }
}

/// Where a segment on the wire came from.
public enum SegmentOrigin: Hashable, Sendable {
    /// Sent by a host's TCP.
    case host
    /// A copy made by the network (`dup`, the `u` key, random duplication).
    case duplicate(of: SegmentID)
    /// A stale segment put on the wire by the scenario (`inject`).
    case injected
}

/// A segment on the wire: what was sent, by whom, when it left, when it will arrive.
public struct WireSegment: Hashable, Sendable {
    public let id: SegmentID
    public let from: HostID
    public let segment: Segment
    public let sentAt: Micros
    public internal(set) var arrivesAt: Micros
    public let isRetransmission: Bool
    public let origin: SegmentOrigin
    /// The sending connection (nil for RSTs from a closed port and for injected segments).
    public let connection: ConnectionID?
    /// Set when a fault has doomed it: it vanishes at this time, halfway along.
    public internal(set) var lostAt: Micros?

    public init(id: SegmentID, from: HostID, segment: Segment, sentAt: Micros, arrivesAt: Micros,
                isRetransmission: Bool = false, origin: SegmentOrigin = .host, connection: ConnectionID? = nil,
                lostAt: Micros? = nil) {
        self.id = id
        self.from = from
        self.segment = segment
        self.sentAt = sentAt
        self.arrivesAt = arrivesAt
        self.isRetransmission = isRetransmission
        self.origin = origin
        self.connection = connection
        self.lostAt = lostAt
    }

    public var to: HostID { from.peer }
    public var direction: Direction { from.outboundDirection }
}

/// Who decided a fault.
public enum FaultCause: String, Hashable, Sendable, CaseIterable {
    case script
    case user
    case random
}

/// What became of a delivered segment.
public enum DeliveryOutcome: Hashable, Sendable {
    case accepted
    case rejected(RejectReason)
}

public enum TimerAction: String, Hashable, Sendable, CaseIterable {
    case set
    case fire
    case cancel
}

/// An application call, as scripted or typed at the keyboard.
public enum AppCall: Hashable, Sendable, CustomStringConvertible {
    /// Passive OPEN on a local port.
    case listen(port: UInt16)
    /// Active OPEN to the peer's port, from an ephemeral or a chosen port, with an optional ISN.
    case connect(remotePort: UInt16, localPort: UInt16?, isn: UInt32?)
    /// SEND n bytes on the host's current connection.
    case send(bytes: Int)
    /// CLOSE the host's current connection (or its listener when it has none).
    case close
    /// ABORT the host's current connection (or its listener).
    case abort
    /// The host reboots: every connection and listener vanishes silently.
    case crash

    public var name: String {
        switch self {
        case .listen: "listen"
        case .connect: "connect"
        case .send: "send"
        case .close: "close"
        case .abort: "abort"
        case .crash: "crash"
        }
    }

    public var description: String {
        switch self {
        case .listen(let port): "listen \(port)"
        case .connect(let remote, let local, let isn):
            "connect \(remote)" + (local.map { " from \($0)" } ?? "") + (isn.map { " isn=\($0)" } ?? "")
        case .send(let bytes): "send \(bytes)"
        case .close, .abort, .crash: name
        }
    }
}

/// One thing that happened, in the order it happened.
public enum TraceEventKind: Hashable, Sendable {
    case send(WireSegment)
    case inject(WireSegment)
    case deliver(SegmentID, to: HostID, connection: ConnectionID?, outcome: DeliveryOutcome)
    case drop(SegmentID, cause: FaultCause)
    case duplicate(SegmentID, copy: WireSegment, cause: FaultCause)
    case delay(SegmentID, by: Micros, arrivesAt: Micros, cause: FaultCause)
    case state(host: HostID, connection: ConnectionID?, ports: PortPair, from: TCPState, to: TCPState, cause: TransitionCause)
    case timer(host: HostID, connection: ConnectionID, ports: PortPair, kind: TimerKind, action: TimerAction, deadline: Micros, attempt: Int)
    case app(host: HostID, call: AppCall, result: AppResult)
    case signal(host: HostID, connection: ConnectionID, ports: PortPair, signal: UserSignal)
}

/// The answer to an application call.
public enum AppResult: Hashable, Sendable, CustomStringConvertible {
    case ok
    case failed(UserCallError)
    public var description: String {
        switch self {
        case .ok: "ok"
        case .failed(let error): error.description
        }
    }
}

public struct TraceEvent: Hashable, Sendable {
    public let time: Micros
    /// The step (1-based) that produced this event.
    public let step: Int
    public let kind: TraceEventKind
    /// For a `state` event: the change was inferred from what was seen on the wire (a capture),
    /// not reported by the TCP that made it. Always false for the simulator's own events.
    public let isInferred: Bool

    public init(time: Micros, step: Int, kind: TraceEventKind, isInferred: Bool = false) {
        self.time = time
        self.step = step
        self.kind = kind
        self.isInferred = isInferred
    }
}

/// Where a simulation writes what happened. Recording can be switched off for bulk runs (the
/// pile-up), where only the counts matter.
public struct TraceLog: Hashable, Sendable {
    public var isRecording: Bool
    public private(set) var events: [TraceEvent] = []
    public internal(set) var step = 0

    public init(recording: Bool = true) { isRecording = recording }

    mutating func record(_ time: Micros, _ kind: @autoclosure () -> TraceEventKind) {
        if isRecording { events.append(TraceEvent(time: time, step: step, kind: kind())) }
    }

    /// Forget everything after the first `count` events (stepping back).
    public mutating func truncate(to count: Int) {
        if count < events.count { events.removeSubrange(count...) }
    }
}

extension TraceLog {
    mutating func insert(_ event: TraceEvent, at index: Int) {
        if isRecording { events.insert(event, at: index) }
    }
}
