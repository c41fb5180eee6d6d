import Benchmark
import TCPStepApp
import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario
import TCPStepTerminal

/// Issue 3's speed targets for the live view, on a long history (≥ 10,000 trace events) in a
/// 250 × 70 terminal:
///   - a full frame (layout and paint) under 2 ms;
///   - bytes written per step close to what the changed cells need (ncurses diffs).
///
/// Two ways through the same code:
///   - "View": what `Screen.swift` documents per frame, called directly: the stepper, then
///     `Screen.diagramOptions` + `layout.update(with:config:)` + `Screen.render`;
///   - "App": what the interactive loop does for a key press: `AppModel.update(.stepForward)`
///     (stepper, selection, narration of the new step) + `AppModel.frame()`, and with "+ paint"
///     also `TerminalSession.paint` into an off-screen ncurses screen (a tmpfile), whose byte
///     count is reported as the custom metric "paint bytes".
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal],
                                           warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 2_000)

    let size = (width: LongHistory.width, height: LongHistory.height)

    // MARK: Direct (Screen.swift's per-frame calls)

    let rendered = Box { DirectView(history: LongHistory.direct) }
    Benchmark("View: Screen.render, layout up to date (12k events, 250x70)") { benchmark in
        let view = rendered.value
        let model = view.screenModel()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(Screen.render(model, layout: view.layout, width: size.width, height: size.height))
        }
    }

    Benchmark("View: frame = model + layout.update + render, no new events") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(rendered.value.frame())
        }
    }

    let forward = Box { DirectView(history: LongHistory.direct) }
    Benchmark("View: step forward = stepForward + layout.update + render") { benchmark in
        forward.value.uniquify()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            forward.value.stepper.stepForward()
            blackHole(forward.value.frame())
        }
    }

    let backward = Box { DirectView(history: LongHistory.direct) }
    Benchmark("View: step back = stepBack + layout.update + render") { benchmark in
        if backward.value.stepper.events.count < LongHistory.minimumEvents {
            backward.value = DirectView(history: LongHistory.direct)  // now and then: back to the top
        }
        backward.value.uniquify()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            backward.value.stepper.stepBack()
            blackHole(backward.value.frame())
        }
    }

    // MARK: The app (update + frame), what a key press costs

    let appForward = Box { LongHistory.app }
    Benchmark("App: step forward = update(.stepForward) + frame()") { benchmark in
        _ = appForward.value.frame()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            _ = appForward.value.update(.stepForward)
            blackHole(appForward.value.frame())
        }
    }

    let appBackward = Box { LongHistory.app }
    Benchmark("App: step back = update(.stepBack) + frame()") { benchmark in
        if appBackward.value.source.events.count < LongHistory.minimumEvents {
            appBackward.value = LongHistory.app  // now and then: back to the top, and
            _ = appBackward.value.update(.stepBack)  // a first step outside the measurement (copy-on-write)
        }
        _ = appBackward.value.frame()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            _ = appBackward.value.update(.stepBack)
            blackHole(appBackward.value.frame())
        }
    }

    // MARK: The app + ncurses paint (off-screen), the whole frame a user waits for

    let paintForward = Box { LongHistory.app }
    let paintConfig = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .custom("paint bytes"), .custom("changed cells")],
        units: [.custom("paint bytes"): .count, .custom("changed cells"): .count],
        warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 2_000)
    Benchmark("App+curses: step forward = update + frame + paint", configuration: paintConfig) { benchmark in
        let session = Curses.session
        let before = paintForward.value.frame()
        session.paint(before)
        benchmark.startMeasurement()
        _ = paintForward.value.update(.stepForward)
        let after = paintForward.value.frame()
        session.paint(after)
        benchmark.stopMeasurement()
        benchmark.measurement(.custom("paint bytes"), session.lastPaintByteCount ?? 0)
        benchmark.measurement(.custom("changed cells"), Curses.changedCells(before, after))
    }

    let paintBackward = Box { LongHistory.app }
    Benchmark("App+curses: step back = update + frame + paint", configuration: paintConfig) { benchmark in
        if paintBackward.value.source.events.count < LongHistory.minimumEvents {
            paintBackward.value = LongHistory.app
            _ = paintBackward.value.update(.stepBack)
        }
        let session = Curses.session
        let before = paintBackward.value.frame()
        session.paint(before)
        benchmark.startMeasurement()
        _ = paintBackward.value.update(.stepBack)
        let after = paintBackward.value.frame()
        session.paint(after)
        benchmark.stopMeasurement()
        benchmark.measurement(.custom("paint bytes"), session.lastPaintByteCount ?? 0)
        benchmark.measurement(.custom("changed cells"), Curses.changedCells(before, after))
    }

    // The reference for the ratio: a whole frame painted over a blank screen (every non-blank
    // cell changes), as a clear-and-redraw would cost.
    let whole = Box { LongHistory.app }
    Benchmark("Curses: paint a whole frame over a blank screen (reference)", configuration: paintConfig) { benchmark in
        let session = Curses.session
        let frame = whole.value.frame()
        let blank = CellGrid(width: size.width, height: size.height)
        session.paint(blank)
        benchmark.startMeasurement()
        session.paint(frame)
        benchmark.stopMeasurement()
        benchmark.measurement(.custom("paint bytes"), session.lastPaintByteCount ?? 0)
        benchmark.measurement(.custom("changed cells"), Curses.changedCells(blank, frame))
    }
}

/// A value the benchmark closures share and mutate between iterations, made on first use.
final class Box<Value>: @unchecked Sendable {
    private let make: () -> Value
    private var stored: Value?
    init(_ make: @escaping () -> Value) { self.make = make }
    var value: Value {
        get {
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
        set { stored = newValue }
        // In place: a get-then-set would copy the value and make every mutation copy its buffers.
        _modify {
            if stored == nil { stored = make() }
            yield &stored!
        }
    }
}

/// A long, realistic history: many open/data/close lifecycles with random losses, duplicates
/// and jitter, stepped until the trace holds 12,000 events. Stepping forward runs on from there
/// (up to ~17,000 after 2,000 steps); stepping back goes down to 10,000, then starts again at the top.
enum LongHistory {
    static let width = 250
    static let height = 70
    static let minimumEvents = 10_000
    static let startEvents = 12_000
    static let lifecycles = 2_000

    static let scenarioText: String = {
        var text = """
        title Benchmark: \(lifecycles) lifecycles with random faults
        set profile linux
        set latency 20ms
        set seed 42
        set loss 2%
        set duplicate 1%
        set jitter 5% 30ms
        server listen 80

        """
        for index in 0..<lifecycles {
            text += """
            at \(index)s client connect 80
            +100ms client send 1000
            +100ms server send 1000
            +100ms client close
            +100ms server close

            """
        }
        return text
    }()

    static let scenario: Scenario = {
        do { return try ScenarioParser.parse(scenarioText, fileName: "benchmark.tcps") } catch {
            fatalError("benchmark scenario: \(error)")
        }
    }()

    /// The stepper alone, for the direct path.
    static let direct: Stepper = {
        var stepper = Stepper(simulation: scenario.makeSimulation())
        while stepper.events.count < startEvents, stepper.stepForward() {}
        precondition(stepper.events.count >= startEvents, "scenario too short: \(stepper.events.count) events")
        return stepper
    }()

    /// The interactive model, 250 × 70, stepped through `update` like a user holding space.
    static let app: AppModel = {
        var model = AppModel(scenario: scenario)
        _ = model.update(.resize(width: width, height: height))
        while model.source.events.count < startEvents {
            _ = model.update(.stepForward)
        }
        _ = model.frame()
        return model
    }()
}

/// Screen.swift's per-frame calls, with the state the app would keep between frames.
struct DirectView {
    var stepper: Stepper
    var layout: DiagramLayout
    let narrator: Narrator
    let narration: String
    var isUnique = false

    init(history: Stepper) {
        stepper = history
        narrator = Narrator(scenario: LongHistory.scenario, language: .english, relativeSequenceNumbers: true)
        narration = narrator.narrate(step: history.events.last?.step ?? 0, in: history.events)?.text ?? ""
        layout = DiagramLayout(config: DiagramLayout.Config(width: LongHistory.width))
        _ = frame()
    }

    /// Makes every buffer this value's own (once), so that copy-on-write never runs inside a measurement.
    mutating func uniquify() {
        guard !isUnique else { return }
        isUnique = true
        stepper.stepBack()
        _ = frame()
        stepper.stepForward()
        _ = frame()
    }

    /// What the app shows (narration kept from the start: the app caches it per position).
    func screenModel() -> ScreenModel {
        let simulation = stepper.simulation
        let inFlight = simulation.inFlight
        return ScreenModel(scenarioTitle: narrator.title, profile: LongHistory.scenario.config.profile.name,
                           variants: LongHistory.scenario.config.variants, now: simulation.now,
                           step: simulation.stepCount, hosts: HostPanel.all(in: simulation), inFlight: inFlight,
                           selected: inFlight.last?.id, narration: narration)
    }

    mutating func frame() -> CellGrid {
        let model = screenModel()
        let options = Screen.diagramOptions(for: model, width: LongHistory.width, height: LongHistory.height)
        layout.update(with: stepper.events, config: options.layoutConfig)
        return Screen.render(model, layout: layout, width: LongHistory.width, height: LongHistory.height)
    }
}

/// One off-screen ncurses screen for the whole process (curses state is global).
enum Curses {
    nonisolated(unsafe) static let session: TerminalSession = {
        do { return try TerminalSession.offscreen(width: LongHistory.width, height: LongHistory.height) } catch {
            fatalError("off-screen ncurses session: \(error)")
        }
    }()

    /// Cells whose glyph or style differ.
    static func changedCells(_ a: CellGrid, _ b: CellGrid) -> Int {
        zip(a.cells, b.cells).reduce(0) { $0 + ($1.0 == $1.1 ? 0 : 1) }
    }
}
