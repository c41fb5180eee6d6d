import Foundation
import Testing

/// Session journals with the real binary in tmux: killed with SIGKILL mid-session, the session
/// comes back on the same screen; `w` saves a scenario the other commands take; a read-only
/// journal directory is said once and the session goes on.
@Suite("Session journal in tmux", .serialized, .enabled(if: Tmux.isAvailable))
struct JournalTests {
    private var tcpstep: String { Shell.quote(Binary.path) }

    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "tcpstep-e2e-journal-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Presses a key and waits until the screen has changed and then held still (the frame painted).
    private func press(_ tmux: Tmux, _ key: String) throws {
        let before = tmux.screen()
        tmux.press(key)
        var last = try tmux.waitUntil(timeout: 5, "the screen to change after \(key)") { $0 != before }
        while true {
            usleep(150_000)
            let now = tmux.screen()
            if now == last { return }
            last = now
        }
    }

    /// The actions and steps of the session: typed faults and calls between steps.
    private static let keys = ["Space", "Space", "Space", "Space", "Space", "Space", "d", "Space", "Space", "x",
                               "Space", "u", "Space", "Space", "l", "Space", "Space", "Left", "s", "Space"]

    /// The screen without its status row (the line under the diagram), which shows a passing
    /// message after an action ("segment 8 held back 50 ms") that a resumed session has no reason to repeat.
    private static func withoutStatus(_ screen: String) -> [Substring] {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        if let separator = lines.lastIndex(where: { $0.hasPrefix("├") }), separator + 1 < lines.count {
            lines.remove(at: separator + 1)
        }
        return lines
    }

    @Test("SIGKILL after N actions: --resume shows the same screen", arguments: [10, 11, 15, 16, 20])
    func killedSessionResumes(after keyCount: Int) throws {
        let state = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tmux = try Tmux(width: 110, height: 36)
        tmux.type("cd \(Shell.quote(state)); export XDG_STATE_HOME=\(Shell.quote(state)); \(tcpstep) teardown; echo EXIT=$?")
        try tmux.waitFor("step 0")
        for key in Self.keys.prefix(keyCount) { try press(tmux, key) }
        let screen = tmux.screen()
        let pid = try #require(tmux.foregroundPID(named: "tcpstep"))
        kill(pid, SIGKILL)
        try tmux.waitFor("EXIT=137")

        tmux.type("clear; \(tcpstep) --resume; echo EXIT=$?")
        try tmux.waitUntil("the resumed session") { $0.contains("┌─ tcpstep") && $0.contains(" · step ") }
        usleep(300_000)
        if Self.keys[keyCount - 1].count > 1 {
            #expect(tmux.screen() == screen, "the resumed screen differs from the one killed")
        } else {
            // Killed right after an action: all but its passing message.
            #expect(Self.withoutStatus(tmux.screen()) == Self.withoutStatus(screen), "the resumed screen differs from the one killed")
        }

        // The journal is an ordinary scenario for the other commands.
        let journals = try FileManager.default.contentsOfDirectory(atPath: state + "/tcpstep/sessions")
        #expect(journals.count == 1 && journals[0].hasPrefix("teardown-") && journals[0].hasSuffix(".tcps"))
        let journal = state + "/tcpstep/sessions/" + journals[0]
        #expect(Shell.run("\(tcpstep) check \(Shell.quote(journal))").status == 0)
        #expect(Shell.run("\(tcpstep) render \(Shell.quote(journal)) --width 100").status == 0)
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
        let listing = Shell.run("XDG_STATE_HOME=\(Shell.quote(state)) \(tcpstep) sessions").output
        #expect(listing.contains("teardown") && listing.contains(journal), "\(listing)")
    }

    @Test("w saves a scenario: it reopens on the same screen and traces like the journal")
    func saveAsScenario() throws {
        let state = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        let tmux = try Tmux(width: 110, height: 36)
        tmux.type("cd \(Shell.quote(state)); export XDG_STATE_HOME=\(Shell.quote(state)); \(tcpstep) lost-last-ack; echo EXIT=$?")
        try tmux.waitFor("step 0")
        for key in Self.keys.prefix(14) { try press(tmux, key) }
        let screen = tmux.screen()
        try press(tmux, "w")
        try tmux.waitFor("Save this session as a scenario file")
        for _ in 0 ..< 40 { tmux.press("BSpace") }
        for character in "demo.tcps" { tmux.press(String(character)) }
        tmux.press("Enter")
        try tmux.waitFor("saved to \(state)/demo.tcps")
        tmux.press("q")
        try tmux.waitFor("EXIT=0")

        let saved = state + "/demo.tcps"
        let journal = try #require(try FileManager.default.contentsOfDirectory(atPath: state + "/tcpstep/sessions").first)
        let savedTrace = Shell.run("\(tcpstep) trace \(Shell.quote(saved)) --json")
        let journalTrace = Shell.run("\(tcpstep) trace \(Shell.quote(state + "/tcpstep/sessions/" + journal)) --json")
        #expect(savedTrace.status == 0 && savedTrace.output.contains("\"cause\":\"user\""))
        #expect(savedTrace.output == journalTrace.output)

        // Opened as a scenario, it stands where the session stood.
        tmux.type("clear; \(tcpstep) demo.tcps; echo EXIT=$?")
        try tmux.waitUntil("the saved session") { $0.contains("┌─ tcpstep") && $0.contains(" · step ") }
        usleep(300_000)
        #expect(tmux.screen() == screen)
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("A read-only journal directory: said once, the session goes on")
    func readOnlyJournalDirectory() throws {
        let state = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: state) }
        chmod(state, 0o555)
        // Root writes anywhere: run tcpstep as nobody, for whom the directory is read-only.
        let asUser = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let tmux = try Tmux(width: 110, height: 36)
        tmux.type("cd /; \(asUser)env XDG_STATE_HOME=\(Shell.quote(state)) \(tcpstep) handshake; echo EXIT=$?")
        try tmux.waitFor("not journaling this session: cannot create \(state)/tcpstep/sessions")
        try press(tmux, "Space")
        #expect(!tmux.screen().contains("not journaling"))
        for key in ["Space", "Space", "Space", "d", "Space", "x", "Space"] {
            try press(tmux, key)
            #expect(!tmux.screen().contains("journal"))
        }
        try tmux.waitFor("step 6 ")
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state).isEmpty)
    }
}
