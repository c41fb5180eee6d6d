import TCPStepCore

/// Everything one frame of the live view shows, gathered by the app from the stepper, the
/// narration and its view state. `Screen.render` turns it (and the diagram layout the app keeps
/// up to date between frames) into a grid. Plain values only: building one costs nothing.
public struct ScreenModel: Hashable, Sendable {
    public var scenarioTitle: String
    public var profile: ProfileName
    /// Teaching variants in force: the header then says "not TCP".
    public var variants: TeachingVariants
    /// Virtual time now, and the step that brought us here.
    public var now: Micros
    public var step: Int
    /// The client's panel, then the server's.
    public var hosts: [HostPanel]
    /// Segments on the wire now (`Simulation.inFlight`), oldest first.
    public var inFlight: [WireSegment]
    /// The segment the keys act on.
    public var selected: SegmentID?
    /// A sentence or two saying why the last step happened (from TCPStepNarration).
    public var narration: String
    /// A short message that replaces the details line, e.g. "segment 7 already arrived".
    public var status: String?
    public var keyHints: [KeyHint]
    public var scroll: DiagramScroll
    public var numbering: SequenceNumbering
    public var glyphs: GlyphSet
    public var theme: Theme
    /// Standard, or the presenter's big labels and narration panel (`--presenter`).
    public var layoutStyle: ScreenLayoutStyle
    /// The language of the screen's own words.
    public var text: UIText
    /// The host that the keys s, x and a act on, marked in the header; nil: no mark.
    public var focus: HostID?
    /// Diagram rows per transit time: more on a tall screen (`DiagramLayout.Config`).
    public var rowsPerTransit = 1
    /// Lines the narration panel is scrolled down (`[` `]`), when the narration is longer than it.
    public var narrationScroll = 0
    /// A recording or a capture (the header names it, and a capture's real addresses);
    /// nil: a simulation by `profile`.
    public var origin: TraceOrigin?

    /// What the trace is, as the header says it.
    public var traceOrigin: TraceOrigin { origin ?? .simulation(profile) }

    public init(scenarioTitle: String, profile: ProfileName, variants: TeachingVariants = TeachingVariants(),
                now: Micros, step: Int, hosts: [HostPanel], inFlight: [WireSegment], selected: SegmentID? = nil,
                narration: String = "", status: String? = nil, keyHints: [KeyHint] = [],
                scroll: DiagramScroll = .followNewest, numbering: SequenceNumbering = .relative,
                glyphs: GlyphSet = .unicode, theme: Theme = .default, layoutStyle: ScreenLayoutStyle = .standard,
                text: UIText = .english, focus: HostID? = nil, narrationScroll: Int = 0) {
        self.narrationScroll = narrationScroll
        self.text = text
        self.focus = focus
        self.scenarioTitle = scenarioTitle
        self.profile = profile
        self.variants = variants
        self.now = now
        self.step = step
        self.hosts = hosts
        self.inFlight = inFlight
        self.selected = selected
        self.narration = narration
        self.status = status
        self.keyHints = keyHints
        self.scroll = scroll
        self.numbering = numbering
        self.glyphs = glyphs
        self.theme = theme
        self.layoutStyle = layoutStyle
    }
}

/// One host as the header shows it: address, port, state, and its running timers.
public struct HostPanel: Hashable, Sendable {
    public var host: HostID
    /// The local port of the connection shown (or of the listener); nil before either exists.
    public var port: UInt16?
    public var state: TCPState
    public var timers: [TimerCountdown]

    public init(host: HostID, port: UInt16?, state: TCPState, timers: [TimerCountdown] = []) {
        self.host = host
        self.port = port
        self.state = state
        self.timers = timers
    }
}

/// A running timer and how long it has left: "RTO 2.0 s try 2", "2MSL 59.9 s".
public struct TimerCountdown: Hashable, Sendable {
    public var kind: TimerKind
    public var remaining: Micros
    /// Retransmissions so far of the segment the RTO guards (0: the first transmission).
    public var attempt: Int

    public init(kind: TimerKind, remaining: Micros, attempt: Int = 0) {
        self.kind = kind
        self.remaining = remaining
        self.attempt = attempt
    }

    /// "RTO 2.0 s try 2": seconds with one decimal from a second up, milliseconds below.
    public var text: String { text(.english) }

    /// The countdown in `words`' language ("RTO 2.0 s 第 2 次").
    public func text(_ words: UIText) -> String {
        let time = remaining >= .seconds(1)
            ? "\(remaining / 1_000_000).\((remaining % 1_000_000) / 100_000) s"
            : "\(max(0, remaining).millisecondsText) ms"
        let attemptText = kind == .retransmission && attempt > 0 ? " " + words(.timerTry, attempt + 1) : ""
        return "\(kind.label) \(time)\(attemptText)"
    }
}

/// One entry of the key bar: "␣ step".
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var action: String

    public init(_ key: String, _ action: String) {
        self.key = key
        self.action = action
    }

    /// This hint with its key named in ASCII ("space", "left").
    public var ascii: KeyHint {
        switch key {
        case "␣": KeyHint("space", action)
        case "←": KeyHint("left", action)
        default: self
        }
    }
}
