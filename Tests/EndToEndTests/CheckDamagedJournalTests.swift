import Foundation
import Testing

/// `tcpstep check` on a damaged journal, or on timed actions that cannot be replayed, says so
/// exactly once (it used to say the damage on stderr and again as a warning), counts it as a
/// warning, and still lists what it checked.
@Suite("check says a journal's damage once")
struct CheckDamagedJournalTests {
    static let journal = """
        # tcpstep journal: handshake, started 2026-11-25T18:00:00Z
        set latency 50ms
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        # tcpstep journal: what the session did; each `at TIME step N …` happens right after step N
        at 120ms drop c2s ACK
        at 1s client close
        open-at step 9 actions 2                        

        """

    /// `check FILE` in a fresh directory holding `text` as FILE: stdout and stderr together.
    private func check(_ text: String, name: String = "session.tcps") throws -> (status: Int32, output: String) {
        let folder = NSTemporaryDirectory() + "tcpstep-check-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        return Shell.run("cd \(Shell.quote(folder)) && \(Shell.quote(Binary.path)) check \(name) < /dev/null 2>&1")
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func aWholeJournalChecksClean() throws {
        let result = try check(Self.journal)
        #expect(result.status == 0)
        #expect(result.output == "session.tcps: ok — Untitled scenario, 3 commands, 0 fault rules, 1 timed actions\n")
    }

    @Test func aJournalCutMidLineIsReportedOnce() throws {
        // Cut inside the `open-at` line, as a crash in the middle of a write leaves it.
        let cut = String(Self.journal.prefix(upTo: Self.journal.range(of: "open-at step 9")!.upperBound))
        let result = try check(cut)
        #expect(result.status == 0)
        #expect(result.output == """
            warning: session.tcps:10: the journal stops in the middle of this line; opened lines 1–9
            session.tcps: 1 warning — Untitled scenario, 3 commands, 0 fault rules, 1 timed actions

            """)
    }

    @Test func aGarbledLastLineIsReportedOnce() throws {
        let garbled = Self.journal.replacingOccurrences(of: "at 1s client close", with: "at 1s client clo\u{FFFD}se")
            .replacingOccurrences(of: "open-at step 9 actions 2", with: "")
        let result = try check(garbled)
        #expect(result.status == 0)
        #expect(occurrences(of: "session.tcps:9:", in: result.output) == 1, "\(result.output)")
        #expect(occurrences(of: "the journal stops at this line; opened lines 1–8", in: result.output) == 1, "\(result.output)")
        #expect(result.output.hasSuffix("session.tcps: 1 warning — Untitled scenario, 2 commands, 0 fault rules, 1 timed actions\n"), "\(result.output)")
    }

    @Test func aTimedActionThatCannotBeReplayedIsReportedOnce() throws {
        // No final ACK is ever sent: nobody closes (`at 1s client close` was a scripted command).
        let text = Self.journal.replacingOccurrences(of: "at 1s client close", with: "at 1s drop c2s final-ACK")
        let result = try check(text)
        #expect(result.status == 0)
        #expect(occurrences(of: "no such segment in flight", in: result.output) == 1, "\(result.output)")
        #expect(result.output.hasPrefix("warning: session.tcps:9: no such segment in flight at step "), "\(result.output)")
        #expect(result.output.hasSuffix("session.tcps: 1 warning — Untitled scenario, 2 commands, 0 fault rules, 2 timed actions\n"), "\(result.output)")
    }
}
