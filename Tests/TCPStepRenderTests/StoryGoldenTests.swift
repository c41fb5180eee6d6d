import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepRender

/// The classic stories as `tcpstep render` draws them, and the arrow notes that say what a
/// receiver did with a segment it did not accept ("no connection → RST", "→ challenge ACK",
/// "dropped: …"), compared with reviewed golden files.
@Suite struct StoryGoldenTests {
    static func render(_ name: String, text: UIText = .english, width: Int = 120) throws -> String {
        let scenario = try #require(try BuiltinScenarios.scenario(named: name))
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        let options = DiagramOptions(width: width, height: 0, text: text)
        let title = text.language == .chinese ? scenario.titleZH ?? scenario.title : scenario.title
        let grid = DiagramExport.render(events: log.events[...], title: title, profile: scenario.config.profile.name,
                                        variants: scenario.config.variants, options: options)
        return DiagramExport.string(grid, format: .text)
    }

    @Test(arguments: ["why-three-way-rfc", "why-three-way", "time-wait-old-duplicate", "no-time-wait", "closed-port", "half-open"])
    func stories(name: String) throws {
        try golden.check(try Self.render(name), named: "story-\(name)-120.txt")
    }

    @Test func chineseLabels() throws {
        let text = try Self.render("half-open", text: .chinese)
        #expect(text.contains("客户端 10.0.0.1"))
        #expect(text.contains("→ 挑战 ACK"))
        #expect(text.contains("CLOSED/崩溃") && !text.contains("crash"))
        try golden.check(text, named: "story-half-open-zh-120.txt")
    }

    /// What the receiver did, not "ignored": the notes of the stories above.
    @Test func notesSayWhatTheReceiverDid() throws {
        #expect(try Self.render("closed-port").contains("no connection → RST"))
        #expect(try Self.render("half-open").contains("→ challenge ACK"))
        #expect(try Self.render("why-three-way-rfc").contains("bad ack → RST"))
        #expect(try Self.render("time-wait-old-duplicate").contains("RST out of window"))
        for name in ["closed-port", "half-open", "why-three-way-rfc", "lost-last-ack"] {
            #expect(try !Self.render(name).contains("ignored:"))
        }
    }

    /// Data segments carry their byte count.
    @Test func dataSegmentsShowTheirBytes() throws {
        #expect(try Self.render("time-wait-old-duplicate").contains("ACK 1:101 ack 1 100 B"))
    }
}
