import TCPStepCore

/// What the pile-up looked like at one whole second of virtual time: one JSON line, one point
/// of the chart.
public struct PileupSample: Hashable, Sendable {
    /// Virtual time in whole seconds.
    public var timeS: Int
    /// Connections per state on both hosts, indexed by `TCPState.rawValue`. LISTEN counts the
    /// database's listener; CLOSED counts the connections that have ended (no TCB left), so that
    /// the states other than LISTEN add up to `connectionsOpened`.
    public var states: [Int]
    /// The same per host (`HostID.rawValue`), LISTEN and CLOSED left at 0.
    public var statesByHost: [[Int]]
    /// Free ephemeral ports of the web server, and how many its range has.
    public var freePorts: Int
    public var portRangeCount: Int
    /// connect() calls refused for want of a port, since the start.
    public var failedConnects: Int
    /// TCBs created and deleted since the start (both hosts).
    public var connectionsOpened: Int
    public var connectionsClosed: Int
    /// Requests that arrived, got their response, are waiting (for a pooled connection), were
    /// turned away (HTTP 503: a blacklisted address, or the pool's queue full), since the start.
    public var requests: Int
    public var requestsCompleted: Int
    public var requestsWaiting: Int
    public var requestsShed: Int
    /// The rate limit's part of `requestsShed`: requests from a blacklisted address.
    public var blacklistShed: Int
    /// Addresses blacklisted now; bans so far; bans that ran out (address released), since the start.
    public var blacklistedIPs: Int
    public var blacklistings: Int
    public var releases: Int
    /// How long the oldest request waiting for a pooled connection has waited.
    public var oldestWait: Micros
    /// Requests a second arriving, and new connections a second the client may open now.
    public var requestRate: Int
    public var connectRate: Int
    /// How long a connection stays in TIME_WAIT now.
    public var timeWait: Micros
    /// What theory predicts for the TIME_WAIT population: new connections a second × TIME_WAIT.
    public var predictedTimeWait: Int
    /// Remedies on at this second.
    public var remedies: Set<Remedy>

    public func count(_ state: TCPState) -> Int { states[state.rawValue] }
    public func count(_ state: TCPState, of host: HostID) -> Int { statesByHost[host.rawValue][state.rawValue] }
    /// Live connections (both hosts), the listener not counted.
    public var liveConnections: Int {
        TCPState.allCases.reduce(0) { $1 == .closed || $1 == .listen ? $0 : $0 + states[$1.rawValue] }
    }
}

// MARK: - Output

extension PileupSample {
    /// One line of JSON (no spaces, fixed key order):
    /// `{"t_s":120,"states":{"CLOSED":…,"LISTEN":1,…},"free_ports":1234,"failed_connects":0,…}`.
    public var jsonLine: String {
        var line = "{\"t_s\":\(timeS),\"states\":" + Self.stateObject(states, all: true)
        line += ",\"free_ports\":\(freePorts),\"failed_connects\":\(failedConnects)"
        line += ",\"port_range\":\(portRangeCount)"
        line += ",\"time_wait_by_host\":{\"client\":\(count(.timeWait, of: .client)),\"server\":\(count(.timeWait, of: .server))}"
        line += ",\"by_host\":{\"client\":" + Self.stateObject(statesByHost[0], all: false)
        line += ",\"server\":" + Self.stateObject(statesByHost[1], all: false) + "}"
        line += ",\"connections_opened\":\(connectionsOpened),\"connections_closed\":\(connectionsClosed)"
        line += ",\"live_connections\":\(liveConnections)"
        line += ",\"requests\":\(requests),\"requests_completed\":\(requestsCompleted)"
        line += ",\"requests_waiting\":\(requestsWaiting),\"requests_shed\":\(requestsShed)"
        line += ",\"shed_blacklisted\":\(blacklistShed),\"blacklisted_ips\":\(blacklistedIPs)"
        line += ",\"blacklistings\":\(blacklistings),\"releases\":\(releases)"
        line += ",\"oldest_wait_ms\":\(oldestWait / 1_000)"
        line += ",\"rate\":\(requestRate),\"connect_rate\":\(connectRate)"
        line += ",\"time_wait_s\":\(Double(timeWait) / 1_000_000)"
        line += ",\"predicted_time_wait\":\(predictedTimeWait)"
        line += ",\"remedies\":[" + remedies.sorted().map { "\"\($0.name)\"" }.joined(separator: ",") + "]}"
        return line
    }

    /// `{"CLOSED":0,"LISTEN":1,…}` in RFC order; without LISTEN and CLOSED when `all` is false.
    private static func stateObject(_ counts: [Int], all: Bool) -> String {
        let fields = TCPState.allCases.compactMap { state -> String? in
            guard all || (state != .listen && state != .closed) else { return nil }
            return "\"\(state.name)\":\(counts[state.rawValue])"
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The column headings of `tableRow`.
    public static let tableHeader =
        "   t s  TIME_WAIT  predicted  ESTABLISHED  other  free ports  failed  waiting    shed  blacklisted  remedies"

    /// One aligned row for `tcpstep pileup --headless` without `--json`.
    public var tableRow: String {
        let other = liveConnections - count(.timeWait) - count(.established)
        let remedyText = remedies.isEmpty ? "-" : remedies.sorted().map(\.name).joined(separator: ",")
        return Self.pad(timeS, 6) + Self.pad(count(.timeWait), 11) + Self.pad(predictedTimeWait, 11)
            + Self.pad(count(.established), 13) + Self.pad(other, 7) + Self.pad(freePorts, 12)
            + Self.pad(failedConnects, 8) + Self.pad(requestsWaiting, 9) + Self.pad(requestsShed, 8)
            + Self.pad(blacklistedIPs, 13) + "  " + remedyText
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// The last `capacity` samples, oldest first: bounded, so a long run keeps flat memory.
public struct SampleHistory: Hashable, Sendable {
    public let capacity: Int
    private var storage: [PileupSample] = []
    private var start = 0

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var last: PileupSample? { storage.isEmpty ? nil : self[storage.count - 1] }

    /// The i-th oldest sample kept.
    public subscript(index: Int) -> PileupSample { storage[(start + index) % storage.count] }

    public mutating func append(_ sample: PileupSample) {
        if storage.count < capacity {
            storage.append(sample)
        } else {
            storage[start] = sample
            start = (start + 1) % capacity
        }
    }

    /// The kept samples, oldest first.
    public var all: [PileupSample] { (0..<count).map { self[$0] } }

    /// The newest `count` samples, oldest first.
    public func suffix(_ count: Int) -> [PileupSample] {
        let n = min(count, self.count)
        return (self.count - n ..< self.count).map { self[$0] }
    }
}
