import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

/// The interactive view's whole state: a value, changed only by `update`. The terminal loop
/// feeds it messages and paints `frame()`; nothing here touches the terminal.
public struct AppModel: Sendable {
    public internal(set) var scenario: Scenario
    /// What is being stepped through: a live simulation or a recorded trace.
    public internal(set) var source: TraceSource
    /// The in-flight segment the keys act on.
    public internal(set) var selection: SegmentID?
    /// The host that `s`, `x` and `a` act on.
    public internal(set) var focus: HostID = .client
    public internal(set) var isPlaying = false
    /// Index into `playSpeeds`.
    public internal(set) var speedIndex = 2
    /// Rows scrolled back from the newest; nil follows the newest.
    public internal(set) var scrollBack: Int?
    /// Lines the narration panel is scrolled down (`]`); back to the top on every step.
    public internal(set) var narrationScroll = 0
    public internal(set) var absoluteNumbers = false
    public internal(set) var overlay: Overlay?
    public internal(set) var width = 80
    public internal(set) var height = 24
    /// A short status line after an action ("segment 7 dropped", "nothing in flight"). It stays
    /// until the next key, and while playing for at least `statusHoldMs`.
    public internal(set) var status: String?
    /// Milliseconds of ticks since `status` was set.
    var statusAgeMs = 0
    static let statusHoldMs = 3_000
    /// The closing card was put away (any key); it comes back when the end is reached again.
    public internal(set) var closingCardDismissed = false
    public var options: AppOptions
    public internal(set) var quiz = QuizScore()
    /// The diagram laid out so far; each frame adds only the new events.
    var layout = DiagramLayout(config: DiagramLayout.Config(width: 80))
    /// Narration of the current position and whether nothing more will happen there, recomputed
    /// only when the position moves (or another story is loaded: `load`, `restart`).
    var narrationCache: (position: Int, events: Int, text: String, isFinished: Bool)?
    /// What the narrator has read of the trace, so each step reads only the new events.
    var narrationCursor = NarrationCursor()
    /// Writes the `e` export (SVG and HTML of the diagram now); installed by the command line.
    public var snapshotExporter: SnapshotExporter?
    /// Rows per transit time that let the whole scripted story fit the diagram, for a size.
    var rowsPerTransitFit: (width: Int, height: Int, source: String, rows: Int)?
    /// The scenario's title card is showing (presenter mode starts with it).
    public internal(set) var showsTitleCard = false
    /// The session as a scenario file, kept in step with the timeline (`JournalRecorder`); nil
    /// for a recorded trace, which is not a session.
    public internal(set) var journal: JournalRecorder?
    /// The file name `w` offers.
    public var defaultSaveName = "session.tcps"
    /// A file name confirmed in the save prompt, for the loop to write `journal.text` to.
    public internal(set) var saveRequest: String?
    /// `W` on a capture: the loop writes the connection as a scenario, then calls `finishAsScenario`.
    public internal(set) var asScenarioRequested = false
    /// A live capture's counts for its standing status line (packets, connections, the one
    /// shown; `captureStatus`); a status message goes over it until the next key.
    var liveCounts: CaptureProgress?

    /// Steps per second when playing.
    public static let playSpeeds: [Double] = [0.5, 1, 2, 4, 8, 16]

    public enum Overlay: Hashable, Sendable {
        case help
        /// Built-in scenarios with their one-line summaries.
        case scenarioPicker(names: [String], highlighted: Int)
        /// The menu of old duplicates (`o`): 1–4 puts one on the wire from the focused host.
        case injectMenu
        case question(QuizQuestion)
        case answer(QuizQuestion, chosen: Int)
        /// `w`: the file name being typed.
        case savePrompt(String)
    }

    /// Opens a scenario; one with timed actions (a journal) opens where its `open-at` says.
    /// `journalHeader` is the journal's first line (the loop adds the wall-clock start time).
    public init(scenario: Scenario, options: AppOptions = AppOptions(), journalHeader: String? = nil) {
        self.scenario = scenario
        self.options = options
        let opened = TimelinePlayer.open(scenario)
        let (stepper, stop) = (opened.stepper, opened.stop)
        source = .live(stepper)
        journal = JournalRecorder(header: journalHeader ?? JournalText.header(scenario: scenario.title, started: "unknown"),
                                  scenario: scenario, stepper: stepper, done: opened.done, names: opened.names)
        status = scenario.damage ?? stop.map { "\(scenario.source):\($0.line): \($0.message); opened what came before" }
        showsTitleCard = options.presenter && stepper.position == 0 && status == nil
        afterMove()
        refreshNarration()
    }

    /// A viewer over a recorded trace (`tcpstep trace --json`, a capture, a saved session):
    /// stepping, narration and selection work; keys that change the world say they need a
    /// simulation. `scenario` gives the title and profile (an empty one named after the file).
    public init(recording events: [TraceEvent], scenario: Scenario, options: AppOptions = AppOptions()) {
        self.scenario = scenario
        self.options = options
        source = .recorded(RecordedTrace(events: events))
        showsTitleCard = options.presenter
    }

    /// How long to wait before the next tick, in milliseconds: the play speed while playing.
    public var tickIntervalMs: Int { isPlaying ? Int(1_000 / Self.playSpeeds[speedIndex]) : 250 }

    public var isOverlayOpen: Bool { overlay != nil }
}

/// Choices made on the command line.
public struct AppOptions: Hashable, Sendable {
    public var ascii = false
    public var themeName = "default"
    /// The terminal's background, which "default" and "projector" adapt to.
    public var background: TerminalBackground = .dark
    public var noColor = false
    public var language: NarrationLanguage = .english
    public var presenter = false
    public var quiz = false
    public init() {}
}
