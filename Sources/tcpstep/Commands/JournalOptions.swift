import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TCPStepJournal
import TCPStepScenario

/// `--resume`, `--journal FILE`, `--no-journal`: where the interactive session is journaled.
struct JournalOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Reopen a journaled session on the screen where it ended: the newest one, or the journal given as the scenario.",
        discussion: "Journals are in $XDG_STATE_HOME/tcpstep/sessions (~/.local/state/tcpstep/sessions); `tcpstep sessions` lists them."))
    var resume = false

    @Option(help: ArgumentHelp("Journal this session to FILE (default: a new file in the sessions directory).", valueName: "file"))
    var journal: String?

    @Flag(help: "Do not journal this session (`w` still saves it).")
    var noJournal = false

    /// Loads the scenario (or the journal to resume) and decides where the session is journaled.
    func session(_ options: ScenarioOptions) throws -> JournalSession {
        let started = Date()
        let store = SessionStore.standard()
        var options = options
        var resumed: String?
        if resume {
            if options.scenario == nil {
                guard let newest = store?.journals().first else {
                    throw CleanExit.message("tcpstep: no session to resume in \(store?.directory ?? "$XDG_STATE_HOME/tcpstep/sessions")")
                }
                options.scenario = newest
            }
            resumed = options.scenario
        }
        let input = try options.loadInput()
        let scenario = input.scenario
        let name = Self.scenarioName(of: scenario)
        let firstLine = scenario.text.flatMap { $0.split(separator: "\n", maxSplits: 1).first }
        // A resumed journal keeps its header (and its file); anything else starts a new one.
        let header = resumed != nil && firstLine.map({ JournalText.headerFields(of: $0) != nil }) == true
            ? firstLine!.trimming(\.isNewline)
            : JournalText.header(scenario: name, started: SessionStore.stamp(started, format: "%Y-%m-%dT%H:%M:%SZ"))
        var session = JournalSession(input: input, header: header,
                                     defaultSaveName: "\(SessionStore.fileName(name))-\(SessionStore.stamp(started, format: "%Y%m%d-%H%M")).tcps")
        // A recorded trace is not a session; the pile-up view has no timeline.
        guard case .scenario = input, !noJournal, scenario.view != .pileup else { return session }
        if let path = journal ?? resumed {
            session.path = path
        } else if let store {
            do {
                session.path = try store.newJournalPath(scenario: name, started: started)
                store.prune(keeping: session.path)
            } catch {
                session.problem = "cannot create \(store.directory): \(systemErrorText(error))"
            }
        } else {
            session.problem = "neither XDG_STATE_HOME nor HOME is set"
        }
        return session
    }

    /// "lost-last-ack" for the built-in, "my" for my.tcps, the original name for a journal.
    static func scenarioName(of scenario: Scenario) -> String {
        if let text = scenario.text, let fields = JournalText.headerFields(of: Substring(text)) { return fields.scenario }
        if scenario.source.hasPrefix("builtin:") { return String(scenario.source.dropFirst("builtin:".count)) }
        let file = scenario.source.split(separator: "/").last.map(String.init) ?? scenario.source
        return file.hasSuffix(".tcps") ? String(file.dropLast(5)) : file
    }
}

/// What the interactive loop needs to journal a session.
struct JournalSession {
    var input: ScenarioInput
    var header: String
    var defaultSaveName: String
    /// nil: not journaled.
    var path: String?
    /// Why it is not journaled, for the status line.
    var problem: String?
}
