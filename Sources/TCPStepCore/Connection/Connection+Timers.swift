// Timer expiries (RFC 9293 §3.10.8, RFC 6298 §5).

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
}
