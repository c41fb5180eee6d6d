import TCPStepCore

/// A captured connection as a trace, the same event kinds a simulation writes, so that every
/// sink (JSON, table, diagram, narration, exports) reads a capture as it reads a scenario.
///
/// Each packet is one step: the sender's inferred state changes, its `send`, the `deliver` to
/// the receiver and the receiver's changes, all at the capture timestamp (one capture point
/// cannot tell when the segment left or arrived, so it is drawn as seen). Every `state` event is
/// marked inferred. Client connection #1, server #2, as in a simulation of one connection.
public enum CaptureTrace {
    public static func events(_ connection: InferredConnection) -> [TraceEvent] {
        var builder = Builder(connection: connection)
        return builder.build()
    }
}

private struct Builder {
    let connection: InferredConnection
    var events: [TraceEvent] = []
    /// Whether each host has a TCB (is neither CLOSED nor only LISTENing), for the `conn` field.
    var hasTCB = [false, false]
    var listening = [false, false]
    var step = 1

    init(connection: InferredConnection) {
        self.connection = connection
        events.reserveCapacity(connection.steps.count * 3 + 4)
    }

    mutating func build() -> [TraceEvent] {
        for transition in connection.initialTransitions { state(transition) }
        // Steps are numbered from 1 without gaps, as a simulation numbers them.
        let first = connection.initialTransitions.isEmpty ? 1 : 2
        for (index, inferred) in connection.steps.enumerated() {
            step = index + first
            for event in inferred.events {
                switch event {
                case .transition(let transition): state(transition)
                case .send: send(inferred, id: SegmentID(index + 1))
                case .arrival(let arriving): deliver(connection.steps[arriving], id: SegmentID(arriving + 1), at: inferred.time)
                }
            }
        }
        return events
    }

    private mutating func deliver(_ arriving: InferredStep, id: SegmentID, at time: Micros) {
        let receiver = arriving.from.peer
        let accepted = hasTCB[receiver.rawValue] || isListening(receiver)
        events.append(TraceEvent(time: time, step: step, kind: .deliver(
            id, to: receiver, connection: connectionID(receiver), outcome: accepted ? .accepted : .rejected(.noConnection))))
    }

    private func isListening(_ host: HostID) -> Bool { listening[host.rawValue] }

    private func connectionID(_ host: HostID) -> ConnectionID? {
        hasTCB[host.rawValue] ? ConnectionID(host == .client ? 1 : 2) : nil
    }

    private func ports(_ host: HostID) -> PortPair {
        host == .client
            ? PortPair(local: connection.client.port, remote: connection.server.port)
            : PortPair(local: connection.server.port, remote: connection.client.port)
    }

    private mutating func state(_ transition: InferredTransition) {
        let host = transition.host
        let opens = transition.to != .closed && transition.to != .listen
        listening[host.rawValue] = transition.to == .listen || (listening[host.rawValue] && transition.to != .closed)
        if opens { hasTCB[host.rawValue] = true }
        var portPair = ports(host)
        if transition.to == .listen { portPair.remote = 0 }
        events.append(TraceEvent(
            time: transition.time, step: step,
            kind: .state(host: host, connection: connectionID(host), ports: portPair, from: transition.from, to: transition.to, cause: transition.cause),
            isInferred: true))
        if !opens { hasTCB[host.rawValue] = false }
    }

    private mutating func send(_ inferred: InferredStep, id: SegmentID) {
        let hadTCB = hasTCB[inferred.from.rawValue]
        let packet = inferred.packet
        let segment = Segment(
            sourcePort: packet.source.port, destinationPort: packet.destination.port, seq: SeqNum(packet.seq),
            ack: SeqNum(packet.ack), flags: packet.flags, payloadLength: packet.payloadLength, window: packet.window)
        var wire = WireSegment(
            id: id, from: inferred.from, segment: segment, sentAt: inferred.time, arrivesAt: inferred.time,
            isRetransmission: inferred.isRetransmission, origin: .host,
            connection: hadTCB ? ConnectionID(inferred.from == .client ? 1 : 2) : nil)
        wire.label = inferred.label
        events.append(TraceEvent(time: inferred.time, step: step, kind: .send(wire)))
    }
}
