/// The wire between the two hosts: every segment in flight, and the faults that befall them.
/// Faults belong here, never to the endpoints (STYLE.md principle 7).
struct Network: Hashable, Sendable {
    /// One-way latency per direction.
    var latency: [Micros]
    var rules: [FaultRule] { matcher.rules }
    var random: RandomFaults
    /// Segments in flight by id, without hashing: ids are handed out in increasing order and a
    /// segment leaves (arrives or is lost) after its transit time, so the ids still in flight
    /// form a short window from the oldest one. `window[windowHead + k]` holds id `windowBase + k`.
    private var window: [WireSegment?] = []
    private var windowHead = 0
    private var windowBase = 1
    private var nextID = 1
    /// Which scripted rules pick which segment.
    private var matcher: FaultRuleMatcher

    init(latency: [Micros], rules: [FaultRule], random: RandomFaults) {
        self.latency = latency
        self.matcher = FaultRuleMatcher(rules: rules)
        self.random = random
    }

    mutating func makeID() -> SegmentID {
        defer { nextID += 1 }
        return SegmentID(nextID)
    }

    func transitTime(_ direction: Direction) -> Micros { latency[direction.rawValue] }

    /// Counts a host's segment and returns the scripted faults that pick it.
    mutating func scriptedFaults(for segment: Segment, direction: Direction) -> [FaultRule.Fault] {
        matcher.pick(segment, direction: direction).map { matcher.rules[$0].fault }
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

    mutating func put(_ wire: WireSegment) {
        let offset = wire.id.raw - windowBase
        precondition(offset >= 0, "segment \(wire.id) put after newer ones left")
        while windowHead + offset >= window.count { window.append(nil) }
        window[windowHead + offset] = wire
    }

    mutating func take(_ id: SegmentID) -> WireSegment? {
        guard let index = windowIndex(of: id), let wire = window[index] else { return nil }
        window[index] = nil
        // Slide the window past the segments that left; drop the slid-over prefix now and then.
        while windowHead < window.count && window[windowHead] == nil {
            windowHead += 1
            windowBase += 1
        }
        if windowHead == window.count {
            window.removeAll(keepingCapacity: true)
            windowHead = 0
        } else if windowHead > 1024 && windowHead * 2 > window.count {
            window.removeFirst(windowHead)
            windowHead = 0
        }
        return wire
    }

    subscript(id: SegmentID) -> WireSegment? {
        get { windowIndex(of: id).flatMap { window[$0] } }
        set {
            if let index = windowIndex(of: id) {
                if newValue == nil { _ = take(id) } else { window[index] = newValue }
            } else if let newValue {
                put(newValue)
            }
        }
    }

    private func windowIndex(of id: SegmentID) -> Int? {
        let offset = id.raw - windowBase
        guard offset >= 0, windowHead + offset < window.count else { return nil }
        return windowHead + offset
    }

    /// In flight now, oldest first.
    var segmentsInFlight: [WireSegment] { window[windowHead...].compactMap { $0 } }
}
