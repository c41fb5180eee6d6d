import TCPStepCore
import TCPStepScenario
import Testing

@testable import TCPStepRender

/// The whole live frame: header with states and timers, diagram, details, narration, keys.
@Suite struct DiagramScreenTests {
    static let narration = "The server never heard the client's last ACK, so its timer fired and it sent its FIN again."

    /// The key bar as the app makes it from its keymap (`KeyBindings.hints`).
    static let keyHints = [
        // The app's key bar (KeyBindings.hints): help and quit right after stepping.
        KeyHint("␣", "step"), KeyHint("←", "back"), KeyHint("?", "help"), KeyHint("q", "quit"),
        KeyHint("p", "play"), KeyHint("tab", "select"), KeyHint("d", "drop"), KeyHint("l", "delay"),
        KeyHint("u", "dup"), KeyHint("#", "rel/abs"),
    ]

    /// The lost-last-ACK story stopped at step 13: the client's second ACK is in flight.
    static func lostLastAckModel(selected: Bool, variants: TeachingVariants = TeachingVariants()) throws
        -> (ScreenModel, Stepper) {
        let scenario = try DiagramScenarios.scenario(DiagramScenarios.lostLastAck, title: "Lost final ACK")
        var stepper = Stepper(simulation: scenario.makeSimulation())
        for _ in 0 ..< 13 { stepper.stepForward() }
        let simulation = stepper.simulation
        let model = ScreenModel(
            scenarioTitle: scenario.title, profile: .rfc9293, variants: variants, now: simulation.now,
            step: simulation.stepCount, hosts: HostPanel.all(in: simulation), inFlight: simulation.inFlight,
            selected: selected ? simulation.inFlight.first?.id : nil, narration: narration, keyHints: keyHints)
        return (model, stepper)
    }

    static func render(_ model: ScreenModel, _ stepper: Stepper, width: Int, height: Int) -> (CellGrid, DiagramLayout) {
        let options = Screen.diagramOptions(for: model, width: width, height: height)
        let layout = DiagramLayout(events: stepper.events, config: options.layoutConfig)
        return (Screen.render(model, layout: layout, width: width, height: height), layout)
    }

    @Test func aFullFrame() throws {
        let (model, stepper) = try Self.lostLastAckModel(selected: true)
        let (grid, _) = Self.render(model, stepper, width: 80, height: 24)
        try golden.check(grid.text + "\n", named: "screen-lost-last-ack-80x24.txt")
    }

    @Test func theHeaderShowsStatesTimersTimeAndStep() throws {
        let (model, stepper) = try Self.lostLastAckModel(selected: false)
        let (grid, _) = Self.render(model, stepper, width: 100, height: 30)
        #expect(grid.row(0).contains("tcpstep · Lost final ACK · rfc9293"))
        #expect(grid.row(0).contains("t 2.110 s · step 13"))
        #expect(grid.row(1).contains("CLIENT 10.0.0.1:5000"))
        #expect(grid.row(1).contains("SERVER 10.0.0.2:80"))
        #expect(grid.row(2).contains("▐ TIME_WAIT ▌  2MSL 60.0 s"))
        #expect(grid.row(2).contains("▐ LAST_ACK ▌  RTO 1.9 s try 2"))
        // The state label is drawn in its state's colour, reversed into a solid block.
        let column = try #require(grid.row(2).firstRange(of: "TIME_WAIT")).lowerBound.utf16Offset(in: grid.row(2))
        #expect(grid[x: column, y: 2].style == Theme.default.state(.timeWait).with(bold: true, reverse: true))
        #expect(grid.row(ScreenRegions(width: 100, height: 30).detailsRow).contains("1 segment in flight · tab selects it"))
    }

    @Test func teachingVariantsAreMarkedNotTCP() throws {
        let (model, stepper) = try Self.lostLastAckModel(selected: false, variants: TeachingVariants(noTimeWait: true))
        let (grid, _) = Self.render(model, stepper, width: 100, height: 30)
        #expect(grid.row(0).contains("not TCP: no-time-wait"))
    }

    @Test func timerCountdownsReadAsTheDesignShows() {
        #expect(TimerCountdown(kind: .retransmission, remaining: .seconds(2), attempt: 1).text == "RTO 2.0 s try 2")
        #expect(TimerCountdown(kind: .timeWait, remaining: .ms(59_900)).text == "2MSL 59.9 s")
        #expect(TimerCountdown(kind: .retransmission, remaining: .ms(250)).text == "RTO 250 ms")
    }

    @Test func aTerminalThatIsTooSmallSaysSo() throws {
        let (model, stepper) = try Self.lostLastAckModel(selected: false)
        let (grid, _) = Self.render(model, stepper, width: 59, height: 20)
        #expect(grid.text.contains("terminal too small: need 60×16, have 59×20"))
        let (short, _) = Self.render(model, stepper, width: 100, height: 15)
        #expect(short.text.contains("have 100×15"))
        let (smallest, _) = Self.render(model, stepper, width: 60, height: 16)
        #expect(!smallest.text.contains("too small"))
    }

    @Test func clickingALegSelectsTheSegmentInFlight() throws {
        let (model, stepper) = try Self.lostLastAckModel(selected: false)
        let (grid, layout) = Self.render(model, stepper, width: 80, height: 24)
        let id = try #require(model.inFlight.first?.id)
        let arrow = try #require(layout.arrow(id))
        let area = ScreenRegions(width: 80, height: 24).diagram
        let window = layout.visibleRows(height: area.height, scroll: .followNewest)
        let y = area.y + arrow.startRow - window.lowerBound
        let x = area.x + arrow.turnX
        #expect(grid[x: x, y: y].glyph == "╗")
        #expect(Screen.segment(atX: x, y: y, model: model, layout: layout, width: 80, height: 24) == id)
        #expect(Screen.segment(atX: 0, y: y, model: model, layout: layout, width: 80, height: 24) == nil)
    }
}
