import Foundation
import Testing

/// The real binary in a real terminal (tmux), used the way a lecturer uses it. Skipped where
/// tmux is missing; `.ci/run` installs it.
@Suite("Interactive view in tmux", .serialized, .enabled(if: Tmux.isAvailable))
struct InteractiveTests {
    private var tcpstep: String { Shell.quote(Binary.path) }

    /// The first line of the screen that mentions `label` inside a state badge.
    private func badge(_ state: String) -> String { "▐ \(state) ▌" }

    @Test("Handshake, drop, retransmission, step back, resize, quit with the prompt intact")
    func lectureSession() throws {
        let tmux = try Tmux(width: 120, height: 40)
        tmux.type("\(tcpstep) basic; echo EXIT=$?")
        try tmux.waitFor("step 0")
        tmux.press("Space")                                   // the server listens
        try tmux.waitFor(badge("LISTEN"))
        tmux.press("Space")                                   // the client connects: SYN in flight
        try tmux.waitFor(badge("SYN_SENT"))
        tmux.press("Space")                                   // the SYN arrives
        try tmux.waitFor(badge("SYN_RECEIVED"))
        tmux.press("Space")                                   // the SYN,ACK arrives: client ESTABLISHED
        tmux.press("Space")                                   // the ACK arrives: server ESTABLISHED
        try tmux.waitUntil("both ESTABLISHED") { $0.components(separatedBy: self.badge("ESTABLISHED")).count == 3 }

        tmux.press("Space")                                   // the client sends data: in flight, selected
        try tmux.waitFor("step 6")
        tmux.press("d")                                       // drop it
        try tmux.waitFor("✗")
        var screen = ""
        for _ in 0..<12 where !screen.contains("(again)") {  // step until the client's RTO resends it
            tmux.press("Space")
            screen = (try? tmux.waitFor("(again)", timeout: 0.5)) ?? tmux.screen()
        }
        #expect(screen.contains("(again)"), "the dropped data is retransmitted:\n\(screen)")
        #expect(screen.contains("RTO fired"))

        let stepBefore = try #require(Self.step(in: screen))
        tmux.press("Left")
        try tmux.waitFor("step \(stepBefore - 1) ")

        tmux.resize(width: 80, height: 24)
        try tmux.waitUntil("an 80-column frame") { $0.split(separator: "\n").first.map { $0.count == 80 && $0.hasPrefix("┌") } ?? false }
        tmux.resize(width: 40, height: 10)
        try tmux.waitFor("terminal too small")
        tmux.resize(width: 100, height: 30)
        try tmux.waitFor("step \(stepBefore - 1) ")

        tmux.press("q")
        try tmux.waitFor("EXIT=0")
        let after = try Self.sttyModes(tmux)
        #expect(after.contains("isig icanon echo"), "the terminal is back in cooked mode: \(after)")
        #expect(!tmux.screen().contains("┌─ tcpstep"), "the alternate screen is gone")
    }

    @Test("SIGTERM restores the terminal and exits 143")
    func sigterm() throws {
        let tmux = try Tmux(width: 100, height: 30)
        tmux.type("\(tcpstep) handshake; echo EXIT=$?")
        try tmux.waitFor("step 0")
        let pid = try #require(tmux.foregroundPID(named: "tcpstep"))
        kill(pid, SIGTERM)
        try tmux.waitFor("EXIT=143")
        let modes = try Self.sttyModes(tmux)
        #expect(modes.contains("isig icanon echo"), "stty is sane after SIGTERM: \(modes)")
    }

    @Test("Quiz: one right answer and one wrong one, and the score shows both")
    func quiz() throws {
        let tmux = try Tmux(width: 110, height: 36)
        tmux.type("\(tcpstep) handshake --quiz; echo EXIT=$?")
        try tmux.waitFor("step 0")
        var screen = ""
        for _ in 0..<4 where !screen.contains("answer with 1") {
            tmux.press("Space")
            screen = (try? tmux.waitFor("answer with 1", timeout: 2)) ?? ""
        }
        let first = try #require(Self.question(in: screen))
        tmux.press(String(first.rightKey))
        try tmux.waitFor("Right")
        try tmux.waitFor("1/1")
        tmux.press("Space")                                   // close the answer, continue
        screen = ""
        for _ in 0..<6 where !screen.contains("answer with 1") {
            tmux.press("Space")
            screen = (try? tmux.waitFor("answer with 1", timeout: 2)) ?? ""
        }
        let second = try #require(Self.question(in: screen))
        tmux.press(String(second.wrongKey))
        try tmux.waitFor("Not quite")
        try tmux.waitFor("1/2")
        tmux.press("q")
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("The pile-up view runs, a remedy switches on from the keyboard, q quits cleanly")
    func pileupView() throws {
        let tmux = try Tmux(width: 110, height: 34)
        tmux.type("\(tcpstep) time-wait-pileup; echo EXIT=$?")   // the built-in opens the pile-up view
        try tmux.waitFor("tcpstep pileup")
        try tmux.waitUntil("time passing") { Self.seconds(in: $0) ?? 0 >= 2 }
        tmux.press("5")
        try tmux.waitFor("5 [x] server closes first")
        try tmux.waitFor("cost:")
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("The pile-up's rate limit blacklists the crawler on screen; the header shows the speed achieved")
    func pileupBlacklist() throws {
        let tmux = try Tmux(width: 110, height: 34)
        tmux.type("\(tcpstep) pileup --blacklist-time 30s; echo EXIT=$?")
        try tmux.waitFor("tcpstep pileup")
        tmux.press("1")
        try tmux.waitFor("1 [x] rate-limit per IP (blacklist)")
        try tmux.waitFor("blacklisted IPs")
        try tmux.waitFor("next release in")
        try tmux.waitFor("(achieving ")
        // Past the first ban's end (30 s): the crawler, still over the limit, is blacklisted again at once.
        let screen = try tmux.waitUntil("the first ban's end") { Self.seconds(in: $0) ?? 0 >= 40 }
        #expect(screen.range(of: #"blacklisted IPs +1 "#, options: .regularExpression) != nil, "\(screen)")
        #expect(screen.contains("requests shed (503)"))
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    /// "t 93 s" in the pile-up header.
    static func seconds(in screen: String) -> Int? {
        guard let range = screen.range(of: #"t \d+ s"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(2).dropLast(2))
    }

    /// The terminal's line-discipline modes as stty prints them ("isig icanon echo" when sane).
    static func sttyModes(_ tmux: Tmux) throws -> String {
        tmux.type("echo MODES: $(stty -a | tr ' ' '\\n' | grep -x -e isig -e -isig -e icanon -e -icanon -e echo -e -echo) :END")
        let screen = try tmux.waitUntil("stty output") { $0.split(separator: "\n").contains { $0.hasPrefix("MODES:") } }
        return String(screen.split(separator: "\n").first { $0.hasPrefix("MODES:") } ?? "")
    }

    /// "step 12" in the header.
    static func step(in screen: String) -> Int? {
        guard let range = screen.range(of: #"step \d+"#, options: .regularExpression) else { return nil }
        return Int(screen[range].dropFirst(5))
    }

    /// The keys of the right and of a wrong answer to the question on screen.
    static func question(in screen: String) -> (rightKey: Int, wrongKey: Int)? {
        guard let hostRange = screen.range(of: #"Which state will the (client|server) enter next\?"#, options: .regularExpression) else { return nil }
        let host = screen[hostRange].contains("client") ? "client" : "server"
        guard let nowRange = screen.range(of: #"\(now [A-Z_0-9]+\)"#, options: .regularExpression) else { return nil }
        let from = String(screen[nowRange].dropFirst(5).dropLast())
        // Each choice is a line "  N  STATE"; which is right follows from TCP itself.
        let right = expectedNext(host: host, from: from)
        var rightKey: Int?, wrongKey: Int?
        let choice = #/│\s{3}([1-4])\s{2}([A-Z][A-Z_0-9]+)\s+│/#
        for line in screen.split(separator: "\n") {
            guard let match = line.firstMatch(of: choice), let key = Int(match.1) else { continue }
            if match.2 == right { rightKey = key } else if wrongKey == nil { wrongKey = key }
        }
        guard let rightKey, let wrongKey else { return nil }
        return (rightKey, wrongKey)
    }

    /// The handshake scenario's transitions, as a student should predict them.
    static func expectedNext(host: String, from: String) -> String {
        switch (host, from) {
        case ("client", "CLOSED"): "SYN_SENT"
        case ("client", "SYN_SENT"): "ESTABLISHED"
        case ("server", "LISTEN"): "SYN_RECEIVED"
        case ("server", "SYN_RECEIVED"): "ESTABLISHED"
        default: "?"
        }
    }
}
