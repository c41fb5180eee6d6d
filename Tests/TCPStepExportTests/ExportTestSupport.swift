import TCPStepCore
import TCPStepScenario

@testable import TCPStepExport

/// Scenarios and runs for the export tests.
enum ExportScenarios {
    static let head = "set profile rfc9293\nset latency 10ms\nset msl 30s\nset isn client 100\nset isn server 300\n"
    /// The network delivers the client's data segment twice.
    static let duplicated = head + "server listen 80\nclient connect 80 from 5000\nat 100ms client send 100\ndup c2s 3\n"
    /// The first data segment is held 40 ms: the second, sent 5 ms later, overtakes it.
    static let reordered = head + "server listen 80\nclient connect 80 from 5000\nat 100ms client send 100\nat 105ms client send 100\ndelay c2s 3 40ms\n"

    static func builtin(_ name: String) throws -> Scenario {
        guard let scenario = try BuiltinScenarios.scenario(named: name) else { throw ExportError("no built-in \(name)") }
        return scenario
    }

    static func parse(_ text: String, title: String = "test") throws -> Scenario {
        var scenario = try ScenarioParser.parse(text, fileName: "\(title).tcps")
        scenario.title = title
        return scenario
    }

    /// Runs to quiet, as `tcpstep export` does.
    static func trace(_ scenario: Scenario) -> [TraceEvent] {
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        return log.events
    }

    static func ladder(_ scenario: Scenario, language: ExportLanguage = .english, until: Int? = nil) throws -> Ladder {
        Ladder(events: try Exporter.events(trace(scenario), until: until), scenario: scenario, language: language)
    }

    static func text(_ scenario: Scenario, _ format: ExportFormat, configure: (inout ExportRequest) -> Void = { _ in }) throws -> String {
        var request = ExportRequest(format: format)
        configure(&request)
        return String(decoding: try Exporter.export(trace(scenario), scenario: scenario, request: request), as: UTF8.self)
    }
}
