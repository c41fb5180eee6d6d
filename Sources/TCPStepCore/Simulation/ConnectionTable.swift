/// Every live connection in one flat array with a free list: lookups by slot are O(1) and a
/// deleted TCB's slot is reused, so memory stays flat when connections churn (the pile-up).
struct ConnectionTable: Hashable, Sendable {
    var slots: [Connection?] = []
    private var freeSlots: [Int] = []
    private var nextID = 1
    private(set) var liveCount = 0
    /// Connection id → slot, so a driver can act on one connection in O(1) (the pile-up).
    private(set) var slotsByID = SlotMap<ConnectionID>()
    /// TCBs deleted so far (every id handed out is live, deleted, or about to be inserted).
    private(set) var removedCount = 0
    /// Per host, per state (`HostID.rawValue * 11 + TCPState.rawValue`), kept like the
    /// simulation's `stateCounts`; LISTEN and CLOSED are not counted.
    private(set) var hostStateCounts = Array(repeating: 0, count: HostID.allCases.count * TCPState.allCases.count)

    subscript(slot: Int) -> Connection? { slots[slot] }

    // In-place reads. `let connection = table[slot]` copies the whole TCB (about 240 bytes) and
    // retains its arrays; if the copy is still alive when the TCB is mutated, those arrays are
    // copied on write. On the pile-up's hot paths (every segment, every timer) that cost more
    // than the protocol logic, so these read single fields through the buffer instead.

    /// Who the TCB in `slot` is: its host, id and ports (none of which ever change).
    func identity(at slot: Int) -> (host: HostID, id: ConnectionID, ports: PortPair)? {
        slots.withUnsafeBufferPointer { buffer in
            guard let id = buffer[slot]?.id, let host = buffer[slot]?.host, let ports = buffer[slot]?.ports else { return nil }
            return (host, id, ports)
        }
    }

    /// The id of the TCB in `slot`.
    func id(at slot: Int) -> ConnectionID? {
        slots.withUnsafeBufferPointer { $0[slot]?.id }
    }

    /// The deadline of a timer of the TCB in `slot`, if that TCB is still `id`.
    func deadline(at slot: Int, of id: ConnectionID, _ kind: TimerKind) -> Micros? {
        slots.withUnsafeBufferPointer { buffer in
            buffer[slot]?.id == id ? buffer[slot]?.deadline(kind) : nil
        }
    }

    /// What `removeConnection` needs of the TCB in `slot`.
    func removalFacts(at slot: Int) -> (host: HostID, ports: PortPair, state: TCPState, ownsEphemeralPort: Bool)? {
        slots.withUnsafeBufferPointer { buffer in
            guard let host = buffer[slot]?.host, let ports = buffer[slot]?.ports, let state = buffer[slot]?.state,
                  let owns = buffer[slot]?.ownsEphemeralPort else { return nil }
            return (host, ports, state, owns)
        }
    }


    mutating func makeID() -> ConnectionID {
        defer { nextID += 1 }
        return ConnectionID(nextID)
    }

    /// The id the next `makeID` hands out.
    var nextIDRaw: Int { nextID }

    mutating func insert(_ connection: Connection) -> Int {
        liveCount += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = connection
        } else {
            slots.append(connection)
            slot = slots.count - 1
        }
        slotsByID[connection.id] = slot
        return slot
    }

    mutating func remove(_ slot: Int) {
        guard let id = id(at: slot) else { return }
        slotsByID[id] = nil
        slots[slot] = nil
        freeSlots.append(slot)
        liveCount -= 1
        removedCount += 1
    }

    /// Follows one transition in the per-host counts (the same rule as `Simulation.stateCounts`).
    mutating func countTransition(host: HostID, from: TCPState, to: TCPState) {
        let base = host.rawValue * TCPState.allCases.count
        if from != .listen && from != .closed { hostStateCounts[base + from.rawValue] -= 1 }
        if to != .listen && to != .closed { hostStateCounts[base + to.rawValue] += 1 }
    }
}
