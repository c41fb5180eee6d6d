import Benchmark
import BenchmarkSupport
import Foundation
import TCPStepApp
import TCPStepCore
import TCPStepJournal
import TCPStepRender
import TCPStepScenario

/// Issue 12's speed targets for session journals:
///   - journaling adds less than 0.1 ms to a step: "step + journal" (what `JournaledApp` does per
///     key: `AppModel.update`, whose recorder notes the move, then the edit written to the file)
///     against "step, journal not written" (the same update, the edits thrown away), both at the
///     end of a session with 10,000 journaled actions, so the recorder is as full as it gets;
///   - opening a 10,000-action journal at its last step under 200 ms: read the file, parse it,
///     replay every action (`TimelinePlayer`), build the view and its first frame; and the same as
///     `tcpstep --resume` does it, with the journal file rewritten before that frame.
let benchmarks: @Sendable () -> Void = {
    // CPU time besides wall clock: the machine is shared, and wall clock counts the waits for a core.
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
                                           warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 2_000)

    let plain = Box { LongSession.model }
    Benchmark("Journal: step, journal not written = update(.stepForward) + edits dropped") { benchmark in
        for _ in benchmark.scaledIterations {
            _ = plain.value.update(.stepForward)
            blackHole(plain.value.takeJournalEdits())
            if plain.value.source.stepper!.simulation.isQuiet { _ = plain.value.update(.sendData) }
        }
    }

    let journaled = Box { JournaledApp(model: LongSession.model, journalPath: LongSession.scratch("step.tcps")) }
    Benchmark("Journal: step + journal written = update(.stepForward) + pwrite of open-at") { benchmark in
        journaled.value.writeJournal()  // the initial whole-file write, not a step's
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            _ = journaled.value.model.update(.stepForward)
            journaled.value.writeJournal()
            if journaled.value.model.source.stepper!.simulation.isQuiet { _ = journaled.value.model.update(.sendData) }
        }
    }

    let acting = Box { JournaledApp(model: LongSession.model, journalPath: LongSession.scratch("act.tcps")) }
    Benchmark("Journal: action + journal written = update(.sendData) + pwrite of its line") { benchmark in
        acting.value.writeJournal()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            _ = acting.value.model.update(.sendData)
            acting.value.writeJournal()
        }
    }

    Benchmark("Journal: open a 10,000-action journal at its last step (read, parse, replay, first frame)",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 40)) { benchmark in
        let path = LongSession.journalPath
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
            let scenario = try! JournalLoader.parse(bytes, fileName: path)
            var model = AppModel(scenario: scenario)
            _ = model.update(.resize(width: 250, height: 70))
            blackHole(model.frame())
        }
    }

    // What `tcpstep --resume` does before its first frame: the same, with the journal kept in
    // its file (the loop's first event, the terminal size, writes it: a whole new file renamed
    // over the old one, `fdatasync` included).
    Benchmark("Journal: resume a 10,000-action journal (the same + the journal rewritten before the first frame)",
              configuration: .init(maxDuration: .seconds(10), maxIterations: 40)) { benchmark in
        let path = LongSession.journalPath
        let resumed = LongSession.scratch("resumed.tcps")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
            let scenario = try! JournalLoader.parse(bytes, fileName: path)
            let model = AppModel(scenario: scenario, journalHeader: LongSession.header)
            var app = JournaledApp(model: model, journalPath: resumed)
            _ = app.handle(.resize(width: 250, height: 70))
            blackHole(app.frame())
        }
    }

    // Where the open goes: parsing alone, then the model without its first frame.
    Benchmark("Journal: open, part 1: read + parse the journal",
              configuration: .init(maxDuration: .seconds(5), maxIterations: 40)) { benchmark in
        let path = LongSession.journalPath
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try! JournalLoader.parse([UInt8](FileManager.default.contents(atPath: path)!), fileName: path))
        }
    }

    Benchmark("Journal: open, part 2: replay into the model (AppModel.init: timeline, journal, diagram, narration)",
              configuration: .init(maxDuration: .seconds(5), maxIterations: 40)) { benchmark in
        let path = LongSession.journalPath
        let scenario = try! JournalLoader.parse([UInt8](FileManager.default.contents(atPath: path)!), fileName: path)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(AppModel(scenario: scenario))
        }
    }
}

/// A session with 10,000 actions: the client sends 100 bytes, the data and its ACK cross, again
/// and again (every send a journaled action, three steps each), on one connection.
enum LongSession {
    static let actions = 10_000
    static let header = JournalText.header(scenario: "long", started: "2026-11-25T16:00:00Z")

    static let model: AppModel = {
        let scenario = try! ScenarioParser.parse("""
        title A long session
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        """, fileName: "long.tcps")
        var model = AppModel(scenario: scenario, journalHeader: header)
        _ = model.update(.resize(width: 250, height: 70))
        for _ in 0 ..< 6 { _ = model.update(.stepForward) }
        for _ in 0 ..< actions {
            _ = model.update(.sendData)
            for _ in 0 ..< 3 { _ = model.update(.stepForward) }
        }
        precondition(model.journal!.text.components(separatedBy: "client send 100").count - 1 == actions)
        _ = model.takeJournalEdits()
        return model
    }()

    /// The session's journal, written once.
    static let journalPath: String = {
        let path = scratch("long.tcps")
        try! Data(model.journal!.text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }()

    static func scratch(_ name: String) -> String {
        let directory = NSTemporaryDirectory() + "tcpstep-journal-bench"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/" + name
    }
}
