import TCPStepCore
import TCPStepScenario

/// Keeps a session journal in step with the timeline on screen. Pure: after each update it
/// compares the stepper's moves with what it has written and says what the file must become
/// (`pending`); the program loop writes that before the frame is painted.
///
/// Only interventions (application calls, drop / delay / duplicate) are written, one timed line
/// each; steps only move the `open-at` line. Stepping back and then acting differently forgets
/// the moves that were undone, and with them any lines written for them: then the whole file is
/// rewritten, so it always describes what a replay would show, never the keys pressed.
public struct JournalRecorder: Sendable {
    /// What the journal file must become.
    public enum Edit: Hashable, Sendable {
        /// Replace everything: `body` then the `open-at` line.
        case rewrite(body: String, openAt: String)
        /// Add lines (each ending in a newline) before the `open-at` line, which becomes `openAt`.
        case append(lines: String, openAt: String)
        /// Only the `open-at` line changes (same width: rewritten in place).
        case moveTo(openAt: String)
    }

    private struct Entry: Sendable {
        var moveIndex: Int
        var move: Stepper.Move
        var line: String
    }

    private let header: String
    private var head: String
    private var headSource: String
    private var entries: [Entry] = []
    /// Moves below this index have been looked at.
    private var scannedMoves = 0
    private var names = SegmentNames()
    private var openAt = ""
    public private(set) var pending: [Edit] = []

    /// Starts a journal for a session of `scenario` whose stepper already holds its timed
    /// actions, `done` (as `TimelinePlayer` applied them: with their step and time); `names`, what
    /// the player named while playing them, saves reading the trace again.
    public init(header: String, scenario: Scenario, stepper: Stepper, done: [TimedAction], names: SegmentNames = SegmentNames()) {
        self.names = names
        self.header = header
        head = JournalText.head(of: scenario) ?? ""
        headSource = scenario.source
        // The stepper was built from these actions: its interventions are those, in order.
        var actions = done.makeIterator()
        for (index, move) in stepper.moves.enumerated() {
            guard case .intervene = move, let action = actions.next() else { continue }
            entries.append(Entry(moveIndex: index, move: move, line: JournalText.line(for: action)))
        }
        scannedMoves = stepper.moves.count
        self.names.sync(with: stepper.events)
        openAt = Self.openAtLine(stepper, entries)
        pending = [.rewrite(body: body, openAt: openAt)]
    }

    /// Hands over the edits to write.
    public mutating func takePending() -> [Edit] {
        defer { pending.removeAll() }
        return pending
    }

    /// The file as it stands: what `w` saves.
    public var text: String { body + openAt + "\n" }

    private var body: String {
        var text = header + "\n" + head + JournalText.actionsComment + "\n"
        for entry in entries { text += entry.line + "\n" }
        return text
    }

    /// Looks at the stepper after an update and notes what the file must become.
    public mutating func observe(_ stepper: Stepper, scenario: Scenario) {
        let reloaded = scenario.source != headSource
        if reloaded {
            // Another scenario was opened in place: it is the new head.
            head = JournalText.head(of: scenario) ?? ""
            headSource = scenario.source
            entries.removeAll()
        }
        names.sync(with: stepper.events)
        let moves = stepper.moves
        var forgot = false
        while let last = entries.last, last.moveIndex >= moves.count || moves[last.moveIndex] != last.move {
            entries.removeLast()
            forgot = true
        }
        var lines = ""
        // A new move is made only at the current position, so everything before it is unchanged.
        // (After a step back and a new action the moves end right after it: `moves.count - 1`.)
        var index = max(min(scannedMoves, moves.count - 1), (entries.last?.moveIndex ?? -1) + 1, 0)
        while index < moves.count {
            if case .intervene(let intervention) = moves[index] {
                let line = describe(intervention, anchor: index - entries.count, moveIndex: index, in: stepper)
                entries.append(Entry(moveIndex: index, move: moves[index], line: line))
                lines += line + "\n"
            }
            index += 1
        }
        scannedMoves = moves.count
        let newOpenAt = Self.openAtLine(stepper, entries)
        if forgot || reloaded {
            pending = [.rewrite(body: body, openAt: newOpenAt)]
        } else if !lines.isEmpty {
            pending.append(.append(lines: lines, openAt: newOpenAt))
        } else if newOpenAt != openAt {
            // Only the newest position matters (and pending stays small when nobody writes it).
            if case .moveTo? = pending.last { pending.removeLast() }
            pending.append(.moveTo(openAt: newOpenAt))
        }
        openAt = newOpenAt
    }

    /// The timed line for an intervention made right after `anchor` steps.
    private func describe(_ intervention: Stepper.Intervention, anchor: Int, moveIndex: Int, in stepper: Stepper) -> String {
        // Interventions do not move the clock: it shows the time of the step they follow.
        let time = moveIndex + 1 == stepper.position ? stepper.simulation.now
            : stepper.events.last(where: { $0.step <= anchor })?.time ?? 0
        let kind: TimedAction.Kind
        switch intervention {
        case .app(let host, let call):
            kind = .app(host, call)
        case .inject(let direction, let segment):
            kind = .inject(direction, segment)
        case .drop(let id), .duplicate(let id), .delay(let id, _):
            let (direction, choice) = names.name(of: id) ?? (.clientToServer, .id(id.raw))
            let fault: FaultRule.Fault = switch intervention {
            case .drop: .drop
            case .duplicate: .duplicate
            case .delay(_, let extra): .delay(extra)
            case .app, .inject: preconditionFailure("handled above")
            }
            kind = .fault(direction, choice, fault)
        }
        return JournalText.line(for: TimedAction(time: time, step: anchor, kind: kind))
    }

    /// Where the screen stands: steps taken and timed actions done.
    private static func openAtLine(_ stepper: Stepper, _ entries: [Entry]) -> String {
        var done = entries.count
        while done > 0 && entries[done - 1].moveIndex >= stepper.position { done -= 1 }
        return JournalText.openAtLine(step: stepper.simulation.stepCount, actions: done)
    }
}
