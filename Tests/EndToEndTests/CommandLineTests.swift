import Foundation
import Testing

/// The binary as a script or a shell user meets it: exit codes, messages, no terminal garbage.
@Suite("Command line")
struct CommandLineTests {
    private func run(_ arguments: String, stdin: String = "/dev/null") -> (status: Int32, output: String) {
        Shell.run("env TERM=xterm-256color \(Shell.quote(Binary.path)) \(arguments) < \(stdin) 2>&1")
    }

    @Test("Without a terminal the view refuses in one line, exit 2, and points at trace/render")
    func notATerminal() {
        let result = run("")
        #expect(result.status == 2)
        #expect(result.output.split(separator: "\n").count == 1)
        #expect(result.output.contains("tcpstep trace") || result.output.contains("tcpstep render"))
        #expect(!result.output.contains("\u{1B}["), "no escape sequences may leak into a pipe")
    }

    @Test("A bad scenario line is reported as file:line:col with a non-zero exit")
    func badScenario() throws {
        let path = NSTemporaryDirectory() + "bad-\(getpid()).tcps"
        try "server listen 80\nclient connect eighty\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for command in ["check", "trace", "render", ""] {
            let result = run("\(command) \(path)")
            #expect(result.status != 0, "\(command)")
            #expect(result.output.hasPrefix("\(path):2:16: "), "\(command): \(result.output)")
        }
    }

    @Test("check names the segment each fault rule hit with the diagram's own label, and warns about a rule that hits none")
    func checkNamesHits() throws {
        let result = run("check lost-last-ack")
        #expect(result.status == 0)
        #expect(result.output == """
              drop c2s ACK#2  →  segment 7, ACK 2 ack 2, client → server, sent at 550 ms
            lost-last-ack: ok — Lost final ACK: why the closer waits in TIME_WAIT, 4 commands, 1 fault rule

            """)
        let path = NSTemporaryDirectory() + "rules-\(getpid()).tcps"
        try "server listen 80\nclient connect 80\nat 1s client close\nat 1.2s server close\ndrop c2s ACK#9\ndrop c2s final-ACK\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rules = run("check \(path)")
        #expect(rules.status == 0)
        #expect(rules.output == """
              warning: drop c2s ACK#9 matches no segment: nothing is dropped
              drop c2s final-ACK  →  segment 7, ACK 2 ack 2, client → server, sent at 1250 ms
            \(path): 1 warning — Untitled scenario, 4 commands, 2 fault rules

            """)
    }

    @Test("An unknown scenario name says so and lists where to look")
    func unknownScenario() {
        let result = run("trace no-such-scenario")
        #expect(result.status == 1)
        #expect(result.output.contains("tcpstep list"))
    }

    @Test("trace --json prints one JSON object per line, state names spelled the one way")
    func traceJSON() throws {
        let result = run("trace basic --json")
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count > 20)
        var states: Set<String> = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["t"] is NSNumber && object["event"] is String)
            if object["event"] as? String == "state" { states.insert(object["to"] as? String ?? "") }
        }
        #expect(states.isSuperset(of: ["SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSED"]))
    }

    @Test("--help teaches: it names the profiles, the keys and an example")
    func help() {
        let result = run("--help")
        #expect(result.status == 0)
        for word in ["rfc9293", "linux", "trace", "render", "list", "Examples"] {
            #expect(result.output.contains(word), "\(word)")
        }
    }
}
