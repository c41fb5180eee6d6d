import Foundation
import TCPStepCore
import Testing

/// `tcpstep live`: a real connection followed as it happens, and clear refusals.
@Suite("Live capture")
struct LiveTests {
    @Test("live -i lo --json follows a half-closed connection: the same inferred paths as a file")
    func follows() throws {
        let path = RealCapture.directory + "/live-half-close.jsonl"
        let result = RealCapture.run("/usr/bin/env", ["python3", RealCapture.script, "half-close", path, "--live", Self.binary])
        try #require(result.status == 0, "\(result.output)")
        var paths: [String: [String]] = [:]
        var sends = 0
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if object["event"] as? String == "send" { sends += 1 }
            guard object["event"] as? String == "state", let host = object["host"] as? String else { continue }
            #expect(object["inferred"] as? Bool == true)
            if paths[host] == nil { paths[host] = [object["from"] as? String ?? ""] }
            paths[host]?.append(object["to"] as? String ?? "")
        }
        #expect(sends == 11)
        #expect(paths["client"] == InferredPathTests.activeCloser.map(\.name))
        #expect(paths["server"] == InferredPathTests.passiveCloserServer.map(\.name))
    }

    @Test("No such interface, a bad filter, no right to capture: one clear line, exit 1")
    func refusals() {
        let noInterface = RealCapture.run(Self.binary, ["live", "-i", "nosuchif0", "--json"])
        #expect(noInterface.status == 1 && noInterface.output.hasPrefix("tcpstep live: no interface 'nosuchif0'"), "\(noInterface.output)")
        let badFilter = RealCapture.run(Self.binary, ["live", "-i", "lo", "--json", "tcp", "port"])
        #expect(badFilter.status == 1 && badFilter.output.hasPrefix("tcpstep live: bad filter 'tcp port'"), "\(badFilter.output)")
        // CI runs as root: drop to nobody, without capabilities, to see the refusal users meet.
        let unprivileged = RealCapture.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                                                                 Self.binary, "live", "-i", "lo", "--json"])
        #expect(unprivileged.status == 1 && unprivileged.output.hasPrefix("tcpstep live: no permission to capture on 'lo'"), "\(unprivileged.output)")
        for result in [noInterface, badFilter, unprivileged] {
            #expect(result.output.split(separator: "\n").count == 1)
            #expect(!result.output.contains("\u{1B}["), "no escape sequences: the terminal was never touched")
        }
    }

    static var binary: String {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tcpstep").path,
                          URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                              .appendingPathComponent(".build/debug/tcpstep").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[1]
    }
}
