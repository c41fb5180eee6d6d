/// A key of a `SlotMap`: a few bits that identify it, mixed into a hash without a seed.
protocol SlotMapKey: Hashable, Sendable {
    var slotMapBits: UInt64 { get }
    /// Any key, to fill empty entries with.
    static var placeholder: Self { get }
}

extension PortPair: SlotMapKey {
    var slotMapBits: UInt64 { UInt64(local) << 16 | UInt64(remote) }
    static var placeholder: PortPair { PortPair(local: 0, remote: 0) }
}

extension ConnectionID: SlotMapKey {
    var slotMapBits: UInt64 { UInt64(bitPattern: Int64(raw)) }
    static var placeholder: ConnectionID { ConnectionID(0) }
}

/// A map from a small key to a connection-table slot: open addressing with linear probing and
/// backward-shift deletion (no tombstones), in one flat array.
///
/// The pile-up looks a connection up on every segment; a `Dictionary` spends most of that in
/// SipHash. This map mixes the key's bits with SplitMix64's finalizer instead: cheap, and the
/// same in every process, so even its iteration order is deterministic (callers sort anyway).
/// Capacity follows the largest population seen, so memory is flat under steady churn.
/// Entries are small (a 32-bit slot, negative when empty) so that more of them share a cache line.
struct SlotMap<Key: SlotMapKey>: Sendable {
    private struct Entry: Sendable {
        var key: Key
        var slot: Int32
        static var empty: Entry { Entry(key: .placeholder, slot: -1) }
        var isEmpty: Bool { slot < 0 }
    }

    private var entries: [Entry]
    private var mask: Int
    private(set) var count = 0

    init() {
        entries = Array(repeating: .empty, count: 16)
        mask = 15
    }

    subscript(key: Key) -> Int? {
        get {
            guard let index = find(key) else { return nil }
            return Int(entries[index].slot)
        }
        set {
            if let newValue { insert(key, newValue) } else { remove(key) }
        }
    }

    /// Every value, in no meaningful order.
    var values: [Int] { entries.filter { !$0.isEmpty }.map { Int($0.slot) } }

    private func home(of key: Key) -> Int {
        var bits = key.slotMapBits &+ 0x9E37_79B9_7F4A_7C15
        bits = (bits ^ (bits >> 30)) &* 0xBF58_476D_1CE4_E5B9
        bits = (bits ^ (bits >> 27)) &* 0x94D0_49BB_1331_11EB
        bits ^= bits >> 31
        return Int(truncatingIfNeeded: bits) & mask
    }

    private func find(_ key: Key) -> Int? {
        var index = home(of: key)
        while !entries[index].isEmpty {
            if entries[index].key == key { return index }
            index = (index + 1) & mask
        }
        return nil
    }

    private mutating func insert(_ key: Key, _ value: Int) {
        precondition(value >= 0 && value <= Int(Int32.max), "slot \(value) out of range")
        if let index = find(key) {
            entries[index].slot = Int32(value)
            return
        }
        if (count + 1) * 4 > entries.count * 3 { grow() }
        var index = home(of: key)
        while !entries[index].isEmpty { index = (index + 1) & mask }
        entries[index] = Entry(key: key, slot: Int32(value))
        count += 1
    }

    private mutating func remove(_ key: Key) {
        guard var hole = find(key) else { return }
        entries[hole] = .empty
        count -= 1
        // Pull later entries of the probe run back into the hole when their home allows it.
        var index = hole
        while true {
            index = (index + 1) & mask
            let entry = entries[index]
            if entry.isEmpty { return }
            let home = home(of: entry.key)
            // The entry may move to the hole unless its home lies cyclically in (hole, index].
            let staysPut = hole <= index ? (home > hole && home <= index) : (home > hole || home <= index)
            if !staysPut {
                entries[hole] = entry
                entries[index] = .empty
                hole = index
            }
        }
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: .empty, count: old.count * 2)
        mask = entries.count - 1
        count = 0
        for entry in old where !entry.isEmpty { insert(entry.key, Int(entry.slot)) }
    }
}

extension SlotMap: Hashable {
    /// Equal when they map the same keys to the same values, whatever their layout.
    static func == (lhs: SlotMap, rhs: SlotMap) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for entry in lhs.entries where !entry.isEmpty && rhs[entry.key] != Int(entry.slot) { return false }
        return true
    }

    func hash(into hasher: inout Hasher) { hasher.combine(count) }
}
