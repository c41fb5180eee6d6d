import TCPStepCore

/// Something done to the world *between* events, at a moment of the run: what a key pressed in
/// the interactive view does (drop the selected segment, `x` to close …), written down so that a
/// replay does it at the same moment. A session journal is a scenario plus a list of these.
///
///     at 1.3s step 14 drop s2c FIN+ACK#2     right after step 14 (which happened at 1.3 s)
///     at 2s drop c2s ACK#2                   once every event at or before 2 s has happened
///     at 1.5s step 20 client close           an application call, like the `x` key
///
/// Unlike a scripted command (`at 2s client close`, which is an event of its own and a step),
/// a timed action is not a step: its events carry the step number it follows, as they do when a
/// key is pressed, so a journal's trace is byte for byte the session's.
public struct TimedAction: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// An application call typed at the keyboard.
        case app(HostID, AppCall)
        /// A fault applied to a segment that is in flight at that moment.
        case fault(Direction, SegmentChoice, FaultRule.Fault)
        /// An old duplicate put on the wire by hand (the view's `o` menu).
        case inject(Direction, Segment)
    }

    /// The virtual time written with it (`at TIME`).
    public var time: Micros
    /// `step N`: right after the N-th step. Without it, right after the last event at or before `time`.
    public var step: Int?
    public var kind: Kind
    /// Where it was written (1-based line), for messages.
    public var line: Int

    public init(time: Micros, step: Int?, kind: Kind, line: Int = 0) {
        self.time = time
        self.step = step
        self.kind = kind
        self.line = line
    }
}

/// Which in-flight segment a timed fault acts on.
public enum SegmentChoice: Hashable, Sendable {
    /// Counted among the segments the hosts sent that way, as untimed fault rules count
    /// (`FIN+ACK#2`, `4`).
    case sent(FaultRule.Selector)
    /// By its trace id (`id=9`): for copies and injected segments, which no host sent.
    case id(Int)
}

/// `open-at step S actions K`: where the interactive view opens a journal: after S steps and
/// the first K timed actions (a resumed session lands on the screen it left).
public struct OpenAt: Hashable, Sendable {
    public var step: Int
    public var actions: Int
    public var line: Int

    public init(step: Int, actions: Int, line: Int = 0) {
        self.step = step
        self.actions = actions
        self.line = line
    }
}
