import TCPStepCore

/// Names the segments of a trace the way the scenario language picks them: the K-th segment a
/// host sent one way with these flags (`s2c FIN+ACK#2`), or the N-th sent that way (`c2s 4`), and
/// resolves the lecturer's selectors too (`c2s final-ACK`, `handshake-ACK`, `data#3`), counted
/// as the scripted fault rules count them (`SegmentRoles`). Copies and injected segments, which
/// no host sent, go by their trace id (`id=9`).
///
/// Built incrementally from a growing trace (`sync`), so a journal names a segment without
/// rescanning the whole run; a trace that shrank (a step back) drops the names it lost.
public struct SegmentNames: Sendable {
    private struct Key: Hashable, Sendable {
        var direction: Direction
        var flags: TCPFlags
    }

    private struct Sent: Sendable {
        var event: Int
        var id: SegmentID
        var key: Key
        /// False for copies and injected segments: they are only known by id.
        var byHost: Bool
        var role: SegmentRoles.Role = []
        /// What its direction had sent before it (put back when it is forgotten).
        var endsBefore: SegmentRoles.Ends?
    }

    private var byFlags: [Key: [SegmentID]] = [:]
    private var byDirection: [[SegmentID]] = [[], []]
    /// Per direction, in order: segments with data, handshake ACKs, final ACKs.
    private var byRole: [SegmentRoles.Role: [[SegmentID]]] = [.data: [[], []], .handshakeAck: [[], []], .finalAck: [[], []]]
    private var roles = SegmentRoles()
    /// Segments put on the wire, in trace order (for shrinking).
    private var sent: [Sent] = []
    private var occurrence: [SegmentID: (flags: TCPFlags, k: Int)] = [:]
    private var directions: [SegmentID: Direction] = [:]
    private var scanned = 0

    public init() {}

    /// Reads the events added since the last call (and forgets names past a shrunk end).
    public mutating func sync(with events: ArraySlice<TraceEvent>) {
        let count = events.count
        while let last = sent.last, last.event >= count {
            sent.removeLast()
            directions[last.id] = nil
            guard last.byHost else { continue }
            let lane = last.key.direction.rawValue
            byFlags[last.key]?.removeLast()
            byDirection[lane].removeLast()
            occurrence[last.id] = nil
            for role in Self.roleKinds where last.role.contains(role) { byRole[role]![lane].removeLast() }
            if let ends = last.endsBefore { roles.restore(ends, of: last.key.direction) }
        }
        scanned = min(scanned, count)
        let base = events.startIndex
        while scanned < count {
            switch events[base + scanned].kind {
            case .send(let wire):
                let key = Key(direction: wire.direction, flags: wire.segment.matchFlags)
                byFlags[key, default: []].append(wire.id)
                byDirection[key.direction.rawValue].append(wire.id)
                occurrence[wire.id] = (key.flags, byFlags[key]!.count)
                let endsBefore = roles.ends(of: wire.direction)
                let role = roles.classify(wire.segment, direction: wire.direction)
                for kind in Self.roleKinds where role.contains(kind) { byRole[kind]![key.direction.rawValue].append(wire.id) }
                note(wire, key: key, byHost: true, role: role, endsBefore: endsBefore)
            case .inject(let wire), .duplicate(_, let wire, _):
                note(wire, key: Key(direction: wire.direction, flags: wire.segment.matchFlags), byHost: false)
            default:
                break
            }
            scanned += 1
        }
    }

    private static let roleKinds: [SegmentRoles.Role] = [.data, .handshakeAck, .finalAck]

    private mutating func note(_ wire: WireSegment, key: Key, byHost: Bool,
                               role: SegmentRoles.Role = [], endsBefore: SegmentRoles.Ends? = nil) {
        directions[wire.id] = wire.direction
        sent.append(Sent(event: scanned, id: wire.id, key: key, byHost: byHost, role: role, endsBefore: endsBefore))
    }

    /// How a timed fault names a segment of the trace read so far: its direction and choice.
    public func name(of id: SegmentID) -> (Direction, SegmentChoice)? {
        guard let direction = directions[id] else { return nil }
        guard let (flags, k) = occurrence[id] else { return (direction, .id(id.raw)) }
        return (direction, .sent(.flags(flags, occurrence: k)))
    }

    /// The segment a choice picks, if it has been sent.
    public func resolve(_ choice: SegmentChoice, direction: Direction) -> SegmentID? {
        switch choice {
        case .id(let raw): return SegmentID(raw)
        case .sent(.nth(let n)):
            return Self.pick(n, of: byDirection[direction.rawValue])
        case .sent(.flags(let flags, let k)):
            return Self.pick(k, of: byFlags[Key(direction: direction, flags: flags)] ?? [])
        case .sent(.data(let k)):
            return Self.pick(k, of: byRole[.data]![direction.rawValue])
        case .sent(.handshakeAck):
            // As a rule picks it: the direction's first handshake ACK, never a later incarnation's.
            return Self.pick(1, of: byRole[.handshakeAck]![direction.rawValue])
        case .sent(.finalAck(let k)):
            return Self.pick(k, of: byRole[.finalAck]![direction.rawValue])
        }
    }

    /// The k-th (from 1), if there are that many.
    private static func pick(_ k: Int, of ids: [SegmentID]) -> SegmentID? {
        k >= 1 && k <= ids.count ? ids[k - 1] : nil
    }
}
