import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

/// What `tcpstep live` hands the view after reading packets: the followed connection's trace so
/// far (re-inferred whole, since a new segment can change how the newest one reads), and what
/// the status line counts.
public struct CaptureProgress: Hashable, Sendable {
    public var events: [TraceEvent]
    /// "lo (tcp port 8080)": the interface and filter captured on.
    public var interface: String
    public var packets: Int
    public var connections: Int
    /// The followed connection's number in the table and its ends ("127.0.0.1:40000 → 127.0.0.1:8080");
    /// nil before one starts.
    public var shown: (number: Int, ends: String)? {
        get { shownNumber.map { ($0, shownEnds) } }
        set { shownNumber = newValue?.number; shownEnds = newValue?.ends ?? "" }
    }
    private var shownNumber: Int?
    private var shownEnds = ""
    /// The title and header origin once a connection is followed.
    public var title: String?
    public var origin: TraceOrigin?

    public init(events: [TraceEvent], interface: String, packets: Int, connections: Int) {
        self.events = events
        self.interface = interface
        self.packets = packets
        self.connections = connections
    }
}

extension AppModel {
    /// A capture still growing: an empty recording that `captureGrew` extends, its header saying
    /// "live capture" until the first connection names its hosts.
    public init(liveCaptureOn interface: String, filter: String?, profile: ProfileName, options: AppOptions = AppOptions()) {
        var scenario = Scenario()
        let label = Self.captureLabel(interface: interface, filter: filter)
        scenario.title = "live \(label)"
        scenario.source = "live-\(interface)"
        scenario.origin = .capture(inferredBy: profile, client: "", server: "", live: true)
        self.init(recording: [], scenario: scenario, options: options)
        liveCounts = CaptureProgress(events: [], interface: label, packets: 0, connections: 0)
    }

    /// "lo (tcp port 8080)": where a live capture listens, as the status line names it.
    public static func captureLabel(interface: String, filter: String?) -> String {
        interface + (filter.map { " (\($0))" } ?? "")
    }

    /// More of a live capture: the trace grows under the view, which stays where the user
    /// stepped back to, or follows the newest when it was there.
    mutating func captureGrew(_ progress: CaptureProgress) {
        guard case .recorded(let old) = source else { return }
        let following = old.isAtEnd
        // The newest steps may read differently now (a FIN that its answer shows crossed): what
        // was laid out or narrated of them is done again.
        let unchanged = zip(old.allEvents, progress.events).prefix { $0 == $1 }.count
        if unchanged < layout.eventCount { layout = DiagramLayout(config: layout.config) }
        if unchanged < old.allEvents.count {
            narrationCursor = NarrationCursor()
            narrationCache = nil
        }
        var grown = RecordedTrace(events: progress.events)
        grown.go(to: following ? grown.stepCount : old.position)
        source = .recorded(grown)
        if let title = progress.title { scenario.title = title }
        if let origin = progress.origin { scenario.origin = origin }
        var counts = progress
        counts.events = []
        liveCounts = counts
        if following { afterMove() }
    }

    /// The live capture's standing status line: what was seen, and which connection is drawn.
    var captureStatus: String? {
        guard let counts = liveCounts else { return nil }
        guard let shown = counts.shown else {
            return text(.liveWaiting, counts.interface, counts.packets, counts.connections)
        }
        let line = text(.liveShowing, counts.interface, counts.packets, counts.connections, shown.number, shown.ends)
        if case .recorded(let recording) = source, !recording.isAtEnd { return text(.liveSteppedBack, line) }
        return line
    }

    /// `W`: a capture asks the loop to write it as a scenario; anything else says why not.
    mutating func requestAsScenario() {
        switch scenario.traceOrigin.kind {
        case .capture, .liveCapture:
            if source.events.isEmpty, let waiting = captureStatus {
                status = waiting
            } else {
                asScenarioRequested = true
            }
        case .simulation: status = text(.statusAsScenarioSimulation)
        case .recording: status = text(.statusAsScenarioRecording)
        }
    }

    /// The loop wrote the scenario `W` asked for (to `path`), or could not (`failure` says why).
    public mutating func finishAsScenario(path: String?, failure: String? = nil) {
        asScenarioRequested = false
        status = path.map { text(.statusAsScenarioWritten, $0) } ?? text(.statusAsScenarioFailed, failure ?? "?")
    }
}
