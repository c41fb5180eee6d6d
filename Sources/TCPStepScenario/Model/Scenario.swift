import TCPStepCore

/// A scenario: a title, the settings of the world, the scripted commands and faults, and the
/// narration its author attached. Parsed from the text format (`ScenarioParser`); the built-in
/// ones are files of that format too (`Builtin/*.tcps`).
public struct Scenario: Hashable, Sendable {
    public var title: String = Scenario.untitled
    /// The title of a scenario that names none.
    public static let untitled = "Untitled scenario"
    /// The Chinese title (`title.zh`), shown with `--lang zh`.
    public var titleZH: String?
    /// One line for `tcpstep list`.
    public var summary: String?
    public var summaryZH: String?
    public var config = SimulationConfig()
    public var script = Script()
    /// Narration written with `say` / `say.zh`, attached to the next command.
    public var narration: [ScriptNarration] = []
    /// Where it came from: a file path or "builtin:NAME".
    public var source: String = "<memory>"
    /// How far in virtual time `trace` runs it (`set run-until`); the default leaves room for
    /// every timer the profiles use (R2 for a SYN, 2MSL) to expire.
    public var runUntil: Micros = .seconds(3_600)
    /// How many trace events a headless run records before it stops (`set max-events`,
    /// `--max-events`): a valid scenario such as `set mss 1` + `send 1073741824` would otherwise
    /// run for hours and fill memory.
    public var eventsMax: Int = Scenario.defaultEventsMax
    /// A million events: about 200 MB peak for `trace` (measured in docs/benchmarks.md), far
    /// beyond any story a person reads.
    public static let defaultEventsMax = 1_000_000
    /// The largest `set max-events` / `--max-events`.
    public static let eventsMaxLimit = 100_000_000
    /// Which view opens the scenario (`set view pileup`).
    public var view: ScenarioView = .sequence
    /// The Linux sysctls set (`set tcp_…`, `--sysctl`), already applied to `config.profile`; kept
    /// so that a profile override and the pile-up view can apply them again.
    public var sysctls: [SysctlSetting] = []
    /// Timed actions (`at 1.3s step 14 drop s2c FIN+ACK#2`): what a session did between events.
    public var timeline: [TimedAction] = []
    /// Where the interactive view opens it (`open-at`); nil: at the start.
    public var openAt: OpenAt?
    /// The text it was parsed from (a session journal copies it as its head).
    public var text: String?
    /// For a damaged journal opened up to where it breaks: which line stopped it and why.
    public var damage: String?
    /// Where the trace comes from when it is not this scenario's simulation (a recording, a
    /// capture); nil: simulated by `config.profile`.
    public var origin: TraceOrigin?

    public init() {}

    /// What the headers say the trace is: this scenario simulated, or the recording or capture it names.
    public var traceOrigin: TraceOrigin { origin ?? .simulation(config.profile.name) }

    public func makeSimulation() -> Simulation { Simulation(config: config, script: script) }
}

/// A sentence the scenario's author attached to a moment of the story.
public struct ScriptNarration: Hashable, Sendable {
    public var time: Micros
    /// Index into `script.commands` of the command it explains, when it precedes one.
    public var commandIndex: Int?
    public var english: String?
    public var chinese: String?
    public var line: Int

    public init(time: Micros, commandIndex: Int?, english: String?, chinese: String?, line: Int) {
        self.time = time
        self.commandIndex = commandIndex
        self.english = english
        self.chinese = chinese
        self.line = line
    }
}

/// The view a scenario opens in: the sequence diagram, or the TIME_WAIT pile-up chart.
public enum ScenarioView: String, CaseIterable, Hashable, Sendable {
    case sequence
    case pileup
}
