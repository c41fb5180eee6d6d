import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepRender

/// A long history laid out from a quiet moment near its end draws every window near the end
/// exactly as the whole layout does: same cells, same styles. Built at one length, stepped
/// forward and back (past its start too), given another width: still the same.
@Suite struct DiagramTailLayoutTests {
    /// 400 lifecycles with random losses, duplicates and jitter, run to quiet (~10,000 events).
    static let events: [TraceEvent] = {
        var text = """
            set profile linux
            set latency 20ms
            set seed 7
            set loss 3%
            set duplicate 2%
            set jitter 10% 30ms
            server listen 80

            """
        for index in 0 ..< 400 {
            text += "at \(index)s client connect 80\n+100ms client send 1000\n+100ms server send 1000\n+100ms client close\n+100ms server close\n"
        }
        let scenario = try! ScenarioParser.parse(text, fileName: "long.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        return log.events
    }()

    static let config = DiagramLayout.Config(width: 120)

    static func window(_ layout: DiagramLayout, scroll: DiagramScroll = .followNewest, width: Int = 120) -> CellGrid {
        layout.render(options: DiagramOptions(width: width, height: 60, scroll: scroll))
    }

    /// The windows a view shows (it lays out everything before coming within 3 screens of the
    /// rows' start: `AppModel.frame`) are the whole layout's, cell for cell.
    static func expectSameWindows(_ tail: DiagramLayout, _ count: Int, width: Int = 120, _ label: String) {
        let whole = DiagramLayout(events: events[0 ..< count], config: DiagramLayout.Config(width: width))
        for back in [0, 300] where tail.rowCount - back >= 3 * 60 {
            let (mine, theirs) = (window(tail, scroll: .back(rows: back), width: width), window(whole, scroll: .back(rows: back), width: width))
            let firstDifference = zip(mine.text.split(separator: "\n"), theirs.text.split(separator: "\n")).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(mine == theirs, "\(label), \(count) events, \(back) rows back, start \(tail.tailStart?.eventCount ?? 0), \(tail.rowCount) rows: first difference \(firstDifference.map { "line \($0.offset)\n\($0.element.0)\n\($0.element.1)" } ?? "in styles")")
        }
        #expect(tail.fold.inFlight == whole.fold.inFlight && tail.fold.now == whole.fold.now, "\(label): the fold")
        #expect(tail.inFlightArrows.map { tail.arrows[$0].id } == whole.inFlightArrows.map { whole.arrows[$0].id })
    }

    @Test func startsLateAndDrawsTheEndAsTheWholeLayout() {
        #expect(Self.events.count > 8_000)
        for count in stride(from: 4_500, through: Self.events.count, by: 997) + [Self.events.count] {
            let tail = DiagramLayout(tailOf: Self.events[0 ..< count], config: Self.config)
            let start = try! #require(tail.tailStart, "a quiet moment before \(count) events")
            #expect(start.eventCount <= count - DiagramLayout.tailEventsMin)
            #expect(tail.rowCount > 3 * 60, "several screens of rows after the start")
            Self.expectSameWindows(tail, count, "built at once")
        }
    }

    @Test func followsStepsForwardAndBackPastItsStart() {
        var tail = DiagramLayout(tailOf: Self.events[0 ..< 6_000], config: Self.config)
        let start = try! #require(tail.tailStart).eventCount
        for count in 6_001 ... 6_300 {
            tail.follow(Self.events[0 ..< count], config: Self.config)
        }
        Self.expectSameWindows(tail, 6_300, "stepped forward")
        // Back within the rows laid out (through their checkpoints), then past where they start.
        for count in stride(from: 6_300, through: start - 40, by: -1) {
            tail.follow(Self.events[0 ..< count], config: Self.config)
            if count % 151 == 0 || count == start || count == start - 40 { Self.expectSameWindows(tail, count, "stepped back") }
        }
        #expect(tail.tailStart.map { $0.eventCount < start } ?? true, "past its start it starts again earlier")
    }

    @Test func anotherWidthStartsAgainFromTheSameMoment() {
        var tail = DiagramLayout(tailOf: Self.events[...], config: Self.config)
        let start = tail.tailStart?.eventCount
        tail.follow(Self.events[...], config: DiagramLayout.Config(width: 200))
        #expect(tail.tailStart?.eventCount == start)
        Self.expectSameWindows(tail, Self.events.count, width: 200, "wider")
        tail.makeWhole(Self.events[...])
        #expect(tail.isWhole && tail.rowCount == DiagramLayout(events: Self.events[...], config: DiagramLayout.Config(width: 200)).rowCount)
    }

    @Test func aShortHistoryIsLaidOutWhole() {
        #expect(DiagramLayout(tailOf: Self.events[0 ..< DiagramLayout.tailEventsMin], config: Self.config).isWhole)
        var layout = DiagramLayout(config: Self.config)
        layout.follow(Self.events[0 ..< 2 * DiagramLayout.tailEventsMin], config: Self.config)
        #expect(layout.isWhole)
    }
}
