/// Decides which scripted fault rules pick a segment as it is sent: counts segments per
/// direction and reads their roles (`SegmentRoles`), so that a rule can name a segment
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
    private var roles = SegmentRoles()
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
        let lane = direction.rawValue
        sentCount[lane] += 1
        let key = FlagKey(direction: direction, flags: segment.matchFlags)
        let flagCount = flagCounts[key, default: 0] + 1
        flagCounts[key] = flagCount
        let role = roles.classify(segment, direction: direction)
        if role.contains(.data) { dataCount[lane] += 1 }
        if role.contains(.handshakeAck) { handshakeAckCount[lane] += 1 }
        if role.contains(.finalAck) { finalAckCount[lane] += 1 }

        var picked: [Int] = []
        for (index, rule) in rules.enumerated() where rule.direction == direction && !used.contains(index) {
            let matches = switch rule.selector {
            case .nth(let n): n == sentCount[lane]
            case .flags(let wanted, let occurrence): wanted == segment.matchFlags && occurrence == flagCount
            case .data(let occurrence): role.contains(.data) && occurrence == dataCount[lane]
            case .handshakeAck: role.contains(.handshakeAck) && handshakeAckCount[lane] == 1
            case .finalAck(let occurrence): role.contains(.finalAck) && occurrence == finalAckCount[lane]
            }
            if matches {
                used.insert(index)
                picked.append(index)
            }
        }
        return picked
    }
}
