import Testing
import TCPStepCore
import TCPStepNarration
import TCPStepScenario

/// The narration quotes the numbers of the arrow it describes (the trace fold's numbering):
/// Figure 8 reads 90 against 100 and ack 91 against 101, never a negative offset.
@Suite struct NarrationNumbersTests {
    static let figure8 = """
        set profile rfc9293
        set latency 10ms
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        delay c2s SYN 300ms
        inject c2s SYN seq=90 sport=5000 dport=80 at 0ms
        """

    static func narration(_ text: String) throws -> [String] {
        let scenario = try ScenarioParser.parse(text, fileName: "figure8.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        return Narrator(scenario: scenario, language: .english, relativeSequenceNumbers: true).narrateAll(log.events).map(\.text)
    }

    @Test("Figure 8 in relative numbers: the old SYN is #90, the answer acks #91 where #101 was expected")
    func figure8() throws {
        let text = try Self.narration(Self.figure8).joined(separator: "\n")
        #expect(text.contains("SYN seq=#90"))
        #expect(text.contains("its SYN was seq=#100, so it expects ack=#101. This SYN,ACK seq=0 ack=#91 acknowledges ack=#91 instead"))
        #expect(text.contains("RST seq=#91"))
        #expect(text.contains("SYN,ACK seq=0 ack=1"))
        #expect(!text.contains("=-"))
    }

    @Test("Every built-in scenario narrates without a negative number")
    func neverNegative() throws {
        for name in BuiltinScenarios.names {
            let scenario = try #require(try BuiltinScenarios.scenario(named: name))
            var simulation = scenario.makeSimulation()
            var log = TraceLog()
            simulation.runUntilQuiet(limit: scenario.runUntil, &log)
            let narrator = Narrator(scenario: scenario, language: .english, relativeSequenceNumbers: true)
            for step in narrator.narrateAll(log.events) {
                #expect(!step.text.contains("=-"), "\(name) step \(step.step): \(step.text)")
            }
        }
    }
}
