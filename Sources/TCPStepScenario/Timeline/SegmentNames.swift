import TCPStepCore

/// Names the segments of a trace the way the scenario language picks them: the K-th segment a
/// host sent one way with these flags (`s2c FIN+ACK#2`), or the N-th sent that way (`c2s 4`).
/// Copies and injected segments, which no host sent, go by their trace id (`id=9`).
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
    }

    private var byFlags: [Key: [SegmentID]] = [:]
    private var byDirection: [[SegmentID]] = [[], []]
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
            byFlags[last.key]?.removeLast()
            byDirection[last.key.direction.rawValue].removeLast()
            occurrence[last.id] = nil
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
                note(wire, key: key, byHost: true)
            case .inject(let wire), .duplicate(_, let wire, _):
                note(wire, key: Key(direction: wire.direction, flags: wire.segment.matchFlags), byHost: false)
            default:
                break
            }
            scanned += 1
        }
    }

    private mutating func note(_ wire: WireSegment, key: Key, byHost: Bool) {
        directions[wire.id] = wire.direction
        sent.append(Sent(event: scanned, id: wire.id, key: key, byHost: byHost))
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
            let ids = byDirection[direction.rawValue]
            return n <= ids.count ? ids[n - 1] : nil
        case .sent(.flags(let flags, let k)):
            let ids = byFlags[Key(direction: direction, flags: flags)] ?? []
            return k <= ids.count ? ids[k - 1] : nil
        case .sent(.data), .sent(.handshakeAck), .sent(.finalAck):
            // The recorder names segments by count or flags only; a hand-written timed action
            // with a lecturer's selector (`final-ACK`) is not resolved here and stops the replay
            // with a message naming its line.
            return nil
        }
    }
}
