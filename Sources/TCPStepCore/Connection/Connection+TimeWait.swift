// TIME_WAIT: why the side that closes first waits 2MSL, and what it answers meanwhile
// (RFC 9293 §3.6.1, §3.10.7.4; Linux tcp_timewait_state_process).

extension Connection {
    /// Enter TIME_WAIT and start the 2MSL timer, stopping all others. Under the no-TIME_WAIT
    /// teaching variant (not TCP) 2MSL is 0 and the connection closes at once.
    mutating func enterTimeWait(_ cause: TransitionCause, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        cancelAllTimers(&actions)
        setState(.timeWait, cause, &actions)
        timeWaitSince = now
        if config.variants.noTimeWait || config.timeWaitDuration == 0 {
            close(.timeWaitSkipped, signal: .closed, &actions)
            return
        }
        setTimer(.timeWait, at: now.adding(config.timeWaitDuration), &actions)
    }

    /// Restart 2MSL: the first reason for TIME_WAIT is to be there when the peer retransmits its FIN.
    private mutating func restartTimeWait(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        setTimer(.timeWait, at: now.adding(config.timeWaitDuration), &actions)
    }

    /// A segment reaches a connection in TIME_WAIT. The peer's retransmitted FIN fails the
    /// sequence test (it lies just below RCV.NXT), yet the RFC's intent (§3.10.7.4 fifth step) is
    /// to ACK it and restart 2MSL; Linux and FreeBSD do exactly that.
    mutating func timeWaitArrives(_ segment: Segment, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        let flags = segment.flags
        let profile = config.profile
        if flags.contains(.rst) {
            if profile.timeWaitRST == .ignored {
                actions.append(.reject(.rstIgnored))  // tcp_rfc1337 = 1: RFC 1337's remedy
            } else if segment.seq == rcvNxt {
                close(.receivedRst, signal: nil, &actions)  // RST in TIME_WAIT → CLOSED (the RFC 1337 hazard)
            } else if profile.timeWaitRST == .challengeUnlessExact && isAcceptable(segment, window: receiveWindow(config)) {
                sendChallengeAck(now: now, config: config, &actions)
                actions.append(.reject(.rstNotExact))
            } else {
                actions.append(.reject(.rstOutOfWindow))
            }
            return
        }
        if flags.contains(.syn) && !flags.contains(.ack) {
            if config.profile.timeWaitAcceptsNewSYN && segment.seq > rcvNxt {
                // Linux reuses the 4-tuple for a new incarnation (RFC 9293 MAY-2), with an ISN above
                // everything the old one used.
                cancelAllTimers(&actions)
                setState(.closed, .timeWaitReused, &actions)
                actions.append(.reopen(segment, isn: sndNxt + 65535 + 2))
                return
            }
            sendChallengeAck(now: now, config: config, &actions)
            actions.append(.reject(.synInSynchronizedState))
            return
        }
        let isRetransmittedFin = flags.contains(.fin)
        let isBareAckAtEdge = segment.seq == rcvNxt && segment.sequenceLength == 0
        if isBareAckAtEdge && !isRetransmittedFin {
            // Nothing to answer; Linux still restarts the timer on any ACK-bearing segment.
            if profile.timeWaitRestartsOnAnyAck && flags.contains(.ack) { restartTimeWait(now: now, config: config, &actions) }
            actions.append(.reject(.duplicate))
            return
        }
        sendAck(config: config, &actions)
        if isRetransmittedFin || (profile.timeWaitRestartsOnAnyAck && flags.contains(.ack)) {
            restartTimeWait(now: now, config: config, &actions)
        }
        actions.append(.reject(.duplicate))
    }
}
