#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TCPStepApp
import TCPStepCapture
import TCPStepCore
import TCPStepRender

/// The interactive view of a capture: one connection of a file, or (`tcpstep live`) the followed
/// connection growing as its packets arrive. libpcap is non-blocking: between two keys the loop
/// wakes every `pollMs` to read what has arrived, so a quiet interface never holds a key up.
/// `W` writes the connection as a scenario into the current directory.
struct CaptureViewer: InteractiveProgram {
    var model: AppModel
    /// The connection drawn (for `W`); nil while a live capture waits for one.
    private var story: CapturedStory?
    private var feed: LiveFeed?
    /// When the model last had a tick: it counts ticks as `model.tickIntervalMs` apart.
    private var lastTick = ContinuousClock.now
    static let pollMs = 50

    /// A capture file's connection.
    init(model: AppModel, story: CapturedStory) {
        self.model = model
        self.story = story
    }

    /// A live capture, read from `source` (opened and filtered before the terminal was taken).
    init(model: AppModel, source: PcapSource, capture: LiveCapture, interface: String) {
        self.model = model
        feed = LiveFeed(source: source, capture: capture, interface: interface)
    }

    var tickIntervalMs: Int { feed == nil ? model.tickIntervalMs : min(model.tickIntervalMs, Self.pollMs) }

    mutating func handle(_ event: TerminalEvent?) -> Bool {
        readPackets()
        var keepGoing = true
        if event != nil {
            keepGoing = model.handle(event)
        } else if feed == nil || lastTick.duration(to: .now) >= .milliseconds(model.tickIntervalMs) {
            // (Live, the loop wakes every `pollMs`: the model hears a tick only once its interval passed.)
            lastTick = .now
            keepGoing = model.handle(nil)
        }
        if model.asScenarioRequested { writeAsScenario() }
        return keepGoing
    }

    mutating func frame() -> CellGrid { model.frame() }

    /// Hands the view whatever arrived; a capture that breaks off is said once and read no more.
    private mutating func readPackets() {
        guard var live = feed else { return }
        do {
            if let progress = try live.drain() {
                story = live.story
                _ = model.update(.captureGrew(progress))
            }
            feed = live
        } catch {
            feed = nil
            model.show(status: error.description)
        }
    }

    /// `W`: the connection as `--as-scenario` prints it, in a new file of the current directory.
    private mutating func writeAsScenario() {
        guard let story else { return model.finishAsScenario(path: nil, failure: model.text(.asScenarioNoConnection)) }
        // "curl.pcap" → "curl-conn1.tcps"; a live capture "live-lo-conn1.tcps".
        let stem = URL(fileURLWithPath: model.scenario.source).deletingPathExtension().lastPathComponent
        let base = SnapshotFiles.name(of: stem) + "-conn\(story.summary.number)"
        var path = base + ".tcps"
        var copy = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(base)-\(copy).tcps"
            copy += 1
        }
        do {
            try AtomicFile.write(Array(ScenarioWriter.scenario(story).utf8), to: path)
            model.finishAsScenario(path: SnapshotFiles.currentDirectory() + "/" + path)
        } catch {
            model.finishAsScenario(path: nil, failure: "\(error)")
        }
    }
}

/// A live capture being read: libpcap's handle and what was made of its packets so far.
struct LiveFeed {
    let source: PcapSource
    var capture: LiveCapture
    /// "lo (tcp port 8080)", for the status line.
    let interface: String
    /// The followed connection's trace as last inferred; kept while only other traffic arrives.
    private(set) var story: CapturedStory?
    private var events: [TraceEvent] = []

    init(source: PcapSource, capture: LiveCapture, interface: String) {
        self.source = source
        self.capture = capture
        self.interface = interface
    }

    /// What the view needs after new packets (nil when none arrived).
    mutating func drain() throws(CaptureError) -> CaptureProgress? {
        let read = try capture.read(from: source)
        guard read.packets > 0 else { return nil }
        if read.grew, let grown = capture.story {
            story = grown
            events = CaptureTrace.events(grown.connection)
        }
        var progress = CaptureProgress(events: events, interface: interface, packets: capture.table.packetsRead,
                                       connections: capture.table.connections.count)
        if let story {
            progress.shown = (story.summary.number, "\(story.connection.client) → \(story.connection.server)")
            progress.title = story.title
            progress.origin = story.origin(live: true)
        }
        return progress
    }
}
