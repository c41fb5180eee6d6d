import Testing

@testable import TCPStepRender

/// The pile-up chart: a pure function of `PileupChartData`, checked row by row.
@Suite struct PileupChartTests {
    /// 120 s of a pile-up at 500/s into 28,232 ports: TIME_WAIT climbs, ports run out at 57 s.
    static func data(highlighted: Int? = 3) -> PileupChartData {
        let points = (1...120).map { t in
            let timeWait = min(500 * t, 28_232)
            return PileupChartData.Point(timeS: t, timeWait: timeWait, established: 6, otherLive: 2,
                                         freePorts: 28_232 - timeWait, failedConnects: max(0, 500 * t - 28_232))
        }
        let remedies = ["limit the request rate", "widen the port range", "shorten the MSL",
                        "reuse connections (pool)", "server closes first", "tcp_tw_reuse"].enumerated().map {
            PileupChartData.Remedy(key: String($0.offset + 1), title: $0.element, cost: "cost of \($0.element)",
                                   isOn: $0.offset == 3)
        }
        return PileupChartData(points: points, predictedTimeWait: 30_000, requestRate: 500, connectRate: 500,
                               timeWaitSeconds: 60, portRangeCount: 28_232, timeWaitOnClient: 28_232,
                               remedies: remedies, highlightedRemedy: highlighted, isPlaying: true, speed: 30)
    }

    @Test func titleFrameAndKeyBar() {
        let grid = PileupChart.render(Self.data(), width: 100, height: 30)
        #expect(grid.width == 100 && grid.height == 30)
        #expect(grid.row(0).hasPrefix("┌ tcpstep pileup · linux · 500 req/s · TIME_WAIT 60 s"))
        #expect(grid.row(0).hasSuffix("t 120 s · ▶ 30× ┐"))
        #expect(grid.row(29).hasPrefix("└──") && grid.row(29).hasSuffix("┘"))
        #expect(grid.row(28).contains("␣ play/pause  +/- speed  1–6 remedies  r restart  ? help  q quit"))
    }

    @Test func numbersBesideThePlot() {
        let text = PileupChart.render(Self.data(), width: 100, height: 30).text
        for expected in ["TIME_WAIT", "28,232", "rate × 2MSL", "30,000", "= 500/s × 60 s", "ESTABLISHED",
                         "0 of 28,232", "failed connects", "on the web server"] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    @Test func referenceLineCarriesPredictionAndMeasurement() {
        let text = PileupChart.render(Self.data(), width: 100, height: 30).text
        #expect(text.contains("rate×2MSL 30,000 · now 28,232"))
    }

    @Test func remediesWithTheHighlightedCost() {
        let grid = PileupChart.render(Self.data(), width: 100, height: 30)
        let text = grid.text
        #expect(text.contains("1 [ ] limit the request rate"))
        #expect(text.contains("4 [x] reuse connections (pool)"))
        #expect(text.contains("6 [ ] tcp_tw_reuse"))
        #expect(text.contains("4 · reuse connections (pool) · on · cost: cost of reuse connections (pool)"))
        let hint = PileupChart.render(Self.data(highlighted: nil), width: 100, height: 30).text
        #expect(hint.contains("Press 1–6 to switch a remedy on or off while it runs."))
    }

    @Test func failureStripMarksTheSecondsWithFailures() throws {
        let grid = PileupChart.render(Self.data(), width: 100, height: 30)
        let rows = (0 ..< grid.height).map { grid.row($0) }
        let strip = try #require(rows.first { $0.hasPrefix("│ failed ") })
        // 120 points on 2 dot columns a cell: 60 columns, the first 28 (to 56 s) without failures.
        #expect(strip.filter { $0 == "✗" }.count == 32)
    }

    @Test func halfBlocksWithUnicodeAndPlainMarksWithASCII() {
        let unicode = PileupChart.render(Self.data(), width: 100, height: 30)
        let plotRows = (1 ..< 20).map(unicode.row).joined()
        #expect(!plotRows.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })  // no braille
        #expect(plotRows.contains("█") && plotRows.contains("▀"))
        let ascii = PileupChart.render(Self.data(), width: 100, height: 30, glyphs: .ascii)
        let asciiRows = (1 ..< 20).map(ascii.row).joined()
        #expect(!asciiRows.unicodeScalars.contains { (0x2580...0x259F).contains($0.value) })
        #expect(asciiRows.contains("*"))
        #expect(ascii.row(0).hasSuffix("> 30x +"))
    }

    @Test func tooSmallSaysSo() {
        let grid = PileupChart.render(Self.data(), width: 40, height: 10)
        #expect(grid.row(0) == "tcpstep pileup needs at least 60×16")
    }

    @Test func emptyHistoryStillDraws() {
        var data = Self.data()
        data.points = []
        let grid = PileupChart.render(data, width: 80, height: 24)
        #expect(grid.row(0).contains("t 0 s"))
    }

    @Test func scaleAndNumbers() {
        #expect(PileupChart.Format.count(28_232) == "28,232")
        #expect(PileupChart.Format.count(1_800_000) == "1,800,000")
        #expect(PileupChart.Format.count(0) == "0")
        #expect(PileupChart.Format.roundUp(31_500) == 35_000)
        #expect(PileupChart.Format.roundUp(6_300) == 6_500)
        #expect(PileupChart.Format.roundUp(7) == 7)
        #expect(PileupChart.Format.speed(29.999) == "30×")
        #expect(PileupChart.Format.speed(10.83) == "10.8×")
    }
}
