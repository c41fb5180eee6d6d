import TCPStepCore
import Testing

@testable import TCPStepRender

/// The presenter layout: block-letter states, the narration panel, and where it gives way to
/// the standard layout; and the word wrap both layouts share, in English and Chinese.
@Suite struct PresenterScreenTests {
    static func presenterModel(selected: Bool = false, status: String? = nil, narration: String? = nil) throws
        -> (ScreenModel, Stepper) {
        var (model, stepper) = try DiagramScreenTests.lostLastAckModel(selected: selected)
        model.layoutStyle = .presenter
        model.status = status
        if let narration { model.narration = narration }
        return (model, stepper)
    }

    // MARK: Block letters

    @Test(arguments: TCPState.allCases)
    func everyStateHasBlockLettersThatFitHalfOf100Columns(state: TCPState) throws {
        for glyphs in GlyphSet.all {
            let rows = try #require(BlockLetters.rows(state.name, glyphs: glyphs))
            let width = try #require(BlockLetters.width(of: state.name))
            #expect(rows.count == BlockLetters.height)
            #expect(rows.allSatisfy { CellGrid.displayWidth(of: $0) == width })
            // A header half at 100 columns has 48, and a label leaves two of them blank.
            #expect(width <= 46)
            let allowed: Set<Character> = glyphs == .ascii ? ["#", "\"", "_", " "] : ["█", "▀", "▄", " "]
            #expect(rows.joined().allSatisfy(allowed.contains))
        }
    }

    @Test(arguments: TCPState.allCases)
    func bothHostsInTheSameStateFitSideBySideAt100Columns(state: TCPState) throws {
        var (model, stepper) = try Self.presenterModel()
        model.hosts = [HostPanel(host: .client, port: 5000, state: state), HostPanel(host: .server, port: 80, state: state)]
        let (grid, _) = DiagramScreenTests.render(model, stepper, width: 100, height: 30)
        let letters = try #require(BlockLetters.rows(state.name, glyphs: .unicode))
        let serverX = ScreenRegions(width: 100, height: 30, style: .presenter).serverPanelX
        for (offset, line) in letters.enumerated() {
            let row = Array(grid.row(2 + offset))
            #expect(String(row[2 ..< 2 + line.count]) == line)
            #expect(String(row[serverX ..< serverX + line.count]) == line)
            // At least three blank columns keep the two labels apart.
            #expect(row[(serverX - 3) ..< serverX].allSatisfy { $0 == " " })
        }
    }

    @Test func blockLettersReadAsTheDocCommentShows() throws {
        #expect(BlockLetters.rows("TIME_WAIT", glyphs: .unicode) == [
            "▀█▀ █ █▄ ▄█ █▀▀    █   █ █▀█ █ ▀█▀",
            " █  █ █ ▀ █ █▀▀    █▄▀▄█ █▀█ █  █ ",
            " ▀  ▀ ▀   ▀ ▀▀▀ ▀▀ ▀   ▀ ▀ ▀ ▀  ▀ ",
        ])
        #expect(BlockLetters.rows("closed", glyphs: .ascii) == [
            "#\"\" #   #\"# #\"\" #\"\" #\"_",
            "#   #   # # \"\"# #\"\" # #",
            "### ### ### ### ### ## ",
        ])
        #expect(BlockLetters.rows("SYN-SENT", glyphs: .unicode) == nil)
        #expect(BlockLetters.width(of: "é") == nil)
    }

    // MARK: The presenter frame

    @Test func thePresenterRegionsAt100x30() {
        let regions = ScreenRegions(width: 100, height: 30, style: .presenter)
        #expect(regions.style == .presenter)
        #expect(regions.hostStateRows == 2 ..< 5)
        #expect(regions.topSeparatorRow == 5)
        #expect(regions.bottomSeparatorRow == 22)
        #expect(regions.narrationRows == 23 ..< 27)
        #expect(regions.keyBarRow == 28)
        #expect(regions.diagram == GridRect(x: 2, y: 6, width: 96, height: 16))
        // The standard layout is as it was.
        let standard = ScreenRegions(width: 100, height: 30)
        #expect(standard.hostStateRows == 2 ..< 3 && standard.topSeparatorRow == 3)
        #expect(standard.bottomSeparatorRow == 24 && standard.detailsRow == 25 && standard.narrationRows == 26 ..< 28)
    }

    @Test func aShortTerminalGetsTheStandardLayoutInstead() throws {
        #expect(ScreenRegions(width: 100, height: 21, style: .presenter).style == .standard)
        #expect(ScreenRegions(width: 100, height: 22, style: .presenter).style == .presenter)
        let (model, stepper) = try Self.presenterModel()
        let (grid, _) = DiagramScreenTests.render(model, stepper, width: 100, height: 21)
        #expect(grid.row(2).contains("▐ TIME_WAIT ▌"))
    }

    @Test func statesInBlockLettersInTheirColour() throws {
        let (model, stepper) = try Self.presenterModel()
        let (grid, _) = DiagramScreenTests.render(model, stepper, width: 100, height: 30)
        let regions = ScreenRegions(width: 100, height: 30, style: .presenter)
        let client = try #require(BlockLetters.rows("TIME_WAIT", glyphs: .unicode))
        let server = try #require(BlockLetters.rows("LAST_ACK", glyphs: .unicode))
        for offset in 0 ..< 3 {
            let row = grid.row(2 + offset)
            #expect(row.hasPrefix("│ " + client[offset]))
            #expect(row.dropFirst(regions.serverPanelX).hasPrefix(server[offset]))
        }
        #expect(grid[x: 2, y: 2].style == Theme.default.state(.timeWait).with(bold: true, underline: false))
        // Timers move up beside the names.
        #expect(grid.row(1).contains("CLIENT 10.0.0.1:5000  2MSL 60.0 s"))
        #expect(grid.row(1).contains("SERVER 10.0.0.2:80  RTO 1.9 s try 2"))
    }

    @Test func aLabelTooWideForItsHalfFallsBackToTheBadge() throws {
        // 80 columns: CLOSED fits a 38-column half (with two blank columns); SYN_RECEIVED (45) does not.
        var (model, stepper) = try Self.presenterModel()
        model.hosts = [HostPanel(host: .client, port: 5000, state: .closed),
                       HostPanel(host: .server, port: 80, state: .synReceived)]
        let (grid, _) = DiagramScreenTests.render(model, stepper, width: 80, height: 30)
        let closed = try #require(BlockLetters.rows("CLOSED", glyphs: .unicode))
        #expect(grid.row(2).hasPrefix("│ " + closed[0]))
        #expect(grid.row(3).contains("▐ SYN_RECEIVED ▌"))
        #expect(!grid.row(2).contains("SYN") && !grid.row(4).contains("SYN"))
    }

    @Test func theNarrationPanelIsBoldAndTheStatusSitsOnItsSeparator() throws {
        let narration = String(repeating: "The server never heard the client's last ACK. ", count: 10)
        let (model, stepper) = try Self.presenterModel(selected: true, status: "segment 9 dropped", narration: narration)
        let (grid, _) = DiagramScreenTests.render(model, stepper, width: 100, height: 30)
        let regions = ScreenRegions(width: 100, height: 30, style: .presenter)
        #expect(grid.row(regions.bottomSeparatorRow).hasPrefix("├── segment 9 dropped ───"))
        // Four lines, inset two columns, bold; the last says there is more, and which key shows it.
        for row in regions.narrationRows {
            #expect(grid.row(row).hasPrefix("│  ") && grid[x: 3, y: row].glyph != " ")
            #expect(grid[x: 3, y: row].style == Theme.default.narration.with(bold: true))
        }
        #expect(grid.row(regions.narrationRows.last!).hasSuffix(" ] more ↓  │"))
        #expect(!grid.text.contains("…"))
        #expect(grid.row(regions.narrationRows.upperBound) == "│" + String(repeating: " ", count: 98) + "│")
        // No details line anywhere, even with a selection.
        #expect(!grid.text.contains("client:5000 → server:80"))
    }

    @Test func clicksHitTheArrowsWhereThePresenterDrawsThem() throws {
        let (model, stepper) = try Self.presenterModel()
        let (grid, layout) = DiagramScreenTests.render(model, stepper, width: 100, height: 30)
        let id = try #require(model.inFlight.first?.id)
        let arrow = try #require(layout.arrow(id))
        let area = ScreenRegions(width: 100, height: 30, style: .presenter).diagram
        let window = layout.visibleRows(height: area.height, scroll: .followNewest)
        let (x, y) = (area.x + arrow.turnX, area.y + arrow.startRow - window.lowerBound)
        #expect(grid[x: x, y: y].glyph == "╗")
        #expect(Screen.segment(atX: x, y: y, model: model, layout: layout, width: 100, height: 30) == id)
    }

    // MARK: Word wrap

    @Test func englishWrapsAtSpaces() {
        #expect(WordWrap.lines("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(WordWrap.lines("a\n\nb", width: 10) == ["a", "", "b"])
        // A word longer than a line is broken, not lost.
        #expect(WordWrap.lines("abcdefghij xy", width: 4) == ["abcd", "efgh", "ij", "xy"])
        #expect(WordWrap.lines("abc", width: 0).isEmpty)
    }

    @Test func chineseWrapsBetweenCharactersButNotBeforePunctuation() {
        let text = "客户端没有数据要发了，于是关闭自己这个方向：发送 FIN。关闭只表示“我不再发送”，它仍然可以接收。"
        for width in [9, 10, 20, 21, 40] {
            let lines = WordWrap.lines(text, width: width)
            #expect(lines.allSatisfy { CellGrid.displayWidth(of: $0) <= width }, "width \(width): \(lines)")
            #expect(lines.dropFirst().allSatisfy { !WordWrap.noLineStart.contains($0.first!) }, "width \(width): \(lines)")
            #expect(lines.allSatisfy { !WordWrap.noLineEnd.contains($0.last!) }, "width \(width): \(lines)")
            // Nothing lost or added but the space that a break replaces.
            #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
        #expect(WordWrap.lines("客户端没有数据要发了，于是", width: 10) == ["客户端没有", "数据要发", "了，于是"])
        // Latin words inside Chinese stay whole.
        #expect(WordWrap.lines("发送 FIN，然后", width: 8) == ["发送", "FIN，然", "后"])
    }

    // MARK: The narration panel

    @Test func aNarrationLongerThanItsRowsScrollsWithMarkersInsteadOfAnEllipsis() {
        let text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
        // 30 columns, 2 rows: too long, so it wraps at 30 - 8 - 1 = 21 and keeps the markers' column.
        let top = NarrationPanel(text: text, width: 30, rows: 2, scroll: 0, markerWidth: 8)
        #expect(top.textWidth == 21)
        #expect(top.lines == ["one two three four", "five six seven eight", "nine ten eleven", "twelve thirteen",
                              "fourteen fifteen"])
        #expect(Array(top.visible) == ["one two three four", "five six seven eight"])
        #expect(top.scrollMax == 3 && !top.hasMoreAbove && top.hasMoreBelow)
        // Scrolling past the end stops at the last lines.
        let end = NarrationPanel(text: text, width: 30, rows: 2, scroll: 99, markerWidth: 8)
        #expect(end.first == 3 && Array(end.visible) == ["twelve thirteen", "fourteen fifteen"])
        #expect(end.hasMoreAbove && !end.hasMoreBelow)
        // Short text keeps the whole width and has no markers.
        let short = NarrationPanel(text: "one two", width: 30, rows: 2, scroll: 5, markerWidth: 8)
        #expect(short.textWidth == 30 && short.first == 0 && !short.hasMoreAbove && !short.hasMoreBelow)
    }

    @Test func chineseNarrationScrollsPerCharacterWithChineseMarkers() {
        let text = "客户端没有数据要发了，于是关闭自己这个方向：发送 FIN。关闭只表示“我不再发送”，它仍然可以接收。"
        let panel = NarrationPanel(text: text, width: 30, rows: 2, scroll: 1,
                                   markerWidth: NarrationPanel.markerWidth(.chinese, glyphs: .unicode))
        #expect(panel.lines.allSatisfy { CellGrid.displayWidth(of: $0) <= panel.textWidth })
        #expect(panel.lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        var grid = CellGrid(width: 30, height: 2)
        panel.paint(x: 0, width: 30, rowsOnScreen: 0 ..< 2, style: .plain, markerStyle: .plain, words: .chinese,
                    glyphs: .unicode, into: &grid)
        #expect(grid.row(0).hasSuffix("[ 更多 ↑") && grid.row(1).hasSuffix("] 更多 ↓"))
        #expect(grid.row(0).hasPrefix(panel.lines[1]))
        #expect(NarrationPanel.markers(.english, glyphs: .ascii) == ("[ more ^", "] more v"))
    }
}
