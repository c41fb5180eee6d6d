import TCPStepCore

/// The text of a session journal, which is a scenario file: a header comment, the scenario the
/// session started from (its *head*, verbatim), the timed actions of the timeline on screen, and
/// one `open-at` line, always last and always the same width so that moving it rewrites it in place.
///
///     # tcpstep journal: lost-last-ack, started 2026-11-25T15:50:02Z
///     …the scenario's own lines…
///     # tcpstep journal: what the session did; each `at TIME step N …` happens right after step N
///     at 1.05s step 9 drop s2c FIN+ACK
///     at 1.3s step 12 client close
///     open-at step 23 actions 2
public enum JournalText {
    /// Every comment line the journal writes starts with this (so a new head can leave them out).
    public static let marker = "# tcpstep journal"
    public static let actionsComment = "\(marker): what the session did; each `at TIME step N …` happens right after step N"
    /// Room for `open-at step S actions K` with ten-digit numbers.
    static let openAtWidth = 48

    public static func header(scenario name: String, started: String) -> String {
        "\(marker): \(name), started \(started)"
    }

    /// The header's scenario name and start time, if `text` begins with a journal header.
    public static func headerFields(of text: Substring) -> (scenario: String, started: String)? {
        let prefix = "\(marker): "
        guard text.hasPrefix(prefix) else { return nil }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }.dropFirst(prefix.count)
        // The last ", started " (a scenario name may itself contain one).
        let separator = ", started "
        guard let comma = firstLine.indices.last(where: { firstLine[$0...].hasPrefix(separator) }) else { return nil }
        return (String(firstLine[..<comma]), String(firstLine[comma...].dropFirst(separator.count)))
    }

    /// A scenario's text without what a journal adds (its timed actions, `open-at`, journal
    /// comments), then `set` lines for settings changed since it was parsed (`--profile`, `--seed`),
    /// ending with a newline. nil when the scenario has no text (built in code).
    public static func head(of scenario: Scenario) -> String? {
        guard let text = scenario.text else { return nil }
        var skipped = Set(scenario.timeline.map(\.line))
        if let openAt = scenario.openAt { skipped.insert(openAt.line) }
        var lines: [Substring] = []
        for (index, line) in ScenarioParser.lines(text).enumerated() where !skipped.contains(index + 1) && !line.hasPrefix(marker) {
            lines.append(line)
        }
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
        var head = lines.joined(separator: "\n") + "\n"
        if let parsed = try? ScenarioParser.parse(head, fileName: scenario.source) {
            if parsed.config.profile != scenario.config.profile { head += "set profile \(scenario.config.profile.name.rawValue)\n" }
            if parsed.config.seed != scenario.config.seed { head += "set seed \(scenario.config.seed)\n" }
        }
        return head
    }

    /// `at 1.3s step 14 drop s2c FIN+ACK#2`.
    public static func line(for action: TimedAction) -> String {
        var text = "at \(timeText(action.time))"
        if let step = action.step { text += " step \(step)" }
        switch action.kind {
        case .app(let host, let call):
            text += " \(host.name) \(call)"
        case .fault(let direction, let choice, let fault):
            let verb = switch fault {
            case .drop: "drop"
            case .duplicate: "dup"
            case .delay: "delay"
            }
            text += " \(verb) \(direction) \(choiceText(choice))"
            if case .delay(let extra) = fault { text += " \(timeText(extra))" }
        case .inject(let direction, let segment):
            // Every field written out, so a replay puts the very same segment on the wire.
            text += " inject \(direction) \(segment.flags.names.joined(separator: "+")) seq=\(segment.seq.raw)"
                + " ack=\(segment.ack.raw) len=\(segment.payloadLength)"
                + " sport=\(segment.sourcePort) dport=\(segment.destinationPort)"
        }
        return text
    }

    /// `open-at step S actions K`, padded to a fixed width.
    public static func openAtLine(step: Int, actions: Int) -> String {
        let line = "open-at step \(step) actions \(actions)"
        return line + String(repeating: " ", count: max(0, openAtWidth - line.count))
    }

    /// A time the parser reads back exactly: "50ms", "1.3s", "1010.5ms".
    static func timeText(_ micros: Micros) -> String {
        guard micros >= 1_000_000, micros % 1_000 == 0 else { return "\(micros.millisecondsText)ms" }
        var fraction = String(micros % 1_000_000 / 1_000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(micros / 1_000_000)" + (fraction.isEmpty ? "" : ".\(fraction)") + "s"
    }

    static func choiceText(_ choice: SegmentChoice) -> String {
        switch choice {
        case .id(let raw): return "id=\(raw)"
        case .sent(let selector): return selector.description
        }
    }
}
