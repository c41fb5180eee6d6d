// Opening: the active OPEN, the SYN a listener accepts, and SEGMENT ARRIVES in SYN_SENT
// (RFC 9293 §3.5, §3.10.1, §3.10.7.3).

extension Connection {
    /// Active OPEN: CLOSED → SYN_SENT, send `<SEQ=ISS><CTL=SYN>`.
    static func activeOpen(id: ConnectionID, host: HostID, ports: PortPair, iss: SeqNum, now: Micros,
                           config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Connection {
        var connection = Connection(id: id, host: host, ports: ports, state: .closed, iss: iss, profile: config.profile)
        connection.setState(.synSent, .activeOpen, &actions)
        connection.enqueueAndSend(connection.makeSegment(seq: iss, flags: .syn, config: config), now: now, config: config, &actions)
        return connection
    }

    /// A listener got a SYN: a new TCB goes LISTEN → SYN_RECEIVED and answers
    /// `<SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>` (§3.10.7.2). Under the two-way-handshake teaching
    /// variant (not TCP) it goes straight to ESTABLISHED and expects no ACK for its SYN.
    static func acceptSYN(_ syn: Segment, id: ConnectionID, host: HostID, iss: SeqNum, now: Micros,
                          config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Connection {
        let ports = PortPair(local: syn.destinationPort, remote: syn.sourcePort)
        var connection = Connection(id: id, host: host, ports: ports, state: .listen, iss: iss, profile: config.profile)
        connection.openedPassively = true
        connection.irs = syn.seq
        connection.rcvNxt = syn.seq + 1
        connection.sndWnd = Int(syn.window)
        connection.sndWl1 = syn.seq
        let synAck = connection.makeSegment(seq: iss, flags: [.syn, .ack], config: config)
        if config.variants.twoWayHandshake {
            connection.setState(.established, .receivedSynTwoWay, &actions)
            actions.append(.send(synAck, isRetransmission: false))
            connection.sndNxt = iss + 1
            connection.sndUna = iss + 1
            actions.append(.signal(.established))
        } else {
            connection.setState(.synReceived, .receivedSyn, &actions)
            connection.enqueueAndSend(synAck, now: now, config: config, &actions)
        }
        return connection
    }

    /// SEGMENT ARRIVES in SYN_SENT (§3.10.7.3): check the ACK, then the RST, then the SYN.
    mutating func synSentArrives(_ segment: Segment, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        let hasAck = segment.flags.contains(.ack)
        let isRST = segment.flags.contains(.rst)
        if hasAck && (segment.ack <= iss || segment.ack > sndNxt) {
            // An ACK of something we never sent: an old duplicate (Figure 8) or a half-open peer
            // (Figure 9). Answer <SEQ=SEG.ACK><CTL=RST> unless it is itself a RST.
            if !isRST {
                actions.append(.send(Segment(sourcePort: ports.local, destinationPort: ports.remote, seq: segment.ack,
                                             flags: .rst, window: 0), isRetransmission: false))
            }
            actions.append(.reject(.unacceptableAck))
            return
        }
        if isRST {
            guard hasAck else {
                actions.append(.reject(.rstWithoutAcceptableAck))  // cannot be validated: keep trying
                return
            }
            close(.receivedRst, signal: .connectionRefused, &actions)  // RST in SYN_SENT: refused, CLOSED
            return
        }
        guard segment.flags.contains(.syn) else {
            actions.append(.reject(.noSynOrRst))  // fifth: neither SYN nor RST, drop
            return
        }
        irs = segment.seq
        rcvNxt = segment.seq + 1
        sndWnd = Int(segment.window)
        sndWl1 = segment.seq
        sndWl2 = segment.ack
        if hasAck {
            acknowledge(upTo: segment.ack, now: now, config: config, &actions)
            // SYN,ACK in SYN_SENT moves to ESTABLISHED and sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
            setState(.established, .receivedSynAck, &actions)
            actions.append(.signal(.established))
            if !config.variants.twoWayHandshake {
                sendAck(config: config, &actions)
            }
            if closeRequested {
                setState(.finWait1, .userClose, &actions)
            }
            transmitPending(now: now, config: config, &actions)
        } else {
            // A SYN without ACK in SYN_SENT: simultaneous open (Figure 7). Repeat our SYN with the
            // ACK of theirs: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, and wait in SYN_RECEIVED.
            setState(.synReceived, .simultaneousOpen, &actions)
            openedPassively = false
            retransmitHead(config: config, &actions)
            retransmissionQueue[0].wasRetransmitted = false  // a new role, not a retransmission
            replaceLastSendAsOriginal(&actions)
            setTimer(.retransmission, at: now + rto.current(profile: config.profile), attempt: retransmitCount, &actions)
        }
    }

    /// The SYN,ACK of a simultaneous open repeats the SYN's sequence number but is a new segment
    /// in the story, so it is not marked as a retransmission.
    private func replaceLastSendAsOriginal(_ actions: inout [ConnectionAction]) {
        guard case .send(let segment, true)? = actions.last else { return }
        actions[actions.count - 1] = .send(segment, isRetransmission: false)
    }
}
