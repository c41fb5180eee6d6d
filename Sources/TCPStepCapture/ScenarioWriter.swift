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
        ] + timing.comment + [
            "set latency c2s \(duration(timing.latency[0]))",
            "set latency s2c \(duration(timing.latency[1]))",
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
        // The scenario runs commands in time order; at one moment the listen comes first (the
        // connect needs it), then the order found.
        let rank = { (call: Call) in call.text.hasPrefix("listen") ? 0 : 1 }
        return calls.enumerated()
            .sorted { ($0.element.time, rank($0.element), $0.offset) < ($1.element.time, rank($1.element), $1.offset) }
            .map(\.element)
    }

    /// "1234us", "250ms": the scenario's time syntax, exact to the microsecond.
    static func duration(_ micros: Micros) -> String {
        micros % 1_000 == 0 ? "\(micros / 1_000)ms" : "\(micros)us"
    }
}

/// Where the capture point sat, from the handshake's two gaps as the capture saw them: SYN →
/// SYN,ACK and SYN,ACK → ACK. The host whose segments are answered only after a long gap is the
/// one beside the capture point (the round trip lies beyond it); the other gap is the near host's
/// own turnaround. One point cannot split a round trip into its two directions, but it need
/// not: with each direction's latency set to the gap that follows it, a simulation sends every
/// segment when the capture saw it, which is what the scenario must reproduce.
public struct CaptureTiming: Hashable, Sendable {
    /// The host nearer the capture point: its segments are seen when sent, the other's when they arrive.
    public var vantage: HostID
    /// SYN → SYN,ACK and SYN,ACK → ACK as seen (nil when the capture lacks that segment).
    public var synToSynAck: Micros?
    public var synAckToAck: Micros?
    /// The latency per direction, client to server first: the gap seen after each direction's
    /// segment; never zero (a segment takes some time in the simulator).
    public var latency: [Micros]

    public init(_ connection: InferredConnection) {
        let steps = connection.steps
        // The client's SYN, the server's answer (SYN,ACK, or RST,ACK from a closed port) and the
        // client's next segment; a capture that joined late uses its first exchange the same way.
        // (In capture order: beside a host, its answer carries the timestamp of what it answers.)
        let opening = steps.firstIndex { $0.from == .client && $0.packet.flags == .syn } ?? steps.firstIndex { $0.from == .client }
        let answer = opening.flatMap { first in steps[first...].firstIndex { $0.from == .server } }
        let next = answer.flatMap { reply in steps[reply...].firstIndex { $0.from == .client } }
        synToSynAck = answer.flatMap { reply in opening.map { steps[reply].time - steps[$0].time } }
        synAckToAck = next.flatMap { last in answer.map { steps[last].time - steps[$0].time } }
        let far = synToSynAck ?? 0
        // Without the third segment (a refused connect) the way back is not seen: taken as the way there.
        let near = synAckToAck ?? far
        vantage = near <= far ? .client : .server
        latency = [max(1, far), max(1, near)]
    }

    /// The scenario's comment: what was measured and what was inferred from it.
    var comment: [String] {
        func gap(_ micros: Micros?) -> String { micros.map(\.durationText) ?? "not captured" }
        let beside = vantage == .client ? "client" : "server"
        let other = vantage == .client ? "server" : "client"
        let (far, near) = (latency[0], latency[1])
        // Gaps within a factor of two of each other place the capture point nowhere in particular.
        let side = far < 2 * near && near < 2 * far
            ? ["# The two gaps are alike (loopback, or a capture point midway): the side it was taken on",
               "# cannot be told."]
            : ["# The capture was taken beside the \(beside) (the longer gap follows its segment): the \(beside)'s",
               "# segments are seen as they leave, the \(other)'s as they arrive."]
        return ["# Seen at the capture point: SYN → SYN,ACK \(gap(synToSynAck)), SYN,ACK → ACK \(gap(synAckToAck))."]
            + side + [
                "# Each direction's latency is the gap that follows it, so the simulation sends every segment",
                "# when the capture saw it (one capture point cannot tell how the round trip splits).",
            ]
    }

    /// When each segment left its host in the simulation: when the capture saw it, and never
    /// before the segments its host had already received in the capture can have arrived (on
    /// loopback the round trips jitter by more than the latency itself).
    func sendTimes(_ steps: [InferredStep]) -> [Micros] {
        var lastArrival: [Micros] = [.min, .min]
        return steps.map { step in
            let host = step.from
            let sent = lastArrival[host.rawValue] == .min ? step.time : max(step.time, lastArrival[host.rawValue] + 1)
            lastArrival[host.peer.rawValue] = max(lastArrival[host.peer.rawValue], sent + latency[host.rawValue])
            return sent
        }
    }
}
