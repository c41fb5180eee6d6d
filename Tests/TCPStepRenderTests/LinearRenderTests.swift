import TCPStepCore
import Testing

@testable import TCPStepRender

/// `render` must be linear in the trace: a window of one-byte segments sent at once puts
/// hundreds of legs in flight together, and each used to be painted down its whole length.
/// These tests count the work done, not the time.
@Suite struct LinearRenderTests {
    static func burst(_ bytes: Int) throws -> DiagramLayout {
        let events = try DiagramScenarios.events("set mss 1\nset latency 10ms\nserver listen 80\nclient connect 80\nat 1s client send \(bytes)\n")
        return DiagramLayout(events: events[...], config: .init(width: 100))
    }

    /// Leg cells painted for the whole diagram, and what painting every leg down its whole
    /// length would have cost.
    static func legWork(_ layout: DiagramLayout) -> (painted: Int, sumOfLengths: Int) {
        let options = DiagramOptions(width: 100, height: layout.rowCount, scroll: .top(row: 0))
        let painter = DiagramPainter(layout: layout, options: options, rect: GridRect(x: 0, y: 0, width: 100, height: layout.rowCount),
                                     window: 0 ..< layout.rowCount, glyphs: DiagramGlyphs(.unicode))
        var grid = CellGrid(width: 100, height: layout.rowCount)
        let painted = painter.paintLegs(painter.arrowsCrossingWindow(), &grid)
        let lengths = layout.arrows.reduce(0) { $0 + max(0, ($1.endRow ?? layout.rowCount) - $1.startRow - 1) }
        return (painted, lengths)
    }

    @Test("Legs cost the cells on screen: each cell is painted once however many legs share its column")
    func legsArePaintedOncePerCell() throws {
        let small = Self.legWork(try Self.burst(200))
        let large = Self.legWork(try Self.burst(400))
        let layout = try Self.burst(400)
        let columns = Set(layout.arrows.map(\.turnX)).count
        #expect(large.painted <= layout.rowCount * columns)
        // Twice the segments: about twice the work (it was four times: the sum of lengths).
        #expect(Double(large.painted) <= 2.3 * Double(small.painted))
        #expect(Double(large.sumOfLengths) >= 3.5 * Double(small.sumOfLengths))
        #expect(large.painted * 10 < large.sumOfLengths)
    }

    @Test("The same picture: painting legs once per cell draws what painting every leg did")
    func samePicture() throws {
        let layout = try Self.burst(60)
        let options = DiagramOptions(width: 100, height: layout.rowCount, scroll: .top(row: 0))
        let painter = DiagramPainter(layout: layout, options: options, rect: GridRect(x: 0, y: 0, width: 100, height: layout.rowCount),
                                     window: 0 ..< layout.rowCount, glyphs: DiagramGlyphs(.unicode))
        var once = CellGrid(width: 100, height: layout.rowCount)
        painter.paintLegs(painter.arrowsCrossingWindow(), &once)
        var every = CellGrid(width: 100, height: layout.rowCount)
        for index in painter.arrowsCrossingWindow() { painter.paintLegs([index], &every) }
        #expect(once == every)
    }
}
