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

/// The pending events ordered by (time, insertion order): ties keep the order they were
/// scheduled in, which makes every run deterministic.
///
/// A binary min-heap, plus a few FIFO "lanes" for speed. Most events are scheduled a fixed delay
/// ahead (an arrival one latency ahead, a TIME_WAIT expiry 2MSL ahead, an RTO), so each kind comes
/// in time order: appended to a lane whose last entry is not later, it needs no sifting, and the
/// heap stays small. An entry that fits no lane goes to the heap. The earliest entry is the least
/// of the heap's top and the lanes' fronts; keys are unique, so the order of events is exactly
/// that of a single heap.
struct EventQueue: Hashable, Sendable {
    struct Entry: Hashable, Sendable {
        var time: Micros
        var order: UInt64
        var event: PendingEvent
        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : order < other.order
        }
    }

    /// Entries in increasing (time, order).
    private typealias Lane = FIFOQueue<Entry>

    private static let laneCount = 6
    private var heap: [Entry] = []
    private var lanes = [Lane](repeating: Lane(), count: laneCount)
    /// Each lane's last time (`Micros.min` when empty) and front key (`Micros.max` when empty),
    /// kept beside the lanes so that choosing a lane and finding the earliest entry read only these.
    private var laneLastTime = [Micros](repeating: .min, count: laneCount)
    private var laneFrontTime = [Micros](repeating: .max, count: laneCount)
    private var laneFrontOrder = [UInt64](repeating: 0, count: laneCount)
    /// Where the earliest entry is: a lane's index, or -1 for the heap (or nothing at all);
    /// and its key, so that scheduling compares with it without reading the entry.
    private var earliest = -1
    private var earliestTime = Micros.max
    private var earliestOrder = UInt64.max
    private var nextOrder: UInt64 = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }
    var first: Entry? { earliest >= 0 ? lanes[earliest].first : heap.first }

    mutating func schedule(_ event: PendingEvent, at time: Micros) {
        let entry = Entry(time: time, order: nextOrder, event: event)
        nextOrder += 1
        insert(entry)
    }

    /// Whether enough entries piled up since the last `removeAll(where:)` to make one worth it.
    var isDueForPurge: Bool { count >= purgeThreshold }
    /// Twice the entries the last purge kept (at least 64 Ki), so purging costs O(1) per entry.
    private var purgeThreshold = 1 << 16

    /// Drops the entries that no longer mean anything, keeping the others and their order.
    /// Cancellation is lazy (a restarted timer leaves its old entry behind until its time comes),
    /// so without this a busy run holds one entry per restart per RTO: the pile-up at a million
    /// connections a second held millions, hundreds of MB, before the first one expired.
    mutating func removeAll(where isStale: (Entry) -> Bool) {
        var kept: [Entry] = []
        kept.reserveCapacity(count)
        for index in 0..<Self.laneCount {
            while let entry = lanes[index].removeFirst() {
                if !isStale(entry) { kept.append(entry) }
            }
        }
        kept += heap.lazy.filter { !isStale($0) }
        kept.sort { $0.precedes($1) }
        let order = nextOrder
        self = EventQueue()
        nextOrder = order
        for entry in kept { insert(entry) }  // in order: all to one lane, no sifting
        purgeThreshold = max(1 << 16, 2 * count)
    }

    private mutating func insert(_ entry: Entry) {
        let time = entry.time
        count += 1
        // Best fit: the lane whose last entry is latest but not later than this one; an empty
        // lane (last = .min) only when no other fits; else the heap.
        var chosen = -1
        var chosenTime = Micros.min
        laneLastTime.withUnsafeBufferPointer { lastTimes in
            for index in 0..<Self.laneCount {
                let last = lastTimes[index]
                if last <= time && (chosen < 0 || last > chosenTime) {
                    chosen = index
                    chosenTime = last
                }
            }
        }
        if chosen >= 0 {
            if lanes[chosen].isEmpty {
                laneFrontTime[chosen] = time
                laneFrontOrder[chosen] = entry.order
            }
            lanes[chosen].append(entry)
            laneLastTime[chosen] = time
        } else {
            pushHeap(entry)
        }
        if count == 1 || time < earliestTime || (time == earliestTime && entry.order < earliestOrder) {
            earliest = chosen
            earliestTime = time
            earliestOrder = entry.order
        }
    }

    /// Removes the earliest entry.
    mutating func popFirst() -> Entry? {
        guard count > 0 else { return nil }
        count -= 1
        let entry: Entry
        if earliest >= 0 {
            entry = lanes[earliest].removeFirst()!
            if let front = lanes[earliest].first {
                laneFrontTime[earliest] = front.time
                laneFrontOrder[earliest] = front.order
            } else {
                laneFrontTime[earliest] = .max
                laneLastTime[earliest] = .min
            }
        } else {
            entry = popHeap()
        }
        findEarliest()
        return entry
    }

    private mutating func findEarliest() {
        var bestTime = heap.first?.time ?? .max
        var bestOrder = heap.first?.order ?? .max
        var best = -1
        for index in 0..<Self.laneCount {
            let time = laneFrontTime[index]
            if time < bestTime || (time == bestTime && time != .max && laneFrontOrder[index] < bestOrder) {
                bestTime = time
                bestOrder = laneFrontOrder[index]
                best = index
            }
        }
        earliest = best
        earliestTime = bestTime
        earliestOrder = bestOrder
    }

    private mutating func pushHeap(_ entry: Entry) {
        heap.append(entry)
        // Sift up by moving parents down into the hole, then drop the entry in (no swaps).
        heap.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) / 2
                guard entry.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = entry
        }
    }

    /// Removes the heap's top. Floyd's variant: the hole left at the root walks down along the
    /// smaller children to a leaf (one comparison per level), then the last entry rises into it.
    private mutating func popHeap() -> Entry {
        let last = heap.removeLast()
        if heap.isEmpty { return last }
        return heap.withUnsafeMutableBufferPointer { heap in
            let top = heap[0]
            let count = heap.count
            var hole = 0
            var child = 1
            while child < count {
                if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
                heap[hole] = heap[child]
                hole = child
                child = 2 * hole + 1
            }
            while hole > 0 {
                let parent = (hole - 1) / 2
                guard last.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = last
            return top
        }
    }
}
