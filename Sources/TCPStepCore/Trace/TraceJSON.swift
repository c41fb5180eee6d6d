// The `tcpstep trace --json` contract: one JSON object per line per event. Other tools and
// checks rely on these names; extend, never rename.

extension TraceEvent {
    /// This event as one line of JSON.
    public var jsonLine: String {
        var object = JSONObject()
        object.number("t", time.millisecondsText)
        object.number("step", String(step))
        switch kind {
        case .send(let wire):
            object.string("event", "send")
            object.wire(wire)
        case .inject(let wire):
            object.string("event", "inject")
            object.wire(wire)
        case .deliver(let id, let host, let connection, let outcome):
            object.string("event", "deliver")
            object.number("id", String(id.raw))
            object.string("to", host.name)
            if let connection { object.number("conn", String(connection.raw)) }
            switch outcome {
            case .accepted: object.string("result", "accepted")
            case .rejected(let reason):
                object.string("result", "rejected")
                object.string("reason", reason.rawValue)
            }
        case .drop(let id, let cause):
            object.string("event", "drop")
            object.number("id", String(id.raw))
            object.string("cause", cause.rawValue)
        case .duplicate(let id, let copy, let cause):
            object.string("event", "duplicate")
            object.number("id", String(id.raw))
            object.number("copy", String(copy.id.raw))
            object.string("cause", cause.rawValue)
        case .delay(let id, let extra, let arrivesAt, let cause):
            object.string("event", "delay")
            object.number("id", String(id.raw))
            object.number("delay_ms", extra.millisecondsText)
            object.number("arrives", arrivesAt.millisecondsText)
            object.string("cause", cause.rawValue)
        case .state(let host, let connection, let ports, let from, let to, let cause):
            object.string("event", "state")
            object.string("host", host.name)
            object.string("from", from.name)
            object.string("to", to.name)
            object.ports(ports)
            if let connection { object.number("conn", String(connection.raw)) }
            object.string("cause", cause.rawValue)
            // Written only when true, so that the simulator's traces keep their bytes.
            if isInferred { object.bool("inferred", true) }
        case .timer(let host, let connection, let ports, let kind, let action, let deadline, let attempt):
            object.string("event", "timer")
            object.string("host", host.name)
            object.string("timer", kind.name)
            object.string("action", action.rawValue)
            object.number("deadline", deadline.millisecondsText)
            object.number("attempt", String(attempt))
            object.ports(ports)
            object.number("conn", String(connection.raw))
        case .app(let host, let call, let result):
            object.string("event", "app")
            object.string("host", host.name)
            object.string("call", call.name)
            object.string("args", String(call.description.dropFirst(call.name.count).drop(while: { $0 == " " })))
            object.string("result", result.description)
        case .signal(let host, let connection, let ports, let signal):
            object.string("event", "signal")
            object.string("host", host.name)
            object.string("signal", signal.rawValue)
            object.ports(ports)
            object.number("conn", String(connection.raw))
        }
        return object.text
    }
}

/// A tiny JSON object writer: keys in insertion order, so output is byte-stable.
struct JSONObject {
    private var fields: [String] = []

    mutating func string(_ key: String, _ value: String) { fields.append("\"\(key)\":\(Self.quote(value))") }
    mutating func number(_ key: String, _ value: String) { fields.append("\"\(key)\":\(value)") }
    mutating func bool(_ key: String, _ value: Bool) { fields.append("\"\(key)\":\(value)") }
    mutating func raw(_ key: String, _ value: String) { fields.append("\"\(key)\":\(value)") }

    mutating func ports(_ ports: PortPair) {
        number("local", String(ports.local))
        number("remote", String(ports.remote))
    }

    mutating func wire(_ wire: WireSegment) {
        let segment = wire.segment
        number("id", String(wire.id.raw))
        string("from", wire.from.name)
        string("to", wire.to.name)
        raw("flags", "[" + segment.flags.names.map { "\"\($0)\"" }.joined(separator: ",") + "]")
        number("seq", String(segment.seq.raw))
        number("ack", String(segment.ack.raw))
        number("len", String(segment.payloadLength))
        number("win", String(segment.window))
        bool("retransmit", wire.isRetransmission)
        number("sport", String(segment.sourcePort))
        number("dport", String(segment.destinationPort))
        number("arrives", wire.arrivesAt.millisecondsText)
        if let connection = wire.connection { number("conn", String(connection.raw)) }
        if case .duplicate(let original) = wire.origin { number("copy_of", String(original.raw)) }
        // Only captured segments carry a label, so the simulator's traces keep their bytes.
        if let label = wire.label { string("label", label.rawValue) }
    }

    var text: String { "{" + fields.joined(separator: ",") + "}" }

    static func quote(_ value: String) -> String { JSONString.quoted(value) }
}
