import Foundation
import Testing
import TCPStepCore
import TCPStepScenario

/// docs/scenario-format.md shows scenario text in code blocks; every one of them must parse,
/// and the complete example must tell the story the text says it does.
struct DocsTests {
    static let guide = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/scenario-format.md")

    /// The untagged fenced blocks (```sh blocks are shell), except the one syntax template.
    static func scenarioBlocks() throws -> [String] {
        let text = try String(contentsOf: guide, encoding: .utf8)
        let parts = text.components(separatedBy: "```")
        return stride(from: 1, to: parts.count, by: 2).map { parts[$0] }
            .filter { $0.hasPrefix("\n") && !$0.contains("inject DIR") }
    }

    @Test func everyExampleParses() throws {
        let blocks = try Self.scenarioBlocks()
        #expect(blocks.count >= 6)
        for block in blocks {
            #expect(throws: Never.self, "\(block)") { try ScenarioParser.parse(block, fileName: "guide") }
        }
    }

    @Test func completeExampleRetransmitsTheFin() throws {
        let example = try #require(try Self.scenarioBlocks().last)
        let scenario = try ScenarioParser.parse(example, fileName: "guide")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        let resends = log.events.compactMap { event -> Micros? in
            if case .send(let wire) = event.kind, wire.isRetransmission { return event.time }
            return nil
        }
        #expect(resends == [.ms(1_500)])
        #expect(scenario.narration.last?.commandIndex == nil, "the example ends with an epilogue")
    }
}
