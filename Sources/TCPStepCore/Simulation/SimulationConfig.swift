/// Everything that shapes a run before it starts. Same config + same script + same
/// interventions ⇒ the same trace, byte for byte.
public struct SimulationConfig: Hashable, Sendable {
    public var profile: Profile = .rfc9293
    /// One-way latency, client → server and server → client.
    public var latency: [Micros] = [.ms(50), .ms(50)]
    /// nil: the profile's default (RFC: MSL 2 min; Linux: TIME_WAIT fixed at 60 s).
    public var msl: Micros?
    public var seed: UInt64 = 1
    /// Fixed ISN of each host's first connection (nil: drawn from the seed).
    public var isn: [UInt32?] = [nil, nil]
    public var variants = TeachingVariants()
    public var mss = 1460
    public var randomFaults = RandomFaults()
    /// Linux's default ephemeral range (net.ipv4.ip_local_port_range).
    public var ephemeralPorts: ClosedRange<UInt16> = 32768...60999
    /// Each host's receive buffer in bytes (`set rcvbuf`), by `HostID.rawValue`.
    public var receiveBuffers = [65535, 65535]
    /// Whether each host's application reads what arrives at once (`set autoread`), by `HostID.rawValue`.
    public var autoRead = [true, true]

    public init() {}

    public var timeWaitDuration: Micros {
        variants.noTimeWait ? 0 : profile.timeWaitDuration(msl: msl)
    }

    public var connectionConfig: ConnectionConfig {
        ConnectionConfig(profile: profile, timeWaitDuration: timeWaitDuration, variants: variants, mss: mss,
                         receiveBuffers: receiveBuffers, autoRead: autoRead)
    }
}

/// A scripted command at an absolute virtual time.
public struct ScriptCommand: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case app(HostID, AppCall)
        /// A stale segment put on the wire (RFC 9293 Figure 8's old duplicate SYN).
        case inject(Direction, Segment)
    }

    public var time: Micros
    public var kind: Kind
    /// Where the command was written (1-based line), for narration and error messages.
    public var line: Int

    public init(time: Micros, kind: Kind, line: Int = 0) {
        self.time = time
        self.kind = kind
        self.line = line
    }
}

/// The scripted part of a scenario: timed commands and fault rules.
public struct Script: Hashable, Sendable {
    public var commands: [ScriptCommand]
    public var faultRules: [FaultRule]

    public init(commands: [ScriptCommand] = [], faultRules: [FaultRule] = []) {
        self.commands = commands
        self.faultRules = faultRules
    }
}
