import TCPStepCore
import TCPStepScenario

/// What the narration says about one step: the scenario author's words for the command the
/// step performs (`say` / `say.zh`), then one or two generated sentences on what happened and
/// why ("The server's FIN was retransmitted because its 1 s timer expired").
public struct StepNarration: Hashable, Sendable {
    public var step: Int
    /// Virtual time of the step.
    public var time: Micros
    /// The author's narration of the scripted command this step runs, if any.
    public var authored: String?
    /// Generated from the step's events; never empty for a step with events.
    public var sentences: [String]

    /// The author's words as the headline, on a line of their own, then the generated sentences
    /// that add something to them (one that mostly repeats the headline is left out).
    public var text: String {
        guard let authored, !authored.isEmpty else { return Self.join(sentences) }
        let adding = Self.join(Self.sentences(sentences, adding: authored))
        return adding.isEmpty ? authored : authored + "\n" + adding
    }

    /// `sentences` without those whose words are mostly in `headline` already: at least half
    /// of their words of four letters or more (English), or of their pairs of adjacent Chinese
    /// characters, occur in it.
    static func sentences(_ sentences: [String], adding headline: String) -> [String] {
        let known = words(of: headline)
        return sentences.filter { sentence in
            let own = words(of: sentence)
            guard !own.isEmpty else { return true }
            return Double(own.intersection(known).count) < 0.5 * Double(own.count)
        }
    }

    /// Lower-cased words of four letters or more, and pairs of adjacent CJK characters.
    static func words(of text: String) -> Set<String> {
        var result: Set<String> = []
        var word = ""
        var previousCJK: Character?
        for character in text.lowercased() + " " {
            if character.isLetter, character.isASCII {
                word.append(character)
                previousCJK = nil
                continue
            }
            if word.count >= 4 { result.insert(word) }
            word = ""
            if let scalar = character.unicodeScalars.first, (0x4E00...0x9FFF).contains(scalar.value) {
                if let previous = previousCJK { result.insert(String([previous, character])) }
                previousCJK = character
            } else {
                previousCJK = nil
            }
        }
        return result
    }

    /// Sentences joined with a space, except after CJK punctuation, where Chinese text has none.
    static func join(_ parts: [String]) -> String {
        var text = ""
        for part in parts where !part.isEmpty {
            if let last = text.last, !"。！？；：”）".contains(last) { text += " " }
            text += part
        }
        return text
    }
}

/// Narrates a trace in plain words, in English or Chinese.
///
///     let narrator = Narrator(scenario: scenario, language: .chinese)
///     let lines = narrator.narrateAll(log.events)      // one StepNarration per step
///     let now = narrator.narrate(step: 17, in: stepper.events)
///
/// It reads only the trace (and the scenario's `say` texts), so it works at any position of a
/// stepped run, including after stepping back. Steps are matched to scripted commands by order:
/// every scripted command runs as its own step, whose first event is its `app` or `inject`
/// event; the user's interventions are recorded in the step before them and never start one.
public struct Narrator: Sendable {
    public let scenario: Scenario
    public let language: NarrationLanguage
    /// Write sequence numbers relative to each side's ISN (as the diagram does with `#` off).
    public var relativeSequenceNumbers: Bool
    let phrasebook: Phrasebook

    /// `table` replaces the language's standard table (tests use it to check the fallback).
    public init(scenario: Scenario, language: NarrationLanguage, relativeSequenceNumbers: Bool = false,
                table: NarrationTable? = nil) {
        self.scenario = scenario
        self.language = language
        self.relativeSequenceNumbers = relativeSequenceNumbers
        phrasebook = Phrasebook(table: table ?? .standard(language))
    }

    // MARK: The scenario's own texts

    public var title: String {
        // A file without a `title` line still gets a Chinese heading under --lang zh.
        if language == .chinese, scenario.titleZH == nil, scenario.title == Scenario.untitled { return "未命名场景" }
        return pick(scenario.title, scenario.titleZH) ?? scenario.title
    }
    public var summary: String? { pick(scenario.summary, scenario.summaryZH) }

    /// The author's closing words (a `say` after the last command): show them once the run is quiet.
    public var epilogue: String? {
        scenario.narration.last(where: { $0.commandIndex == nil }).flatMap { pick($0.english, $0.chinese) }
    }

    /// "Not TCP: two-way handshake" when the scenario uses a teaching variant, for a banner.
    public var variantWarning: String? {
        let names = scenario.config.variants.names
        guard !names.isEmpty else { return nil }
        return names.map { phrasebook.word("variant.\($0)") }.joined(separator: " ")
    }

    /// The author's narration of scripted command `index` (into `scenario.script.commands`).
    public func authored(commandIndex index: Int) -> String? {
        scenario.narration.last(where: { $0.commandIndex == index }).flatMap { pick($0.english, $0.chinese) }
    }

    /// The text in this language; English when the Chinese is missing, and the Chinese when a
    /// scenario was written only in Chinese.
    private func pick(_ english: String?, _ chinese: String?) -> String? {
        switch language {
        case .english: english ?? chinese
        case .chinese: chinese ?? english
        }
    }

    // MARK: Steps

    /// The narration of every step in `events` (a trace from its beginning), in order.
    public func narrateAll(_ events: some Collection<TraceEvent>) -> [StepNarration] {
        let events = Array(events)
        var index = TraceIndex()
        var result: [StepNarration] = []
        var start = 0
        while start < events.count {
            let end = Self.stepEnd(events, from: start)
            result.append(narrate(events[start..<end], index: &index))
            start = end
        }
        return result
    }

    /// The narration of step `step` of `events` (a trace from its beginning, such as
    /// `Stepper.events`); nil if the trace has no such step.
    public func narrate(step: Int, in events: some Collection<TraceEvent>) -> StepNarration? {
        var cursor = NarrationCursor()
        return narrate(step: step, in: Array(events)[...], cursor: &cursor)
    }

    /// The events of a trace grouped by step: steps are contiguous and numbered in order.
    static func stepEnd(_ events: [TraceEvent], from start: Int) -> Int {
        var end = start + 1
        while end < events.count && events[end].step == events[start].step { end += 1 }
        return end
    }

    /// Narrates one step and advances `index` past it.
    func narrate(_ events: ArraySlice<TraceEvent>, index: inout TraceIndex) -> StepNarration {
        let first = events[events.startIndex]
        index.beginStep(first.step, first: first)
        let isCommand = first.step >= 1 && Self.isCommandEvent(first)
        let authored = isCommand ? authoredText(commandStep: index.commandSteps, first: first) : nil
        var sentences: [String] = []
        for burst in Self.bursts(events) {
            index.beginBurst()
            for event in burst { index.apply(event) }
            let composer = StepComposer(phrasebook: phrasebook, format: formatter, index: index,
                                        profile: scenario.config.profile.name,
                                        readsAtOnce: scenario.config.autoRead)
            let told = composer.sentences(burst)
            sentences += told.isEmpty ? [headline(burst[burst.startIndex], index: index)] : told
        }
        sentences += captureNotes(events)
        return StepNarration(step: first.step, time: first.time, authored: authored, sentences: sentences)
    }

    /// A captured step says what the capture showed each segment to be, and that its states
    /// are inferred (the simulator's own steps have neither).
    private func captureNotes(_ events: ArraySlice<TraceEvent>) -> [String] {
        var notes: [String] = []
        for event in events {
            if case .send(let wire) = event.kind, let label = wire.label { notes.append(phrasebook.word("capture.label.\(label.rawValue)")) }
        }
        if events.contains(where: \.isInferred) { notes.append(phrasebook.word("capture.inferred")) }
        return notes
    }

    var formatter: Formatter { Formatter(language: language, relativeNumbers: relativeSequenceNumbers) }

    static func isCommandEvent(_ event: TraceEvent) -> Bool {
        switch event.kind {
        case .app, .inject: true
        case .send, .deliver, .drop, .duplicate, .delay, .state, .timer, .signal: false
        }
    }

    /// The author's words for the `n`-th command step (1-based), checked against the command
    /// itself; if they disagree (a script edited under a running stepper), the command is
    /// looked up by time and kind instead.
    private func authoredText(commandStep n: Int, first: TraceEvent) -> String? {
        let commands = scenario.script.commands
        if n >= 1 && n <= commands.count && Self.matches(commands[n - 1], first) { return authored(commandIndex: n - 1) }
        return commands.firstIndex(where: { Self.matches($0, first) }).flatMap(authored(commandIndex:))
    }

    static func matches(_ command: ScriptCommand, _ event: TraceEvent) -> Bool {
        guard command.time == event.time else { return false }
        switch (command.kind, event.kind) {
        case (.app(let host, let call), .app(let eventHost, let eventCall, _)):
            return host == eventHost && call == eventCall
        case (.inject(let direction, let segment), .inject(let wire)):
            return direction == wire.direction && segment == wire.segment
        default:
            return false
        }
    }

    /// A step's events split where the user intervened after it (an application call or a
    /// fault of theirs recorded under the same step number): each part is narrated on its own.
    static func bursts(_ events: ArraySlice<TraceEvent>) -> [ArraySlice<TraceEvent>] {
        var parts: [ArraySlice<TraceEvent>] = []
        var start = events.startIndex
        for position in events.indices.dropFirst() where startsIntervention(events[position]) {
            parts.append(events[start..<position])
            start = position
        }
        parts.append(events[start..<events.endIndex])
        return parts
    }

    private static func startsIntervention(_ event: TraceEvent) -> Bool {
        switch event.kind {
        // A blocking connect() that returns ETIMEDOUT is the end of the timer's story, not a new call.
        case .app(_, _, let result): result != .failed(.connectionTimedOut)
        case .drop(_, let cause), .duplicate(_, _, let cause), .delay(_, _, _, let cause): cause == .user
        case .send, .inject, .deliver, .state, .timer, .signal: false
        }
    }
}
