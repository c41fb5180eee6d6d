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
        /// Its place among the segments its host sent that way with these flags (`FIN+ACK#2`);
        /// 0 for copies and injected segments, which are only known by id.
        var occurrence: Int
        var role: SegmentRoles.Role
        /// What its direction had sent before it (put back when it is forgotten).
        var endsBefore: SegmentRoles.Ends
    }

    /// Per direction and flags, the segments sent, in order (a few kinds: searched, not hashed).
    private var byFlags: [(key: Key, ids: [SegmentID])] = []
    private var byDirection: [[SegmentID]] = [[], []]
    /// Per role (`roleKinds`) and direction, in order: segments with data, handshake ACKs, final ACKs.
    private var byRole: [[[SegmentID]]] = Array(repeating: [[], []], count: 3)
    private var roles = SegmentRoles()
    /// Segments put on the wire, in trace order, which is also the order of their ids.
    private var sent: [Sent] = []
    private var scanned = 0

    public init() {}

    /// Reads the events added since the last call (and forgets names past a shrunk end).
    public mutating func sync(with events: ArraySlice<TraceEvent>) {
        let count = events.count
        while let last = sent.last, last.event >= count {
            sent.removeLast()
            guard last.occurrence > 0 else { continue }
            let lane = last.key.direction.rawValue
            byFlags[flagIndex(last.key)].ids.removeLast()
            byDirection[lane].removeLast()
            for (index, role) in Self.roleKinds.enumerated() where last.role.contains(role) { byRole[index][lane].removeLast() }
            roles.restore(last.endsBefore, of: last.key.direction)
        }
        scanned = min(scanned, count)
        let base = events.startIndex
        while scanned < count {
            switch events[base + scanned].kind {
            case .send(let wire):
                let key = Key(direction: wire.direction, flags: wire.segment.matchFlags), lane = key.direction.rawValue
                let flagIndex = flagIndex(key)
                byFlags[flagIndex].ids.append(wire.id)
                byDirection[lane].append(wire.id)
                let endsBefore = roles.ends(of: wire.direction)
                let role = roles.classify(wire.segment, direction: wire.direction)
                for (index, kind) in Self.roleKinds.enumerated() where role.contains(kind) { byRole[index][lane].append(wire.id) }
                sent.append(Sent(event: scanned, id: wire.id, key: key, occurrence: byFlags[flagIndex].ids.count,
                                 role: role, endsBefore: endsBefore))
            case .inject(let wire), .duplicate(_, let wire, _):
                sent.append(Sent(event: scanned, id: wire.id, key: Key(direction: wire.direction, flags: wire.segment.matchFlags),
                                 occurrence: 0, role: [], endsBefore: roles.ends(of: wire.direction)))
            default:
                break
            }
            scanned += 1
        }
    }

    private static let roleKinds: [SegmentRoles.Role] = [.data, .handshakeAck, .finalAck]

    /// The index of `key`'s list in `byFlags` (added when new).
    private mutating func flagIndex(_ key: Key) -> Int {
        if let index = byFlags.firstIndex(where: { $0.key == key }) { return index }
        byFlags.append((key, []))
        return byFlags.count - 1
    }

    /// How a timed fault names a segment of the trace read so far: its direction and choice.
    public func name(of id: SegmentID) -> (Direction, SegmentChoice)? {
        // Ids grow in trace order: halve the list.
        var low = 0, high = sent.count
        while low < high {
            let middle = (low + high) / 2
            if sent[middle].id.raw < id.raw { low = middle + 1 } else { high = middle }
        }
        guard low < sent.count, sent[low].id == id else { return nil }
        let found = sent[low]
        guard found.occurrence > 0 else { return (found.key.direction, .id(id.raw)) }
        return (found.key.direction, .sent(.flags(found.key.flags, occurrence: found.occurrence)))
    }

    /// The segment a choice picks, if it has been sent.
    public func resolve(_ choice: SegmentChoice, direction: Direction) -> SegmentID? {
        switch choice {
        case .id(let raw): return SegmentID(raw)
        case .sent(.nth(let n)):
            return Self.pick(n, of: byDirection[direction.rawValue])
        case .sent(.flags(let flags, let k)):
            return Self.pick(k, of: byFlags.first { $0.key == Key(direction: direction, flags: flags) }?.ids ?? [])
        case .sent(.data(let k)):
            return Self.pick(k, of: byRole[0][direction.rawValue])
        case .sent(.handshakeAck):
            // As a rule picks it: the direction's first handshake ACK, never a later incarnation's.
            return Self.pick(1, of: byRole[1][direction.rawValue])
        case .sent(.finalAck(let k)):
            return Self.pick(k, of: byRole[2][direction.rawValue])
        }
    }

    /// The k-th (from 1), if there are that many.
    private static func pick(_ k: Int, of ids: [SegmentID]) -> SegmentID? {
        k >= 1 && k <= ids.count ? ids[k - 1] : nil
    }
}
