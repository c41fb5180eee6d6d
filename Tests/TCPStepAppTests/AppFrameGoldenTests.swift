import TCPStepCore
import TCPStepNarration
import TCPStepRender
import Testing

@testable import TCPStepApp

/// Whole frames of the app at 100×30, the size a lecture-hall projector gets at a large font:
/// Chinese in both layouts (CJK takes two columns, and the columns must still line up), and
/// the presenter layout in English and ASCII.
@Suite struct AppFrameGoldenTests {
    /// A frame after the title card (presenter) is lifted and `steps` steps are taken.
    static func frame(_ scenario: String, language: NarrationLanguage, presenter: Bool, ascii: Bool = false,
                      steps: Int) throws -> CellGrid {
        var model = try AppFixture.model(scenario, language: language, presenter: presenter, ascii: ascii)
        if presenter { model.press(" ") }
        model.step(steps)
        return model.frame()
    }

    @Test(arguments: [
        // The SYN,ACK is in flight: the server's long narration is about ack=1.
        ("handshake", 3, false, "handshake-zh-standard-100x30.txt"),
        ("handshake", 3, true, "handshake-zh-presenter-100x30.txt"),
        // Half-closed: the client in FIN_WAIT_2, the server in CLOSE_WAIT.
        ("teardown", 11, false, "teardown-zh-standard-100x30.txt"),
        ("teardown", 11, true, "teardown-zh-presenter-100x30.txt"),
    ])
    func chineseFrames(scenario: String, steps: Int, presenter: Bool, golden: String) throws {
        let grid = try Self.frame(scenario, language: .chinese, presenter: presenter, steps: steps)
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: golden)
    }

    @Test func englishPresenterFrame() throws {
        let grid = try Self.frame("handshake", language: .english, presenter: true, steps: 3)
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: "handshake-en-presenter-100x30.txt")
    }

    @Test func asciiPresenterFrame() throws {
        let grid = try Self.frame("teardown", language: .english, presenter: true, ascii: true, steps: 13)
        FrameAlignment.check(grid)
        try appGolden.check(grid.text + "\n", named: "teardown-en-presenter-ascii-100x30.txt")
    }
}
