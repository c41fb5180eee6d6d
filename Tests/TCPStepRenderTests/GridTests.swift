import TCPStepCore
import Testing

@testable import TCPStepRender

/// The cell grid every screen is drawn into: writing, clipping, wide glyphs, text views.
@Suite struct CellGridTests {
    @Test func putWritesTextAndReturnsColumnsUsed() {
        var grid = CellGrid(width: 12, height: 2)
        #expect(grid.put("SYN", x: 2, y: 0) == 3)
        #expect(grid.row(0) == "  SYN")
        #expect(grid.row(1) == "")
        #expect(grid.text == "  SYN\n")
    }

    @Test func putClipsAtTheRightEdge() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put("ESTABLISHED", x: 1, y: 0) == 4)
        #expect(grid.row(0) == " ESTA")
    }

    @Test func putClipsAtTheLeftEdge() {
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put("LISTEN", x: -3, y: 0) == 3)
        #expect(grid.row(0) == "TEN")
    }

    @Test func putOutsideTheRowsWritesNothing() {
        var grid = CellGrid(width: 5, height: 2)
        #expect(grid.put("x", x: 0, y: -1) == 0)
        #expect(grid.put("x", x: 0, y: 2) == 0)
        #expect(grid.put("x", x: 5, y: 0) == 0)
        #expect(grid.text == "\n")
    }

    @Test func cjkTakesTwoColumnsAndKeepsTheBoxAligned() {
        let boxed = "│三次握手│"
        #expect(CellGrid.displayWidth(of: boxed) == 10)
        var grid = CellGrid(width: 10, height: 3)
        grid.put("┌────────┐", x: 0, y: 0)
        #expect(grid.put(boxed, x: 0, y: 1) == 10)
        grid.put("└────────┘", x: 0, y: 2)
        #expect(grid.text == "┌────────┐\n│三次握手│\n└────────┘")
        // The right frame line sits in the last column, after four two-column glyphs.
        #expect(grid[x: 1, y: 1].glyph == "三")
        #expect(grid[x: 2, y: 1].isContinuation)
        #expect(grid[x: 9, y: 1].glyph == "│")
    }

    @Test func wideGlyphCutByTheRightEdgeBecomesASpace() {
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.put("ab三", x: 1, y: 0) == 3)
        #expect(grid[x: 3, y: 0].glyph == " ")
        #expect(grid.row(0) == " ab")
    }

    @Test func wideGlyphCutByTheLeftEdgeBecomesASpace() {
        var grid = CellGrid(width: 4, height: 1)
        #expect(grid.put("三x", x: -1, y: 0) == 2)
        #expect(grid.row(0) == " x")
        #expect(!grid[x: 0, y: 0].isContinuation)
    }

    @Test func overwritingTheLeftHalfOfAWideGlyphBlanksTheRightHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("握手", x: 0, y: 0)
        grid.put(character: "x", x: 0, y: 0)
        #expect(grid.row(0) == "x 手")
        #expect(!grid[x: 1, y: 0].isContinuation)
    }

    @Test func overwritingTheRightHalfOfAWideGlyphBlanksTheLeftHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("握手", x: 0, y: 0)
        grid.put(character: "y", x: 1, y: 0)
        #expect(grid.row(0) == " y手")
    }

    @Test func wideGlyphOverlappingTwoOthersBlanksTheirOuterHalves() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("三次握", x: 0, y: 0)
        #expect(grid.put(character: "手", x: 1, y: 0) == 2)
        #expect(grid.row(0) == " 手 握")
        // No continuation cell is left without its glyph.
        for x in 0 ..< grid.width where grid[x: x, y: 0].isContinuation {
            #expect(CellGrid.displayWidth(of: grid[x: x - 1, y: 0].glyph!) == 2)
        }
    }

    @Test func boxDrawingAndArrowsAreOneColumn() {
        for glyph in ["─", "│", "▶", "◀", "✗", "╭", "╯", "═", "≈", "●"] {
            #expect(CellGrid.displayWidth(of: glyph) == 1, "\(glyph)")
        }
    }

    @Test func eastAsianWideAndEmojiAreTwoColumns() {
        for glyph in ["三", "ア", "한", "Ａ", "🚀", "❌", "😀", "\u{20000}"] {
            #expect(CellGrid.displayWidth(of: glyph) == 2, "\(glyph)")
        }
        #expect(CellGrid.displayWidth(of: "TCP 连接管理") == 12)
    }

    @Test func combiningMarksTakeNoColumnAndStayWithTheirLetter() {
        let decomposed = "e\u{301}te\u{301}"  // "été" with combining acute accents
        #expect(CellGrid.displayWidth(of: decomposed) == 3)
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put(decomposed, x: 0, y: 0) == 3)
        #expect(grid[x: 0, y: 0].glyph == "e\u{301}")
        #expect(grid[x: 1, y: 0].glyph == "t")
    }

    @Test func controlCharactersCannotShiftColumns() {
        var grid = CellGrid(width: 8, height: 1)
        #expect(grid.put("a\tb\u{7}c", x: 0, y: 0) == 5)
        #expect(grid.row(0) == "a b?c")
        #expect(CellGrid.displayWidth(of: "a\tb\u{7}c") == 5)
    }

    @Test func fillPaintsARectangleClippedToTheGrid() {
        var grid = CellGrid(width: 4, height: 3)
        let shaded = CellStyle(bg: .blue)
        grid.fill(GridRect(x: 2, y: 1, width: 5, height: 5), with: "#", style: shaded)
        #expect(grid.text == "\n  ##\n  ##")
        #expect(grid.style(at: 3, y: 2) == shaded)
        #expect(grid.style(at: 1, y: 2) == .plain)
        #expect(grid.style(at: 4, y: 0) == nil)
    }

    @Test func fillRowsBlanksWholeRows() {
        var grid = CellGrid(lines: ["abc", "def", "ghi"])
        let bar = CellStyle(reverse: true)
        grid.fill(rows: 1 ..< 2, style: bar)
        #expect(grid.text == "abc\n\nghi")
        #expect(grid.style(at: 0, y: 1) == bar)
        #expect(grid.style(at: 2, y: 1) == bar)
        #expect(grid.style(at: 0, y: 2) == .plain)
    }

    @Test func restyleKeepsTheGlyphs() {
        var grid = CellGrid(lines: ["SYN 0"])
        let selected = CellStyle(bold: true, reverse: true)
        grid.restyle(GridRect(x: 0, y: 0, width: 3, height: 1), style: selected)
        #expect(grid.row(0) == "SYN 0")
        #expect(grid.style(at: 2, y: 0) == selected)
        #expect(grid.style(at: 3, y: 0) == .plain)
    }

    @Test func linesInitialiserMakesAPicture() {
        let grid = CellGrid(lines: ["┌─┐", "│握│", "└──┘"])
        #expect(grid.width == 4)
        #expect(grid.height == 3)
        #expect(grid.row(1) == "│握│")
    }

    @Test func ansiTextWritesStyleChangesAndResets() {
        var grid = CellGrid(width: 10, height: 2)
        grid.put("ok", x: 0, y: 0)
        grid.put("RST", x: 3, y: 0, style: CellStyle(fg: .red, bold: true))
        grid.put("hi", x: 0, y: 1, style: CellStyle(fg: .brightGreen, bg: .black))
        #expect(grid.ansiText == "ok \u{1B}[0;1;31mRST\u{1B}[0m\n\u{1B}[0;92;40mhi\u{1B}[0m")
    }

    @Test func clipFitsTextIntoAWidth() {
        #expect(CellGrid.clip("ESTABLISHED", toWidth: 5) == "ESTAB")
        #expect(CellGrid.clip("ESTABLISHED", toWidth: 5, ellipsis: "…") == "ESTA…")
        #expect(CellGrid.clip("三次握手", toWidth: 5) == "三次")
        #expect(CellGrid.clip("short", toWidth: 10, ellipsis: "…") == "short")
        #expect(CellGrid.clip("x", toWidth: 0) == "")
    }
}

/// Line glyphs: the ASCII set must stand in for the Unicode one column for column.
@Suite struct GlyphSetTests {
    @Test func everyGlyphIsOneColumnInBothSets() {
        for set in GlyphSet.all {
            for glyph in set.allGlyphs {
                #expect(CellGrid.displayWidth(of: glyph) == 1, "\(set.name): \(glyph)")
            }
        }
        #expect(GlyphSet.unicode.allGlyphs.count == GlyphSet.ascii.allGlyphs.count)
    }

    @Test func asciiSetIsPlainASCII() {
        #expect(GlyphSet.ascii.allGlyphs.allSatisfy { $0.isASCII })
        #expect(GlyphSet.ascii.arrowRight == ">")
        #expect(GlyphSet.ascii.drop == "x")
        #expect(GlyphSet.unicode.arrowRight == "▶")
        #expect(GlyphSet.unicode.drop == "✗")
    }

    @Test func anArrowDrawnWithEitherSetHasTheSameShape() {
        func arrow(_ glyphs: GlyphSet) -> CellGrid {
            var grid = CellGrid(width: 12, height: 1)
            grid.put(character: glyphs.vertical, x: 0, y: 0)
            grid.put(glyphs.line(3) + " SYN " + glyphs.line(2), x: 1, y: 0)
            grid.put(character: glyphs.arrowRight, x: 11, y: 0)
            return grid
        }
        #expect(arrow(.unicode).row(0) == "│─── SYN ──▶")
        #expect(arrow(.ascii).row(0) == "|--- SYN -->")
    }

    @Test func setsAreFoundByName() {
        #expect(GlyphSet.named("ASCII") == .ascii)
        #expect(GlyphSet.named("unicode") == .unicode)
        #expect(GlyphSet.named("braille") == nil)
    }
}

/// Themes: lookup by name, distinct state colours, and the colourless variants.
@Suite struct ThemeTests {
    @Test func themesAreFoundByNameAndAlias() {
        #expect(Theme.named("default") == .default)
        #expect(Theme.named("high-contrast") == .highContrast)
        #expect(Theme.named("HighContrast") == .highContrast)
        #expect(Theme.named("projector") == .highContrast)
        #expect(Theme.named("mono") == .mono)
        #expect(Theme.named("solarized") == nil)
    }

    @Test(arguments: [Theme.dark, Theme.light, Theme.projector, Theme.projectorLight])
    func everyStateHasItsOwnLook(theme: Theme) {
        let styles = TCPState.allCases.map(theme.state)
        #expect(Set(styles).count == TCPState.allCases.count, "\(theme.name)")
        #expect(styles.allSatisfy { $0 != .plain })
    }

    @Test func defaultThemeColoursTheStatesSensibly() {
        let theme = Theme.default
        #expect(theme.state(.established).fg == .brightGreen)
        #expect(theme.state(.timeWait).fg == .brightMagenta)
        #expect(theme.state(.closed).fg == .brightBlack)
        #expect(theme.segment(.dropped).bg == .red)
    }

    @Test func highContrastIsBoldAndNeverDim() {
        let styles = Theme.highContrast.allStyles
        #expect(styles.allSatisfy { !$0.dim })
        // Bold wherever it brightens; never on black text, which bold would turn grey.
        #expect(TCPState.allCases.allSatisfy { Theme.highContrast.state($0).bold || Theme.highContrast.state($0).fg == .black })
    }

    @Test func monoUsesNoColour() {
        #expect(Theme.mono.allStyles.allSatisfy { !$0.hasColor })
        // …but still tells the important things apart.
        #expect(Theme.mono.state(.timeWait) != Theme.mono.state(.established))
        #expect(Theme.mono.segment(.selected) != Theme.mono.segment(.ack))
        #expect(Theme.mono.segment(.dropped) != Theme.mono.segment(.ack))
    }

    @Test func withoutColorKeepsTheAttributes() {
        let plain = Theme.default.withoutColor()
        #expect(plain.allStyles.allSatisfy { !$0.hasColor })
        #expect(plain.state(.established) == CellStyle(bold: true))
        #expect(plain.background == Theme.default.background)
        #expect(plain.error == CellStyle(bold: true))
        #expect(plain.name == Theme.default.name)
    }
}

/// Keys that arrive as plain characters.
@Suite struct KeyTests {
    @Test func controlCodesBecomeNamedKeys() {
        #expect(Key(typed: "\t") == .tab)
        #expect(Key(typed: "\r") == .enter)
        #expect(Key(typed: "\n") == .enter)
        #expect(Key(typed: "\u{1B}") == .escape)
        #expect(Key(typed: "\u{7F}") == .backspace)
        #expect(Key(typed: "\u{0C}") == .control("l"))
        #expect(Key(typed: "\u{01}") == .control("a"))
    }

    @Test func printableScalarsBecomeCharacters() {
        #expect(Key(typed: " ") == .character(" "))
        #expect(Key(typed: "q") == .character("q"))
        #expect(Key(typed: "é") == .character("é"))
        #expect(Key(typed: "握") == .character("握"))
    }
}

/// The promise the terminal adapter relies on: whatever is written, every continuation cell
/// sits right of a two-column glyph, and every two-column glyph is followed by its continuation.
@Suite struct WideGlyphInvariantTests {
    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func randomWritesNeverSplitAWideGlyph(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let pieces = ["三", "次握手", "ab", "│", "─▶", "🚀", "e\u{301}", "x", "确认 ok", "  "]
        var grid = CellGrid(width: 9, height: 2)
        for _ in 0 ..< 500 {
            let text = pieces[Int(random.next() % UInt64(pieces.count))]
            let x = Int(random.next() % 13) - 2
            let y = Int(random.next() % 2)
            if random.next() % 4 == 0 {
                grid.fill(GridRect(x: x, y: y, width: 3, height: 1), with: "·")
            } else {
                grid.put(text, x: x, y: y)
            }
            for row in 0 ..< grid.height {
                for column in 0 ..< grid.width {
                    let cell = grid[x: column, y: row]
                    if cell.isContinuation {
                        #expect(column > 0 && grid[x: column - 1, y: row].glyph.map(CellGrid.displayWidth) == 2)
                    } else if let glyph = cell.glyph, CellGrid.displayWidth(of: glyph) == 2 {
                        #expect(column + 1 < grid.width && grid[x: column + 1, y: row].isContinuation)
                    }
                }
                #expect(CellGrid.displayWidth(of: grid.row(row)) <= grid.width)
            }
        }
    }
}
