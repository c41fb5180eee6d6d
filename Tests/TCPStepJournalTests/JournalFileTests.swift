import Foundation
@testable import TCPStepApp
import TCPStepCore
import TCPStepJournal
import TCPStepRender
import TCPStepScenario
import Testing

/// The journal on disk: after every key the file is exactly the recorder's text, before the
/// frame is painted; a journal that cannot be written is said once and the session goes on.
@Suite struct JournalFileTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "tcpstep-journal-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<unreadable>" }

    @Test func theFileFollowsEveryKey() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/s.tcps"
        var app = JournaledApp(model: try Session.model("teardown"), journalPath: path)
        let keys: [Character] = [" ", " ", " ", " ", "d", " ", " ", "x", " ", "b", "b", "b", "u", " ", "#", "r", " ", "c", " "]
        for key in keys {
            _ = app.handle(.key(.character(key)))
            #expect(contents(path) == app.model.journalText, "after \(key)")
        }
        #expect(app.model.status == nil || !(app.model.status!.contains("journal")))
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp"))
    }

    @Test func theJournalSaysItInTheSessionsLanguage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inTheWay = directory + "/not-a-directory"
        FileManager.default.createFile(atPath: inTheWay, contents: Data())
        var model = try Session.model("handshake")
        model.options.language = .chinese
        var app = JournaledApp(model: model, journalPath: inTheWay + "/s.tcps")
        _ = app.handle(.resize(width: 100, height: 30))
        #expect(app.model.status == "本次会话没有写日志：cannot create \(inTheWay)/s.tcps: Not a directory")
        app.model.saveRequest = inTheWay + "/saved.tcps"
        _ = app.handle(.key(.character(" ")))
        // The system's reason after the colon stays as the system says it (strerror).
        #expect(app.model.status?.hasPrefix("未保存：无法写入 \(inTheWay)/saved.tcps：") == true)
    }

    @Test func anUnwritableDirectoryIsSaidOnceAndTheSessionGoesOn() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A file where the directory should be: unwritable even for root (the tmux test runs a
        // real read-only directory as an unprivileged user).
        let inTheWay = directory + "/not-a-directory"
        FileManager.default.createFile(atPath: inTheWay, contents: Data())
        var app = JournaledApp(model: try Session.model("handshake"), journalPath: inTheWay + "/s.tcps")
        #expect(app.journalPath == nil)
        _ = app.handle(.resize(width: 100, height: 30))
        #expect(app.model.status == "not journaling this session: cannot create \(inTheWay)/s.tcps: Not a directory")
        // Once: the next keys work and the message is not repeated.
        _ = app.handle(.key(.character(" ")))
        #expect(app.model.status == nil)
        _ = app.handle(.key(.character("c")))
        _ = app.handle(.key(.character(" ")))
        #expect(app.model.stepper.position == 3 && app.model.status == nil)
    }

    @Test func sessionStoreNamesPrunesAndLists() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = SessionStore(directory: directory + "/sessions")
        let started = Date(timeIntervalSince1970: 1_795_000_000)
        let first = try store.newJournalPath(scenario: "lost last/ack", started: started)
        #expect(first == directory + "/sessions/lost-last-ack-20261118-110640.tcps")
        FileManager.default.createFile(atPath: first, contents: Data())
        #expect(try store.newJournalPath(scenario: "lost last/ack", started: started).hasSuffix("-20261118-110640-2.tcps"))

        var model = try Session.model("teardown")
        model.step(5)
        model.press("x")
        try Data(model.journalText.utf8).write(to: URL(fileURLWithPath: first))
        let summary = try #require(store.summaries().first)
        #expect(summary.scenario == "teardown" && summary.started == "2026-11-25T15:50:02Z")
        #expect(summary.steps == 5 && summary.actions == 1 && summary.damage == nil)

        for index in 0 ..< SessionStore.keepCount + 5 {
            let path = store.directory + "/old-\(index).tcps"
            FileManager.default.createFile(atPath: path, contents: Data())
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: Double(1_000 + index))], ofItemAtPath: path)
        }
        store.prune(keeping: first)
        let kept = store.journals()
        #expect(kept.count == SessionStore.keepCount)
        #expect(kept.contains(first))
        #expect(!kept.contains(store.directory + "/old-0.tcps"))
    }
}
