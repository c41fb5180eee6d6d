// SEGMENT ARRIVES for a connection that exists (RFC 9293 §3.10.7.3–4). The steps keep the RFC's
// order: sequence number, RST, SYN, ACK, text, FIN.

extension Connection {
    /// Dispatches an arriving segment by state.
    mutating func segmentArrives(_ segment: Segment, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        switch state {
        case .closed, .listen:
            preconditionFailure("a CLOSED or LISTEN connection has no TCB: the host handles \(segment.summary)")
        case .synSent:
            synSentArrives(segment, now: now, config: config, &actions)
        case .timeWait:
            timeWaitArrives(segment, now: now, config: config, &actions)
        case .synReceived, .established, .finWait1, .finWait2, .closeWait, .closing, .lastAck:
            synchronizedArrives(segment, now: now, config: config, &actions)
        }
    }

    /// RFC 9293 Table 6: is any part of the segment inside the receive window?
    func isAcceptable(_ segment: Segment, window: Int) -> Bool {
        let length = segment.sequenceLength
        let windowEnd = rcvNxt + window
        switch (length, window) {
        case (0, 0): return segment.seq == rcvNxt
        case (0, _): return segment.seq.isIn(from: rcvNxt, below: windowEnd)
        case (_, 0): return false
        default:
            return segment.seq.isIn(from: rcvNxt, below: windowEnd)
                || (segment.seq + length - 1).isIn(from: rcvNxt, below: windowEnd)
        }
    }

    /// The third segment of a simultaneous open repeats the peer's SYN (Figure 7 line 6): its SYN
    /// is old, its ACK is new. Trim the SYN so the ACK is processed, as the figure shows.
    private func trimmingRepeatedSyn(_ segment: Segment) -> Segment {
        guard state == .synReceived, segment.flags.isSuperset(of: [.syn, .ack]), segment.seq == irs else { return segment }
        var trimmed = segment
        trimmed.flags.remove(.syn)
        trimmed.seq = segment.seq + 1
        return trimmed
    }

    private mutating func synchronizedArrives(_ arriving: Segment, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        let crossingSynAck = state == .synReceived && arriving.flags.isSuperset(of: [.syn, .ack]) && arriving.seq == irs
        let segment = trimmingRepeatedSyn(arriving)
        let flags = segment.flags

        // First: the sequence number test. A duplicate SYN at a request socket gets its SYN,ACK
        // again on Linux; otherwise an unacceptable segment gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
        guard isAcceptable(segment, window: receiveWindow(config)) else {
            if !flags.contains(.rst) {
                if state == .synReceived && flags.contains(.syn) && config.profile.resendsSynAckOnDuplicateSYN {
                    retransmitHead(config: config, &actions)
                } else {
                    // Linux rate-limits these duplicate ACKs (tcp_oow_rate_limited), which also
                    // ends the ACK war two confused peers could otherwise wage forever.
                    sendChallengeAck(now: now, config: config, &actions)
                }
            }
            actions.append(.reject(flags.contains(.rst) ? .rstOutOfWindow : .unacceptableSequence))
            return
        }

        // Second: RST. RFC 5961 §3 (folded into RFC 9293): only an exact hit on RCV.NXT resets;
        // elsewhere in the window it earns a challenge ACK.
        if flags.contains(.rst) {
            guard segment.seq == rcvNxt else {
                sendChallengeAck(now: now, config: config, &actions)
                actions.append(.reject(.rstNotExact))
                return
            }
            receiveReset(&actions)
            return
        }

        // Fourth: SYN. At a passive request socket it returns to LISTEN; anywhere else it gets a
        // challenge ACK (RFC 9293 §3.10.7.4, RFC 5961 §4).
        if flags.contains(.syn) {
            if state == .synReceived && openedPassively {
                cancelAllTimers(&actions)
                setState(.listen, .returnToListen, &actions)
                actions.append(.delete)
            } else {
                sendChallengeAck(now: now, config: config, &actions)
                actions.append(.reject(.synInSynchronizedState))
            }
            return
        }

        // Fifth: ACK. Without it the segment is dropped.
        guard flags.contains(.ack) else {
            actions.append(.reject(.noAckBit))
            return
        }
        guard processAck(segment, now: now, config: config, &actions) else { return }
        if crossingSynAck && config.profile.acksCrossingSynAck { sendAck(config: config, &actions) }

        // Seventh and eighth: text and FIN, in sequence order.
        receiveTextAndFin(segment, now: now, config: config, &actions)
        transmitPending(now: now, config: config, &actions)
    }

    /// A valid RST (§3.10.7.4 second step) by state.
    private mutating func receiveReset(_ actions: inout [ConnectionAction]) {
        switch state {
        case .synReceived where openedPassively:
            // Figure 8 line 5: a passive request socket returns to LISTEN; the user is not told.
            cancelAllTimers(&actions)
            setState(.listen, .returnToListen, &actions)
            actions.append(.delete)
        case .synReceived:
            close(.receivedRst, signal: .connectionRefused, &actions)
        case .established, .finWait1, .finWait2, .closeWait:
            close(.receivedRst, signal: .connectionReset, &actions)
        case .closing, .lastAck, .timeWait:
            close(.receivedRst, signal: nil, &actions)
        case .closed, .listen, .synSent:
            preconditionFailure("receiveReset in \(state)")
        }
    }

    /// The fifth step. Returns false when the segment must not be processed further.
    private mutating func processAck(_ segment: Segment, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Bool {
        if state == .synReceived {
            guard sndUna < segment.ack && segment.ack <= sndNxt else {
                // An unacceptable ACK in SYN_RECEIVED: <SEQ=SEG.ACK><CTL=RST>.
                actions.append(.send(Segment(sourcePort: ports.local, destinationPort: ports.remote, seq: segment.ack,
                                             flags: .rst, window: 0), isRetransmission: false))
                actions.append(.reject(.unacceptableAck))
                return false
            }
            // The ACK of our SYN: SYN_RECEIVED → ESTABLISHED.
            acknowledge(upTo: segment.ack, now: now, config: config, &actions)
            sndWnd = Int(segment.window)
            sndWl1 = segment.seq
            sndWl2 = segment.ack
            setState(.established, .receivedAckOfSyn, &actions)
            actions.append(.signal(.established))
            if closeRequested { setState(.finWait1, .userClose, &actions) }
            return true
        }
        if segment.ack > sndNxt {
            sendChallengeAck(now: now, config: config, &actions)  // it acknowledges something not yet sent
            actions.append(.reject(.ackOfUnsentData))
            return false
        }
        if sndUna < segment.ack {
            acknowledge(upTo: segment.ack, now: now, config: config, &actions)
        }
        updateSendWindow(from: segment)
        switch state {
        case .finWait1 where isFinAcked:
            // The ACK of our FIN: FIN_WAIT_1 → FIN_WAIT_2.
            setState(.finWait2, .receivedAckOfFin, &actions)
            if let timeout = config.profile.finWait2Timeout {
                // Linux tcp_fin_time: never shorter than 3.5 RTO.
                let rtoNow = rto.current(profile: config.profile)
                setTimer(.finWait2, at: now + max(timeout, 4 * rtoNow - rtoNow / 2), &actions)
            }
        case .closing where isFinAcked:
            enterTimeWait(.receivedAckOfFin, now: now, config: config, &actions)  // CLOSING → TIME_WAIT
        case .lastAck where isFinAcked:
            close(.receivedAckOfFin, signal: .closed, &actions)  // LAST_ACK → CLOSED
            return false
        case .closed, .listen, .synSent, .synReceived, .established, .finWait1, .finWait2, .closeWait, .closing, .lastAck, .timeWait:
            break
        }
        return true
    }

    /// Data and FIN at RCV.NXT are taken now; anything beyond waits for the gap to fill.
    private mutating func receiveTextAndFin(_ segment: Segment, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        let hasFin = segment.flags.contains(.fin)
        guard segment.payloadLength > 0 || hasFin else { return }
        switch state {
        case .established, .finWait1, .finWait2, .synReceived:
            break
        case .closeWait, .closing, .lastAck, .timeWait:
            // The peer already sent its FIN: nothing new can follow it.
            actions.append(.reject(.duplicate))
            sendAck(config: config, &actions)
            return
        case .closed, .listen, .synSent:
            preconditionFailure("text in \(state)")
        }
        // Trim what was already received (a partial retransmission).
        var seq = segment.seq
        var length = segment.payloadLength
        if seq < rcvNxt {
            let old = min(rcvNxt.distance(from: seq), length)
            seq = seq + old
            length -= old
        }
        if seq != rcvNxt {
            outOfOrder.append(OutOfOrderSegment(seq: seq, payloadLength: length, fin: hasFin))
            sendAck(config: config, &actions)  // a duplicate ACK tells the sender what is missing
            return
        }
        // What lies beyond the window is not taken (its FIN neither): the sender will resend it.
        let window = receiveWindow(config)
        let fits = length <= window
        var finArrived = take(length: min(length, window), fin: hasFin && fits, config: config, &actions)
        finArrived = drainOutOfOrder(config: config, &actions) || finArrived
        if finArrived {
            receiveFin(now: now, config: config, &actions)
        } else {
            sendAck(config: config, &actions)
        }
    }

    /// Accepts in-order text; returns whether a FIN came with it. Unless its application reads
    /// at once, the bytes wait in the receive buffer and shrink the window.
    private mutating func take(length: Int, fin: Bool, config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Bool {
        if length > 0 {
            rcvNxt += length
            receivedData = true
            if !config.readsAtOnce(host) { unreadBytes += length }
            actions.append(.signal(.dataDelivered))
        }
        if fin { rcvNxt += 1 }
        return fin
    }

    /// Moves queued out-of-order segments that now start at or before RCV.NXT.
    private mutating func drainOutOfOrder(config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Bool {
        var finArrived = false
        var progressed = true
        while progressed {
            progressed = false
            for (index, held) in outOfOrder.enumerated() where held.seq <= rcvNxt {
                outOfOrder.remove(at: index)
                let overlap = rcvNxt.distance(from: held.seq)
                if overlap < held.payloadLength || (overlap == held.payloadLength && held.fin) {
                    finArrived = take(length: held.payloadLength - overlap, fin: held.fin, config: config, &actions) || finArrived
                }
                progressed = true
                break
            }
        }
        return finArrived
    }

    /// The eighth step: the peer's FIN, by state. RCV.NXT already covers it.
    private mutating func receiveFin(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        actions.append(.signal(.connectionClosing))
        switch state {
        case .synReceived, .established:
            // FIN in ESTABLISHED moves to CLOSE_WAIT. Linux delays this ACK so it can ride on our FIN.
            setState(.closeWait, .receivedFin, &actions)
            if let delays = config.profile.delayedFinAck {
                setTimer(.delayedAck, at: now + (receivedData ? delays.afterData : delays.withoutData), &actions)
            } else {
                sendAck(config: config, &actions)
            }
        case .finWait1:
            sendAck(config: config, &actions)
            if isFinAcked {
                enterTimeWait(.receivedFinAndAck, now: now, config: config, &actions)  // Figure 5 note 2
            } else {
                setState(.closing, .receivedFin, &actions)  // FINs crossed: simultaneous close
            }
        case .finWait2:
            sendAck(config: config, &actions)
            enterTimeWait(.receivedFin, now: now, config: config, &actions)  // FIN in FIN_WAIT_2 → TIME_WAIT
        case .closed, .listen, .synSent, .closeWait, .closing, .lastAck, .timeWait:
            preconditionFailure("receiveFin in \(state)")
        }
    }
}
