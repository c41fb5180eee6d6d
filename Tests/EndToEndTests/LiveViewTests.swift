import Foundation
import Testing

/// `tcpstep live -i lo FILTER` in a terminal, as a person runs it while a program talks over
/// loopback: the connection is drawn as its packets arrive. Needs root (CI runs as root) and
/// python3; without them the test fails, it does not skip.
@Suite("Live capture in the terminal", .serialized)
struct LiveViewTests {
    private var tcpstep: String { Shell.quote(Binary.path) }

    private static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/live_talk.py").path
    }

    /// Polls for a file the talking script writes.
    private func waitForFile(_ path: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return text }
            usleep(20_000)
        }
        throw TmuxError.failed("\(path) did not appear within \(timeout) s")
    }

    @Test("The handshake is drawn as it happens; stepped back, the view stays while data arrives; W writes the scenario; q restores the terminal")
    func drawsAsItHappens() throws {
        let directory = NSTemporaryDirectory() + "tcpstep-live-\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // In the background, its output away from our pipe (or reading it would wait for the script).
        Shell.run("python3 \(Shell.quote(Self.script)) \(Shell.quote(directory)) > \(Shell.quote(directory + "/talk.log")) 2>&1 &")
        let port = try waitForFile(directory + "/port")

        let tmux = try Tmux(width: 120, height: 40)
        tmux.type("cd \(Shell.quote(directory)) && \(tcpstep) live -i lo tcp port \(port); echo EXIT=$?")
        try tmux.waitFor("live on lo (tcp port \(port)): packets 0, connections 0; waiting for a connection that starts with a SYN")
        #expect(tmux.screen().contains("live capture, states inferred by rfc9293"))

        // Act one: the handshake and 100 bytes.
        FileManager.default.createFile(atPath: directory + "/go", contents: nil)
        var screen = try tmux.waitUntil("the handshake and the data's ACK") {
            $0.contains("packets 5, connections 1; showing #1 127.0.0.1:") && $0.contains("ACK 1 ack 101")
        }
        for expected in ["SYN_SENT ●── SYN 0 ─", "SYN,ACK 0 ack 1 ──●", "ESTABLISHED ●◀─", "▶● SYN_RECEIVED", "▶● ESTABLISHED",
                         "ACK 1:101 ack 1 100 B", "CLIENT 127.0.0.1:", "SERVER 127.0.0.1:\(port)"] {
            #expect(screen.contains(expected), "\(expected) missing:\n\(screen)")
        }
        #expect(!screen.contains("10.0.0."))

        // Stepped back two steps: more packets arrive, the diagram stays.
        tmux.press("Left")
        tmux.press("Left")
        try tmux.waitFor("stepped back (→ steps on to the newest)")
        FileManager.default.createFile(atPath: directory + "/go2", contents: nil)
        _ = try waitForFile(directory + "/done")
        screen = try tmux.waitFor("packets 10, connections 1")
        #expect(screen.contains("stepped back"))
        #expect(!screen.contains("FIN"), "the view stayed where the user stepped back to:\n\(screen)")

        // Stepping on reaches what arrived meanwhile: both closes, TIME_WAIT and CLOSED.
        for _ in 0 ..< 7 { tmux.press("Right") }
        screen = try tmux.waitUntil("the close") { $0.contains("TIME_WAIT ●◀─") && $0.contains("▶● CLOSED") }
        #expect(screen.contains("FIN_WAIT_1 ●── FIN,ACK 101 ack 201"))
        #expect(screen.contains("● LAST_ACK"))
        #expect(!screen.contains("stepped back"))

        tmux.press("W")
        try tmux.waitFor("wrote the connection as a scenario: \(directory)/live-lo-conn1.tcps")
        let scenario = try String(contentsOfFile: directory + "/live-lo-conn1.tcps", encoding: .utf8)
        #expect(scenario.contains("at 0ms client connect \(port) from "))
        #expect(scenario.contains("set latency c2s ") && scenario.contains("set latency s2c "))

        tmux.press("q")
        try tmux.waitFor("EXIT=0")
        #expect(tmux.terminalModes() == "alternate=0 cursor=1 mouse=0")
    }

    @Test("No such interface, a bad filter, no right to capture: one line before the terminal is touched, exit 1")
    func refusals() throws {
        let tmux = try Tmux(width: 200, height: 20)
        let cases = [
            ("live -i nosuchif0 tcp port 1", "tcpstep live: no interface 'nosuchif0'"),
            ("live -i lo tcp port", "tcpstep live: bad filter 'tcp port'"),
        ]
        // Each run ends with its own marker, so the screen read is that run's.
        for (index, (arguments, message)) in cases.enumerated() {
            tmux.type("clear; \(tcpstep) \(arguments); echo EXIT\(index)=$?")
            // (The typed line holds "EXIT0=$?": only the exit status's line says "EXIT0=1".)
            let screen = try tmux.waitFor("EXIT\(index)=1")
            #expect(screen.contains(message), "\(screen)")
        }
        // CI runs as root: drop to nobody, without capabilities, to see the refusal users meet.
        tmux.type("clear; setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \(tcpstep) live -i lo; echo EXIT9=$?")
        let screen = try tmux.waitFor("EXIT9=1")
        #expect(screen.contains("tcpstep live: no permission to capture on 'lo'"), "\(screen)")
        #expect(tmux.terminalModes() == "alternate=0 cursor=1 mouse=0")
    }
}
