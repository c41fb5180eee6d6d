import TCPStepCore
import Testing

@testable import TCPStepExport

/// Mermaid, PlantUML and mscgen: each tool's idiom, checked line by line. (The real PlantUML and
/// mscgen read them in the end-to-end tests.)
@Suite struct TextFormatTests {
    /// Mermaid's documented sequenceDiagram grammar, as far as we write it: a line is a title, a
    /// participant with an alias, a message with one of the documented arrows, or a note. A text
    /// may not contain `;` or `#` except as an entity code, and no `:` before the message colon.
    static let mermaidPattern = (#"^    (title [^;#\n]*(#\d+;[^;#\n]*)*|participant [CS] as [^:;#\n]*(#\d+;[^:;#\n]*)*|[CS](->>|-->>|-x|--\))[CS]: [^;#\n]*(#\d+;[^;#\n]*)*|Note (left of|right of|over) [CS](,[CS])?: [^;#\n]*(#\d+;[^;#\n]*)*)$"#)

    @Test func mermaidFollowsTheGrammarLineByLine() throws {
        for name in ["lost-last-ack", "simultaneous-close", "half-open", "why-three-way-two-way", "closed-port"] {
            let text = try ExportScenarios.text(ExportScenarios.builtin(name), .mermaid)
            let grammar = try Regex(Self.mermaidPattern)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.first == "sequenceDiagram", "\(name)")
            for line in lines.dropFirst() {
                #expect(String(line).wholeMatch(of: grammar) != nil, "\(name): \(line)")
            }
        }
    }

    @Test func mermaidEscapesSemicolonHashAndColon() throws {
        var scenario = try ExportScenarios.parse(ExportScenarios.duplicated)
        scenario.title = "a; b # c: d"
        let text = try ExportScenarios.text(scenario, .mermaid)
        #expect(text.contains("    title a#59; b #35; c#58; d\n"))
        #expect(text.contains("participant C as client 10.0.0.1#58;5000"))
        #expect(text.contains("C-xS") == false)
        #expect(text.contains("C->>S: ACK 1:101 ack 1 len 100\n"))
        #expect(text.contains("C-->>S: ACK 1:101 ack 1 len 100 (dup)"))
    }

    @Test func mermaidEndsALostSegmentInACross() throws {
        let text = try ExportScenarios.text(ExportScenarios.builtin("lost-last-ack"), .mermaid)
        #expect(text.contains("    C-xS: ACK 2 ack 2 — lost\n"))
        #expect(text.contains("    Note left of C: TIME_WAIT\n"))
        #expect(text.contains("    Note over C,S: ≈ 925 ms later ≈\n"))
    }

    @Test func plantUMLUsesItsOwnIdiom() throws {
        let text = try ExportScenarios.text(ExportScenarios.builtin("lost-last-ack"), .plantuml)
        #expect(text.hasPrefix("@startuml\n") && text.hasSuffix("@enduml\n"))
        #expect(text.contains("participant \"client\\n10.0.0.1:5000\" as C\n"))
        #expect(text.contains("C ->x S : ACK 2 ack 2 — lost\n"))
        // Ignored: an open head, and what the receiver did about it (TIME_WAIT re-ACKs it).
        #expect(text.contains("S ->> C : FIN,ACK 1 ack 2 (again) — duplicate → ACK\n"), "ignored: open head")
        #expect(text.contains("hnote over C : TIME_WAIT\n"))
        #expect(text.contains("... 925 ms later ...\n"))
    }

    @Test func mscgenSlantsArrowsOverTheRowsTheySpan() throws {
        let text = try ExportScenarios.text(ExportScenarios.parse(ExportScenarios.reordered), .mscgen)
        #expect(text.hasPrefix("msc {\n") && text.hasSuffix("}\n"))
        #expect(text.contains("c->s [label=\"ACK 1:101 ack 1 len 100 — held 40 ms\", arcskip="))
        #expect(text.contains("c abox c [label=\"SYN_SENT\"]"))
        let lost = try ExportScenarios.text(ExportScenarios.builtin("lost-last-ack"), .mscgen)
        #expect(lost.contains("c-xs [label=\"ACK 2 ack 2 — lost\""))
        #expect(lost.contains("... [label=\"925 ms later\"];"))
    }

    @Test func mscgenQuotesQuotesAndBackslashes() {
        #expect(MscgenExport.quoted("a \"b\" \\ c\nd") == "a \\\"b\\\" \\\\ c d")
        #expect(PlantUMLExport.text("a\\nb\u{1B}") == "a\\\\nb")
    }
}
