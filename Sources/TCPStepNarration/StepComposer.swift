import TCPStepCore

/// Turns the events of one burst (a step, or one intervention the user made after it) into at
/// most two sentences: first what happened and why (the *primary* fact), then what the host
/// does about it or what follows (the *secondary* fact).
///
/// Facts are keyed templates (`NarrationKey`): the most specific key whose placeholders all have
/// values wins, so `state.rcv-fin.TIME_WAIT` (which names the ACK sent in reply) is told when
/// that ACK exists, and the generic `state.rcv-fin` otherwise.
struct StepComposer {
    let phrasebook: Phrasebook
    let format: Formatter
    /// The trace so far: its segments include this burst's, its states and timers do not yet.
    let index: TraceIndex
    let profile: ProfileName
    /// Whether each host's application reads at once (`set autoread`), by `HostID.rawValue`.
    var readsAtOnce = [true, true]

    /// One fact ready to render: candidate keys, most specific first, and the values.
    struct Fact {
        var keys: [String]
        var values: [String: String]
    }

    /// The burst's events, sorted into what the composer asks about.
    struct Burst {
        var first: TraceEvent
        var states: [(host: HostID, ports: PortPair, from: TCPState, to: TCPState, cause: TransitionCause)] = []
        var sends: [WireSegment] = []
        var faults: [TraceEvent] = []
        var timerSets: [(host: HostID, connection: ConnectionID, kind: TimerKind, deadline: Micros, attempt: Int)] = []
        var cancelsRetransmission = false
        var deliversData = false

        init(_ events: ArraySlice<TraceEvent>) {
            first = events[events.startIndex]
            for event in events {
                switch event.kind {
                case .state(let host, _, let ports, let from, let to, let cause):
                    states.append((host, ports, from, to, cause))
                case .send(let wire):
                    sends.append(wire)
                case .delay(_, _, _, let cause), .duplicate(_, _, let cause):
                    // Faults decided at send time; the user's own start a burst of their own.
                    if cause != .user { faults.append(event) }
                case .timer(let host, let connection, _, let kind, let action, let deadline, let attempt):
                    switch action {
                    case .set: timerSets.append((host, connection, kind, deadline, attempt))
                    case .cancel: if kind == .retransmission || kind == .tailLossProbe { cancelsRetransmission = true }
                    case .fire: break
                    }
                case .signal(_, _, _, let signal):
                    if signal == .dataDelivered { deliversData = true }
                case .inject, .deliver, .drop, .app:
                    break
                }
            }
        }
    }

    /// What the primary fact was about, for choosing the secondary.
    private struct Context {
        var trigger: WireSegment?
        var reject: RejectReason?
        var isAbort = false
        var firedTimer: (kind: TimerKind, elapsed: Micros?)?
        var toldStates = 0
        var consumedSends = 0
        var primaryCause: TransitionCause?
    }

    func sentences(_ events: ArraySlice<TraceEvent>) -> [String] {
        guard !events.isEmpty else { return [] }
        let burst = Burst(events)
        var context = Context()
        var sentences: [String] = []
        if let primary = primaryFact(burst, &context), let rendered = render(primary, burst, &context) {
            sentences.append(rendered)
        }
        if let secondary = secondaryFact(burst, &context), let rendered = render(secondary, burst, &context) {
            sentences.append(rendered)
        }
        return sentences
    }

    /// Renders a fact; when the chosen template described the reply (`{out}`), that send is
    /// marked as told so the secondary fact does not repeat it.
    private func render(_ fact: Fact, _ burst: Burst, _ context: inout Context) -> String? {
        var values = fact.values
        if let reply = nextSend(burst, context) { values.merge(outValues(reply), uniquingKeysWith: { old, _ in old }) }
        // Under the Linux profile, `KEY@linux` (where Linux differs from the RFC's words) comes first.
        let keys = profile == .linux ? fact.keys.flatMap { [$0 + NarrationKey.linuxSuffix, $0] } : fact.keys
        guard let rendered = phrasebook.render(keys, values) else { return nil }
        if rendered.placeholders.contains(where: { $0.hasPrefix("out") }) { context.consumedSends += 1 }
        return rendered.text
    }

    private func nextSend(_ burst: Burst, _ context: Context) -> WireSegment? {
        context.consumedSends < burst.sends.count ? burst.sends[context.consumedSends] : nil
    }

    // MARK: - The primary fact

    private func primaryFact(_ burst: Burst, _ context: inout Context) -> Fact? {
        let event = burst.first
        switch event.kind {
        case .app(let host, let call, let result):
            context.isAbort = call == .abort
            if case .failed(let error) = result { return failedCallFact(host, call, error) }
            if let state = burst.states.first { return firstStateFact(state, trigger: nil, &context) }
            return appFact(host, call)
        case .deliver(let id, let host, let connection, let outcome):
            let wire = index.wire(id)
            context.trigger = wire
            if let state = burst.states.first { return firstStateFact(state, trigger: wire, &context) }
            guard let wire else { return nil }
            switch outcome {
            case .rejected(let reason):
                context.reject = reason
                let receiverState = stateAtArrival(connection, wire)
                var values = segmentValues(wire, receiver: host)
                values["state"] = receiverState.name
                if receiverState == .synSent, let iss = connection.flatMap(index.fold.connection)?.iss {
                    // Quoted as the arrow quotes its ack: absolute beside an absolute one.
                    values["iss"] = format.own(iss, iss: iss, beside: wire, index)
                    values["expected"] = format.own(iss + 1, iss: iss, beside: wire, index)
                }
                return Fact(keys: NarrationKey.reject(reason, state: receiverState, flags: wire.segment.flags), values: values)
            case .accepted:
                let state = connection.flatMap(index.state(of:)) ?? .listen
                var values = segmentValues(wire, receiver: host)
                if index.isStale(wire) { values["age"] = format.duration(event.time - wire.sentAt) }
                if burst.deliversData {
                    // Not read at once: the bytes wait in the receive buffer and the window shrinks.
                    let full = nextSend(burst, context)?.segment.window == 0
                    let unread = readsAtOnce[host.rawValue] ? [] : [full ? "deliver.data.unread.full" : "deliver.data.unread"]
                    return Fact(keys: ["deliver.data.stale"] + unread + ["deliver.data.\(state.name)", "deliver.data"], values: values)
                }
                if burst.cancelsRetransmission { return Fact(keys: ["deliver.ack.\(state.name)", "deliver.ack"], values: values) }
                return Fact(keys: ["deliver.nothing.\(state.name)", "deliver.nothing"], values: values)
            }
        case .timer(let host, let connection, let ports, let kind, _, _, _):
            let elapsed = index.armedAt(connection, kind).map { event.time - $0 }
            context.firedTimer = (kind, elapsed)
            if let state = burst.states.first {
                var fact = firstStateFact(state, trigger: nil, &context)
                if let elapsed { fact.values["elapsed"] = format.duration(elapsed) }
                return fact
            }
            var values = hostValues(host)
            values["port"] = String(ports.local)
            values["timer"] = phrasebook.ref("timer.name.\(kind.name)")
            if let elapsed { values["elapsed"] = format.duration(elapsed) }
            if !burst.sends.isEmpty, let set = burst.timerSets.first(where: { $0.kind == .retransmission }) {
                values["try"] = String(set.attempt + 1)  // the trace's "try N" for this resend
            }
            let flags = burst.sends.first.map { NarrationKey.flagsKey($0.segment.flags) } ?? ""
            return Fact(keys: ["timer.fire.\(kind.name).\(flags)", "timer.fire.\(kind.name).resend", "timer.fire.\(kind.name)"], values: values)
        case .drop(let id, let cause):
            guard let wire = index.wire(id) else { return nil }
            return Fact(keys: ["drop.\(cause.rawValue)"], values: segmentValues(wire, receiver: wire.to))
        case .duplicate, .delay:
            return faultFact(event)
        case .inject(let wire):
            return Fact(keys: ["inject"], values: segmentValues(wire, receiver: wire.to))
        case .send, .state, .signal:
            return nil  // never the first event of a burst
        }
    }

    /// A change of state told as the primary fact: what caused it matters more than the event.
    private func firstStateFact(_ state: (host: HostID, ports: PortPair, from: TCPState, to: TCPState, cause: TransitionCause),
                                trigger: WireSegment?, _ context: inout Context) -> Fact {
        context.toldStates = 1
        context.primaryCause = state.cause
        return stateFact(state, trigger: trigger)
    }

    private func stateFact(_ state: (host: HostID, ports: PortPair, from: TCPState, to: TCPState, cause: TransitionCause),
                           trigger: WireSegment?) -> Fact {
        var values = trigger.map { segmentValues($0, receiver: state.host) } ?? hostValues(state.host)
        values["from"] = state.from.name
        values["to"] = state.to.name
        values["port"] = String(state.ports.local)
        if state.ports.remote != 0 { values["rport"] = String(state.ports.remote) }  // 0 for a listener
        return Fact(keys: NarrationKey.state(state.cause, from: state.from, to: state.to), values: values)
    }

    private func appFact(_ host: HostID, _ call: AppCall) -> Fact {
        var values = hostValues(host)
        values["call"] = call.description
        switch call {
        case .listen(let port): values["port"] = String(port)
        case .connect(let remote, _, _): values["rport"] = String(remote)
        case .send(let bytes): values["bytes"] = String(bytes)
        case .read(let bytes):
            // `read all` has its own sentences; `read N` names the bytes.
            if let bytes { values["bytes"] = String(bytes) } else {
                return Fact(keys: ["app.read.all.sent", "app.read.all", "app.read"], values: values)
            }
        case .close, .abort, .crash: break
        }
        return Fact(keys: ["app.\(call.name).sent", "app.\(call.name)"], values: values)
    }

    private func failedCallFact(_ host: HostID, _ call: AppCall, _ error: UserCallError) -> Fact {
        var values = hostValues(host)
        values["call"] = call.description
        values["error"] = phrasebook.ref(NarrationKey.error(error))
        let errorName = NarrationKey.error(error).dropFirst("error.".count)
        return Fact(keys: ["app.failed.\(call.name).\(errorName)", "app.failed.\(errorName)", "app.failed"], values: values)
    }

    private func faultFact(_ event: TraceEvent) -> Fact? {
        switch event.kind {
        case .delay(let id, let extra, let arrivesAt, let cause):
            guard let wire = index.wire(id) else { return nil }
            var values = segmentValues(wire, receiver: wire.to)
            values["extra"] = format.duration(extra)
            values["arrives"] = format.moment(arrivesAt)
            return Fact(keys: ["delay.\(cause.rawValue)"], values: values)
        case .duplicate(let id, _, let cause):
            guard let wire = index.wire(id) else { return nil }
            return Fact(keys: ["dup.\(cause.rawValue)"], values: segmentValues(wire, receiver: wire.to))
        case .send, .inject, .deliver, .drop, .state, .timer, .app, .signal:
            return nil
        }
    }

    /// The receiver's state when the segment arrived: its connection's, or LISTEN / CLOSED for
    /// a segment that found no connection, depending on whether a listener was there.
    private func stateAtArrival(_ connection: ConnectionID?, _ wire: WireSegment) -> TCPState {
        if let connection { return index.state(of: connection) ?? .closed }
        return index.listens(wire.to, on: wire.segment.destinationPort) ? .listen : .closed
    }

    // MARK: - The secondary fact

    private func secondaryFact(_ burst: Burst, _ context: inout Context) -> Fact? {
        // A second change of state in the same step (ESTABLISHED then CLOSE_WAIT; TIME_WAIT then
        // CLOSED under no-time-wait), unless it repeats the first (a crash closing several).
        if let state = burst.states.dropFirst(context.toldStates).first(where: { $0.cause != context.primaryCause }) {
            return stateFact(state, trigger: context.trigger)
        }
        // A fault the script or the dice put on a segment just sent.
        if let fault = burst.faults.first, let fact = faultFact(fault) { return fact }
        if let restart = timeWaitRestart(burst) { return restart }
        if let reply = nextSend(burst, context) {
            return Fact(keys: replyKeys(reply, context), values: replyValues(reply, context))
        }
        if let fired = context.firedTimer, fired.kind == .tailLossProbe,
           let set = burst.timerSets.first(where: { $0.kind == .retransmission }) {
            // The probe went out; the RTO that follows it is not doubled.
            var values = hostValues(set.host)
            values["next"] = format.duration(set.deadline - burst.first.time)
            return Fact(keys: ["timer.after-tlp"], values: values)
        }
        if let fired = context.firedTimer, fired.kind == .retransmission,
           let set = burst.timerSets.first(where: { $0.kind == .retransmission }) {
            return backoffFact(set, burst, elapsed: fired.elapsed)
        }
        if let set = burst.timerSets.first(where: { $0.attempt == 0 }) {
            var values = hostValues(set.host)
            values["duration"] = format.duration(set.deadline - burst.first.time)
            return Fact(keys: ["timer.set.\(set.kind.name)"], values: values)
        }
        return nil
    }

    /// TIME_WAIT answered a segment and started its 2MSL again (it did not just enter TIME_WAIT).
    private func timeWaitRestart(_ burst: Burst) -> Fact? {
        guard let set = burst.timerSets.first(where: { $0.kind == .timeWait }),
              !burst.states.contains(where: { $0.to == .timeWait }) else { return nil }
        var values = hostValues(set.host)
        values["duration"] = format.duration(set.deadline - burst.first.time)
        return Fact(keys: ["timewait.restart", "timewait.restart.silent"], values: values)
    }

    private func backoffFact(_ set: (host: HostID, connection: ConnectionID, kind: TimerKind, deadline: Micros, attempt: Int),
                             _ burst: Burst, elapsed: Micros?) -> Fact {
        let next = set.deadline - burst.first.time
        var values = hostValues(set.host)
        values["next"] = format.duration(next)
        var keys = ["timer.rearm"]
        if let elapsed, next == 2 * elapsed {
            keys.insert("timer.backoff", at: 0)
        } else if let elapsed, next == elapsed, profile == .linux,
                  burst.sends.first?.segment.flags == .syn {
            keys.insert("timer.linear", at: 0)
        }
        return Fact(keys: keys, values: values)
    }

    /// What a segment sent in reply is, by its flags and by what provoked it.
    private func replyKeys(_ reply: WireSegment, _ context: Context) -> [String] {
        let flags = reply.segment.flags
        if reply.isRetransmission { return ["reply.resend"] }
        if flags.contains(.rst) { return context.isAbort ? ["reply.rst.abort", "reply.rst"] : ["reply.rst"] }
        if flags.isSuperset(of: [.syn, .ack]) { return ["reply.syn-ack"] }
        if flags.contains(.syn) { return ["reply.syn"] }
        if flags.contains(.fin) { return ["reply.fin"] }
        if reply.segment.payloadLength > 0 { return ["reply.data"] }
        if let reject = context.reject {
            switch reject {
            case .synInSynchronizedState, .rstNotExact: return ["reply.ack.challenge", "reply.ack"]
            case .unacceptableSequence, .unacceptableAck, .ackOfUnsentData, .rstWithoutAcceptableAck, .rstOutOfWindow,
                 .rstIgnored, .noAckBit, .noSynOrRst, .noConnection, .notSynInListen, .ackInListen, .finNotProcessed,
                 .duplicate, .twoWayHandshakeReply:
                return ["reply.ack.duplicate", "reply.ack"]
            }
        }
        guard let trigger = context.trigger?.segment else { return ["reply.ack"] }
        if trigger.flags.contains(.fin) { return ["reply.ack.fin", "reply.ack"] }
        if trigger.payloadLength > 0 { return ["reply.ack.data", "reply.ack"] }
        if trigger.flags.contains(.syn) { return ["reply.ack.syn", "reply.ack"] }
        return ["reply.ack"]
    }

    /// The replying host, and the segment it answers when there is one.
    private func replyValues(_ reply: WireSegment, _ context: Context) -> [String: String] {
        guard let trigger = context.trigger else { return hostValues(reply.from) }
        return segmentValues(trigger, receiver: reply.from)
    }

    // MARK: - Values

    func hostValues(_ host: HostID) -> [String: String] {
        ["host": phrasebook.ref("host.\(host.name)"), "peer": phrasebook.ref("host.\(host.peer.name)")]
    }

    /// A segment's fields; `host` is the receiver and `peer` the sender.
    func segmentValues(_ wire: WireSegment, receiver: HostID) -> [String: String] {
        var values = hostValues(receiver)
        let segment = wire.segment
        values["seg"] = format.summary(wire, index)
        values["flags"] = segment.flags.description
        values["seq"] = format.seq(wire, index)
        values["ack"] = format.ack(wire, index)
        values["len"] = String(segment.payloadLength)
        values["port"] = String(segment.destinationPort)
        values["rport"] = String(segment.sourcePort)
        return values
    }

    /// The reply's fields, as `{out}`, `{outseq}` …
    func outValues(_ wire: WireSegment) -> [String: String] {
        [
            "out": format.summary(wire, index),
            "outflags": wire.segment.flags.description,
            "outseq": format.seq(wire, index),
            "outack": format.ack(wire, index),
            "outlen": String(wire.segment.payloadLength),
            "outwin": String(wire.segment.window),
        ]
    }
}
