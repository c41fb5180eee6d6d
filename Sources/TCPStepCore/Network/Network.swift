/// The wire between the two hosts: every segment in flight, and the faults that befall them.
/// Faults belong here, never to the endpoints (STYLE.md principle 7).
struct Network: Hashable, Sendable {
    /// One-way latency per direction.
    var latency: [Micros]
    var rules: [FaultRule]
    var random: RandomFaults
    private(set) var inFlight: [SegmentID: WireSegment] = [:]
    private var nextID = 1
    private var sentCount = [0, 0]
    private var flagCounts: [FlagKey: Int] = [:]
    private var usedRules: Set<Int> = []

    private struct FlagKey: Hashable, Sendable {
        var direction: Direction
        var flags: TCPFlags
    }

    init(latency: [Micros], rules: [FaultRule], random: RandomFaults) {
        self.latency = latency
        self.rules = rules
        self.random = random
    }

    mutating func makeID() -> SegmentID {
        defer { nextID += 1 }
        return SegmentID(nextID)
    }

    func transitTime(_ direction: Direction) -> Micros { latency[direction.rawValue] }

    /// Counts a host's segment and returns the scripted faults that pick it.
    mutating func scriptedFaults(for segment: Segment, direction: Direction) -> [FaultRule.Fault] {
        sentCount[direction.rawValue] += 1
        if rules.isEmpty { return [] }
        let key = FlagKey(direction: direction, flags: segment.matchFlags)
        let flagCount = flagCounts[key, default: 0] + 1
        flagCounts[key] = flagCount
        var faults: [FaultRule.Fault] = []
        for (index, rule) in rules.enumerated() where rule.direction == direction && !usedRules.contains(index) {
            let picked = switch rule.selector {
            case .nth(let n): n == sentCount[direction.rawValue]
            case .flags(let flags, let occurrence): flags == segment.matchFlags && occurrence == flagCount
            }
            if picked {
                usedRules.insert(index)
                faults.append(rule.fault)
            }
        }
        return faults
    }

    /// Draws random faults for one segment from the simulation's generator.
    func randomFaults(now: Micros, using rng: inout SplitMix64) -> [FaultRule.Fault] {
        guard random.isActive, random.until.map({ now < $0 }) ?? true else { return [] }
        var faults: [FaultRule.Fault] = []
        if rng.chance(percent: random.lossPercent) { faults.append(.drop) }
        if rng.chance(percent: random.duplicatePercent) { faults.append(.duplicate) }
        if random.delayMaximum > 0 && rng.chance(percent: random.delayPercent) {
            faults.append(.delay(Micros(rng.next() % UInt64(random.delayMaximum + 1))))
        }
        return faults
    }

    mutating func put(_ wire: WireSegment) { inFlight[wire.id] = wire }
    mutating func take(_ id: SegmentID) -> WireSegment? { inFlight.removeValue(forKey: id) }
    subscript(id: SegmentID) -> WireSegment? {
        get { inFlight[id] }
        set { inFlight[id] = newValue }
    }

    /// In flight now, oldest first (sorted: dictionary order is not deterministic).
    var segmentsInFlight: [WireSegment] { inFlight.values.sorted { $0.id < $1.id } }
}
