/// A scripted fault: which segment it picks (counted per direction at send time) and what it does.
public struct FaultRule: Hashable, Sendable {
    public enum Selector: Hashable, Sendable {
        /// The n-th segment sent in this direction (retransmissions and pure ACKs count).
        case nth(Int)
        /// The n-th segment in this direction whose flags, PSH ignored, are exactly these.
        case flags(TCPFlags, occurrence: Int)
    }

    public enum Fault: Hashable, Sendable {
        case drop
        case duplicate
        case delay(Micros)
    }

    public var direction: Direction
    public var selector: Selector
    public var fault: Fault

    public init(direction: Direction, selector: Selector, fault: Fault) {
        self.direction = direction
        self.selector = selector
        self.fault = fault
    }
}

/// netem-like random faults drawn from the seed, for hands-off demos and property tests.
public struct RandomFaults: Hashable, Sendable {
    public var lossPercent: Double = 0
    public var duplicatePercent: Double = 0
    /// Extra delay, uniform in 0…maximum, applied to `delayPercent` of the segments.
    public var delayPercent: Double = 0
    public var delayMaximum: Micros = 0
    /// Faults stop after this virtual time (so that a run can reach quiet).
    public var until: Micros?

    public init(lossPercent: Double = 0, duplicatePercent: Double = 0, delayPercent: Double = 0,
                delayMaximum: Micros = 0, until: Micros? = nil) {
        self.lossPercent = lossPercent
        self.duplicatePercent = duplicatePercent
        self.delayPercent = delayPercent
        self.delayMaximum = delayMaximum
        self.until = until
    }

    public var isActive: Bool { lossPercent > 0 || duplicatePercent > 0 || (delayPercent > 0 && delayMaximum > 0) }
}
