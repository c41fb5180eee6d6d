import ArgumentParser
import TCPStepJournal

/// `tcpstep sessions`: the journaled sessions, newest first.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List the journaled interactive sessions, newest first.",
        discussion: """
        Every interactive session is journaled as a scenario file in $XDG_STATE_HOME/tcpstep/sessions \
        (~/.local/state/tcpstep/sessions); the newest \(SessionStore.keepCount) are kept. \
        `tcpstep --resume` reopens the newest where it ended, `tcpstep --resume FILE` a given one, \
        and `tcpstep trace FILE` replays one.
        """)

    func run() throws {
        try exitCleanly {
            guard let store = SessionStore.standard() else { throw CleanExit.message("tcpstep: neither XDG_STATE_HOME nor HOME is set") }
            let sessions = store.summaries()
            guard !sessions.isEmpty else {
                print("no sessions in \(store.directory)")
                return
            }
            let width = max(8, sessions.map(\.scenario.count).max() ?? 0)
            print("started               " + "scenario".padded(to: width) + "  steps  actions  file")
            for session in sessions {
                let started = session.started.padded(to: 20)
                let scenario = session.scenario.padded(to: width)
                let steps = String(session.steps), actions = String(session.actions)
                print("\(started)  \(scenario)  \(String(repeating: " ", count: max(0, 5 - steps.count)))\(steps)  "
                      + "\(String(repeating: " ", count: max(0, 7 - actions.count)))\(actions)  \(session.path)"
                      + (session.damage != nil ? "  (damaged)" : ""))
            }
        }
    }
}
