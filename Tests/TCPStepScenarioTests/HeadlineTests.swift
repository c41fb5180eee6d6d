import Testing
import TCPStepCore
import TCPStepScenario
@testable import TCPStepNarration

/// The author's `say` is the headline, on its own line; generated sentences follow only where
/// they add something.
@Suite struct HeadlineTests {
    @Test func aSentenceThatRepeatsTheHeadlineIsLeftOut() {
        let headline = "The server opens port 80 and waits for a connection (a passive open)."
        let repeated = "The server's application opens port 80 and waits (a passive open)."
        let adds = "It sends nothing until a SYN arrives; the SYN_RECEIVED state holds the half-open connection."
        #expect(StepNarration.sentences([repeated, adds], adding: headline) == [adds])
    }

    @Test func chineseIsComparedByCharacterPairs() {
        let headline = "服务器在 80 端口监听，等待连接。"
        let repeated = "服务器在 80 端口监听。"
        let adds = "收到 SYN 之后它才会回答。"
        #expect(StepNarration.sentences([repeated, adds], adding: headline) == [adds])
    }

    @Test func theHeadlineStandsOnItsOwnLine() throws {
        let scenario = try #require(try BuiltinScenarios.scenario(named: "why-three-way"))
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        let first = try #require(Narrator(scenario: scenario, language: .english).narrateAll(log.events).first)
        #expect(first.text.hasPrefix("The server listens on port 80.\n"))
    }
}
