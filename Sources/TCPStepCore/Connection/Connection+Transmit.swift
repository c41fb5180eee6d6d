// Sending: segmentizing queued data, the FIN after it, and processing acknowledgments of ours.

extension Connection {
    /// Our FIN was sent and acknowledged.
    public var isFinAcked: Bool {
        guard let finSeq else { return false }
        return sndUna > finSeq
    }

    /// Sends what the peer's window allows: queued data in MSS-sized segments, then the FIN once
    /// CLOSE was called and every byte went out (RFC 9293 §3.10.4: the FIN follows the data).
    mutating func transmitPending(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        // Data may still be queued behind a CLOSE (even once the peer's FIN made us CLOSING):
        // it goes out before our FIN.
        switch state {
        case .established, .closeWait, .finWait1, .lastAck, .closing: break
        case .closed, .listen, .synSent, .synReceived, .finWait2, .timeWait: return
        }
        var sentAny = false
        while unsentBytes > 0 && finSeq == nil {
            let windowLeft = sndWnd - bytesInFlight
            guard windowLeft > 0 else { break }
            let length = min(config.mss, unsentBytes, windowLeft)
            let segment = makeSegment(seq: sndNxt, flags: [.ack, .psh], payloadLength: length, config: config)
            enqueueAndSend(segment, now: now, config: config, armingTimer: false, &actions)
            unsentBytes -= length
            sentAny = true
        }
        let finMayFollow = state == .finWait1 || state == .lastAck || state == .closing
        if closeRequested && finMayFollow && unsentBytes == 0 && finSeq == nil {
            finSeq = sndNxt
            enqueueAndSend(makeSegment(seq: sndNxt, flags: [.fin, .ack], config: config), now: now, config: config,
                           armingTimer: false, &actions)
            sentAny = true
        }
        // One loss timer for the whole flight, armed after its last segment.
        if sentAny { armLossTimer(now: now, config: config, &actions) }
        updatePersistTimer(now: now, config: config, &actions)
    }

    /// The peer's window is closed while data waits and nothing is in flight to bring an ACK:
    /// only the persist timer can learn that the window opened again (RFC 9293 3.8.6.1).
    mutating func updatePersistTimer(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        if unsentBytes > 0 && finSeq == nil && sndWnd == 0 && retransmissionQueue.isEmpty {
            if deadline(.persist) == nil { armPersistTimer(now: now, config: config, &actions) }
        } else {
            windowProbeCount = 0
            cancelTimer(.persist, &actions)
        }
    }

    /// Sends a new segment, remembers it for retransmission and (unless the caller arms it after
    /// a whole flight) starts the loss timer if idle (RFC 6298 5.1).
    mutating func enqueueAndSend(_ segment: Segment, now: Micros, config: ConnectionConfig, armingTimer: Bool = true,
                                 _ actions: inout [ConnectionAction]) {
        retransmissionQueue.append(UnackedSegment(
            seq: segment.seq, payloadLength: segment.payloadLength, syn: segment.flags.contains(.syn),
            fin: segment.flags.contains(.fin), firstSentAt: now, wasRetransmitted: false))
        sndNxt = segment.seq + segment.sequenceLength
        actions.append(.send(segment, isRetransmission: false))
        if segment.flags.contains(.ack) { cancelTimer(.delayedAck, &actions) }
        // Without a tail loss probe the RTO starts with the flight's first segment, as before.
        if armingTimer || !config.profile.tailLossProbe { armLossTimer(now: now, config: config, &actions) }
    }

    /// The segment that re-sends `unacked`, with the flags the current state gives it: a SYN
    /// becomes SYN,ACK once the peer's SYN is known (simultaneous open).
    func retransmission(of unacked: UnackedSegment, config: ConnectionConfig) -> Segment {
        var flags: TCPFlags
        if unacked.syn {
            flags = state == .synSent ? .syn : [.syn, .ack]
        } else {
            flags = .ack
            if unacked.payloadLength > 0 { flags.insert(.psh) }
        }
        if unacked.fin { flags.insert(.fin) }
        return makeSegment(seq: unacked.seq, flags: flags, payloadLength: unacked.payloadLength, config: config)
    }

    /// Re-sends the head of the retransmission queue.
    mutating func retransmitHead(config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        guard !retransmissionQueue.isEmpty else { return }
        retransmissionQueue[0].wasRetransmitted = true
        actions.append(.send(retransmission(of: retransmissionQueue[0], config: config), isRetransmission: true))
        if !retransmissionQueue[0].syn { cancelTimer(.delayedAck, &actions) }
    }

    /// An acceptable ACK (SND.UNA < SEG.ACK ≤ SND.NXT): advance SND.UNA, drop what it covers from the
    /// retransmission queue, take an RTT sample (Karn's rule), and restart or stop the RTO (RFC 6298 5.2/5.3).
    mutating func acknowledge(upTo ack: SeqNum, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        sndUna = ack
        var sample: Micros?
        var synWasRetransmitted = false
        while let head = retransmissionQueue.first, head.end <= ack {
            if head.syn && head.wasRetransmitted { synWasRetransmitted = true }
            sample = head.wasRetransmitted ? nil : now - head.firstSentAt
            retransmissionQueue.removeFirst()
        }
        if let head = retransmissionQueue.first, head.seq < ack {
            // A partly acknowledged data segment: keep only its unacknowledged tail.
            let covered = ack.distance(from: head.seq)
            retransmissionQueue[0].seq = ack
            retransmissionQueue[0].payloadLength -= covered
        }
        if let sample {
            rto.addSample(sample, profile: config.profile)
        } else if synWasRetransmitted {
            rto.fallBackAfterSynRetransmission()
        }
        retransmitCount = 0
        if let probed = tailLossProbeHighSeq, ack >= probed { tailLossProbeHighSeq = nil }
        if retransmissionQueue.isEmpty {
            recoveryPoint = nil
            tailLossProbeHighSeq = nil
            cancelTimer(.retransmission, &actions)
            cancelTimer(.tailLossProbe, &actions)
            return
        }
        if let point = recoveryPoint, retransmissionQueue[0].seq < point {
            // Go-back-N after a timeout: what was in flight then is presumed lost too.
            setTimer(.retransmission, at: now + rto.current(profile: config.profile), &actions)
            retransmitHead(config: config, &actions)
        } else {
            recoveryPoint = nil
            restartLossTimer(now: now, config: config, &actions)
        }
    }

    /// RFC 9293 §3.10.7.4 fifth step, window update: only from a newer segment.
    mutating func updateSendWindow(from segment: Segment) {
        if sndWl1 < segment.seq || (sndWl1 == segment.seq && sndWl2 <= segment.ack) {
            sndWnd = Int(segment.window)
            sndWl1 = segment.seq
            sndWl2 = segment.ack
        }
    }
}
