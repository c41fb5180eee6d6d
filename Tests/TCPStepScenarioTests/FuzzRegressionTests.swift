import Foundation
import Testing
import TCPStepCore
import TCPStepScenario

/// Replays every input kept in Fuzz/Regressions/ (crashes the fuzzers found, and the issue's
/// hostile files) through the same property the libFuzzer targets check (Fuzz/*.swift), so a
/// crash once fixed stays fixed in every `swift test`, fuzzer or not.
struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fuzz/Regressions").standardized

    static func inputs(_ target: String) -> [String] {
        let directory = folder.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0).path }
    }

    @Test func thereAreInputsToReplay() {
        #expect(Self.inputs("scenario-parser").count >= 6)
        #expect(Self.inputs("trace-reader").count >= 1)
    }

    @Test(arguments: inputs("scenario-parser"))
    func scenarioParser(_ path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let text: String
        do {
            text = try ScenarioText.decode([UInt8](bytes), fileName: "fuzz.tcps")
        } catch {
            #expect(error.line >= 1 && error.column >= 1)
            return
        }
        let scenario: Scenario
        do {
            scenario = try ScenarioParser.parse(text, fileName: "fuzz.tcps")
        } catch {
            #expect(error.line >= 1 && error.column >= 1)
            return
        }
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        _ = simulation.runUntilQuiet(limit: scenario.runUntil, eventsMax: 2_000, &log)
        for event in log.events.prefix(2_000) { _ = event.jsonLine }
    }

    @Test(arguments: inputs("trace-reader"))
    func traceReader(_ path: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: path))
        guard let events = try? TraceReader.read([UInt8](bytes)) else { return }
        let again = try TraceReader.read(events.map(\.jsonLine).joined(separator: "\n"))
        #expect(again == events)
    }
}
