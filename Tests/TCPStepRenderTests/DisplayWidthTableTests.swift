import Testing
@testable import TCPStepRender

/// The written-out widths of U+2000…U+2BFF (`DisplayWidth.symbolWidthRuns`) against the rules
/// they were made from (`slowColumns`, Unicode's properties as this Swift has them).
@Suite struct DisplayWidthTableTests {
    /// `slowColumns` of the range, as runs.
    private static func runsFromTheRules() -> [(UInt16, UInt8)] {
        var runs: [(UInt16, UInt8)] = []
        for value in UInt32(0x2000) ..< 0x2C00 {
            let width = UInt8(DisplayWidth.slowColumns(of: Unicode.Scalar(value)!))
            if let last = runs.last, last.1 == width { runs[runs.count - 1].0 += 1 } else { runs.append((1, width)) }
        }
        return runs
    }

    @Test func everySymbolWidthIsWhatTheRulesSay() {
        let written = DisplayWidth.symbolWidthRuns
        let derived = Self.runsFromTheRules()
        let same = written.count == derived.count && zip(written, derived).allSatisfy { $0 == $1 }
        // On a difference (a newer Unicode in a newer Swift), the runs to paste into DisplayWidth.swift:
        let literal = derived.map { "(\($0.0), \($0.1))" }.joined(separator: ", ")
        #expect(same, "symbolWidthRuns differ from slowColumns; new runs: \(literal)")
        for value in UInt32(0x2000) ..< 0x2C00 {
            let scalar = Unicode.Scalar(value)!
            #expect(DisplayWidth.columns(of: scalar) == DisplayWidth.slowColumns(of: scalar), "U+\(String(value, radix: 16, uppercase: true))")
            if DisplayWidth.columns(of: scalar) != DisplayWidth.slowColumns(of: scalar) { break }
        }
    }

    @Test func theRunsCoverTheRangeExactly() {
        #expect(DisplayWidth.symbolWidthRuns.reduce(0) { $0 + Int($1.0) } == 0xC00)
    }

    @Test func knownSymbols() {
        // What the diagram draws with is one column; ⌚ (emoji presentation) and 〈 are two; a
        // zero-width space is none.
        for symbol in ["─", "│", "▶", "◀", "✗", "→", "…", "━", "┃", "▀", "█"] {
            #expect(DisplayWidth.columns(of: symbol) == 1, "\(symbol)")
        }
        #expect(DisplayWidth.columns(of: "⌚") == 2)
        #expect(DisplayWidth.columns(of: "\u{2329}") == 2)
        #expect(DisplayWidth.columns(of: "\u{200B}") == 0)
    }
}
