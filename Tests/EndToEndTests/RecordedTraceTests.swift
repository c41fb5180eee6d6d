import Foundation
import Testing

/// A trace written by `tcpstep trace --json` (or any program writing the contract) opened by
/// every command that takes a scenario, recognised by its content whatever its name.
@Suite("Recorded traces", .serialized)
struct RecordedTraceTests {
    private var tcpstep: String { Shell.quote(Binary.path) }

    private func run(_ arguments: String) -> (status: Int32, output: String) {
        Shell.run("env TERM=xterm-256color \(tcpstep) \(arguments) < /dev/null 2>&1")
    }

    private func temporary(_ name: String) -> String { NSTemporaryDirectory() + "\(getpid())-\(name)" }

    @Test("trace X --json > t && trace t --json prints the same bytes, for every built-in scenario")
    func roundTrip() throws {
        let names = run("list").output.split(separator: "\n").compactMap { line -> String? in
            line.first?.isLetter == true ? String(line.split(separator: " ")[0]) : nil
        }
        #expect(names.count >= 10)
        let path = temporary("trace.data")  // not named .jsonl: recognised by content
        defer { try? FileManager.default.removeItem(atPath: path) }
        for name in names {
            #expect(Shell.run("\(tcpstep) trace \(name) --json > \(path)").status == 0)
            let again = Shell.run("\(tcpstep) trace \(path) --json | cmp - \(path)")
            #expect(again.status == 0, "\(name): \(again.output)")
        }
        #expect(run("render \(path)").status == 0)
        #expect(run("check \(path)").output.contains("ok — a recorded trace of"))
    }

    @Test("A bad line is reported as file: line N: message, exit 1, in every command", arguments: ["check", "trace", "render", ""])
    func badLine(command: String) throws {
        let path = temporary("bad.jsonl")
        try """
            {"t":0,"step":1,"event":"app","host":"server","call":"listen","args":"80","result":"ok"}
            {"t":0,"step":1,"event":"state","host":"server","from":"CLOSED","to":"LISTENING","local":80,"remote":0,"cause":"passive-open"}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = run("\(command) \(path)")
        #expect(result.status == 1)
        #expect(result.output == "tcpstep: \(path): line 2: `state` event: unknown state \"LISTENING\" in field \"to\"\n")
    }

    @Test("tcpstep t.jsonl steps a recording forward and back; d says it needs a simulation", .enabled(if: Tmux.isAvailable))
    func viewer() throws {
        let path = temporary("lost-last-ack.jsonl")
        #expect(Shell.run("\(tcpstep) trace lost-last-ack --json > \(path)").status == 0)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tmux = try Tmux(width: 120, height: 40)
        tmux.type("\(tcpstep) \(path); echo EXIT=$?")
        try tmux.waitFor("step 0")
        for _ in 0 ..< 4 { tmux.press("Space") }
        try tmux.waitFor("step 4 ")
        try tmux.waitFor("▐ SYN_RECEIVED ▌")
        tmux.press("d")
        try tmux.waitFor("needs a live simulation: this is a recorded trace")
        tmux.press("Left")
        try tmux.waitFor("step 3 ")
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }
}
