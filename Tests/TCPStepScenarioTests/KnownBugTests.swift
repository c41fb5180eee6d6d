import Testing
import TCPStepCore
import TCPStepScenario

/// Bugs found while writing the built-in stories, in code this suite does not own. Each test
/// states the documented behaviour and fails until the bug is fixed (then it simply passes).
/// (Fixed since: `ACK#2` read as a comment; its tests now live in ParserErrorTests.)
struct KnownBugTests {
    /// `say` attaches narration to the next command, but an `inject` line is set aside to be
    /// parsed at the end of the file, so the pending `say` skips over it and is attached to
    /// the next ordinary command instead, or overwritten by that command's own `say`.
    @Test func sayBeforeInjectNarratesTheInjection() throws {
        let source = """
        server listen 80
        say An old SYN appears.
        at 1s inject c2s SYN seq=5 sport=7 dport=80
        say The client connects.
        at 2s client connect 80
        """
        let scenario = try ScenarioParser.parse(source, fileName: "t.tcps")
        let injection = try #require(scenario.script.commands.firstIndex { if case .inject = $0.kind { true } else { false } })
        let said = scenario.narration.first { $0.english == "An old SYN appears." }
        #expect(said?.commandIndex == injection)
    }
}
