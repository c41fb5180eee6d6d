import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TCPStepCore
import TCPStepNarration
import TCPStepRender

/// `--lang en|zh` for the commands that print words (`render`, `trace`); the default comes from
/// LC_ALL / LC_MESSAGES / LANG, as in the interactive view.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of the words: en or zh (default: from LC_ALL / LANG). Protocol words stay as they are.")
    var lang: String?

    func resolved() throws -> NarrationLanguage {
        guard let lang else { return NarrationLanguage.fromEnvironment(ProcessInfo.processInfo.environment) }
        guard let language = NarrationLanguage(argument: lang) else {
            throw CleanExit.message("tcpstep: unknown language '\(lang)'; choose en or zh")
        }
        return language
    }
}

extension NarrationLanguage {
    /// The screen's words in this language.
    var uiText: UIText { self == .chinese ? .chinese : .english }
}

/// The trace table in a language other than English: the table's columns with hosts and event
/// kinds named in that language, and under each step the narration of that step (the
/// segments' own fields, flags and numbers are the same in every language).
enum TraceTableText {
    static func narrated(_ events: [TraceEvent], by narrator: Narrator, words: UIText) -> String {
        var sentences: [Int: String] = [:]
        for narration in narrator.narrateAll(events) { sentences[narration.step] = narration.text }
        var lines: [String] = []
        var index = 0
        while index < events.count {
            let step = events[index].step
            var end = index
            while end < events.count, events[end].step == step { end += 1 }
            for event in events[index ..< end] {
                let columns = event.tableColumns
                let who = HostID.allCases.first { $0.name == columns.who }.map(words.host) ?? words(.traceNetwork)
                lines.append("\(columns.time.leftPadded(to: 9))  \(columns.step.padded(to: 5))  \(who.padded(to: 6))  \(words(eventKey(columns.event)).padded(to: 8))  \(columns.detail)")
            }
            if let sentence = sentences[step], !sentence.isEmpty {
                lines.append("             " + sentence.split(separator: "\n").joined(separator: "\n             "))
            }
            index = end
        }
        return lines.joined(separator: "\n")
    }

    static func eventKey(_ event: String) -> UIKey {
        switch event {
        case "send": .traceSend
        case "resend": .traceResend
        case "inject": .traceInject
        case "deliver": .traceDeliver
        case "drop": .traceDrop
        case "duplicate": .traceDuplicate
        case "delay": .traceDelay
        case "state": .traceState
        case "timer": .traceTimer
        case "app": .traceApp
        default: .traceSignal
        }
    }
}

private extension String {
    var displayWidth: Int { CellGrid.displayWidth(of: self) }
    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - displayWidth)) }
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - displayWidth)) + self }
}
