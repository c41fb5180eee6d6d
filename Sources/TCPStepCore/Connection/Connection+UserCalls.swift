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

    /// RECEIVE: the application takes `bytes` (nil: all) of what waits in the receive buffer.
    /// When that opens a window that was too small to use, the peer is told at once with a
    /// window update (receiver-side SWS avoidance, RFC 9293 3.8.6.2.2; Linux tcp_cleanup_rbuf).
    mutating func read(bytes: Int?, config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Result<Void, UserCallError> {
        switch state {
        case .closed, .listen: return .failure(.connectionDoesNotExist)
        case .synSent, .synReceived, .established, .finWait1, .finWait2, .closeWait, .closing, .lastAck, .timeWait: break
        }
        let before = receiveWindow(config)
        unreadBytes -= min(unreadBytes, bytes ?? unreadBytes)
        let threshold = min(config.mss, config.receiveBuffer(of: host) / 2)
        if state.isSynchronized && state != .timeWait && before < threshold && receiveWindow(config) >= threshold {
            sendAck(config: config, &actions)
        }
        return .success(())
    }

    /// CLOSE: "I have no more to send". The FIN follows any queued data. With received data still
    /// unread, the data is lost, and the peer is told so with a RST instead (RFC 9293 SHLD-3,
    /// RFC 1122 4.2.2.13, Linux tcp_close): its application sees "connection reset by peer".
    mutating func close(now: Micros, config: ConnectionConfig, _ actions: inout [ConnectionAction]) -> Result<Void, UserCallError> {
        if closeRequested { return .failure(.connectionClosing) }
        if unreadBytes > 0 && config.profile.resetsOnCloseWithUnreadData {
            switch state {
            case .synReceived, .established, .closeWait:
                sendReset(config: config, &actions)
                close(.closeWithUnreadData, signal: nil, &actions)
                return .success(())
            case .closed, .listen, .synSent, .finWait1, .finWait2, .closing, .lastAck, .timeWait: break
            }
        }
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
            sendReset(config: config, &actions)
            close(.userAbort, signal: .connectionReset, &actions)
        case .synSent, .closing, .lastAck, .timeWait:
            close(.userAbort, signal: nil, &actions)
        case .closed, .listen:
            return .failure(.connectionDoesNotExist)
        }
        return .success(())
    }

    /// The RST of ABORT (and of a CLOSE that loses unread data): <SEQ=SND.NXT><CTL=RST>
    /// (RFC 9293 §3.10.5), with the ACK bit on Linux.
    private func sendReset(config: ConnectionConfig, _ actions: inout [ConnectionAction]) {
        var flags: TCPFlags = .rst
        if config.profile.abortRSTCarriesAck { flags.insert(.ack) }
        actions.append(.send(makeSegment(seq: sndNxt, flags: flags, config: config), isRetransmission: false))
    }
}
