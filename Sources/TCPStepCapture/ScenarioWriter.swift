import TCPStepCore

/// Writes a captured connection as a scenario (`--as-scenario`): the two hosts, their ISNs, the
/// latency measured at the capture point, and the application calls the segments imply (connect,
/// send sizes, close, abort) at their times. Running it reproduces the capture's segments, and
/// then a fault can be added to ask "what if".
public enum ScenarioWriter {
    public static func scenario(_ story: CapturedStory) -> String {
        let connection = story.connection
        let timing = CaptureTiming(connection)
        var lines = [
            "title Captured: \(connection.client) → \(connection.server)",
            "summary Written by tcpstep from \(story.path) (connection \(story.summary.number)); the application calls are inferred from the segments.",
            "",
            "set profile \(story.profile.name.rawValue)",
            "# A capture point sees one round trip (\(timing.roundTrip.durationText) in the handshake), not how it splits",
            "# between the directions, so each direction gets half; the capture was taken nearer the \(timing.vantage).",
            "set latency c2s \(duration(timing.oneWay))",
            "set latency s2c \(duration(timing.oneWay))",
        ]
        for host in HostID.allCases {
            if let isn = connection.isn[host.rawValue] { lines.append("set isn \(host) \(isn)") }
        }
        let largest = connection.steps.map(\.packet.payloadLength).max() ?? 0
        // Each captured data segment becomes one `send`: the MSS must not split it again.
        if largest > 1460 { lines.append("set mss \(largest)") }
        if connection.joinedLate {
            lines.append("# The capture joined the connection late: this handshake was not captured.")
        }
        lines.append("")
        for call in calls(connection, timing: timing) {
            lines.append("at \(duration(call.time)) \(call.host) \(call.text)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Call {
        var time: Micros
        var host: HostID
        var text: String
    }

    /// The calls in time order, the server's listen first.
    static func calls(_ connection: InferredConnection, timing: CaptureTiming) -> [Call] {
        var calls: [Call] = []
        let serverPort = connection.server.port, clientPort = connection.client.port
        if connection.initialTransitions.contains(where: { $0.host == .server && $0.to == .listen }) || connection.joinedLate {
            calls.append(Call(time: 0, host: .server, text: "listen \(serverPort)"))
        }
        if connection.joinedLate {
            calls.append(Call(time: 0, host: .client, text: "connect \(serverPort) from \(clientPort)"))
        }
        var closed: Set<HostID> = []
        let sendTimes = timing.sendTimes(connection.steps)
        for (step, time) in zip(connection.steps, sendTimes) where step.label == nil || step.label == .duplicateAck || step.label == .reset {
            let host = step.from, flags = step.packet.flags
            if flags.contains(.syn), !flags.contains(.ack) {
                let (local, remote) = host == .client ? (clientPort, serverPort) : (serverPort, clientPort)
                calls.append(Call(time: time, host: host, text: "connect \(remote) from \(local)"))
            }
            if step.packet.payloadLength > 0 { calls.append(Call(time: time, host: host, text: "send \(step.packet.payloadLength)")) }
            if flags.contains(.fin), !closed.contains(host) {
                closed.insert(host)
                calls.append(Call(time: time, host: host, text: "close"))
            }
            if flags.contains(.rst), step.transitions.contains(where: { $0.host == host && $0.cause == .userAbort }) {
                calls.append(Call(time: time, host: host, text: "abort"))
            }
        }
        // The scenario runs commands in time order; a stable sort keeps each moment's order. The
        // listener is there before anything (capture near the server: the client's connect was
        // one latency before the first packet, so every other call moves later).
        let shift = max(0, -(calls.map(\.time).min() ?? 0))
        let shifted = calls.map { Call(time: $0.text.hasPrefix("listen") ? 0 : $0.time + shift, host: $0.host, text: $0.text) }
        // Time order; at one moment the listen comes first (the connect needs it), then the order found.
        let rank = { (call: Call) in call.text.hasPrefix("listen") ? 0 : 1 }
        return shifted.enumerated()
            .sorted { ($0.element.time, rank($0.element), $0.offset) < ($1.element.time, rank($1.element), $1.offset) }
            .map(\.element)
    }

    /// "1234us", "250ms": the scenario's time syntax, exact to the microsecond.
    static func duration(_ micros: Micros) -> String {
        micros % 1_000 == 0 ? "\(micros / 1_000)ms" : "\(micros)us"
    }
}

/// Where the capture point sat and how far the hosts were, from the handshake's two gaps: SYN →
/// SYN,ACK is the round trip beyond the capture point, SYN,ACK → ACK the one on the client's side.
public struct CaptureTiming: Hashable, Sendable {
    /// The host nearer the capture point: its segments are seen when sent, the other's when they arrive.
    public var vantage: HostID
    public var roundTrip: Micros
    public var oneWay: Micros

    public init(_ connection: InferredConnection) {
        let steps = connection.steps
        // The client's SYN, the server's answer (SYN,ACK, or RST,ACK from a closed port) and the
        // client's next segment; a capture that joined late uses its first exchange the same way.
        let opening = steps.first { $0.from == .client && $0.packet.flags == .syn } ?? steps.first { $0.from == .client }
        let answer = opening.flatMap { first in steps.first { $0.from == .server && $0.time >= first.time } }
        let next = answer.flatMap { reply in steps.first { $0.from == .client && $0.time >= reply.time } }
        if let opening, let answer {
            let far = answer.time - opening.time, near = (next?.time).map { $0 - answer.time } ?? 0
            vantage = near <= far ? .client : .server
            roundTrip = far + near
        } else {
            vantage = .client
            roundTrip = 0
        }
        // Never zero: the simulator needs a segment to take some time.
        oneWay = max(1, roundTrip / 2)
    }

    /// When each segment left its host in a simulation with this latency: at once for the host
    /// beside the capture point, one one-way latency before it was seen for the other; and never
    /// before the segments its host had already received in the capture can have arrived (on
    /// loopback the round trips jitter by more than the latency itself).
    func sendTimes(_ steps: [InferredStep]) -> [Micros] {
        var lastArrival: [Micros] = [.min, .min]
        return steps.map { step in
            let host = step.from
            let seen = host == vantage ? step.time : step.time - oneWay
            let sent = lastArrival[host.rawValue] == .min ? seen : max(seen, lastArrival[host.rawValue] + 1)
            lastArrival[host.peer.rawValue] = max(lastArrival[host.peer.rawValue], sent + oneWay)
            return sent
        }
    }
}
