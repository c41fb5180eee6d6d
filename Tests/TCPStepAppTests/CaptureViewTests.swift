import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// The view over a capture: `tcpstep live` growing under it, `W`, and headers that say what the
/// trace is (the packets here come from a simulation: the model only sees trace events).
@Suite("Capture view")
struct CaptureViewTests {
    /// The teardown scenario's whole trace, as a capture of it would be read.
    static func trace() throws -> [TraceEvent] {
        var model = try AppFixture.model("teardown")
        while !model.source.isFinished { model.press(" ") }
        return Array(model.source.events)
    }

    static let origin = TraceOrigin.capture(inferredBy: .rfc9293, client: "127.0.0.1", server: "[::1]", live: true)

    /// What `tcpstep live` sends after reading packets: the trace through `step`.
    static func progress(_ events: [TraceEvent], through step: Int, packets: Int) -> CaptureProgress {
        var progress = CaptureProgress(events: events.filter { $0.step <= step }, interface: "lo (tcp port 80)", packets: packets, connections: 1)
        progress.shown = (1, "127.0.0.1:5000 → [::1]:80")
        progress.title = "interface lo: 127.0.0.1:5000 → [::1]:80"
        progress.origin = origin
        return progress
    }

    static func liveModel(language: NarrationLanguage = .english) -> AppModel {
        var options = AppOptions()
        options.language = language
        var model = AppModel(liveCaptureOn: "lo", filter: "tcp port 80", profile: .rfc9293, options: options)
        _ = model.update(.resize(width: 120, height: 40))
        return model
    }

    static func statusLine(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.contains("live on") || $0.contains("上抓包") }.map(String.init) ?? ""
    }

    @Test("Live: the view follows the newest step; stepped back, it stays while packets arrive; → catches up and it follows again")
    func follows() throws {
        let events = try Self.trace()
        var model = Self.liveModel()
        var screen = model.screenText()
        #expect(Self.statusLine(screen).contains("live on lo (tcp port 80): packets 0, connections 0; waiting for a connection that starts with a SYN"))
        #expect(screen.contains("live capture, states inferred by rfc9293"))

        _ = model.update(.captureGrew(Self.progress(events, through: 3, packets: 3)))
        #expect(model.source.position == 3)
        screen = model.screenText()
        #expect(Self.statusLine(screen).contains("live on lo (tcp port 80): packets 3, connections 1; showing #1 127.0.0.1:5000 → [::1]:80"))
        #expect(screen.contains("tcpstep · interface lo: 127.0.0.1:5000 → [::1]:80 · live capture, states inferred by rfc9293"))
        #expect(screen.contains("CLIENT 127.0.0.1:5000") && screen.contains("SERVER [::1]:80"))
        #expect(!screen.contains("10.0.0."))

        _ = model.update(.captureGrew(Self.progress(events, through: 5, packets: 5)))
        #expect(model.source.position == 5)
        model.press(.left)
        #expect(model.source.position == 4)
        let steppedBack = model.screenText()
        #expect(Self.statusLine(steppedBack).contains("stepped back (→ steps on to the newest); live on lo"))

        // More arrives: the count grows, the diagram stays where the user is.
        _ = model.update(.captureGrew(Self.progress(events, through: 8, packets: 8)))
        #expect(model.source.position == 4)
        let stillBack = model.screenText()
        #expect(Self.statusLine(stillBack).contains("packets 8"))
        #expect(stillBack.replacingOccurrences(of: "packets 8", with: "packets 5") == steppedBack)

        for _ in 0 ..< 4 { model.press(" ") }
        #expect(model.source.position == 8)
        #expect(!Self.statusLine(model.screenText()).contains("stepped back"))
        model.press(" ")
        #expect(model.status == "the newest packet: waiting for more (← steps back)")
        _ = model.update(.captureGrew(Self.progress(events, through: 10, packets: 10)))
        #expect(model.source.position == 10)
    }

    @Test("Live: a newest step that reads differently once its answer arrives is drawn again, as if read whole")
    func rewrittenStep() throws {
        let events = try Self.trace()
        var growing = Self.liveModel()
        // The first reading of step 6 lacks its last event (say, an arrival that a crossing segment postponed).
        var early = Self.progress(events, through: 6, packets: 6)
        early.events.removeLast()
        _ = growing.update(.captureGrew(early))
        _ = growing.screenText()
        _ = growing.update(.captureGrew(Self.progress(events, through: 9, packets: 9)))
        var whole = Self.liveModel()
        _ = whole.update(.captureGrew(Self.progress(events, through: 9, packets: 9)))
        #expect(growing.screenText() == whole.screenText())
        for _ in 0 ..< 4 {
            growing.press(.left)
            whole.press(.left)
            #expect(growing.screenText() == whole.screenText())
        }
    }

    @Test("Live status and W in Chinese")
    func chinese() throws {
        var model = Self.liveModel(language: .chinese)
        #expect(Self.statusLine(model.screenText()).contains("正在 lo (tcp port 80) 上抓包：0 个包，0 个连接；等待一个以 SYN 开始的连接"))
        model.press("W")
        #expect(model.status == "正在 lo (tcp port 80) 上抓包：0 个包，0 个连接；等待一个以 SYN 开始的连接")
        #expect(!model.asScenarioRequested)
        _ = model.update(.captureGrew(Self.progress(try Self.trace(), through: 3, packets: 3)))
        #expect(model.screenText().contains("实时抓包，状态按 rfc9293 推断"))
        model.press("W")
        #expect(model.asScenarioRequested)
        model.finishAsScenario(path: "/tmp/live-lo-conn1.tcps")
        #expect(model.status == "已把这个连接写成场景：/tmp/live-lo-conn1.tcps")
        #expect(!model.asScenarioRequested)
    }

    @Test("W: a capture asks the loop to write it; a simulation and a recording say why not")
    func writeAsScenario() throws {
        var simulation = try AppFixture.model("handshake")
        simulation.press("W")
        #expect(simulation.status == "W writes a capture as a scenario; this is a simulation (w saves the session)")
        #expect(!simulation.asScenarioRequested)

        var recordedScenario = Scenario()
        recordedScenario.origin = .recording
        var recording = AppModel(recording: try Self.trace(), scenario: recordedScenario)
        _ = recording.update(.resize(width: 100, height: 30))
        recording.press("W")
        #expect(recording.status == "W writes a capture as a scenario; a recorded trace has no captured packets")
        #expect(recording.screenText().contains("· recorded"))

        var capturedScenario = Scenario()
        capturedScenario.title = "curl.pcap: 127.0.0.1:5000 → [::1]:80"
        capturedScenario.origin = .capture(inferredBy: .linux, client: "127.0.0.1", server: "[::1]")
        var capture = AppModel(recording: try Self.trace(), scenario: capturedScenario)
        _ = capture.update(.resize(width: 120, height: 30))
        capture.press("W")
        #expect(capture.asScenarioRequested)
        capture.finishAsScenario(path: nil, failure: "cannot write /x.tcps")
        #expect(capture.status == "could not write the scenario: cannot write /x.tcps")
        capture.step(3)
        let screen = capture.screenText()
        #expect(screen.contains("curl.pcap: 127.0.0.1:5000 → [::1]:80 · capture, states inferred by linux"))
        #expect(screen.contains("CLIENT 127.0.0.1:5000"))
        #expect(KeyBindings.help.contains { $0.keys == "W" && !$0.actionZH.isEmpty })
    }

    @Test("render's header: a capture names its inference rules and real addresses; a simulation its profile")
    func renderHeader() throws {
        let events = try Self.trace()
        let options = DiagramOptions(width: 100, height: 0)
        let captured = DiagramExport.render(events: events[...], title: "t", profile: .rfc9293, variants: TeachingVariants(), options: options,
                                            origin: .capture(inferredBy: .linux, client: "192.0.2.7", server: "[2001:db8::1]")).text
        let lines = captured.split(separator: "\n")
        #expect(lines[0].hasPrefix("t · capture, states inferred by linux"))
        #expect(lines[1].contains("CLIENT 192.0.2.7:5000") && lines[1].contains("SERVER [2001:db8::1]:80"))
        let simulated = DiagramExport.render(events: events[...], title: "t", profile: .rfc9293, variants: TeachingVariants(), options: options).text
        #expect(simulated.hasPrefix("t · rfc9293\n"))
        #expect(simulated.split(separator: "\n")[1].contains("CLIENT 10.0.0.1:5000"))
    }
}
