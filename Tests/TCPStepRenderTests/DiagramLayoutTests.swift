import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepRender

/// The rules of the layout: causal order, slant, crossings, losses, folded time, numbering.
@Suite struct DiagramLayoutTests {
    static let width = 80

    static func layout(_ text: String, numbering: SequenceNumbering = .relative) throws -> DiagramLayout {
        let events = try DiagramScenarios.events(text)
        return DiagramLayout(events: events[...], config: .init(width: width, numbering: numbering))
    }

    /// The arrows of segments sent by `host` carrying exactly `flags` (PSH ignored), in order.
    static func arrows(_ layout: DiagramLayout, from host: HostID, _ flags: TCPFlags) -> [DiagramArrow] {
        layout.arrows.filter { $0.wire.from == host && $0.wire.segment.matchFlags == flags }
    }

    static func grid(_ layout: DiagramLayout) -> CellGrid {
        layout.render(options: DiagramOptions(width: width, height: layout.rowCount, scroll: .top(row: 0)))
    }

    // MARK: Slant and order

    @Test func everyArrowArrivesBelowWhereItLeft() throws {
        for text in [DiagramScenarios.figure6, DiagramScenarios.figure7, DiagramScenarios.figure12, DiagramScenarios.reordered] {
            let layout = try Self.layout(text)
            for arrow in layout.arrows {
                let end = try #require(arrow.endRow)
                #expect(end > arrow.startRow)
            }
        }
    }

    @Test func aDelayedSegmentLandsBelowALaterSegmentThatOvertookIt() throws {
        let layout = try Self.layout(DiagramScenarios.reordered)
        let data = layout.arrows.filter { $0.wire.segment.payloadLength > 0 }
        try #require(data.count == 2)
        // The first was sent first, yet it arrives after the second.
        #expect(data[0].startRow < data[1].startRow)
        #expect(try #require(data[0].endRow) > #require(data[1].endRow))
        #expect(data[0].heldFor == .ms(40))
        // The overtaking segment's arrival run crosses the held one's leg.
        let grid = Self.grid(layout)
        let overtakenAt = try #require(data[1].endRow)
        #expect(grid[x: data[0].turnX, y: overtakenAt].glyph == "┼")
    }

    @Test func eventsAtTheSameHostKeepTheirOrder() throws {
        // Figure 12: the client receives the FIN, then sends the ACK, then enters TIME_WAIT.
        let layout = try Self.layout(DiagramScenarios.figure12)
        let fin = try #require(Self.arrows(layout, from: .server, [.fin, .ack]).first)
        let lastAck = try #require(Self.arrows(layout, from: .client, .ack).last)
        #expect(try #require(fin.endRow) < lastAck.startRow)
        let timeWaitRow = try #require(layout.rows.firstIndex { $0.note(.client) == .state(.timeWait, .receivedFin) })
        #expect(timeWaitRow == lastAck.startRow)
    }

    // MARK: Crossings

    @Test func theSYNsOfASimultaneousOpenCross() throws {
        let layout = try Self.layout(DiagramScenarios.figure7)
        let clientSYN = try #require(Self.arrows(layout, from: .client, .syn).first)
        let serverSYN = try #require(Self.arrows(layout, from: .server, .syn).first)
        let grid = Self.grid(layout)
        // The server's SYN leaves while the client's is still on the wire: its run crosses that leg.
        #expect(clientSYN.startRow < serverSYN.startRow && serverSYN.startRow < clientSYN.endRow!)
        #expect(grid[x: clientSYN.turnX, y: serverSYN.startRow].glyph == "┼")
        // And the SYN,ACKs cross too, as in the RFC's figure.
        let clientSynAck = try #require(Self.arrows(layout, from: .client, [.syn, .ack]).first)
        let serverSynAck = try #require(Self.arrows(layout, from: .server, [.syn, .ack]).first)
        #expect(grid[x: serverSynAck.turnX, y: clientSynAck.startRow].glyph == "┼")
    }

    @Test func segmentsThatDoNotOvertakeDoNotCross() throws {
        // A duplicate follows its original and arrives after it: no crossing between them.
        let layout = try Self.layout(DiagramScenarios.duplicated)
        let data = layout.arrows.filter { $0.wire.segment.payloadLength > 0 }
        try #require(data.count == 2)
        #expect(data[1].turnX < data[0].turnX)
        let grid = Self.grid(layout)
        for row in data[1].startRow ... data[1].endRow! {
            #expect(grid[x: data[0].turnX, y: row].glyph != "┼")
        }
    }

    // MARK: Faults and timers

    @Test func aLostSegmentStopsWithACross() throws {
        let layout = try Self.layout(DiagramScenarios.lostLastAck)
        let lost = try #require(layout.arrows.first { $0.isLost })
        #expect(lost.wire.segment.flags == .ack)
        let grid = Self.grid(layout)
        let row = grid.row(try #require(lost.endRow))
        #expect(row.contains("✗ lost"))
        #expect(row.contains("1115 ms"))
        // Its retransmitted FIN is marked, and the client's 2MSL restarts.
        #expect(layout.arrows.contains { layout.label(of: $0) == "FIN,ACK 1 ack 2 (again)" })
        #expect(layout.rows.contains { $0.note(.server) == .timerFired(.retransmission) })
        #expect(layout.rows.contains { $0.note(.client) == .timerRestarted(.timeWait) })
    }

    @Test func copiesAndStaleSegmentsAreTagged() throws {
        let duplicated = try Self.layout(DiagramScenarios.duplicated)
        #expect(duplicated.arrows.contains { layout in duplicated.label(of: layout).hasSuffix("(dup)") })
        let figure8 = try Self.layout(DiagramScenarios.figure8)
        // No incarnation was seen to open with it: its absolute number, marked, never "-10".
        #expect(figure8.arrows.map { figure8.label(of: $0) }.prefix(5) == [
            "SYN 0", "SYN #90 (stale)", "SYN,ACK 0 ack #91", "RST #91", "SYN,ACK 0 ack 1",
        ])
    }

    @Test func aLongIdleStretchFoldsIntoOneLineThatSaysHowLong() throws {
        let layout = try Self.layout(DiagramScenarios.figure12)
        let pauses = layout.rows.compactMap { row -> Micros? in
            if case .pause(let elapsed) = row.kind { return elapsed }
            return nil
        }
        // From the last ACK's arrival (1120 ms) to the end of TIME_WAIT (61 110 ms).
        #expect(pauses.contains(.ms(59_990)))
        let text = Self.grid(layout).text
        #expect(text.contains("≈ 60 s later ≈"))
        // Ten rows or so for a minute of TIME_WAIT, not thousands.
        #expect(layout.rowCount < 30)
    }

    // MARK: Numbers

    @Test func relativeNumbersStartAtZeroAbsoluteOnesAreTheWire() throws {
        let relative = try Self.layout(DiagramScenarios.figure6)
        let absolute = try Self.layout(DiagramScenarios.figure6, numbering: .absolute)
        let labels = { (layout: DiagramLayout) in layout.arrows.map { layout.label(of: $0) } }
        #expect(labels(relative) == ["SYN 0", "SYN,ACK 0 ack 1", "ACK 1 ack 1", "ACK 1:11 ack 1", "ACK 1 ack 11"])
        #expect(labels(absolute) == ["SYN 100", "SYN,ACK 300 ack 101", "ACK 101 ack 301", "ACK 101:111 ack 301", "ACK 301 ack 111"])
    }

    // MARK: States

    @Test func statesAreWrittenOnTheirOwnLifelineWhereTheyChange() throws {
        let layout = try Self.layout(DiagramScenarios.figure6)
        let syn = try #require(Self.arrows(layout, from: .client, .syn).first)
        #expect(layout.rows[syn.startRow].note(.client) == .state(.synSent, .activeOpen))
        #expect(layout.rows[try #require(syn.endRow)].note(.server) == .state(.synReceived, .receivedSyn))
        let grid = Self.grid(layout)
        let columns = layout.columns
        let arrival = grid.row(syn.endRow!)
        // Server states go right of the server's lifeline, client states left of the client's.
        #expect(arrival.firstRange(of: "SYN_RECEIVED")!.lowerBound > arrival.index(arrival.startIndex, offsetBy: columns.serverX))
        let departure = grid.row(syn.startRow)
        #expect(departure.hasPrefix(String(repeating: " ", count: columns.clientX - 1 - "SYN_SENT".count) + "SYN_SENT ●"))
    }

    // MARK: In flight and selection

    @Test func segmentsInFlightAreDrawnDoubleAndTheSelectedOneBracketed() throws {
        let scenario = try DiagramScenarios.scenario(DiagramScenarios.figure13)
        var stepper = Stepper(simulation: scenario.makeSimulation())
        for _ in 0 ..< 8 { stepper.stepForward() }
        let inFlight = stepper.simulation.inFlight
        try #require(inFlight.count == 2)
        let layout = DiagramLayout(events: stepper.events, config: .init(width: Self.width))
        #expect(layout.inFlightArrows.map { layout.arrows[$0].id } == inFlight.map(\.id))
        let options = DiagramOptions(width: Self.width, height: layout.rowCount, scroll: .top(row: 0), selected: inFlight[0].id)
        let grid = layout.render(options: options)
        let selected = try #require(layout.arrow(inFlight[0].id))
        #expect(grid.row(selected.startRow).contains("═[FIN,ACK 1 ack 1]"))
        let other = try #require(layout.arrow(inFlight[1].id))
        #expect(grid.row(other.startRow).contains("═ ACK 2 ack 2 ══●"))
        #expect(grid[x: other.turnX, y: layout.rowCount - 1].glyph == "╔" || grid[x: other.turnX, y: layout.rowCount - 1].glyph == "║")
    }

    // MARK: Windows and incremental updates

    @Test func theWindowFollowsTheNewestRowsOrStaysWhereScrolled() throws {
        let layout = try Self.layout(DiagramScenarios.figure12)
        let count = layout.rowCount
        #expect(layout.visibleRows(height: 5, scroll: .followNewest) == (count - 5) ..< count)
        #expect(layout.visibleRows(height: 5, scroll: .top(row: 2)) == 2 ..< 7)
        #expect(layout.visibleRows(height: 5, scroll: .top(row: count)) == (count - 5) ..< count)
        #expect(layout.visibleRows(height: 5, scroll: .back(rows: 2)) == (count - 7) ..< (count - 2))
        #expect(layout.visibleRows(height: 5, scroll: .back(rows: 1_000)) == 0 ..< 5)
        #expect(layout.visibleRows(height: 100, scroll: .followNewest) == 0 ..< count)
    }

    @Test func steppingForwardAndBackGivesTheSameLayoutAsStartingOver() throws {
        // Enough random faults and events to pass several checkpoints.
        var text = DiagramScenarios.rfcHead + "set seed 7\nset loss 10%\nset duplicate 5%\nset jitter 20% 30ms\nserver listen 80\nclient connect 80 from 5000\n"
        for index in 0 ..< 120 { text += "at \(100 + index * 13)ms \(index % 2 == 0 ? "client" : "server") send 50\n" }
        let scenario = try DiagramScenarios.scenario(text)
        var stepper = Stepper(simulation: scenario.makeSimulation())
        stepper.runUntilQuiet(limit: scenario.runUntil)
        let total = stepper.position
        try #require(stepper.events.count > 3 * FoldProgress<DiagramLayout.Snapshot>.checkpointInterval)
        var layout = DiagramLayout(events: stepper.events, config: .init(width: 100))
        for target in [total - 1, total / 2, total / 2 + 40, 3, total - 10, total] {
            stepper.go(to: target)
            layout.update(with: stepper.events)
            let fresh = DiagramLayout(events: stepper.events, config: .init(width: 100))
            #expect(layout.rows == fresh.rows, "rows differ after going to move \(target)")
            #expect(layout.arrows == fresh.arrows, "arrows differ after going to move \(target)")
            #expect(layout.inFlightArrows == fresh.inFlightArrows)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func randomHistoriesAtAnyWidthKeepTheRules(seed: Int) throws {
        var text = DiagramScenarios.rfcHead + "set seed \(seed)\nset loss 15%\nset duplicate 10%\nset jitter 30% 40ms\n"
        text += "server listen 80\nclient connect 80 from 5000\n"
        for index in 0 ..< 30 { text += "at \(50 + index * 7)ms \(index % 3 == 0 ? "server" : "client") send 40\n" }
        text += "at 2s client close\nat 2100ms server close\n"
        let scenario = try DiagramScenarios.scenario(text)
        var stepper = Stepper(simulation: scenario.makeSimulation())
        var steps = 0
        while stepper.stepForward() && steps < 400 {
            steps += 1
            guard steps % 7 == 0 else { continue }
            for width in [30, 60, 97, 250] {
                let options = DiagramOptions(width: width, height: 12, selected: stepper.simulation.inFlight.last?.id)
                let layout = DiagramLayout(events: stepper.events, config: options.layoutConfig)
                // What is in flight on screen is what is in flight in the simulation.
                #expect(layout.inFlightArrows.map { layout.arrows[$0].id } == stepper.simulation.inFlight.map(\.id))
                for arrow in layout.arrows {
                    if let end = arrow.endRow { #expect(end > arrow.startRow) }
                    #expect(arrow.turnX > layout.columns.clientX && arrow.turnX < layout.columns.serverX)
                }
                _ = layout.render(options: options)
            }
        }
    }

    @Test func aLongHistoryPaintsOnlyTheWindow() throws {
        var text = DiagramScenarios.rfcHead + "set loss 3%\nserver listen 80\nclient connect 80 from 5000\n"
        for index in 0 ..< 600 { text += "at \(100 + index * 37)ms \(index % 2 == 0 ? "client" : "server") send 100\n" }
        let events = try DiagramScenarios.events(text)
        #expect(events.count > 3_000)
        let options = DiagramOptions(width: 250, height: 70)
        let grid = DiagramLayout.render(events: events[...], options: options)
        #expect(grid.height == 70)
        #expect(!grid.row(69).isEmpty)
    }
}
