import TCPStepCore
import TCPStepNarration
import TCPStepRender
import Testing

@testable import TCPStepApp

/// Narration never goes missing: it grows into diagram rows left empty, wraps on words (Chinese
/// per character), and what still does not fit scrolls with `[` `]` behind a "more ↓" marker,
/// never cut with "…".
@Suite struct NarrationPanelTests {
    /// lost-last-ack after the server's FIN was sent again: a three-sentence narration.
    static func retransmittedFin(width: Int, height: Int, language: NarrationLanguage = .english) throws -> AppModel {
        var model = try AppFixture.model("lost-last-ack", language: language, width: width, height: height)
        model.step(12)
        return model
    }

    /// The narration rows of a frame, without the frame's borders.
    static func narrationRows(_ model: inout AppModel) -> [String] {
        let screen = model.screenModel()
        let grid = model.frame()
        let regions = Screen.regions(for: screen, width: model.width, height: model.height, layout: model.layout)
        return regions.narrationRows.map { grid.row($0) }
    }

    @Test func at80x24ALongNarrationScrollsAndEveryWordCanBeRead() throws {
        var model = try Self.retransmittedFin(width: 80, height: 24)
        let grid = model.frame()
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: "narration-scroll-80x24.txt")
        let panel = model.narrationPanel()
        #expect(panel.lines.count > panel.rows, "a narration this long does not fit 80×24: \(panel.lines)")
        var rows = Self.narrationRows(&model)
        #expect(rows.last!.hasSuffix("] more ↓ │"))
        #expect(!rows.joined().contains("…"))
        // `]` until the marker goes: every line has been on screen, in order.
        var seen = Array(panel.visible)
        for _ in 0 ..< panel.lines.count where model.narrationPanel().hasMoreBelow {
            model.press("]")
            for line in model.narrationPanel().visible where !seen.contains(line) { seen.append(line) }
        }
        #expect(seen == panel.lines)
        rows = Self.narrationRows(&model)
        #expect(rows.first!.hasSuffix("[ more ↑ │") && !rows.joined().contains("more ↓"))
        // Further `]` stays at the end; `[` goes back to the top.
        let end = model.narrationScroll
        model.press("]")
        #expect(model.narrationScroll == end)
        for _ in 0 ..< panel.lines.count { model.press("[") }
        #expect(model.narrationScroll == 0 && model.narrationPanel().visible == panel.visible)
        // A step starts the next narration at its top.
        model.press("]")
        #expect(model.narrationScroll > 0)
        model.press(" ")
        #expect(model.narrationScroll == 0)
    }

    @Test func at120x40TheSameNarrationGrowsIntoEmptyRowsWithoutMarkers() throws {
        var model = try Self.retransmittedFin(width: 120, height: 40)
        let grid = model.frame()
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: "narration-grown-120x40.txt")
        let rows = Self.narrationRows(&model)
        #expect(rows.count == 3 && !rows.joined().contains("more") && !rows.joined().contains("…"))
        #expect(rows.joined().contains("would only") && rows.last!.contains("make it worse."))
    }

    @Test func at120x40TheFittedDiagramLeavesRoomForTheWholeEndingOfWhyThreeWayRfc() throws {
        // The diagram is stretched to fit the story (rows per transit), but not so far that the
        // story's last words must scroll: they are five lines at this width.
        var model = try AppFixture.model("why-three-way-rfc", width: 120, height: 40)
        LectureHallTests.runToEnd(&model)
        let panel = model.narrationPanel()
        #expect(panel.lines.count >= 5 && panel.lines.count <= panel.rows, "\(panel.lines)")
        #expect(model.fittingRowsPerTransit(model.screenModel()) > 1)
        #expect(panel.visible.last?.hasSuffix("for the old SYN.") == true, "\(panel.lines)")
    }

    @Test func chineseScrollsWithChineseMarkersAndWrapsPerCharacter() throws {
        var model = try Self.retransmittedFin(width: 80, height: 24, language: .chinese)
        let grid = model.frame()
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: "narration-scroll-zh-80x24.txt")
        let panel = model.narrationPanel()
        #expect(panel.lines.count > panel.rows)
        let rows = Self.narrationRows(&model)
        #expect(rows.last!.hasSuffix("] 更多 ↓ │"))
        #expect(panel.lines.allSatisfy { CellGrid.displayWidth(of: $0) <= panel.textWidth })
        // Per character: a line ends close to the panel's width (short only by a Latin word such as
        // "FIN,ACK" that did not fit), and a Chinese word may be split ("指数退" / "避").
        #expect(panel.lines.dropLast().allSatisfy { CellGrid.displayWidth(of: $0) >= panel.textWidth - 8 }, "\(panel.lines)")
        #expect(panel.lines.contains { $0.hasSuffix("指数退") }, "\(panel.lines)")
    }

    @Test func thePresenterPanelScrollsToo() throws {
        // The presenter's narrowest screen: its four rows are not enough.
        var model = try AppFixture.model("lost-last-ack", presenter: true, width: ScreenRegions.minimumWidth,
                                         height: ScreenRegions.presenterMinimumHeight)
        model.press(" ")
        model.step(12)
        let panel = model.narrationPanel()
        #expect(panel.rows >= 4)
        try #require(panel.lines.count > panel.rows, "\(panel.lines)")
        #expect(Self.narrationRows(&model).last!.contains("] more ↓"))
        // One `]` moves all but one of the panel's rows.
        model.press("]")
        #expect(model.narrationPanel().first == min(panel.rows - 1, panel.scrollMax))
        #expect(Self.narrationRows(&model).first!.contains("[ more ↑"))
    }

    @Test func theKeysAreInTheOneKeymapWithChineseWords() throws {
        #expect(KeyBindings.message(for: .character("]")) == .narrationDown)
        #expect(KeyBindings.message(for: .character("[")) == .narrationUp)
        let entry = try #require(KeyBindings.help.first { $0.keys == "[ ]" })
        #expect(!entry.actionZH.isEmpty && entry.action.contains("narration"))
        #expect(KeyBindings.hints(presenter: false, ascii: false, text: .chinese).contains(KeyHint("]", "更多")))
    }
}
