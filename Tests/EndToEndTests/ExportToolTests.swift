import Foundation
import Testing

/// `tcpstep export` checked by the real tools a reader would use: PlantUML, mscgen, librsvg,
/// tshark and a headless Chromium. A missing tool fails the test (CI installs them: `.ci/run`).
@Suite("Export, read by the real tools", .serialized)
struct ExportToolTests {
    static let builtins = ["basic", "handshake", "why-three-way", "why-three-way-two-way", "teardown", "lost-last-ack",
                           "no-time-wait", "lost-syn", "lost-syn-ack", "simultaneous-open", "simultaneous-close",
                           "half-open", "closed-port"]

    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "tcpstep-export-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    private func tcpstep(_ arguments: String) -> (status: Int32, output: String) {
        Shell.run("cd \(Shell.quote(directory)) && LANG=C.UTF-8 \(Shell.quote(Binary.path)) \(arguments) < /dev/null")
    }

    private func requireTool(_ name: String) throws {
        try #require(Shell.run("command -v \(name)").status == 0, "\(name) is missing: .ci/run installs it")
    }

    @Test("PlantUML and mscgen accept every built-in scenario")
    func plantUMLAndMscgen() throws {
        try requireTool("plantuml")
        try requireTool("mscgen")
        for name in Self.builtins {
            #expect(tcpstep("export \(name) --format plantuml -o \(name).puml").status == 0)
            #expect(tcpstep("export \(name) --format mscgen -o \(name).msc").status == 0)
            let mscgen = Shell.run("mscgen -T svg -o \(directory)/\(name)-msc.svg \(directory)/\(name).msc")
            #expect(mscgen.status == 0, "\(name): \(mscgen.output)")
        }
        // One Java start for all files: PlantUML exits non-zero (200) on any syntax error.
        let plantuml = Shell.run("cd \(directory) && plantuml -tsvg *.puml")
        #expect(plantuml.status == 0, "\(plantuml.output)")
        for name in Self.builtins {
            let svg = try String(contentsOfFile: "\(directory)/\(name).svg", encoding: .utf8)
            #expect(!svg.contains("Syntax Error"), "\(name)")
            #expect(svg.contains("SYN"), "\(name)")
        }
    }

    @Test("librsvg renders every figure, light and dark, English and Chinese")
    func rsvgRendersFigures() throws {
        try requireTool("rsvg-convert")
        for name in Self.builtins {
            for (suffix, options) in [("light-en", "--lang en"), ("dark-zh", "--theme dark --lang zh")] {
                let svg = "\(name)-\(suffix).svg"
                #expect(tcpstep("export \(name) --format svg \(options) -o \(svg)").status == 0)
                let render = Shell.run("rsvg-convert \(directory)/\(svg) -o \(directory)/\(name)-\(suffix).png")
                #expect(render.status == 0 && render.output.isEmpty, "\(svg): \(render.output)")
                let size = (try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(name)-\(suffix).png")[.size] as? Int) ?? 0
                #expect(size > 10_000, "\(svg) rendered to \(size) bytes")
            }
        }
    }

    /// tshark's reading of a capture: one row per packet.
    struct TsharkRow: Equatable, CustomStringConvertible {
        var source: String
        var flags: String
        var seq: String
        var ack: String
        var length: String
        var retransmission: Bool
        var description: String { "\(source) \(flags) seq=\(seq) ack=\(ack) len=\(length)\(retransmission ? " (retransmission)" : "")" }
    }

    private func tshark(_ pcap: String) throws -> [TsharkRow] {
        let fields = "-e ip.src -e tcp.flags -e tcp.seq -e tcp.ack -e tcp.len -e tcp.analysis.retransmission -e tcp.checksum.status -e ip.checksum.status -e _ws.malformed"
        let result = Shell.run("(tshark -n -r \(Shell.quote(pcap)) -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE -o tcp.relative_sequence_numbers:TRUE -T fields \(fields) -E separator=/t 2>\(Shell.quote(pcap)).err)")
        try #require(result.status == 0, "\(result.output)")
        let warnings = try String(contentsOfFile: pcap + ".err", encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("Running as user \"root\"") }
        #expect(warnings.isEmpty, "tshark warned: \(warnings)")
        return try result.output.split(separator: "\n").map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == 9, "\(line)")
            #expect(cells[6] == "1" && cells[7] == "1", "checksums good: \(line)")
            #expect(cells.count < 9 || cells[8].isEmpty, "not malformed: \(line)")
            return TsharkRow(source: cells[0], flags: cells[1], seq: cells[2], ack: cells[3], length: cells[4], retransmission: cells[5] == "1")
        }
    }

    /// What tcpstep's trace says the host's capture holds, in the same terms.
    private func expectedRows(_ name: String, at host: String) throws -> [TsharkRow] {
        let trace = tcpstep("trace \(name) --json").output.split(separator: "\n")
        var sent: [Int: [String: Any]] = [:]
        var rows: [TsharkRow] = []
        var isn: [String: UInt32] = [:]  // per sender: its first SYN's seq, as tcpstep numbers from
        func row(_ send: [String: Any]) -> TsharkRow {
            let from = send["from"] as? String ?? ""
            let flags = send["flags"] as? [String] ?? []
            let bits = [("FIN", 0x01), ("SYN", 0x02), ("RST", 0x04), ("PSH", 0x08), ("ACK", 0x10)]
                .reduce(0) { flags.contains($1.0) ? $0 | $1.1 : $0 }
            let seq = UInt32(send["seq"] as? Int ?? 0), ack = UInt32(send["ack"] as? Int ?? 0)
            let peer = from == "client" ? "server" : "client"
            let relativeSeq = isn[from].map { String(seq &- $0) } ?? String(seq)
            let relativeAck = flags.contains("ACK") ? (isn[peer].map { String(ack &- $0) } ?? String(ack)) : "0"
            return TsharkRow(source: from == "client" ? "10.0.0.1" : "10.0.0.2", flags: String(format: "0x%04x", bits),
                             seq: relativeSeq, ack: relativeAck, length: String(send["len"] as? Int ?? 0),
                             retransmission: send["retransmit"] as? Bool ?? false)
        }
        for line in trace {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            switch event["event"] as? String {
            case "send":
                sent[event["id"] as? Int ?? 0] = event
                let from = event["from"] as? String ?? ""
                if (event["flags"] as? [String] ?? []).contains("SYN"), isn[from] == nil {
                    isn[from] = UInt32(event["seq"] as? Int ?? 0)
                }
                if event["from"] as? String == host { rows.append(row(event)) }
            case "duplicate":
                if let original = sent[event["id"] as? Int ?? 0] { sent[event["copy"] as? Int ?? 0] = original }
            case "deliver":
                if event["to"] as? String == host, let segment = sent[event["id"] as? Int ?? 0] {
                    var received = row(segment)
                    received.retransmission = false  // judged below: only the sender's own count
                    rows.append(received)
                }
            default:
                break
            }
        }
        return rows
    }

    @Test("tshark reads each host's capture cleanly, with tcpstep's flags, relative numbers, lengths and retransmissions",
          arguments: ["handshake", "teardown", "lost-last-ack", "lost-syn", "lost-syn-ack", "simultaneous-close"])
    func tsharkAgrees(name: String) throws {
        try requireTool("tshark")
        for host in ["client", "server"] {
            let pcap = "\(directory)/\(name)-\(host).pcap"
            #expect(tcpstep("export \(name) --format pcap --at \(host) -o \(pcap)").status == 0)
            let seen = try tshark(pcap)
            let expected = try expectedRows(name, at: host)
            #expect(seen.count == expected.count, "\(name) at \(host): \(seen) vs \(expected)")
            let address = host == "client" ? "10.0.0.1" : "10.0.0.2"
            for (got, want) in zip(seen, expected) {
                var comparable = got
                // Retransmissions are compared on the sender's own segments: a receiver that never
                // saw the lost original cannot know (and tshark calls a network copy one too).
                if got.source != address { comparable.retransmission = false }
                #expect(comparable == want, "\(name) at \(host)")
            }
        }
    }

    /// Drives `page` with Scripts/html_player.py (STEPS space presses, then ←, →, the buttons,
    /// Home, End, p; then step GO_TO) and returns its report.
    private func playInChromium(_ page: String, steps: Int, goTo: Int) throws -> [String: Any] {
        try requireTool("chromium")
        try requireTool("chromedriver")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/html_player.py").path
        let result = Shell.run("/usr/bin/python3 \(Shell.quote(script)) \(directory)/\(page).html \(directory)/\(page).png \(steps) \(goTo)")
        try #require(result.status == 0, "\(result.output)")
        let json = try #require(result.output.split(separator: "\n").last)
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("The HTML player plays in a real browser: keys, buttons, live states, narration")
    func htmlPlayerInChromium() throws {
        #expect(tcpstep("export lost-last-ack --format html -o player.html").status == 0)
        let report = try playInChromium("player", steps: 10, goTo: 12)
        let log = try #require(report["log"] as? [[String: Any]])
        func at(_ index: Int) -> (Int, String, String, String) {
            (log[index]["step"] as? Int ?? -1, log[index]["client"] as? String ?? "", log[index]["server"] as? String ?? "",
             log[index]["inflight"] as? String ?? "")
        }
        #expect(log.allSatisfy { $0["futureVisible"] as? Int == 0 }, "nothing of a later step shows: \(log.map { $0["futureVisible"] ?? "?" })")
        #expect(log.map { $0["visibleGroups"] as? Int ?? 0 } .elementsEqual([3, 4, 6, 10, 15, 19, 22, 26, 30, 33, 37, 33, 37, 39, 37, 3, 58, 3]),
                "\(log.map { $0["visibleGroups"] ?? "?" })")
        #expect(at(0) == (0, "CLOSED", "CLOSED", "nothing in flight"))
        #expect(at(2) == (2, "SYN_SENT", "LISTEN", "in flight: → SYN 0"))
        #expect(at(10) == (10, "TIME_WAIT", "LAST_ACK", "in flight: → ACK 2 ack 2"))
        #expect(at(11).0 == 9, "← steps back")
        #expect(at(12).0 == 10, "→ steps forward")
        #expect(at(13).0 == 11 && at(14).0 == 10, "the buttons step too")
        #expect(at(15).0 == 0 && at(16).0 == 15, "Home and End")
        #expect((log[3]["narration"] as? String)?.contains("SYN_RECEIVED") == true)
        #expect(report["playLabel"] as? String == "⏸ pause", "p plays")
        #expect((report["errors"] as? [Any])?.isEmpty == true, "no console errors: \(report["errors"] ?? "")")
        #expect(report["cutChunks"] as? Int == 0 && report["overflowX"] as? Int == 0, "the figure fits: \(report)")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/player.png"))
    }

    /// The benchmark's trace (scripts/bench-html-browser.py times it; this only checks it works):
    /// 420 lifecycles with random faults, 10,197 events, a figure of 72 chunks.
    @Test("The HTML player of a 10,000-event trace steps, jumps and never shows the future; no chunk's drawing is cut")
    func htmlPlayerLongTrace() throws {
        let generator = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/long-scenario.sh").standardized.path
        try #require(Shell.run("\(Shell.quote(generator)) 420 > \(directory)/long.tcps").status == 0)
        #expect(tcpstep("export long.tcps --format html -o long.html").status == 0)
        let report = try playInChromium("long", steps: 12, goTo: 2000)
        let log = try #require(report["log"] as? [[String: Any]])
        let steps = log.map { $0["step"] as? Int ?? -1 }
        let last = try #require(report["lastStep"] as? Int)
        #expect(last > 3_000, "steps: \(last)")
        // load, 12 × space, ←, →, next, back, first, End, then p (at the end, play starts over
        // from step 0, and may have gone on to 1 by the time the page is read)
        #expect(Array(steps.dropLast()) == Array(0 ... 12) + [11, 12, 13, 12, 0, last], "\(steps)")
        #expect(steps.last == 0 || steps.last == 1, "\(steps)")
        #expect(log.allSatisfy { $0["futureVisible"] as? Int == 0 }, "\(log.map { $0["futureVisible"] ?? "?" })")
        // Stepping on from the start only ever adds to the figure.
        let shown = log.prefix(13).map { $0["visibleGroups"] as? Int ?? 0 }
        #expect(zip(shown, shown.dropFirst()).allSatisfy { $0 <= $1 } && shown[12] > shown[0], "\(shown)")
        #expect(log[2]["client"] as? String == "SYN_SENT" && (log[2]["inflight"] as? String)?.contains("→ SYN 0") == true, "\(log[2])")
        #expect(log.contains { ($0["liveShapes"] as? Int ?? 0) > 0 }, "segments in flight are drawn")
        #expect((report["errors"] as? [Any])?.isEmpty == true, "no console errors: \(report["errors"] ?? "")")
        #expect(report["cutChunks"] as? Int == 0, "every chunk's box holds what it draws: \(report["cutChunks"] ?? "?")")
        #expect(report["overflowX"] as? Int == 0, "the figure is no wider than its frame")
    }

    @Test("`render` and `export --format text|ansi` print the same diagram; every format goes to standard output")
    func renderIsExportText() throws {
        for name in ["lost-last-ack", "simultaneous-close"] {
            #expect(tcpstep("render \(name)").output == tcpstep("export \(name) --format text").output)
            #expect(tcpstep("render \(name) --width 80 --ascii --absolute").output ==
                    tcpstep("export \(name) --format text --width 80 --ascii --absolute").output)
            #expect(tcpstep("render \(name) --format ansi --theme mono").output ==
                    tcpstep("export \(name) --format ansi --theme mono").output)
        }
        for format in ["svg", "html", "mermaid", "plantuml", "mscgen", "text", "ansi"] {
            let result = tcpstep("export handshake --format \(format)")
            #expect(result.status == 0 && result.output.count > 200, "\(format)")
        }
        #expect(tcpstep("export handshake --format pcap -o handshake-file.pcap").status == 0)
        let piped = Shell.run("\(Shell.quote(Binary.path)) export handshake --format pcap | cmp - \(directory)/handshake-file.pcap && echo SAME")
        #expect(piped.output.contains("SAME"), "pcap into a pipe is the file's bytes: \(piped.output)")
    }

    @Test("Bad export requests: a clear message, a non-zero exit, and never a partial file")
    func badRequests() throws {
        let cases: [(String, String)] = [
            ("export handshake --format gif", "unknown format 'gif'"),
            ("export handshake --format svg --at server", "--at does not apply to --format svg"),
            ("export handshake --format mermaid --theme dark", "--theme does not apply to --format mermaid"),
            ("export handshake --format svg --theme solarized", "unknown theme 'solarized'"),
            ("export handshake --format svg --until 999", "--until 999 is past the end"),
            ("export handshake --format svg -o no/such/dir/out.svg", "cannot write 'no/such/dir/out.svg'"),
        ]
        for (arguments, message) in cases {
            let result = tcpstep(arguments + " 2>&1")
            #expect(result.status != 0, "\(arguments)")
            #expect(result.output.contains(message), "\(arguments): \(result.output)")
        }
        // A failing export leaves the file that was there alone, and no temporary file behind.
        try "old".write(toFile: "\(directory)/keep.svg", atomically: true, encoding: .utf8)
        #expect(tcpstep("export handshake --format svg --until 999 -o keep.svg").status != 0)
        #expect(try String(contentsOfFile: "\(directory)/keep.svg", encoding: .utf8) == "old")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test("pcap refuses a terminal with a hint; `e` in the view writes SVG and HTML of the step and says where")
    func terminalCases() throws {
        try #require(Tmux.isAvailable)
        let tmux = try Tmux()
        tmux.type("cd \(Shell.quote(directory)) && \(Shell.quote(Binary.path)) export handshake --format pcap; echo EXIT=$?")
        let screen = try tmux.waitFor("EXIT=6")
        #expect(screen.contains("-o capture.pcap") && screen.contains("EXIT=64"), "\(screen)")
        tmux.type("clear; \(Shell.quote(Binary.path)) lost-last-ack")
        try tmux.waitFor("CLIENT")
        tmux.press("Space", "Space", "Space", "e")
        try tmux.waitFor("wrote lost-last-ack-step3.svg and lost-last-ack-step3.html in \(directory)")
        tmux.press("q")
        let svg = try String(contentsOfFile: "\(directory)/lost-last-ack-step3.svg", encoding: .utf8)
        #expect(svg.contains("SYN,ACK 0 ack 1") && !svg.contains("FIN"))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/lost-last-ack-step3.html"))
    }
}
