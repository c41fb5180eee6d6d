// The readable form of a trace (`tcpstep trace FILE` without --json): one aligned line per event.

extension TraceEvent {
    /// "  1010 ms  #3   server  deliver   SYN seq=100 → SYN_RECEIVED …" as columns.
    public var tableColumns: (time: String, step: String, who: String, event: String, detail: String) {
        let time = "\(self.time.millisecondsText) ms"
        let step = "#\(self.step)"
        switch kind {
        case .send(let wire):
            return (time, step, wire.from.name, wire.isRetransmission ? "resend" : "send", Self.describe(wire))
        case .inject(let wire):
            return (time, step, "network", "inject", Self.describe(wire) + " (stale segment)")
        case .deliver(let id, let host, _, let outcome):
            switch outcome {
            case .accepted: return (time, step, host.name, "deliver", "segment \(id.raw) arrives")
            case .rejected(let reason): return (time, step, host.name, "deliver", "segment \(id.raw) arrives, not accepted: \(reason.rawValue)")
            }
        case .drop(let id, let cause):
            return (time, step, "network", "drop", "segment \(id.raw) lost (\(cause.rawValue))")
        case .duplicate(let id, let copy, let cause):
            return (time, step, "network", "duplicate", "segment \(id.raw) copied as \(copy.id.raw) (\(cause.rawValue))")
        case .delay(let id, let extra, let arrivesAt, let cause):
            return (time, step, "network", "delay", "segment \(id.raw) held \(extra.durationText), arrives at \(arrivesAt.millisecondsText) ms (\(cause.rawValue))")
        case .state(let host, _, let ports, let from, let to, let cause):
            return (time, step, host.name, "state", "\(from.name) → \(to.name)  [\(ports.local)] (\(cause.rawValue))")
        case .timer(let host, _, let ports, let kind, let action, let deadline, let attempt):
            let detail: String = switch action {
            case .set: "\(kind.label) set for \(deadline.millisecondsText) ms" + (attempt > 0 ? " (try \(attempt + 1))" : "")
            case .fire: "\(kind.label) fired"
            case .cancel: "\(kind.label) cancelled"
            }
            return (time, step, host.name, "timer", "\(detail)  [\(ports.local)]")
        case .app(let host, let call, let result):
            return (time, step, host.name, "app", "\(call) → \(result)")
        case .signal(let host, _, let ports, let signal):
            return (time, step, host.name, "signal", "\(signal.rawValue)  [\(ports.local)]")
        }
    }

    private static func describe(_ wire: WireSegment) -> String {
        "\(wire.segment.summary)  \(wire.segment.sourcePort)→\(wire.segment.destinationPort)  id \(wire.id.raw), arrives \(wire.arrivesAt.millisecondsText) ms"
    }
}

extension Array where Element == TraceEvent {
    /// The whole trace as an aligned text table.
    public var table: String {
        var lines: [String] = []
        writeTable { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    /// The table one line at a time: the widths in a first pass, then each row, so a long trace
    /// is never held as text all at once.
    public func writeTable(_ line: (String) -> Void) {
        var widths = [0, 0, 0, 0]
        for event in self {
            let row = event.tableColumns
            widths[0] = Swift.max(widths[0], row.time.count)
            widths[1] = Swift.max(widths[1], row.step.count)
            widths[2] = Swift.max(widths[2], row.who.count)
            widths[3] = Swift.max(widths[3], row.event.count)
        }
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: Swift.max(0, width - text.count))
            return left ? fill + text : text + fill
        }
        for event in self {
            let row = event.tableColumns
            line([pad(row.time, widths[0], left: true), pad(row.step, widths[1]), pad(row.who, widths[2]), pad(row.event, widths[3]), row.detail]
                .joined(separator: "  "))
        }
    }
}
