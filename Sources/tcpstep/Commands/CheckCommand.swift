import ArgumentParser
import TCPStepCore
import TCPStepRender
import TCPStepScenario

/// `tcpstep check FILE`: validate a scenario file, run it headless, and say which segment each
/// fault rule picked (and warn about rules that pick none).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a scenario file for errors (as file:line:col) and show which segment each fault rule hits.",
        discussion: """
        The scenario is run to quiet without a terminal, as `tcpstep trace` runs it. Each `drop`, \
        `dup` and `delay` line is then listed with the segment it picked, so that `drop c2s ACK#2` \
        can be seen to hit the ACK you meant; a rule that picks no segment is a warning. \
        Selectors: N, FLAGS, FLAGS#K, data#K, handshake-ACK, final-ACK (see docs/scenario-format.md).
        """)

    @Argument(help: "The scenario file or built-in name to check.")
    var scenario: String

    func run() throws {
        try exitCleanly {
            let input = try ScenarioLoader.loadInput(scenario)
            if case .recording(_, let events) = input {
                print("\(TerminalText.visible(scenario)): ok — a recorded trace of \(events.count) events, \(events.last?.step ?? 0) steps")
                return
            }
            let loaded = input.scenario
            // Not `HeadlessRun`, which reports damage and a stopped replay on stderr: here each is one warning.
            let (events, stop, _) = TimelinePlayer.boundedTrace(of: loaded)
            let hits = FaultRuleReport.hits(of: loaded.script.faultRules, in: events)
            let fold = TraceFold(events: events)
            var problems: [String] = []
            if let damage = loaded.damage { problems.append(damage) }
            if let stop { problems.append("\(loaded.source):\(stop.line): \(stop.message); checked what came before") }
            for problem in problems { print("warning: \(TerminalText.visible(problem))") }
            var warnings = problems.count
            for (rule, hit) in zip(loaded.script.faultRules, hits) {
                if let hit {
                    print("  \(rule)  →  \(FaultRuleReport.describe(hit, numbers: fold.numbers(of: hit.id)))")
                } else {
                    warnings += 1
                    print("  warning: \(rule) matches no segment: nothing is \(FaultRuleReport.verbPast(rule.fault))")
                }
            }
            let timed = loaded.timeline.isEmpty ? "" : ", \(loaded.timeline.count) timed actions"
            let summary = "\(TerminalText.visible(loaded.title)), \(FaultRuleReport.count(loaded.script.commands.count, "command")), \(FaultRuleReport.count(loaded.script.faultRules.count, "fault rule"))\(timed)"
            let name = TerminalText.visible(scenario)
            print(warnings == 0 ? "\(name): ok — \(summary)" : "\(name): \(warnings) warning\(warnings == 1 ? "" : "s") — \(summary)")
        }
    }
}

/// Which segment each fault rule picked in a finished run.
enum FaultRuleReport {
    /// For each rule, the segment it picked (nil: none). Replays the run's sends through a fresh
    /// matcher, the same one the network used, so the answer is the run's own.
    static func hits(of rules: [FaultRule], in events: [TraceEvent]) -> [WireSegment?] {
        var matcher = FaultRuleMatcher(rules: rules)
        var hits = [WireSegment?](repeating: nil, count: rules.count)
        for event in events {
            guard case .send(let wire) = event.kind else { continue }
            for index in matcher.pick(wire.segment, direction: wire.direction) { hits[index] = wire }
        }
        return hits
    }

    /// "segment 7, ACK 2 ack 2, client → server, sent at 1550 ms": the label the diagram draws on
    /// its arrow (relative numbers from the trace fold), so the hit is found on screen at a glance.
    static func describe(_ wire: WireSegment, numbers: SegmentNumbers?) -> String {
        let shown = numbers ?? SegmentNumbers(wire.segment, seqBase: nil, ackBase: nil)
        let label = SegmentLabel.text(for: wire, numbers: shown, numbering: .relative)
        let again = wire.isRetransmission ? " (a retransmission)" : ""
        return "segment \(wire.id.raw), \(label)\(again), \(wire.from.name) → \(wire.to.name), sent at \(wire.sentAt.millisecondsText) ms"
    }

    /// "1 fault rule", "2 fault rules".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func verbPast(_ fault: FaultRule.Fault) -> String {
        switch fault {
        case .drop: "dropped"
        case .duplicate: "duplicated"
        case .delay: "delayed"
        }
    }
}
