import Foundation
import Testing

/// Issue 14 through the real binary: each hostile input the issue lists, with the message and
/// exit status a user now gets, and never a control character from the input on the terminal.
@Suite("Hostile input on the command line")
struct HostileInputCommandTests {
    /// Runs tcpstep in `directory` (default: a fresh temporary one) with stdout and stderr together.
    private func run(_ arguments: String, in directory: String? = nil) -> (status: Int32, output: String) {
        let folder = directory ?? Self.scratch()
        return Shell.run("cd \(Shell.quote(folder)) && env TERM=xterm-256color \(Shell.quote(Binary.path)) \(arguments) < /dev/null 2>&1")
    }

    private static func scratch() -> String {
        let path = NSTemporaryDirectory() + "tcpstep-hostile-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static func write(_ text: String, _ name: String, in folder: String) {
        FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
    }

    private static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F..<0xA0).contains($0.value)) }
    }

    // MARK: Escapes in every output

    @Test("check, trace and a parse error show ESC, BEL and CSI from the file as visible escapes")
    func escapes() {
        let folder = Self.scratch()
        Self.write("title evil \u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}1m\nserver listen 80\n", "evil.tcps", in: folder)
        Self.write("server listen 80\nclient \u{1B}]0;PWNED\u{07}\n", "bad.tcps", in: folder)
        let check = run("check evil.tcps", in: folder)
        #expect(check.status == 0)
        #expect(check.output == "evil.tcps: ok — evil \\e]0;PWNED\\a\\e[2J\\u{9B}1m, 1 command, 0 fault rules\n")
        let trace = run("trace evil.tcps", in: folder)
        #expect(trace.output.hasPrefix("evil \\e]0;PWNED\\a\\e[2J\\u{9B}1m · profile rfc9293\n"))
        let error = run("trace bad.tcps", in: folder)
        #expect(error.status == 1)
        #expect(error.output.hasPrefix("bad.tcps:2:8: unknown action `\\e]0;PWNED\\a`"), "\(error.output)")
        // Option values and file names quoted by the command line parser are escaped too.
        // (popen's sh has no $'…': printf makes the control characters.)
        let option = run("pileup --msl \"$(printf '\\033]0;x\\007')\"", in: folder)
        #expect(option.output.contains("--msl: '\\e]0;x\\a' is not a duration"))
        let name = run("check \"$(printf '\\033[2J.tcps')\"", in: folder)
        #expect(name.output.contains("'\\e[2J.tcps'"))
        for result in [check, trace, error, option, name] {
            #expect(!Self.hasControlCharacters(result.output), "\(result.output)")
        }
    }

    // MARK: Line endings and encodings

    @Test("A CRLF copy of handshake.tcps checks and traces like the original")
    func crlf() {
        let folder = Self.scratch()
        let original = run("trace handshake --json", in: folder)
        let unix = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TCPStepScenario/Builtin/handshake.tcps").standardized
        let text = (try? String(contentsOf: unix, encoding: .utf8)) ?? ""
        Self.write("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), "crlf.tcps", in: folder)
        let check = run("check crlf.tcps", in: folder)
        #expect(check.output == "crlf.tcps: ok — The three-way handshake, number by number, 3 commands, 0 fault rules\n")
        #expect(run("trace crlf.tcps --json", in: folder).output == original.output)
    }

    @Test("Bytes that are not UTF-8 are reported at file:line:col")
    func notUTF8() throws {
        let folder = Self.scratch()
        FileManager.default.createFile(atPath: folder + "/latin1.tcps", contents: Data("title caf".utf8 + [0xE9] + Array("\n".utf8)))
        let result = run("check latin1.tcps", in: folder)
        #expect(result.status == 1)
        #expect(result.output == "latin1.tcps:1:10: byte 0xE9 is not UTF-8 text; save the file as UTF-8\n")
    }

    // MARK: What a path names

    @Test("A directory, a FIFO and a device are named at once, without being read")
    func fileKinds() {
        let folder = Self.scratch()
        Shell.run("mkfifo \(Shell.quote(folder + "/pipe.tcps"))")
        let started = Date()
        #expect(run("check pipe.tcps", in: folder).output == "tcpstep: 'pipe.tcps' is a FIFO (named pipe), not a scenario file\n")
        #expect(Date().timeIntervalSince(started) < 5, "opening a FIFO would wait for a writer")
        #expect(run("check /tmp/", in: folder).output == "tcpstep: '/tmp/' is a directory, not a scenario file\n")
        #expect(run("trace /dev/zero", in: folder).output == "tcpstep: '/dev/zero' is a character device, not a scenario file\n")
    }

    @Test("check '' is an error, and a bare name that is also a file says which one it used")
    func namesAndPaths() {
        let folder = Self.scratch()
        let empty = run("check ''", in: folder)
        #expect(empty.status == 1)
        #expect(empty.output.hasPrefix("tcpstep: the scenario name is empty"))
        Self.write("title My own handshake\nserver listen 80\n", "handshake", in: folder)
        let bare = run("check handshake", in: folder)
        #expect(bare.output == """
            tcpstep: 'handshake' is a built-in scenario and also a file here; using the built-in (write ./handshake for the file)
            handshake: ok — The three-way handshake, number by number, 3 commands, 0 fault rules

            """)
        #expect(run("check ./handshake", in: folder).output == "./handshake: ok — My own handshake, 1 command, 0 fault rules\n")
    }

    // MARK: Bounds

    @Test("Virtual time beyond 100 years is refused, in check and in trace")
    func overflowFile() {
        let folder = Self.scratch()
        Self.write("server listen 80\n" + String(repeating: "+999999999min client close\n", count: 154), "over.tcps", in: folder)
        for command in ["check", "trace"] {
            let result = run("\(command) over.tcps", in: folder)
            #expect(result.status == 1)
            #expect(result.output == "over.tcps:2:1: `+999999999min` is beyond the range of virtual time (0 to 100 years)\n")
        }
    }

    @Test("pileup: every option the issue crashed with, and the misleading messages", arguments: [
        ("--duration 1e13", "--duration: '1e13' is outside the range of virtual time (0 to 100 years)"),
        ("--rate 1000 --msl 1500h --duration 1s", nil),
        ("--msl 1e10s", "--msl: '1e10s' is outside the range of virtual time (0 to 100 years)"),
        ("--msl 4.7e12s", "--msl: '4.7e12s' is outside the range of virtual time (0 to 100 years)"),
        ("--latency 9.2233720368547e12s", "--latency: '9.2233720368547e12s' is outside the range of virtual time (0 to 100 years)"),
        ("--lifetime 9.2233720368547e12s", "--lifetime: '9.2233720368547e12s' is outside the range of virtual time (0 to 100 years)"),
        ("--rate -5", "--rate must be between 1 and 1000000 requests a second, not -5"),
        ("--msl 0s", "--msl must be longer than 0 (TIME_WAIT lasts 2 × MSL), e.g. 30s"),
        ("--msl nan", "--msl: 'nan' is not a duration such as 30s"),
        ("--ports 0-5", "--ports: '0-5' is not a range such as 32768-60999 (ports 1 to 65535)"),
        ("--crawler-rate 600", "--crawler-rate must be between 0 and --rate (500), not 600"),
        ("--rate 100 --crawler-rate -1", "--crawler-rate must be between 0 and --rate (100), not -1"),
        ("--crawler-ips 0", "--crawler-ips must be between 1 and 100000 addresses, not 0"),
        ("--client-ips 100001", "--client-ips must be between 1 and 100000 addresses, not 100001"),
        ("--per-ip-limit 0", "--per-ip-limit must be between 1 and 1000000 requests a second, not 0"),
        ("--blacklist-time 0.5s", "--blacklist-time must be at least 1s, e.g. 600s"),
        ("--blacklist-time soon", "--blacklist-time: 'soon' is not a duration such as 600s"),
        ("--blacklist-time 1e13", "--blacklist-time: '1e13' is outside the range of virtual time (0 to 100 years)"),
    ] as [(String, String?)])
    func pileupOptions(_ options: String, _ message: String?) {
        if let message {
            let result = run("pileup --headless \(options)")
            #expect(result.status == 64, "\(result.output)")
            #expect(result.output.hasPrefix("Error: \(message)\n"), "\(result.output)")
        } else {
            // In range: the header's prediction (3000 h of TIME_WAIT × 1000 a second, which
            // overflowed Int64 in microseconds) is exact, and the run ends normally.
            let result = run("pileup --headless \(options)")
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains("predicted TIME_WAIT 10800000000"), "\(result.output)")
        }
    }

    @Test("render --width/--height are bounded with a clear message")
    func renderBounds() {
        for (options, message) in [
            ("--width 100000000", "--width must be between 54 and 1000 columns, not 100000000"),
            ("--width -5", "--width must be between 54 and 1000 columns, not -5"),
            ("--height 0", "--height must be between 1 and 10000 rows, not 0"),
            ("--height 100000000", "--height must be between 1 and 10000 rows, not 100000000"),
        ] {
            let result = run("render handshake \(options)")
            #expect(result.status == 64)
            #expect(result.output.hasPrefix("Error: \(message)\n"), "\(result.output)")
        }
        #expect(run("render handshake --width 1000 --height 10000").status == 0)
    }

    @Test("A run stops at the event limit with a message and exit 1, after exactly N events")
    func eventLimit() {
        let folder = Self.scratch()
        Self.write("set mss 1\nserver listen 80\nclient connect 80\n+1s client send 1073741824\n", "big.tcps", in: folder)
        let json = Shell.run("cd \(folder) && \(Shell.quote(Binary.path)) trace big.tcps --json --max-events 5000 2>/dev/null | wc -l")
        #expect(json.output.trimmingCharacters(in: .whitespacesAndNewlines) == "5000")
        let result = run("trace big.tcps --json --max-events 5000", in: folder)
        #expect(result.status == 1)
        #expect(result.output.hasSuffix("tcpstep: stopped at the event limit, 5000 events (1 s of virtual time); raise it with --max-events N or `set max-events N`\n"))
        Self.write("set max-events 10\nserver listen 80\nclient connect 80\n", "ten.tcps", in: folder)
        #expect(run("trace ten.tcps --json", in: folder).output.split(separator: "\n").count == 11)  // 10 events + the message
        #expect(run("trace big.tcps --max-events 0", in: folder).output.hasPrefix("Error: --max-events must be between 1 and 100000000, not 0"))
    }

    @Test("The binary copied alone to an empty folder lists and runs the built-ins")
    func standaloneBinary() {
        let folder = Self.scratch()
        Shell.run("cp \(Shell.quote(Binary.path)) \(Shell.quote(folder + "/tcpstep"))")
        // A folder beside it that looks like the old resource bundle must change nothing.
        Shell.run("mkdir -p \(Shell.quote(folder + "/tcpstep_TCPStepScenario.resources/Builtin"))")
        Self.write("title Impostor\n", "tcpstep_TCPStepScenario.resources/Builtin/handshake.tcps", in: folder)
        let list = Shell.run("cd / && \(Shell.quote(folder + "/tcpstep")) list 2>&1")
        #expect(list.status == 0)
        #expect(list.output.contains("handshake") && list.output.contains("time-wait-pileup"))
        let trace = Shell.run("cd / && \(Shell.quote(folder + "/tcpstep")) trace handshake 2>&1")
        #expect(trace.status == 0)
        #expect(trace.output.hasPrefix("The three-way handshake, number by number"))
        #expect(Shell.run("cd / && \(Shell.quote(folder + "/tcpstep")) render teardown 2>&1").status == 0)
    }
}
