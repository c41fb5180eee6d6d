import Testing
@testable import TCPStepNarration

/// How a narration template is cut into literal text and `{name}` placeholders (the rules in
/// `Template.init`), including text that is not ASCII around and inside the braces.
@Suite struct NarrationTemplateTests {
    /// The parts as plain strings: `"text"` for literal text, `{name}` for a placeholder.
    private func cut(_ template: String) -> [String] {
        Template(template).parts.map { part in
            switch part {
            case .text(let text): "\"\(text)\""
            case .placeholder(let name): "{\(name)}"
            }
        }
    }

    @Test func placeholdersBetweenText() {
        #expect(cut("The {host} sends {segment}.") == ["\"The \"", "{host}", "\" sends \"", "{segment}", "\".\""])
        #expect(Template("{a}{b}{a}").placeholders == ["a", "b"])
        #expect(cut("{a}{b}") == ["{a}", "{b}"])
    }

    @Test func strayBracesStayLiteral() {
        // A `}` outside a placeholder is text; a `{` inside one starts it over, the text before
        // staying literal; a `{name` never closed is text too.
        #expect(cut("a } b") == ["\"a } b\""])
        #expect(cut("x {one {two} y") == ["\"x {one \"", "{two}", "\" y\""])
        #expect(cut("tail {open") == ["\"tail {open\""])
        #expect(cut("{}") == ["{}"])
        #expect(cut("") == [])
    }

    @Test func chineseAndOtherScriptsSurviveTheCut() {
        #expect(cut("{host}发送 {segment}，进入 {state}。") == ["{host}", "\"发送 \"", "{segment}", "\"，进入 \"", "{state}", "\"。\""])
        #expect(cut("→ {名字} ✓ e\u{301}") == ["\"→ \"", "{名字}", "\" ✓ e\u{301}\""])
        #expect(Template("{名字}").fill { $0 == "名字" ? "服务器" : nil } == "服务器")
    }

    @Test func fillLeavesUnknownPlaceholdersVisible() {
        let template = Template("{known} and {unknown}")
        #expect(template.fill { $0 == "known" ? "K" : nil } == "K and {unknown}")
    }

    @Test func everyShippedTemplateCutsBackToItsText() {
        // Filling each placeholder with its own `{name}` gives the template back exactly.
        for table in [NarrationTable.english, NarrationTable.chinese] {
            for (key, text) in table.templates {
                let template = Template(text)
                #expect(template.fill { "{\($0)}" } == text, "\(key)")
            }
        }
    }
}
