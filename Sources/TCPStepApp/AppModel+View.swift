import TCPStepCore
import TCPStepNarration
import TCPStepRender

extension AppModel {
    /// The frame to paint now. Mutating only to keep the layout and narration caches warm.
    public mutating func frame() -> CellGrid {
        let screen = preparedScreen()
        var grid = Screen.render(screen, layout: layout, width: width, height: height)
        if showsTitleCard {
            OverlayPainter.titleCard(narrator, text: text, theme: theme, glyphs: glyphs, into: &grid)
        } else if showsClosingCard, let lines = closingCardText {
            OverlayPainter.closingCard(lines, text: text, theme: theme, glyphs: glyphs, into: &grid)
        }
        if let overlay {
            OverlayPainter.paint(overlay, score: quiz, focus: focus, text: text, language: self.options.language, theme: theme, glyphs: glyphs, into: &grid)
        }
        return grid
    }

    /// The screen model with the layout brought up to date for it (what a frame draws).
    private mutating func preparedScreen() -> ScreenModel {
        var screen = screenModel()
        screen.rowsPerTransit = fittingRowsPerTransit(screen)
        let options = Screen.diagramOptions(for: screen, width: width, height: height)
        layout.follow(source.events, config: options.layoutConfig)
        // A long history is laid out from near its end (`DiagramLayout+Tail.swift`): all of it
        // once the window comes within a few screens of where the rows start.
        if !layout.isWhole, layout.rowCount - (scrollBack ?? 0) < 3 * height { layout.makeWhole(source.events) }
        return screen
    }

    /// The most rows per transit time (up to 4) with which the whole scripted story still fits
    /// the diagram , so a tall screen is used and slopes show transit times;
    /// 1 when even that does not fit (then the diagram scrolls, as before). Computed once per
    /// size and scenario, by running the script to quiet (bounded).
    mutating func fittingRowsPerTransit(_ screen: ScreenModel) -> Int {
        if let fit = rowsPerTransitFit, fit.width == width, fit.height == height, fit.source == scenario.source { return fit.rows }
        let area = Screen.regions(for: screen, width: width, height: height).diagram
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        var rows = 1
        if log.events.count <= Self.fitEventsMax {
            // Rows to spare for the narration to grow into (it scrolls only beyond them): a tall
            // screen is for the diagram, but never at the cost of the words that explain it.
            let budget = area.height - (options.presenter ? 1 : Self.narrationReserveRows)
            rows = (2 ... 4).reversed().first { k in
                DiagramLayout(events: log.events[...], config: DiagramLayout.Config(width: area.width, rowsPerTransit: k)).rowCount <= budget
            } ?? 1
        }
        rowsPerTransitFit = (width, height, scenario.source, rows)
        return rows
    }

    static let fitEventsMax = 5_000
    /// Diagram rows the fit leaves free for a long narration: three more lines of it (the
    /// presenter's panel has four lines already, and one row to spare).
    static let narrationReserveRows = 3

    var theme: Theme {
        let base = Theme.named(options.themeName, background: options.background) ?? .default
        return options.noColor ? base.withoutColor() : base
    }

    var glyphs: GlyphSet { options.ascii ? .ascii : .unicode }

    /// The screen's own words in the chosen language.
    /// The screen's wordings in the session's language (the journal's status lines use them too).
    public var text: UIText { options.language == .chinese ? .chinese : .english }

    /// True at the end of the story: nothing left to happen, at the newest step, and the card
    /// not put away.
    var showsClosingCard: Bool {
        // The same moment for a live run and its recording: nothing more will appear in the trace.
        !closingCardDismissed && overlay == nil && !source.events.isEmpty && isFinished && closingCardText != nil
    }

    /// `source.isFinished`, remembered for the current position: finding it out steps a copy of
    /// the simulation (up to 64 steps), too much for every frame and every key.
    var isFinished: Bool {
        if let cache = narrationCache, cache.position == source.position, cache.events == source.events.count {
            return cache.isFinished
        }
        return source.isFinished
    }

    /// The scenario's closing words (its last `say`, after every command: "Result: …"), else
    /// its summary; nil when it has neither.
    var closingCardText: String? { narrator.epilogue ?? narrator.summary }

    var narrator: Narrator {
        Narrator(scenario: scenario, language: options.language, relativeSequenceNumbers: !absoluteNumbers)
    }

    /// The trace fold at the current position (the one the diagram reads).
    mutating func currentFold() -> TraceFold {
        layout.follow(source.events, config: layout.config)
        return layout.fold
    }

    /// What the screen shows, gathered from the trace (through the fold the diagram layout
    /// keeps: the header and the diagram cannot disagree) and the view state. The layout must be
    /// up to date with the source (`frame()` does that first).
    func screenModel() -> ScreenModel {
        let fold = layout.progress.isPrefix(of: source.events) && layout.eventCount == source.events.count
            ? layout.fold : TraceFold(events: source.events)
        var hints = KeyBindings.hints(presenter: options.presenter, ascii: options.ascii, text: text)
        if options.quiz { hints.insert(KeyHint(text(.hintQuiz), "\(quiz.right)/\(quiz.asked)"), at: 0) }
        var screen = ScreenModel(
            scenarioTitle: narrator.title, profile: scenario.config.profile.name, variants: scenario.config.variants,
            now: fold.now, step: fold.step, hosts: HostPanel.all(in: fold),
            inFlight: fold.inFlight, selected: selection, narration: narrationText, status: status ?? captureStatus,
            keyHints: hints, scroll: scrollBack.map { .back(rows: $0) } ?? .followNewest,
            numbering: absoluteNumbers ? .absolute : .relative, glyphs: glyphs, theme: theme,
            layoutStyle: options.presenter ? .presenter : .standard, text: text, focus: focus, narrationScroll: narrationScroll)
        screen.origin = scenario.origin
        return screen
    }

    /// The narration panel as the next frame lays it out (how far `]` may go).
    mutating func narrationPanel() -> NarrationPanel {
        let screen = preparedScreen()
        return Screen.narrationPanel(screen, regions: Screen.regions(for: screen, width: width, height: height, layout: layout))
    }

    /// The narration of the step just taken (or the scenario's summary before the first one, its
    /// epilogue once nothing is left to happen).
    var narrationText: String {
        if let cache = narrationCache, cache.position == source.position, cache.events == source.events.count {
            return cache.text
        }
        var cursor = narrationCursor
        return Self.narration(of: source, by: narrator, finished: isFinished, cursor: &cursor)
    }

    /// The narration of the newest step, or the summary before any; the epilogue follows once
    /// the story is `finished`.
    static func narration(of source: TraceSource, by narrator: Narrator, finished: Bool, cursor: inout NarrationCursor) -> String {
        guard let last = source.events.last else {
            return narrator.summary ?? narrator.title
        }
        var text = narrator.narrate(step: last.step, in: source.events, cursor: &cursor)?.text ?? ""
        if finished, let epilogue = narrator.epilogue {
            // No space after a Chinese full stop: Chinese sentences run on without one.
            let joint = text.isEmpty || text.last.map { CellGrid.displayWidth(of: $0) == 2 } == true ? "" : " "
            text += joint + epilogue
        }
        return text
    }

    /// Remembers the narration, and whether the story is finished, for the current position
    /// (called after each move, so frames and keys read both for free).
    mutating func refreshNarration() {
        // A layout that started late has folded the history already: the narration starts there too.
        if narrationCursor.isEmpty, let start = layout.tailStart, start.stepStart > 0, start.begins(source.events) {
            narrationCursor = NarrationCursor(fold: start.stepStartFold, of: source.events.prefix(start.stepStart))
        }
        let finished = source.isFinished
        let text = Self.narration(of: source, by: narrator, finished: finished, cursor: &narrationCursor)
        narrationCache = (source.position, source.events.count, text, finished)
    }

    /// The in-flight segment whose arrow is drawn at a screen position, if any.
    func hitTest(x: Int, y: Int) -> SegmentID? {
        Screen.segment(atX: x, y: y, model: screenModel(), layout: layout, width: width, height: height)
    }
}
