import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

extension Ladder {
    /// Columns the borrowed terminal layout is given: wide enough that no label is ever cut.
    static let layoutWidth = 220

    /// The ladder of `events` (a trace from its beginning, possibly cut at a step).
    public init(events: ArraySlice<TraceEvent>, scenario: Scenario, numbering: SequenceNumbering = .relative,
                language: ExportLanguage = .english) {
        let words = LadderWords(language)
        let narrator = Narrator(scenario: scenario, language: language.narration)
        var layout = DiagramLayout(config: DiagramLayout.Config(width: Self.layoutWidth, numbering: numbering))
        var builder = LadderBuilder()
        // One event at a time, so that each timer event and each step knows the row it reached.
        // The layout's own fold is the one reading of the trace (numbers per incarnation, what
        // each host shows) that the builder and the arrows' words use too.
        for event in events {
            layout.read(event)
            builder.absorb(event, newestRow: layout.rowCount - 1, fold: layout.fold)
        }
        let fold = layout.fold
        builder.finishSteps(newestRow: layout.rowCount - 1, time: layout.rows.last?.time ?? 0)

        title = narrator.title
        banner = narrator.variantWarning
        self.language = language
        lifelines = HostID.allCases.map { host in
            Lifeline(host: host, name: words.host(host), address: scenario.traceOrigin.address(of: host), port: builder.ports[host.rawValue])
        }
        subtitle = words.subtitle(origin: scenario.traceOrigin, lifelines: lifelines)
        rows = layout.rows.enumerated().map { index, row in Self.row(row, index: index, words: words, builder: builder) }
        // A pause or spacer stands for time passing before the next event: it belongs to that
        // event's step (the player must not say "925 ms later" before that time has come).
        for index in rows.indices.reversed().dropFirst() where rows[index].kind != .event && rows[index].kind != .start {
            rows[index].step = rows[index + 1].step
        }
        arrows = layout.arrows.map { Self.arrow($0, in: layout, builder: builder, fold: fold, numbering: numbering) }
        timers = builder.timers
        steps = builder.steps
    }

    static func row(_ row: DiagramRow, index: Int, words: LadderWords, builder: LadderBuilder) -> Row {
        return Row(kind: row.kind, time: row.time, step: row.step, showsTime: row.showsTime,
                   notes: HostID.allCases.map { host in
                       row.note(host).map { words.note($0, step: builder.noteSteps[index * 2 + host.rawValue] ?? row.step) }
                   })
    }

    static func arrow(_ arrow: DiagramArrow, in layout: DiagramLayout, builder: LadderBuilder, fold: TraceFold,
                      numbering: SequenceNumbering) -> Arrow {
        let words = ArrowWords(arrow.wire, numbers: fold.numbers(of: arrow.id), numbering: numbering)
        return Arrow(wire: arrow.wire, label: words.label, flags: words.flags, seq: words.seq, ack: words.ack,
                     tag: words.tag, arrivalNote: layout.arrivalNote(of: arrow), role: arrow.role,
                     startRow: arrow.startRow, end: arrow.end,
                     startStep: builder.departureSteps[arrow.id] ?? layout.rows[arrow.startRow].step,
                     endStep: arrow.endRow == nil ? nil : builder.endSteps[arrow.id], heldFor: arrow.heldFor)
    }
}

/// Collects what the terminal layout does not keep: timer spans, ports, the state after each step.
struct LadderBuilder {
    private struct TimerKey: Hashable {
        var host: HostID
        var connection: ConnectionID
        var kind: TimerKind
    }

    var timers: [Ladder.TimerSpan] = []
    var steps: [Ladder.StepState] = [Ladder.StepState(step: 0, time: 0, lastRow: 0, states: [.closed, .closed])]
    var ports: [UInt16?] = [nil, nil]
    /// The step each segment left in, and the step it arrived or was lost in.
    var departureSteps: [SegmentID: Int] = [:]
    var endSteps: [SegmentID: Int] = [:]
    /// The step that wrote each lifeline note, by `row × 2 + host`.
    var noteSteps: [Int: Int] = [:]
    private var running: [TimerKey: Int] = [:]
    /// What each host shows (the fold's host facts) after the newest event.
    private var states: [TCPState] = [.closed, .closed]
    private var currentStep = 0
    private var currentTime: Micros = 0

    mutating func absorb(_ event: TraceEvent, newestRow: Int, fold: TraceFold) {
        if event.step != currentStep { finishSteps(newestRow: nil, time: currentTime, upTo: event.step - 1) }
        currentStep = event.step
        currentTime = event.time
        switch event.kind {
        case .state(let host, _, let pair, _, _, _):
            if ports[host.rawValue] == nil { ports[host.rawValue] = pair.local }
            noteSteps[newestRow * 2 + host.rawValue] = event.step
        case .send(let wire):
            if ports[wire.from.rawValue] == nil { ports[wire.from.rawValue] = wire.segment.sourcePort }
            departureSteps[wire.id] = event.step
        case .inject(let wire), .duplicate(_, let wire, _):
            departureSteps[wire.id] = event.step
        case .deliver(let id, _, _, _), .drop(let id, _):
            if endSteps[id] == nil { endSteps[id] = event.step }
        case .timer(let host, let connection, _, let kind, let action, let deadline, let attempt):
            if action == .fire || (action == .set && kind == .timeWait) {
                noteSteps[newestRow * 2 + host.rawValue] = event.step
            }
            timer(TimerKey(host: host, connection: connection, kind: kind), action, deadline: deadline,
                  attempt: attempt, row: newestRow, step: event.step)
        case .delay, .app, .signal:
            break
        }
        pendingRow = newestRow
        states = HostID.allCases.map { fold.hostFacts($0).state }
    }

    /// The newest row after the events absorbed so far.
    private var pendingRow = 0

    /// Closes every step up to `step` (default: the current one) with the state now.
    mutating func finishSteps(newestRow: Int?, time: Micros, upTo step: Int? = nil) {
        let last = step ?? currentStep
        let row = newestRow ?? pendingRow
        while steps.count <= last {
            steps.append(Ladder.StepState(step: steps.count, time: time, lastRow: row, states: states))
        }
    }

    private mutating func timer(_ key: TimerKey, _ action: TimerAction, deadline: Micros, attempt: Int, row: Int, step: Int) {
        // Delayed ACKs last a few milliseconds and explain nothing about opening or closing.
        guard key.kind != .delayedAck else { return }
        let open = running.removeValue(forKey: key)
        switch action {
        case .set:
            if let open { close(open, .restarted(row: row), step: step) }
            running[key] = timers.count
            timers.append(Ladder.TimerSpan(host: key.host, kind: key.kind, label: Self.label(key.kind, attempt: attempt),
                                           startRow: row, end: .running, deadline: deadline, startStep: step))
        case .fire:
            if let open { close(open, .fired(row: row), step: step) }
        case .cancel:
            if let open { close(open, .cancelled(row: row), step: step) }
        }
    }

    private mutating func close(_ index: Int, _ end: Ladder.TimerSpan.End, step: Int) {
        timers[index].end = end
        timers[index].endStep = step
    }

    /// "RTO #2" for the second try; "2MSL", "FW2", "TLP" (Linux's tail loss probe).
    static func label(_ kind: TimerKind, attempt: Int) -> String {
        switch kind {
        case .retransmission: attempt == 0 ? "RTO" : "RTO #\(attempt + 1)"
        case .timeWait: "2MSL"
        case .finWait2: "FW2"
        case .delayedAck: "ACK"
        case .tailLossProbe: "TLP"
        case .persist: attempt == 0 ? "persist" : "persist #\(attempt + 1)"
        }
    }
}
