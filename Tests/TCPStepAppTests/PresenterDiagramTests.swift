import TCPStepCore
import TCPStepNarration
import TCPStepRender
import Testing

@testable import TCPStepApp

/// In presenter mode the diagram itself reads from the back row: heavy bold arrows (`━━▶`,
/// `┃`, `┏┓┗┛`) against thin lifelines, bold segment labels, and the state a host enters as a
/// solid label on its lifeline. The standard view keeps its thin lines.
@Suite struct PresenterDiagramTests {
    /// lost-last-ack at 200×55 in presenter mode, the server's FIN just sent again.
    static func hall(presenter: Bool = true, theme: String = "projector-dark") throws -> (AppModel, CellGrid) {
        var model = try AppFixture.model("lost-last-ack", presenter: presenter, width: 200, height: 55)
        model.options.themeName = theme
        if presenter { model.press(" ") }  // (lifts the title card)
        model.step(12)
        return (model, model.frame())
    }

    @Test func at200x55ArrowsAreHeavyAndLabelsBold() throws {
        let (model, grid) = try Self.hall()
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: "lost-last-ack-presenter-200x55.txt")
        let text = grid.text
        #expect(text.contains("●━━ SYN 0 ━━"))
        #expect(text.contains("━━▶● SYN_RECEIVED"))
        #expect(text.contains("●◀━━") && text.contains("┃") && text.contains("┓") && text.contains("┛"))
        // Lifelines stay thin, so arrows stand out from them.
        #expect(!text.contains("╭") && !text.contains("╰") && text.contains("│"))
        let theme = model.theme
        let row = try #require((0 ..< grid.height).first { grid.row($0).contains("SYN,ACK 0 ack 1") })
        let labelX = try #require(grid.row(row).range(of: "SYN,ACK").map { grid.row(row).distance(from: grid.row(row).startIndex, to: $0.lowerBound) })
        #expect(grid[x: labelX, y: row].style == theme.emphasised(theme.segment(.syn)))
        #expect(grid[x: labelX, y: row].style.bold)
    }

    @Test func statesOnTheLifelinesAreSolidLabels() throws {
        let (model, grid) = try Self.hall()
        let theme = model.theme
        // FIN_WAIT_1 is yellow ink in the projector theme: reversed into a solid label.
        let row = try #require((0 ..< grid.height).first { grid.row($0).contains("FIN_WAIT_1 ●") })
        let x = try #require(grid.row(row).range(of: "FIN_WAIT_1").map { grid.row(row).distance(from: grid.row(row).startIndex, to: $0.lowerBound) })
        #expect(theme.state(.finWait1).bg == .default && !theme.state(.finWait1).reverse)
        #expect(grid[x: x, y: row].style.reverse)
        // CLOSE_WAIT is on a colour already: kept as it is (reversing it would lose the label).
        let closeWait = try #require((0 ..< grid.height).first { grid.row($0).contains("● CLOSE_WAIT") })
        let cx = try #require(grid.row(closeWait).range(of: "CLOSE_WAIT").map { grid.row(closeWait).distance(from: grid.row(closeWait).startIndex, to: $0.lowerBound) })
        #expect(grid[x: cx, y: closeWait].style == theme.emphasised(theme.state(.closeWait)))
    }

    @Test func theStandardViewKeepsThinArrows() throws {
        let (_, grid) = try Self.hall(presenter: false)
        #expect(!grid.text.contains("━") && !grid.text.contains("┃"))
        #expect(grid.text.contains("●── SYN 0 ──") && grid.text.contains("╭"))
    }

    @Test func asciiPresenterKeepsAsciiLines() throws {
        var model = try AppFixture.model("lost-last-ack", presenter: true, ascii: true, width: 200, height: 55)
        model.press(" ")
        model.step(12)
        let text = model.frame().text
        #expect(text.allSatisfy { $0.isASCII || $0 == "\n" })
        #expect(text.contains("o-- SYN 0 --"))
    }
}
