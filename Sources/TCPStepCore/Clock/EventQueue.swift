/// What can happen next in a simulation.
enum PendingEvent: Hashable, Sendable {
    /// A segment in flight reaches its receiver.
    case arrival(SegmentID)
    /// A segment doomed by a fault is lost halfway along its path.
    case loss(SegmentID)
    /// A connection timer may expire (stale if the connection's deadline moved).
    case timer(slot: Int, connection: ConnectionID, kind: TimerKind)
    /// A scripted command (application call or injected segment).
    case command(index: Int)
}

/// A binary min-heap of pending events ordered by (time, insertion order): ties keep the order
/// they were scheduled in, which makes every run deterministic.
struct EventQueue: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var time: Micros
        var order: UInt64
        var event: PendingEvent
        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : order < other.order
        }
    }

    private var heap: [Entry] = []
    private var nextOrder: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var first: Entry? { heap.first }

    mutating func schedule(_ event: PendingEvent, at time: Micros) {
        heap.append(Entry(time: time, order: nextOrder, event: event))
        nextOrder += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Entry? {
        guard !heap.isEmpty else { return nil }
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].precedes(heap[smallest]) { smallest = left }
                if right < heap.count && heap[right].precedes(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
