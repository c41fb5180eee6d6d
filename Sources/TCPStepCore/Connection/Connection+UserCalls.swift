// The user calls SEND, CLOSE and ABORT on an existing connection (RFC 9293 §3.10.2–3.10.5).
// OPEN and LISTEN create connections and live on the host.

extension Connection {
    /// SEND: queued before ESTABLISHED, sent in ESTABLISHED and CLOSE_WAIT, an error once we closed.
    mutating func send(bytes: Int, now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Result<Void, UserCallError> {
        if closeRequested { return .failure(.connectionClosing) }
        switch state {
        case .synSent, .synReceived:
            unsentBytes += bytes  // queued until ESTABLISHED
        case .established, .closeWait:
            unsentBytes += bytes
            transmitPending(now: now, config: config, &actions)
        case .finWait1, .finWait2, .closing, .lastAck, .timeWait:
            return .failure(.connectionClosing)
        case .closed, .listen:
            return .failure(.connectionDoesNotExist)
        }
        return .success(())
    }

    /// CLOSE: "I have no more to send". The FIN follows any queued data.
    mutating func close(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Result<Void, UserCallError> {
        if closeRequested { return .failure(.connectionClosing) }
        switch state {
        case .synSent:
            close(.userClose, signal: nil, &actions)  // delete the TCB; no segment is sent
        case .synReceived:
            closeRequested = true
            if unsentBytes == 0 {
                setState(.finWait1, .userClose, &actions)
                finSeq = sndNxt
                enqueueAndSend(makeSegment(seq: sndNxt, flags: [.fin, .ack], config: config), now: now, config: config, &actions)
            }
        case .established:
            closeRequested = true
            setState(.finWait1, .userClose, &actions)  // CLOSE in ESTABLISHED → FIN_WAIT_1
            transmitPending(now: now, config: config, &actions)
        case .closeWait:
            closeRequested = true
            setState(.lastAck, .userClose, &actions)  // CLOSE in CLOSE_WAIT → LAST_ACK
            transmitPending(now: now, config: config, &actions)
        case .finWait1, .finWait2, .closing, .lastAck, .timeWait:
            return .failure(.connectionClosing)
        case .closed, .listen:
            return .failure(.connectionDoesNotExist)
        }
        return .success(())
    }

    /// ABORT: a RST where the peer knows us, then CLOSED (RFC 9293 §3.10.5).
    mutating func abort(config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Result<Void, UserCallError> {
        switch state {
        case .synReceived, .established, .finWait1, .finWait2, .closeWait:
            var flags: TCPFlags = .rst
            if config.profile.abortRSTCarriesAck { flags.insert(.ack) }
            actions.append(.send(makeSegment(seq: sndNxt, flags: flags, config: config), isRetransmission: false))
            close(.userAbort, signal: .connectionReset, &actions)
        case .synSent, .closing, .lastAck, .timeWait:
            close(.userAbort, signal: nil, &actions)
        case .closed, .listen:
            return .failure(.connectionDoesNotExist)
        }
        return .success(())
    }
}
