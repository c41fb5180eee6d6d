import TCPStepCore

extension Narrator {
    /// A short line per event, for a trace table or an event list: "server sends SYN,ACK
    /// seq=300 ack=101", "客户端：SYN_SENT → ESTABLISHED". One per element of `events` (a trace
    /// from its beginning), in order.
    public func headlines(_ events: some Collection<TraceEvent>) -> [String] {
        var index = TraceIndex()
        var lines: [String] = []
        lines.reserveCapacity(events.count)
        for event in events {
            index.beginBurst()
            index.apply(event)
            lines.append(headline(event, index: index))
        }
        return lines
    }

    /// One event's headline; `index` must already include the event.
    func headline(_ event: TraceEvent, index: TraceIndex) -> String {
        let composer = StepComposer(phrasebook: phrasebook, format: formatter, index: index,
                                    profile: scenario.config.profile.name)
        var values: [String: String] = [:]
        let key: String
        switch event.kind {
        case .send(let wire):
            values = composer.segmentValues(wire, receiver: wire.to)  // host: receiver, peer: sender
            key = wire.isRetransmission ? "headline.resend" : "headline.send"
        case .inject(let wire):
            values = composer.segmentValues(wire, receiver: wire.to)
            key = "headline.inject"
        case .deliver(let id, let host, _, let outcome):
            values = index.wire(id).map { composer.segmentValues($0, receiver: host) } ?? composer.hostValues(host)
            values["seg"] = values["seg"] ?? "#\(id.raw)"
            switch outcome {
            case .accepted:
                key = "headline.deliver"
            case .rejected(let reason):
                values["why"] = phrasebook.ref("why.\(reason.rawValue)")
                key = "headline.discard"
            }
        case .drop(let id, _), .duplicate(let id, _, _):
            values = index.wire(id).map { composer.segmentValues($0, receiver: $0.to) } ?? [:]
            values["seg"] = values["seg"] ?? "#\(id.raw)"
            if case .drop = event.kind { key = "headline.drop" } else { key = "headline.duplicate" }
        case .delay(let id, let extra, let arrivesAt, _):
            values = index.wire(id).map { composer.segmentValues($0, receiver: $0.to) } ?? [:]
            values["seg"] = values["seg"] ?? "#\(id.raw)"
            values["extra"] = formatter.duration(extra)
            values["arrives"] = formatter.moment(arrivesAt)
            key = "headline.delay"
        case .state(let host, _, _, let from, let to, _):
            values = composer.hostValues(host)
            values["from"] = from.name
            values["to"] = to.name
            key = "headline.state"
        case .timer(let host, _, _, let kind, let action, let deadline, _):
            values = composer.hostValues(host)
            values["timer"] = phrasebook.ref("timer.name.\(kind.name)")
            values["duration"] = formatter.duration(deadline - event.time)
            key = "headline.timer.\(action.rawValue)"
        case .app(let host, let call, let result):
            values = composer.hostValues(host)
            values["call"] = call.description
            switch result {
            case .ok:
                key = "headline.app"
            case .failed(let error):
                values["error"] = phrasebook.ref(NarrationKey.error(error))
                key = "headline.app.failed"
            }
        case .signal(let host, _, _, let signal):
            values = composer.hostValues(host)
            values["signal"] = phrasebook.ref(NarrationKey.signal(signal))
            key = "headline.signal"
        }
        return phrasebook.render([key], values)?.text ?? key
    }
}
