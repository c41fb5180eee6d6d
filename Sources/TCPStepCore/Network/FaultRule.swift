/// A scripted fault: which segment it picks (counted per direction at send time) and what it does.
public struct FaultRule: Hashable, Sendable {
    public enum Selector: Hashable, Sendable {
        /// The n-th segment sent in this direction (retransmissions and pure ACKs count).
        case nth(Int)
        /// The n-th segment in this direction whose flags, PSH ignored, are exactly these.
        case flags(TCPFlags, occurrence: Int)
        /// The n-th segment in this direction that carries data (`data#2`); retransmissions count.
        case data(occurrence: Int)
        /// The third segment of the handshake: the first ACK in this direction of the SYN the
        /// other side sent (`handshake-ACK`).
        case handshakeAck
        /// The n-th pure ACK in this direction that acknowledges the other side's FIN: the final
        /// ACK of a close (`final-ACK`, `final-ACK#2`).
        case finalAck(occurrence: Int)
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

extension FaultRule: CustomStringConvertible {
    /// The rule as a scenario line: "drop c2s final-ACK", "delay s2c SYN+ACK 300 ms".
    public var description: String {
        let verb = switch fault {
        case .drop: "drop"
        case .duplicate: "dup"
        case .delay: "delay"
        }
        var text = "\(verb) \(direction) \(selector)"
        if case .delay(let extra) = fault { text += " \(extra.millisecondsText)ms" }
        return text
    }
}

extension FaultRule.Selector: CustomStringConvertible {
    /// As written in a scenario: "3", "ACK#2", "data#1", "handshake-ACK", "final-ACK".
    public var description: String {
        switch self {
        case .nth(let n): String(n)
        case .flags(let flags, let occurrence): flags.names.joined(separator: "+") + (occurrence > 1 ? "#\(occurrence)" : "")
        case .data(let occurrence): "data" + (occurrence > 1 ? "#\(occurrence)" : "")
        case .handshakeAck: "handshake-ACK"
        case .finalAck(let occurrence): "final-ACK" + (occurrence > 1 ? "#\(occurrence)" : "")
        }
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
