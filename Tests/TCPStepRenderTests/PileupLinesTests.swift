import GoldenFiles
import TCPStepCore
import Testing

@testable import TCPStepRender

/// The chart's lines for a projector: half-cell blocks in bold colours that pass the theme's
/// contrast for graphics, three measured lines in three colours, and two labelled reference
/// lines that never share a row. Golden grids at 80×24 and 200×55.
@Suite struct PileupLinesTests {
    static let golden = GoldenFolder(besides: #filePath)

    /// The story at 200 s with the rate limit switched on at 120 s: TIME_WAIT ran into the
    /// ceiling, then falls to the visitors' 3,000 as the crawler's sockets expire.
    static func story(achieved: Double? = 10.8) -> PileupChartData {
        var data = PileupChartTests.data(highlighted: 0)
        data.points = (1...200).map { t in
            let timeWait = t <= 120 ? min(500 * t, 28_231) : max(3_000, 28_231 - 450 * (t - 120))
            return PileupChartData.Point(timeS: t, timeWait: timeWait, established: 6, otherLive: 2,
                                         freePorts: 28_232 - timeWait, failedConnects: t <= 57 ? 0 : 500 * min(t, 120) - 28_232,
                                         remediesSwitched: t == 121 ? ["1 on"] : [])
        }
        data.remedies[0].isOn = true
        data.remedies[3].isOn = false
        data.predictedTimeWait = 3_000
        data.connectRate = 50
        data.requestsShed = 35_910
        data.blacklistedIPs = 1
        data.nextReleaseS = 521
        data.achievedSpeed = achieved
        return data
    }

    @Test(arguments: [(80, 24), (200, 55)])
    func goldenGrid(width: Int, height: Int) throws {
        try Self.golden.check(PileupChart.render(Self.story(), width: width, height: height).text,
                              named: "pileup-story-\(width)x\(height).txt")
        try Self.golden.check(PileupChart.render(PileupChartTests.data(), width: width, height: height).text,
                              named: "pileup-ceiling-\(width)x\(height).txt")
    }

    @Test func goldenGridASCII() throws {
        try Self.golden.check(PileupChart.render(Self.story(), width: 80, height: 24, glyphs: .ascii).text,
                              named: "pileup-story-80x24-ascii.txt")
    }

    @Test(arguments: ThemeContrastTests.colourThemes)
    func everyLineStandsOutInItsOwnColour(theme: Theme) {
        let styles = PileupChart.lineStyles(theme)
        for series in PileupChart.Series.allCases {
            let style = styles[series]!
            #expect(style == theme.emphasised(style), "\(theme.name) \(series): bold unless bold pales it")
            #expect(style.bg == .default && !style.reverse, "\(theme.name) \(series)")
            let ratio = theme.background.contrast(of: style)
            #expect(ratio >= PileupChart.lineContrast(theme), "\(theme.name) \(series): \(ratio)")
        }
        let measured = PileupChart.Series.measured.map { styles[$0]!.fg }
        #expect(Set(measured).count == 3, "\(theme.name): \(measured)")
        #expect(!measured.contains(.default))
    }

    /// Where two lines share a cell the upper one is the glyph and the lower one its background:
    /// that colour must stand out too.
    @Test(arguments: ThemeContrastTests.colourThemes)
    func sharedCellsKeepBothColours(theme: Theme) {
        let grid = PileupChart.render(Self.story(), width: 200, height: 55, theme: theme)
        let styles = PileupChart.lineStyles(theme)
        let measured = Set(PileupChart.Series.measured.map { styles[$0]!.fg })
        var blocks = 0
        for y in 0 ..< grid.height {
            for x in 0 ..< grid.width {
                guard case .glyph(let character) = grid[x: x, y: y].content, "▀▄█".contains(character) else { continue }
                blocks += 1
                let style = grid[x: x, y: y].style
                #expect(measured.contains(style.fg), "\(theme.name) (\(x), \(y))")
                #expect(style.bg == .default || measured.contains(style.bg), "\(theme.name) (\(x), \(y))")
            }
        }
        #expect(blocks > 150)
    }

    @Test func theMonoThemeDrawsBoldLinesWithoutColour() {
        let styles = PileupChart.lineStyles(.mono)
        #expect(PileupChart.Series.measured.allSatisfy { styles[$0]!.bold && !styles[$0]!.hasColor })
    }

    /// 30,000 predicted and 28,232 ports fall in one row at 80×24: the larger moves up a row and
    /// each keeps its label, the labels on rows of their own.
    @Test(arguments: [(80, 24), (100, 30), (200, 55)])
    func theCeilingAndThePredictionNeverMerge(width: Int, height: Int) throws {
        let grid = PileupChart.render(PileupChartTests.data(), width: width, height: height)
        let rows = (0 ..< grid.height).map(grid.row)
        let ceiling = try #require(rows.firstIndex { $0.contains("port ceiling 28,232") })
        let prediction = try #require(rows.firstIndex { $0.contains("rate×2MSL 30,000") })
        #expect(ceiling != prediction)
        #expect(rows[ceiling].contains("━━"))
        let dashed = try #require(rows.firstIndex { $0.contains("╍╍") })
        #expect(dashed != ceiling)
        #expect(dashed < ceiling)  // 30,000 above 28,232
        #expect(prediction != ceiling)
    }

    @Test func theSpeedLabelShowsTheSpeedAchieved() {
        let grid = PileupChart.render(Self.story(), width: 200, height: 55)
        #expect(grid.row(0).hasSuffix("t 200 s · ▶ 30× (achieving 10.8×) ┐"))
        let unmeasured = PileupChart.render(Self.story(achieved: nil), width: 200, height: 55)
        #expect(unmeasured.row(0).hasSuffix("t 200 s · ▶ 30× ┐"))
        let chinese = { var data = Self.story(); data.text = .chinese; return data }()
        #expect(PileupChart.render(chinese, width: 200, height: 55).row(0).contains("30×（实际 10.8×）") == false)
        #expect(PileupChart.render(chinese, width: 200, height: 55).row(0).contains("30× （实际 10.8×）"))
    }

    @Test func theBlacklistIsOnThePanel() {
        let text = PileupChart.render(Self.story(), width: 200, height: 55).text
        #expect(text.contains("requests shed (503)"))
        #expect(text.contains("35,910"))
        #expect(text.contains("blacklisted IPs"))
        #expect(text.contains("next release in") && text.contains("521 s"))
    }
}
