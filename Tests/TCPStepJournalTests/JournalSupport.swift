import Foundation
import TCPStepCore
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// Sessions driven through the key map, as the terminal loop drives them.
enum Session {
    /// A model on a built-in scenario, sized like a terminal.
    static func model(_ name: String, width: Int = 100, height: Int = 30) throws -> AppModel {
        let scenario = try #require(try BuiltinScenarios.scenario(named: name))
        var model = AppModel(scenario: scenario, journalHeader: JournalText.header(scenario: name, started: "2026-11-25T15:50:02Z"))
        _ = model.update(.resize(width: width, height: height))
        return model
    }

    /// A model on a journal's text, as `tcpstep FILE` opens it.
    static func reopen(_ text: String, width: Int = 100, height: Int = 30) throws -> AppModel {
        let scenario = try JournalLoader.parse(Array(text.utf8), fileName: "journal.tcps")
        var model = AppModel(scenario: scenario)
        _ = model.update(.resize(width: width, height: height))
        return model
    }

    /// Every event as the JSON lines of `tcpstep trace --json`.
    static func json(_ events: some Sequence<TraceEvent>) -> [String] { events.map(\.jsonLine) }

    /// The headless trace of a journal's text (`tcpstep trace FILE --json`).
    static func headlessTrace(_ text: String) throws -> [String] {
        let scenario = try ScenarioParser.parse(text, fileName: "journal.tcps")
        let (events, stop) = TimelinePlayer.trace(of: scenario)
        #expect(stop == nil, "replay stopped: \(String(describing: stop))")
        return json(events)
    }
}

extension AppModel {
    /// A key, as the terminal loop hands it over.
    mutating func press(_ key: Key) { _ = handle(.key(key)) }
    mutating func press(_ character: Character) { _ = handle(.key(.character(character))) }
    mutating func step(_ count: Int) { for _ in 0 ..< count { press(" ") } }

    mutating func screenText() -> String { frame().text }

    /// The live run's stepper (these tests open scenarios, never recordings).
    var stepper: Stepper { source.stepper! }

    /// The journal's text (every scenario session has one).
    var journalText: String { journal!.text }

    /// The timed lines of the journal (no head, no comments).
    var journalActions: [String] {
        journalText.split(separator: "\n").filter { $0.hasPrefix("at ") && $0.contains(" step ") }.map(String.init)
    }

    var openAtLine: String? {
        journalText.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
