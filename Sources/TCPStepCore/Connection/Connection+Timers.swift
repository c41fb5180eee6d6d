// Timer expiries (RFC 9293 §3.10.8, RFC 6298 §5, Linux's tail loss probe, the persist timer).

extension Connection {
    /// A timer of this connection reached its deadline. The simulation calls this only when the
    /// deadline still matches, so a cancelled or restarted timer never fires.
    mutating func timerFired(_ kind: TimerKind, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        timerDeadlines[kind] = nil
        switch kind {
        case .retransmission: retransmissionTimeout(now: now, config: config, &actions)
        case .timeWait: close(.timeWaitExpired, signal: .closed, &actions)  // TIME_WAIT times out to CLOSED
        case .finWait2: close(.finWait2Timeout, signal: nil, &actions)  // Linux drops the orphaned socket
        case .delayedAck: sendAck(config: config, &actions)
        case .tailLossProbe: sendTailLossProbe(now: now, config: config, &actions)
        case .persist: sendWindowProbe(now: now, config: config, &actions)
        }
    }

    /// RFC 6298 5.4–5.6: retransmit the earliest unacknowledged segment, double the RTO, restart
    /// the timer. RFC 9293 §3.8.3: give up at R2 (a SYN: at least 3 minutes).
    private mutating func retransmissionTimeout(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        guard let head = retransmissionQueue.first else { return }
        let profile = config.profile
        let giveUpAfter = head.syn ? profile.synGiveUpAfter : profile.dataGiveUpAfter
        let isRequestSocket = state == .synReceived && openedPassively
        if isRequestSocket, let limit = profile.synAckRetries, retransmitCount >= limit {
            // Linux drops a half-open request socket silently after tcp_synack_retries.
            close(.retransmissionGaveUp, signal: nil, &actions)
            return
        }
        if now - head.firstSentAt >= giveUpAfter {
            if state == .synSent {
                // The application's connect() returns now: ETIMEDOUT.
                actions.append(.callFailed(.connect(remotePort: ports.remote, localPort: ports.local, isn: nil), .connectionTimedOut))
            }
            close(.retransmissionGaveUp, signal: .connectionAborted, &actions)
            return
        }
        retransmitCount += 1
        let linear = state == .synSent && retransmitCount <= profile.synLinearRetransmissions
        rto.backOff(linear: linear)
        retransmitHead(config: config, &actions)
        recoveryPoint = sndNxt
        // The last wait is cut short so that giving up happens exactly at R2.
        let deadline = min(now + rto.current(profile: profile), head.firstSentAt + giveUpAfter)
        setTimer(.retransmission, at: deadline, attempt: retransmitCount, &actions)
    }

    /// Linux tcp_send_loss_probe: re-send the last segment of the flight (new data would go
    /// first, but tcpstep sends everything the window allows at once), then arm the RTO from
    /// now, not backed off: the probe does not double it.
    private mutating func sendTailLossProbe(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        guard !retransmissionQueue.isEmpty else { return }
        let last = retransmissionQueue.count - 1
        retransmissionQueue[last].wasRetransmitted = true
        tailLossProbeHighSeq = sndNxt
        actions.append(.send(retransmission(of: retransmissionQueue[last], config: config), isRetransmission: true))
        cancelTimer(.delayedAck, &actions)
        setTimer(.retransmission, at: now + rto.current(profile: config.profile), attempt: retransmitCount, &actions)
    }

    /// RFC 9293 3.8.6.1: the peer's window is closed and data waits, so ask for the window again
    /// (Linux tcp_xmit_probe_skb: an ACK one below SND.UNA, which the peer must answer with its
    /// window), then wait twice as long (SHLD-30), at most the maximum RTO.
    private mutating func sendWindowProbe(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        guard unsentBytes > 0, sndWnd == 0, retransmissionQueue.isEmpty else {
            windowProbeCount = 0
            return
        }
        actions.append(.send(makeSegment(seq: sndUna - 1, flags: .ack, config: config), isRetransmission: false))
        windowProbeCount += 1
        armPersistTimer(now: now, config: config, &actions)
    }

    /// The persist timer: the RTO doubled once per probe sent so far (RFC 9293 SHLD-29/30).
    mutating func armPersistTimer(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        let profile = config.profile
        var wait = rto.current(profile: profile)
        for _ in 0..<windowProbeCount where wait < profile.maximumRTO { wait *= 2 }
        setTimer(.persist, at: now + min(wait, profile.maximumRTO), attempt: windowProbeCount, &actions)
    }

    /// After sending new data: arm the tail loss probe where the profile has one and it may run,
    /// otherwise the RTO if it is idle (RFC 6298 5.1).
    mutating func armLossTimer(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        if let probeAt = tailLossProbeDeadline(now: now, config: config) {
            cancelTimer(.retransmission, &actions)
            setTimer(.tailLossProbe, at: probeAt, attempt: retransmitCount, &actions)
        } else if deadline(.retransmission) == nil && deadline(.tailLossProbe) == nil {
            setTimer(.retransmission, at: now + rto.current(profile: config.profile), attempt: retransmitCount, &actions)
        }
    }

    /// An ACK took something off the queue and more is outstanding: the probe or the RTO
    /// starts over (RFC 6298 5.3).
    mutating func restartLossTimer(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        if let probeAt = tailLossProbeDeadline(now: now, config: config) {
            cancelTimer(.retransmission, &actions)
            setTimer(.tailLossProbe, at: probeAt, attempt: retransmitCount, &actions)
        } else {
            cancelTimer(.tailLossProbe, &actions)
            setTimer(.retransmission, at: now + rto.current(profile: config.profile), &actions)
        }
    }

    /// Linux tcp_schedule_loss_probe: only in an open connection with an RTT sample, not while
    /// recovering from an RTO, and one probe per flight. The probe timeout is 2·SRTT, plus
    /// TCP_RTO_MIN when one segment is in flight (the peer may be delaying its ACK) or 2 ticks
    /// otherwise, and never later than the RTO would fire.
    private func tailLossProbeDeadline(now: Micros, config: ConnectionConfig) -> Micros? {
        let profile = config.profile
        guard profile.tailLossProbe, state.isSynchronized, let srtt = rto.smoothedRTT,
              recoveryPoint == nil, retransmitCount == 0, tailLossProbeHighSeq == nil,
              let head = retransmissionQueue.first else { return nil }
        let extra = retransmissionQueue.count == 1 ? profile.minimumRTO : .ms(8)
        let rtoAt = head.firstSentAt + rto.current(profile: profile)
        return min(now + 2 * srtt + extra, max(now, rtoAt))
    }
}
