import Testing

@testable import TCPStepRender

/// The pile-up as a lecturer tells it: the cost of a remedy on screen (requests shed), every
/// reference line labelled, the moment a remedy was switched marked, and the panel in Chinese.
@Suite struct PileupStoryTests {
    static func data(shed: Int = 0, rateLimitOn: Bool = false, switchedAt: Int? = nil, text: UIText = .english) -> PileupChartData {
        var base = PileupChartTests.data(highlighted: nil)
        base.points = base.points.map { point in
            var point = point
            if point.timeS == switchedAt { point.remediesSwitched = [text(.pileSwitchOn, "1")] }
            return point
        }
        base.remedies[0].isOn = rateLimitOn
        base.requestsShed = shed
        base.text = text
        base.keyHints = PileupChartData.keyHints(text)
        return base
    }

    @Test func theRateLimitsCostIsShownLive() {
        let text = PileupChart.render(Self.data(shed: 37_000, rateLimitOn: true), width: 120, height: 36).text
        #expect(text.contains("requests shed (503)"))
        #expect(text.contains("37,000"))
        // Without the rate limit and nothing shed, the line is not there.
        #expect(!PileupChart.render(Self.data(), width: 120, height: 36).text.contains("requests shed"))
    }

    @Test func bothReferenceLinesAreLabelled() {
        let text = PileupChart.render(Self.data(), width: 120, height: 36).text
        #expect(text.contains("port ceiling 28,232"))
        #expect(text.contains("rate×2MSL 30,000"))
    }

    @Test func theMomentARemedyWasSwitchedIsMarked() {
        let grid = PileupChart.render(Self.data(switchedAt: 100), width: 120, height: 36)
        #expect(grid.text.contains(" 1 on "))
        // The mark runs down the plot: a vertical line in the badge style at the label's column.
        let row = (0 ..< grid.height).first { grid.row($0).contains(" 1 on ") }!
        let column = grid.row(row).distance(from: grid.row(row).startIndex, to: grid.row(row).range(of: " 1 on ")!.lowerBound)
        #expect(grid[x: column, y: row + 5].content == .glyph("│"))
        #expect(grid[x: column, y: row + 5].style == Theme.default.badge)
    }

    @Test func theChinesePanelHasNoEnglishWords() {
        let text = PileupChart.render(Self.data(shed: 5, rateLimitOn: true, text: .chinese), width: 140, height: 40).text
        for english in ["on the web server", "free ports", "failed connects", "port ceiling", "requests shed", "play/pause", "restart"] {
            #expect(!text.contains(english), "\(english)")
        }
        #expect(text.contains("端口上限 28,232"))
        #expect(text.contains("被拒绝的请求（503）"))
    }
}
