import TCPStepCore

/// Infers both hosts' states from the segments of one connection as the capture point saw them,
/// by RFC 9293's rules (§3.10.7, "SEGMENT ARRIVES"): each segment counts as sent by its sender
/// when it is seen and as arrived at its receiver at the same moment. A capture shows neither
/// host's memory, only the wire, so every state here is an inference and marked as such.
public enum StateInference {
    public static func infer(_ packets: [CapturedPacket], summary: ConnectionSummary, profile: Profile) -> InferredConnection {
        var inference = Inference(packets: packets, client: summary.client, profile: profile)
        return InferredConnection(
            client: summary.client, server: summary.server, clientIsGuess: summary.clientIsGuess,
            joinedLate: inference.joinedLate, startTime: packets.first?.time ?? summary.firstTime,
            initialTransitions: inference.initial, steps: inference.run(),
            isn: inference.hosts.map(\.isn))
    }
}

/// What the capture tells about one host so far.
struct HostView {
    var state: TCPState = .closed
    var isn: UInt32?
    /// SND.NXT as far as the wire shows: the end of the highest sequence number sent.
    var sendNext: SeqNum?
    /// SND.NXT before its latest segment: where the peer's window starts for that segment.
    var sendNextBefore: SeqNum?
    /// The sequence number its FIN occupies, once sent.
    var finSeq: SeqNum?
    /// Reached SYN_RECEIVED from LISTEN, so a RST sends it back to LISTEN (RFC 9293 §3.10.7.4).
    var isPassive = false
    var peerFinSeen = false
    /// The last window it advertised.
    var window: UInt16 = 1
    /// The last pure ACK it sent (ack, window), for duplicate-ACK detection.
    var lastPureAck: (ack: UInt32, window: UInt16)?
    /// The starts of data it sent, to tell a retransmission from an out-of-order segment.
    var sentStarts: Set<UInt32> = []
    /// Earlier segments, to recognise a network copy (same fields, same IP identification).
    var sentFingerprints: Set<Fingerprint> = []
    /// When it entered TIME_WAIT / FIN_WAIT_2 (relative µs), for the profile's timers.
    var enteredAt: Micros = 0
}

struct Fingerprint: Hashable {
    var seq: UInt32, ack: UInt32, flags: UInt8, length: Int, window: UInt16, ipID: UInt16
}

private struct Inference {
    let packets: [CapturedPacket]
    let client: Endpoint
    let profile: Profile
    var hosts = [HostView(), HostView()]
    var initial: [InferredTransition] = []
    var joinedLate = false
    let start: Micros
    /// The index of the packet being read (for the few rules that look at the next one).
    var current = 0

    init(packets: [CapturedPacket], client: Endpoint, profile: Profile) {
        self.packets = packets
        self.client = client
        self.profile = profile
        start = packets.first?.time ?? 0
        guard let first = packets.first else { return }
        let opensWithSyn = first.flags.contains(.syn) && !first.flags.contains(.ack)
        if opensWithSyn {
            // The server was listening if it answered with SYN,ACK; a bare SYN from it is a
            // simultaneous open (it was CLOSED too); an RST or silence: no listener.
            let serverSyn = packets.first { $0.source != client && $0.flags.contains(.syn) }
            if let serverSyn, serverSyn.flags.contains(.ack) {
                hosts[1].state = .listen
                initial.append(InferredTransition(host: .server, from: .closed, to: .listen, cause: .passiveOpen, time: 0))
            }
        } else {
            // Joined late: both sides are past the handshake; their sequence numbers start where
            // the capture first sees them.
            joinedLate = true
            for host in HostID.allCases {
                hosts[host.rawValue].state = .established
                initial.append(InferredTransition(host: host, from: .closed, to: .established, cause: .joinedLate, time: 0))
            }
        }
    }

    mutating func run() -> [InferredStep] {
        var steps: [InferredStep] = []
        steps.reserveCapacity(packets.count)
        let crossings = Self.crossings(packets, client: client)
        var deferred: [Int: [Int]] = [:]
        for (index, packet) in packets.enumerated() {
            current = index
            let sender: HostID = packet.source == client ? .client : .server
            let time = packet.time - start
            var events = expireTimers(before: time).map(InferredEvent.transition)
            let label = label(packet, from: sender)
            var transitions: [InferredTransition] = []
            send(packet, from: sender, time: time, &transitions)
            // A SYN or FIN is sent from the state it enters; an ABORT's RST leaves before the
            // connection is deleted, as the simulator records it.
            events += packet.flags.contains(.rst)
                ? [.send] + transitions.map(InferredEvent.transition)
                : transitions.map(InferredEvent.transition) + [.send]
            // Segments that crossed this one reach its sender only now.
            for earlier in deferred.removeValue(forKey: index) ?? [] {
                transitions = []
                arrive(packets[earlier], at: sender, time: time, &transitions)
                events += [.arrival(index: earlier)] + transitions.map(InferredEvent.transition)
            }
            if let later = crossings[index] {
                deferred[later, default: []].append(index)
            } else if label != .duplicate {
                // A network copy changes nothing at the receiver that the original has not.
                transitions = []
                arrive(packet, at: sender.peer, time: time, &transitions)
                events += [.arrival(index: index)] + transitions.map(InferredEvent.transition)
            }
            steps.append(InferredStep(packet: packet, from: sender, time: time, label: label, events: events))
        }
        return steps
    }

    /// Segments whose arrival must wait: a FIN or SYN that the receiver's next segment, itself a
    /// FIN or SYN, does not acknowledge crossed it on the wire (simultaneous close or open), so it
    /// arrives right after that segment is sent. Maps the crossing segment's index to the index
    /// of the step it arrives in.
    static func crossings(_ packets: [CapturedPacket], client: Endpoint) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (index, packet) in packets.enumerated() where packet.flags.contains(.fin) || packet.flags.contains(.syn) {
            guard !packet.flags.contains(.rst),
                  let reply = packets[(index + 1)...].firstIndex(where: { $0.source == packet.destination }) else { continue }
            let answer = packets[reply]
            let end = SeqNum(packet.seq) + packet.sequenceLength
            let acknowledged = answer.flags.contains(.ack) && SeqNum(answer.ack) >= end
            let changesState = (answer.flags.contains(.fin) || answer.flags.contains(.syn)) && !answer.flags.contains(.rst)
            if changesState && !acknowledged { result[index] = reply }
        }
        return result
    }

    // MARK: Timers the profile runs where the capture cannot see them

    /// TIME_WAIT (2×MSL) and Linux's FIN_WAIT_2 timeout ran out if the capture goes on past them.
    private mutating func expireTimers(before time: Micros) -> [InferredTransition] {
        var transitions: [InferredTransition] = []
        for host in HostID.allCases {
            let view = hosts[host.rawValue]
            if view.state == .timeWait, view.enteredAt + profile.timeWaitDuration(msl: nil) <= time {
                set(host, .closed, .timeWaitExpired, at: view.enteredAt + profile.timeWaitDuration(msl: nil), &transitions)
            } else if view.state == .finWait2, let timeout = profile.finWait2Timeout, view.enteredAt + timeout <= time {
                set(host, .closed, .finWait2Timeout, at: view.enteredAt + timeout, &transitions)
            }
        }
        return transitions
    }

    // MARK: Labels

    private func label(_ packet: CapturedPacket, from sender: HostID) -> WireLabel? {
        let view = hosts[sender.rawValue], peer = hosts[sender.peer.rawValue]
        let flags = packet.flags
        if flags.contains(.rst) { return .reset }
        if let id = packet.ipID, view.sentFingerprints.contains(Fingerprint(packet, ipID: id)) { return .duplicate }
        let seq = SeqNum(packet.seq)
        guard let next = view.sendNext else { return nil }
        let control = flags.contains(.syn) || flags.contains(.fin)
        // Keep-alive and zero-window probe share a shape: SND.NXT − 1, at most one byte (Linux
        // sends both with no byte at all). The peer's last window tells them apart.
        if !control, packet.payloadLength <= 1, seq == next - 1 {
            return peer.window == 0 ? .windowProbe : .keepAlive
        }
        if packet.sequenceLength > 0, seq < next {
            return view.sentStarts.contains(packet.seq) || control ? .retransmission : .outOfOrder
        }
        if packet.payloadLength > 0, peer.window == 0 { return .windowProbe }
        if packet.sequenceLength == 0, flags == .ack, let last = view.lastPureAck,
           last.ack == packet.ack, last.window == packet.window, let peerNext = peer.sendNext, SeqNum(packet.ack) < peerNext {
            return .duplicateAck
        }
        return nil
    }

    // MARK: The sender

    /// What sending this segment says about its sender (a SYN means it opened, a FIN that its
    /// application closed, a RST that it aborted or refused).
    private mutating func send(_ packet: CapturedPacket, from host: HostID, time: Micros, _ transitions: inout [InferredTransition]) {
        let flags = packet.flags
        let state = hosts[host.rawValue].state
        hosts[host.rawValue].sendNextBefore = hosts[host.rawValue].sendNext
        // ABORT sends <SEQ=SND.NXT><CTL=RST> (§3.10.5); a RST with another SEQ answers a segment
        // that was not acceptable (§3.10.7.1: SEQ=SEG.ACK) and leaves the sender's state alone.
        let isAbort = hosts[host.rawValue].sendNext.map { SeqNum(packet.seq) == $0 } ?? true
        if flags.contains(.rst), isAbort {
            switch state {
            case .synSent, .synReceived, .established, .finWait1, .finWait2, .closeWait, .closing, .lastAck:
                // ABORT (RFC 9293 §3.10.5), or Linux closing with unread data.
                set(host, .closed, .userAbort, at: time, &transitions)
            case .closed, .listen, .timeWait:
                break  // the answer to a segment for no connection: no state to leave
            }
        } else if flags.contains(.syn) {
            if hosts[host.rawValue].isn == nil { hosts[host.rawValue].isn = packet.seq }
            if !flags.contains(.ack), state == .closed { set(host, .synSent, .activeOpen, at: time, &transitions) }
            if flags.contains(.ack), state == .listen { set(host, .synReceived, .receivedSyn, at: time, &transitions) }
        }
        if flags.contains(.fin), !flags.contains(.rst) {
            let finSeq = SeqNum(packet.seq) + packet.payloadLength + (flags.contains(.syn) ? 1 : 0)
            hosts[host.rawValue].finSeq = finSeq
            switch hosts[host.rawValue].state {
            case .established, .synReceived: set(host, .finWait1, .userClose, at: time, &transitions)
            case .closeWait: set(host, .lastAck, .userClose, at: time, &transitions)
            case .closed, .listen, .synSent, .finWait1, .finWait2, .closing, .lastAck, .timeWait: break
            }
        }
        var view = hosts[host.rawValue]
        if view.isn == nil, joinedLate { view.isn = packet.seq }
        let end = SeqNum(packet.seq) + packet.sequenceLength
        if view.sendNext.map({ end > $0 }) ?? true { view.sendNext = end }
        if packet.payloadLength > 0 { view.sentStarts.insert(packet.seq) }
        if let id = packet.ipID { view.sentFingerprints.insert(Fingerprint(packet, ipID: id)) }
        view.window = packet.window
        if packet.sequenceLength == 0, flags == .ack { view.lastPureAck = (packet.ack, packet.window) }
        hosts[host.rawValue] = view
    }

    // MARK: The receiver

    /// RFC 9293 §3.10.7, in the receiver's state, for a segment assumed to have arrived.
    private mutating func arrive(_ packet: CapturedPacket, at host: HostID, time: Micros, _ transitions: inout [InferredTransition]) {
        let flags = packet.flags
        let view = hosts[host.rawValue]
        // Acceptable ACK (§3.10.7.3/4): SND.UNA < SEG.ACK =< SND.NXT; before our SYN is acknowledged
        // SND.UNA is the ISN, so an ACK of anything else (an old SYN's answer) is not one.
        let acksOurSyn = flags.contains(.ack) && view.isn.map { isn in
            SeqNum(packet.ack) > SeqNum(isn) && view.sendNext.map { SeqNum(packet.ack) <= $0 } ?? false
        } ?? false
        switch view.state {
        case .listen:
            if flags.contains(.syn), !flags.contains(.ack), !flags.contains(.rst) {
                hosts[host.rawValue].isPassive = true
                set(host, .synReceived, .receivedSyn, at: time, &transitions)
            }
            return
        case .synSent:
            if flags.contains(.rst) {
                if acksOurSyn { set(host, .closed, .receivedRst, at: time, &transitions) }  // "connection refused"
            } else if flags.contains(.syn), acksOurSyn, answersWithReset(packet, from: host) {
                // A good SYN,ACK answered by a RST: the application had closed in SYN_SENT, which
                // sends nothing (§3.10.4), so the connection was gone when it arrived.
                set(host, .closed, .userClose, at: time, &transitions)
            } else if flags.contains(.syn), acksOurSyn {
                set(host, .established, .receivedSynAck, at: time, &transitions)
            } else if flags.contains(.syn), !flags.contains(.ack) {
                set(host, .synReceived, .simultaneousOpen, at: time, &transitions)
            }
            // A SYN,ACK whose ACK is unacceptable (Figure 8: it answers an old SYN) is answered
            // with a RST and dropped; the state stays SYN_SENT (§3.10.7.3, first check).
            return
        case .synReceived:
            if flags.contains(.rst) {
                // A passive open goes back to LISTEN; an active one is refused (§3.10.7.4).
                set(host, view.isPassive ? .listen : .closed, view.isPassive ? .returnToListen : .receivedRst, at: time, &transitions)
                return
            }
            guard acksOurSyn else { return }
            set(host, .established, .receivedAckOfSyn, at: time, &transitions)
        case .established, .finWait1, .finWait2, .closeWait, .closing, .lastAck, .timeWait:
            if flags.contains(.rst) {
                // §3.10.7.4: an acceptable RST closes every synchronized state, TIME_WAIT included.
                // One far outside the window (a listener's answer to an old duplicate) is dropped.
                if let expected = hosts[host.peer.rawValue].sendNextBefore, packet.seq &- expected.raw >= 65_536 { return }
                set(host, .closed, .receivedRst, at: time, &transitions)
                return
            }
        case .closed:
            return
        }
        ackOfFin(packet, at: host, time: time, &transitions)
        fin(packet, at: host, time: time, &transitions)
    }

    /// Whether `host`'s next segment is the RST that answers `packet` (SEQ = its ACK, no ACK bit
    /// of its own: the reply of a host without a connection).
    private func answersWithReset(_ packet: CapturedPacket, from host: HostID) -> Bool {
        let endpoint = packet.destination
        guard let reply = packets[(current + 1)...].first(where: { $0.source == endpoint }) else { return false }
        return reply.flags.contains(.rst) && !reply.flags.contains(.ack) && reply.seq == packet.ack
    }

    /// The ACK of our FIN: FIN_WAIT_1 → FIN_WAIT_2, CLOSING → TIME_WAIT, LAST_ACK → CLOSED.
    /// FIN_WAIT_1 with the peer's FIN in the same segment is handled by `fin` (Figure 5 note 2).
    private mutating func ackOfFin(_ packet: CapturedPacket, at host: HostID, time: Micros, _ transitions: inout [InferredTransition]) {
        guard packet.flags.contains(.ack), let finSeq = hosts[host.rawValue].finSeq, SeqNum(packet.ack) > finSeq else { return }
        switch hosts[host.rawValue].state {
        case .finWait1 where !packet.flags.contains(.fin): set(host, .finWait2, .receivedAckOfFin, at: time, &transitions)
        case .closing: set(host, .timeWait, .receivedAckOfFin, at: time, &transitions)
        case .lastAck: set(host, .closed, .receivedAckOfFin, at: time, &transitions)
        default: break
        }
    }

    /// The peer's FIN, the first time it is seen.
    private mutating func fin(_ packet: CapturedPacket, at host: HostID, time: Micros, _ transitions: inout [InferredTransition]) {
        guard packet.flags.contains(.fin), !hosts[host.rawValue].peerFinSeen else { return }
        hosts[host.rawValue].peerFinSeen = true
        let ourFinAcked = hosts[host.rawValue].finSeq.map { packet.flags.contains(.ack) && SeqNum(packet.ack) > $0 } ?? false
        switch hosts[host.rawValue].state {
        case .established, .synReceived: set(host, .closeWait, .receivedFin, at: time, &transitions)
        case .finWait1:
            if ourFinAcked {
                set(host, .timeWait, .receivedFinAndAck, at: time, &transitions)
            } else {
                set(host, .closing, .receivedFin, at: time, &transitions)  // both FINs crossed
            }
        case .finWait2: set(host, .timeWait, .receivedFin, at: time, &transitions)
        case .closed, .listen, .synSent, .closeWait, .closing, .lastAck, .timeWait: break
        }
    }

    private mutating func set(_ host: HostID, _ state: TCPState, _ cause: TransitionCause, at time: Micros,
                              _ transitions: inout [InferredTransition]) {
        let from = hosts[host.rawValue].state
        guard from != state else { return }
        hosts[host.rawValue].state = state
        hosts[host.rawValue].enteredAt = time
        transitions.append(InferredTransition(host: host, from: from, to: state, cause: cause, time: time))
    }
}

extension Fingerprint {
    init(_ packet: CapturedPacket, ipID: UInt16) {
        self.init(seq: packet.seq, ack: packet.ack, flags: packet.flags.rawValue, length: packet.payloadLength,
                  window: packet.window, ipID: ipID)
    }
}
