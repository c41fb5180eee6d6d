#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TCPStepApp
import TCPStepRender

/// The sequence-diagram view with its journal: after each update, before the frame is painted,
/// the journal edits go to the file (so the screen never shows an action the file lacks), and a
/// save asked for with `w` is written. A journal that cannot be written is said once in the
/// status line; the session goes on without it.
public struct JournaledApp: InteractiveProgram {
    public var model: AppModel
    private var file: JournalFile?
    /// Said in the status line at the first update (the journal could not even be opened).
    private var startProblem: String?

    /// `journalPath` nil: no journal (`--no-journal`, or `problem` says why not); `w` still saves.
    public init(model: AppModel, journalPath: String?, problem: String? = nil) {
        self.model = model
        startProblem = problem.map { model.text(.statusNotJournaling, $0) }
        guard let journalPath else { return }
        do {
            file = try JournalFile(path: journalPath)
        } catch {
            startProblem = model.text(.statusNotJournaling, "\(error)")
        }
    }

    /// Where the session is being journaled (nil: nowhere).
    public var journalPath: String? { file?.path }

    public mutating func handle(_ event: TerminalEvent?) -> Bool {
        let keepGoing = model.handle(event)
        writeJournal()
        if let problem = startProblem {
            model.show(status: problem)
            startProblem = nil
        }
        if let name = model.saveRequest { save(to: name) }
        return keepGoing
    }

    public mutating func frame() -> CellGrid { model.frame() }

    public var tickIntervalMs: Int { model.tickIntervalMs }

    /// Writes what the journal must become; the first failure stops journaling and is said once.
    public mutating func writeJournal() {
        let edits = model.takeJournalEdits()
        guard let file, !edits.isEmpty else { return }
        do {
            try file.apply(edits)
        } catch {
            self.file = nil
            model.show(status: model.text(.statusJournalStopped, "\(error)"))
        }
    }

    private mutating func save(to name: String) {
        let path = name.hasPrefix("/") ? name : FileManager.default.currentDirectoryPath + "/" + name
        guard let text = model.journal?.text else { return model.finishSave(model.text(.statusSaveRecording)) }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            model.finishSave(model.text(.statusSavedTo, path))
        } catch {
            model.finishSave(model.text(.statusSaveFailed, path, systemErrorText(error)))
        }
    }
}
