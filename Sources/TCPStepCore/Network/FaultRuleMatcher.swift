/// Decides which scripted fault rules pick a segment as it is sent: counts segments per
/// direction and remembers each direction's last SYN and FIN, so that a rule can name a segment
/// the way a lecturer does ("the final ACK of the close", "the second data segment") as well as by
/// number or flags. Each rule picks at most one segment.
///
/// The network asks it for every segment a host sends; `tcpstep check` replays a finished trace
/// through a fresh one to say which segment each rule hit, and which hit none.
public struct FaultRuleMatcher: Hashable, Sendable {
    public let rules: [FaultRule]
    private var sentCount = [0, 0]
    private var flagCounts: [FlagKey: Int] = [:]
    private var dataCount = [0, 0]
    private var handshakeAckCount = [0, 0]
    private var finalAckCount = [0, 0]
    /// Per direction: the sequence number of the last SYN sent, and the one after the last FIN.
    private var synSeq: [SeqNum?] = [nil, nil]
    private var finNext: [SeqNum?] = [nil, nil]
    private var used: Set<Int> = []

    private struct FlagKey: Hashable, Sendable {
        var direction: Direction
        var flags: TCPFlags
    }

    public init(rules: [FaultRule]) {
        self.rules = rules
    }

    /// Counts `segment`, sent in `direction`, and returns the indices (into `rules`) of the rules
    /// that pick it, each marked used.
    public mutating func pick(_ segment: Segment, direction: Direction) -> [Int] {
        // No rules, nothing to count for: the pile-up sends millions of segments without any
        // (the flag count's dictionary lookup alone was 18 % of its instructions).
        if rules.isEmpty { return [] }
        let lane = direction.rawValue, reverse = 1 - lane
        sentCount[lane] += 1
        let key = FlagKey(direction: direction, flags: segment.matchFlags)
        let flagCount = flagCounts[key, default: 0] + 1
        flagCounts[key] = flagCount
        if segment.payloadLength > 0 { dataCount[lane] += 1 }
        let flags = segment.flags
        let isPureAck = segment.matchFlags == .ack && segment.payloadLength == 0
        // The handshake's ACK: no SYN, acknowledging the SYN the other side sent.
        let isHandshakeAck = flags.contains(.ack) && !flags.contains(.syn) && !flags.contains(.rst)
            && synSeq[reverse].map { segment.ack == $0 + 1 } == true
        if isHandshakeAck { handshakeAckCount[lane] += 1 }
        // The final ACK of a close: a pure ACK acknowledging the other side's FIN.
        let isFinalAck = isPureAck && finNext[reverse].map { segment.ack == $0 } == true
        if isFinalAck { finalAckCount[lane] += 1 }

        var picked: [Int] = []
        for (index, rule) in rules.enumerated() where rule.direction == direction && !used.contains(index) {
            let matches = switch rule.selector {
            case .nth(let n): n == sentCount[lane]
            case .flags(let wanted, let occurrence): wanted == segment.matchFlags && occurrence == flagCount
            case .data(let occurrence): segment.payloadLength > 0 && occurrence == dataCount[lane]
            case .handshakeAck: isHandshakeAck && handshakeAckCount[lane] == 1
            case .finalAck(let occurrence): isFinalAck && occurrence == finalAckCount[lane]
            }
            if matches {
                used.insert(index)
                picked.append(index)
            }
        }
        return rememberEnds(of: segment, lane: lane, picked: picked)
    }

    /// Notes a SYN's or a FIN's sequence number for the other direction's selectors.
    private mutating func rememberEnds(of segment: Segment, lane: Int, picked: [Int]) -> [Int] {
        if segment.flags.contains(.syn) {
            synSeq[lane] = segment.seq
            finNext[lane] = nil  // a new incarnation: its close has not happened yet
        }
        if segment.flags.contains(.fin) {
            // The FIN occupies the sequence number after the segment's data.
            finNext[lane] = segment.seq + segment.payloadLength + (segment.flags.contains(.syn) ? 2 : 1)
        }
        return picked
    }
}
