import TCPStepCore

extension HostPanel {
    /// What `host` looks like in `simulation` now: its current (newest) connection, or its
    /// newest listener, or CLOSED; with each running timer of that connection and its countdown.
    public init(_ host: HostID, in simulation: Simulation) {
        guard let connection = simulation.currentConnection(of: host) else {
            let listener = simulation.listeners(of: host).last
            self.init(host: host, port: listener, state: listener == nil ? .closed : .listen)
            return
        }
        let timers = TimerKind.allCases.compactMap { kind -> TimerCountdown? in
            connection.deadline(kind).map {
                TimerCountdown(kind: kind, remaining: $0 - simulation.now,
                               attempt: kind == .retransmission ? connection.retransmitCount : 0)
            }
        }
        self.init(host: host, port: connection.ports.local, state: connection.state, timers: timers)
    }

    /// Both hosts' panels, client first.
    public static func all(in simulation: Simulation) -> [HostPanel] {
        HostID.allCases.map { HostPanel($0, in: simulation) }
    }
}

extension HostPanel {
    /// What `host` looks like in the trace read so far: its current connection, or its newest
    /// listener, or CLOSED; with each running timer and its countdown from the fold's `now`.
    public init(_ host: HostID, in fold: TraceFold) {
        let facts = fold.hostFacts(host)
        let timers = facts.timers.map {
            TimerCountdown(kind: $0.kind, remaining: $0.deadline - fold.now, attempt: $0.kind == .retransmission ? $0.attempt : 0)
        }
        self.init(host: host, port: facts.port, state: facts.state, timers: timers)
    }

    /// Both hosts' panels, client first.
    public static func all(in fold: TraceFold) -> [HostPanel] {
        HostID.allCases.map { HostPanel($0, in: fold) }
    }
}
