// SEGMENT ARRIVES at a host: to its connection, to a listener, or to a closed port
// (RFC 9293 §3.10.7.1–2).

extension Simulation {
    /// A segment reaches its receiver.
    mutating func deliver(_ wire: WireSegment, _ trace: inout TraceLog) {
        deliveryCount += 1
        let host = wire.to
        let segment = wire.segment
        let ports = PortPair(local: segment.destinationPort, remote: segment.sourcePort)
        if let slot = hosts[host.rawValue].connections[ports], let id = table.id(at: slot) {
            var actions = takeActionBuffer()
            table.slots[slot]!.segmentArrives(segment, now: now, config: connectionConfig, &actions)
            // Record the delivery before its consequences, so the trace reads in causal order.
            let outcome = Self.outcome(of: actions)
            trace.record(now, .deliver(wire.id, to: host, connection: id, outcome: outcome))
            run(actions, slot: slot, &trace)
        } else if hosts[host.rawValue].listeners[segment.destinationPort] != nil {
            listenerArrives(segment, host: host, isn: nil, wireID: wire.id, &trace)
        } else {
            closedPortArrives(segment, host: host, wireID: wire.id, &trace)
        }
    }

    static func outcome(of actions: [ConnectionAction]) -> DeliveryOutcome {
        for action in actions {
            if case .reject(let reason) = action { return .rejected(reason) }
        }
        return .accepted
    }

    /// LISTEN (§3.10.7.2): ignore a RST, refuse an ACK with <SEQ=SEG.ACK><CTL=RST>, and let a SYN
    /// spawn a new connection in SYN_RECEIVED. The listener itself stays in LISTEN.
    mutating func listenerArrives(_ segment: Segment, host: HostID, isn: SeqNum?, wireID: SegmentID? = nil, _ trace: inout TraceLog) {
        let flags = segment.flags
        func recordDelivery(_ outcome: DeliveryOutcome) {
            if let wireID { trace.record(now, .deliver(wireID, to: host, connection: nil, outcome: outcome)) }
        }
        if flags.contains(.rst) {
            recordDelivery(.rejected(.rstIgnored))
            return
        }
        if flags.contains(.ack) {
            recordDelivery(.rejected(.ackInListen))
            sendReset(seq: segment.ack, ack: nil, replyingTo: segment, from: host, &trace)
            return
        }
        guard flags.contains(.syn) else {
            recordDelivery(.rejected(.notSynInListen))
            return
        }
        recordDelivery(.accepted)
        let id = table.makeID()
        let chosenISN = isn ?? hosts[host.rawValue].isn.next(now: now)
        var actions = takeActionBuffer()
        let connection = Connection.acceptSYN(segment, id: id, host: host, iss: chosenISN, now: now,
                                              config: connectionConfig, &actions)
        let slot = insert(connection)
        run(actions, slot: slot, &trace)
    }

    /// No TCB (§3.10.7.1): a RST is dropped; otherwise reply with a RST whose numbers the sender
    /// will accept: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> without ACK bit, <SEQ=SEG.ACK><CTL=RST> with it.
    mutating func closedPortArrives(_ segment: Segment, host: HostID, wireID: SegmentID?, _ trace: inout TraceLog) {
        let flags = segment.flags
        func recordDelivery(_ reason: RejectReason) {
            if let wireID { trace.record(now, .deliver(wireID, to: host, connection: nil, outcome: .rejected(reason))) }
        }
        if flags.contains(.rst) {
            recordDelivery(.rstIgnored)
            return
        }
        if config.variants.twoWayHandshake && flags.isSuperset(of: [.syn, .ack]) {
            // Not TCP: in a two-way handshake the reply to a SYN is the last word, so nobody answers it.
            recordDelivery(.twoWayHandshakeReply)
            return
        }
        recordDelivery(.noConnection)
        if flags.contains(.ack) {
            sendReset(seq: segment.ack, ack: nil, replyingTo: segment, from: host, &trace)
        } else {
            sendReset(seq: SeqNum(0), ack: segment.seq + segment.sequenceLength, replyingTo: segment, from: host, &trace)
        }
    }

    /// A RST from a host with no connection for the segment.
    private mutating func sendReset(seq: SeqNum, ack: SeqNum?, replyingTo segment: Segment, from host: HostID, _ trace: inout TraceLog) {
        let reset = Segment(sourcePort: segment.destinationPort, destinationPort: segment.sourcePort, seq: seq,
                            ack: ack ?? SeqNum(0), flags: ack == nil ? .rst : [.rst, .ack], window: 0)
        transmit(reset, from: host, connection: nil, isRetransmission: false, &trace)
    }
}
