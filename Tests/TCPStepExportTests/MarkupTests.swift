import Testing
@testable import TCPStepExport

@Suite struct MarkupTests {
    @Test func escapesTheFiveSpecialsAndDropsControlCharacters() {
        #expect(Markup.escape("a<b>&\"c'\u{1B}[31m\u{7}") == "a&lt;b&gt;&amp;&quot;c&#39;[31m")
        #expect(Markup.escape("tab\there") == "tab here")
        #expect(Markup.escape("客户端") == "客户端")
    }

    @Test func numbersHaveAtMostOneDecimal() {
        #expect(Markup.number(12) == "12")
        #expect(Markup.number(12.25) == "12.3")
        #expect(Markup.number(-0.3) == "-0.3")
        #expect(Markup.number(-3.3) == "-3.3")
    }
}
