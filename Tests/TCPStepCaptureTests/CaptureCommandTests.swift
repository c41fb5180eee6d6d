import Foundation
import Testing

/// The capture commands as a user runs them: connections, trace, render, --as-scenario.
@Suite("Capture commands")
struct CaptureCommandTests {
    @Test("connections: one row per connection with endpoints, packets, times and how far it got")
    func connections() throws {
        let path = try RealCapture.make("reset")
        let result = RealCapture.run(LiveTests.binary, ["connections", path])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 3, "\(result.output)")
        #expect(lines[0] == "\(path): 6 packets, 1 TCP connection")
        #expect(lines[1].split(separator: " ", omittingEmptySubsequences: true) == ["#", "client", "server", "packets", "bytes", "first", "s", "last", "s", "how", "far"])
        let row = lines[2].split(separator: " ", omittingEmptySubsequences: true)
        #expect(row.first == "1" && row[3] == "6" && row[4] == "100" && row[5] == "0.000000" && row.last == "reset", "\(row)")
        #expect(row[1].hasPrefix("127.0.0.1:") && row[2].hasPrefix("127.0.0.1:"))
    }

    @Test("trace FILE.pcap --json: the scenario trace's event kinds and fields, states marked inferred")
    func traceJSON() throws {
        let path = try RealCapture.make("client-closes-first")
        let result = RealCapture.run(LiveTests.binary, ["trace", path, "--json"])
        #expect(result.status == 0)
        var sends: [[String: Any]] = [], states: [[String: Any]] = []
        for line in result.output.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            switch object["event"] as? String {
            case "send": sends.append(object)
            case "state": states.append(object)
            case "deliver": break
            default: Issue.record("unexpected event \(line)")
            }
        }
        #expect(sends.count == 11)
        for send in sends {
            for key in ["t", "from", "flags", "seq", "ack", "len", "sport", "dport", "retransmit"] { #expect(send[key] != nil, "\(key)") }
        }
        let first = sends[0], data = sends[3]
        #expect(first["t"] as? Double == 0 && first["from"] as? String == "client" && first["flags"] as? [String] == ["SYN"])
        // Absolute numbers, as for a scenario: the data's SEQ is the client's ISN + 1.
        #expect((data["seq"] as? NSNumber)?.int64Value == (first["seq"] as? NSNumber).map { $0.int64Value + 1 })
        #expect(data["len"] as? Int == 100 && data["flags"] as? [String] == ["PSH", "ACK"])
        #expect(states.allSatisfy { $0["inferred"] as? Bool == true && $0["host"] != nil && $0["from"] != nil && $0["to"] != nil })
        let times = (sends + states).compactMap { ($0["t"] as? NSNumber)?.doubleValue }
        #expect(times.allSatisfy { $0 >= 0 } && (times.max() ?? 0) > 150)
    }

    @Test("render FILE.pcap draws the captured connection with its inferred states")
    func render() throws {
        let path = try RealCapture.make("server-closes-first")
        let result = RealCapture.run(LiveTests.binary, ["render", path, "--width", "100", "--ascii"])
        #expect(result.status == 0)
        for state in ["SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT"] {
            #expect(result.output.contains(state), "\(state)")
        }
        #expect(result.output.contains("FIN,ACK"))
        // The header says what is true: a capture, inferred by a profile's rules, between its real hosts.
        let story = try RealCapture.story("server-closes-first")
        let wide = RealCapture.run(LiveTests.binary, ["render", path, "--width", "200"])
        let lines = wide.output.split(separator: "\n")
        #expect(lines[0] == "\(story.title) · capture, states inferred by rfc9293")
        #expect(lines[1].contains("CLIENT 127.0.0.1:\(story.connection.client.port)") && lines[1].contains("SERVER 127.0.0.1:\(story.connection.server.port)"))
        #expect(!result.output.contains("10.0.0."))
        let linux = RealCapture.run(LiveTests.binary, ["render", path, "--width", "200", "--profile", "linux", "--lang", "zh"])
        #expect(linux.output.hasPrefix("\(story.title) · 抓包，状态按 linux 推断\n"))
        let mermaid = RealCapture.run(LiveTests.binary, ["export", path, "--format", "mermaid", "-o", "-"])
        #expect(mermaid.output.contains("Note over C,S: capture, states inferred by rfc9293 · client 127.0.0.1:\(story.connection.client.port) ⇄ server 127.0.0.1:\(story.connection.server.port)"))
    }

    @Test("--as-scenario prints a scenario that `tcpstep check` accepts; check refuses the capture itself")
    func asScenario() throws {
        let path = try RealCapture.make("half-close")
        let scenario = RealCapture.run(LiveTests.binary, [path, "--as-scenario", "--profile", "linux"])
        #expect(scenario.status == 0)
        let file = RealCapture.directory + "/half-close.tcps"
        try scenario.output.write(toFile: file, atomically: true, encoding: .utf8)
        let check = RealCapture.run(LiveTests.binary, ["check", file])
        #expect(check.status == 0, "\(check.output)")
        let refused = RealCapture.run(LiveTests.binary, ["check", path])
        #expect(refused.status == 1 && refused.output.contains("is a capture, not a scenario"))
    }
}
