/// Every live connection in one flat array with a free list: lookups by slot are O(1) and a
/// deleted TCB's slot is reused, so memory stays flat when connections churn (the pile-up).
struct ConnectionTable: Hashable, Sendable {
    var slots: [Connection?] = []
    private var freeSlots: [Int] = []
    private var nextID = 1
    private(set) var liveCount = 0

    subscript(slot: Int) -> Connection? { slots[slot] }

    mutating func makeID() -> ConnectionID {
        defer { nextID += 1 }
        return ConnectionID(nextID)
    }

    mutating func insert(_ connection: Connection) -> Int {
        liveCount += 1
        if let slot = freeSlots.popLast() {
            slots[slot] = connection
            return slot
        }
        slots.append(connection)
        return slots.count - 1
    }

    mutating func remove(_ slot: Int) {
        guard slots[slot] != nil else { return }
        slots[slot] = nil
        freeSlots.append(slot)
        liveCount -= 1
    }
}
