import TCPStepCore
import TCPStepNarration
import TCPStepRender

extension AppModel {
    /// The frame to paint now. Mutating only to keep the layout and narration caches warm.
    public mutating func frame() -> CellGrid {
        let screen = screenModel()
        let options = Screen.diagramOptions(for: screen, width: width, height: height)
        layout.update(with: stepper.events, config: options.layoutConfig)
        var grid = Screen.render(screen, layout: layout, width: width, height: height)
        if showsTitleCard {
            OverlayPainter.titleCard(narrator, theme: theme, glyphs: glyphs, into: &grid)
        }
        if let overlay {
            OverlayPainter.paint(overlay, score: quiz, theme: theme, glyphs: glyphs, into: &grid)
        }
        return grid
    }

    var theme: Theme {
        let base = Theme.named(options.themeName, background: options.background) ?? .default
        return options.noColor ? base.withoutColor() : base
    }

    var glyphs: GlyphSet { options.ascii ? .ascii : .unicode }

    var narrator: Narrator {
        Narrator(scenario: scenario, language: options.language, relativeSequenceNumbers: !absoluteNumbers)
    }

    /// What the screen shows, gathered from the stepper and the view state.
    func screenModel() -> ScreenModel {
        let simulation = stepper.simulation
        var hints = switch (options.presenter, options.ascii) {
        case (false, false): KeyHint.standard
        case (false, true): KeyHint.standardASCII
        case (true, false): KeyHint.presenter
        case (true, true): KeyHint.presenterASCII
        }
        if options.quiz { hints.insert(KeyHint("quiz", "\(quiz.right)/\(quiz.asked)"), at: 0) }
        return ScreenModel(
            scenarioTitle: narrator.title, profile: scenario.config.profile.name, variants: scenario.config.variants,
            now: simulation.now, step: simulation.stepCount, hosts: HostPanel.all(in: simulation),
            inFlight: simulation.inFlight, selected: selection, narration: narrationText, status: status,
            keyHints: hints, scroll: scrollBack.map { .back(rows: $0) } ?? .followNewest,
            numbering: absoluteNumbers ? .absolute : .relative, glyphs: glyphs, theme: theme,
            layoutStyle: options.presenter ? .presenter : .standard)
    }

    /// The narration of the step just taken (or the scenario's summary before the first one, its
    /// epilogue once nothing is left to happen).
    var narrationText: String {
        if let cache = narrationCache, cache.position == stepper.position, cache.events == stepper.events.count {
            return cache.text
        }
        var cursor = narrationCursor
        return Self.narration(of: stepper, by: narrator, cursor: &cursor)
    }

    /// The narration of the newest step, or the summary before any.
    static func narration(of stepper: Stepper, by narrator: Narrator, cursor: inout NarrationCursor) -> String {
        guard let last = stepper.events.last else {
            return narrator.summary ?? narrator.title
        }
        var text = narrator.narrate(step: last.step, in: stepper.events, cursor: &cursor)?.text ?? ""
        if stepper.simulation.isQuiet, let epilogue = narrator.epilogue { text += (text.isEmpty ? "" : " ") + epilogue }
        return text
    }

    /// Remembers the narration for the current position (called after each update).
    mutating func refreshNarration() {
        let text = Self.narration(of: stepper, by: narrator, cursor: &narrationCursor)
        narrationCache = (stepper.position, stepper.events.count, text)
    }

    /// The in-flight segment whose arrow is drawn at a screen position, if any.
    func hitTest(x: Int, y: Int) -> SegmentID? {
        Screen.segment(atX: x, y: y, model: screenModel(), layout: layout, width: width, height: height)
    }
}
