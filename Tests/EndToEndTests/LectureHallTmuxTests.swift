import Foundation
import Testing

/// The lecture-hall promises, checked on the real binary in tmux: the story's ending shows as a
/// closing card, the focused host stays marked, and `--lang zh` leaves no English UI word.
/// Not skipped without tmux: `.ci/run` installs it, and a machine without it fails here.
@Suite("Lecture hall in tmux", .serialized)
struct LectureHallTmuxTests {
    private var tcpstep: String { Shell.quote(Binary.path) }

    @Test("no-time-wait ends on a closing card with its Result")
    func closingCard() throws {
        let tmux = try Tmux(width: 120, height: 40)
        tmux.type("\(tcpstep) no-time-wait; echo EXIT=$?")
        try tmux.waitFor("step 0")
        var screen = ""
        for _ in 0 ..< 80 where !screen.contains(" the end ") {
            tmux.press("Space")
            screen = (try? tmux.waitFor(" the end ", timeout: 0.3)) ?? tmux.screen()
        }
        #expect(screen.contains(" the end "), "no closing card:\n\(screen)")
        #expect(screen.contains("Result: the server's application received 100 bytes"))
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("the focused host is still marked 5 s after f, and a status message is still there")
    func focusStaysVisible() throws {
        let tmux = try Tmux(width: 100, height: 30)
        tmux.type("\(tcpstep) basic; echo EXIT=$?")
        try tmux.waitFor("▶ CLIENT")
        tmux.press("f")
        try tmux.waitFor("▶ SERVER")
        sleep(5)
        let screen = tmux.screen()
        #expect(screen.contains("▶ SERVER 10.0.0.2"), "\(screen)")
        #expect(!screen.contains("▶ CLIENT"), "\(screen)")
        #expect(screen.contains("keys s x a act on the server"), "the status message stays until the next key:\n\(screen)")
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    /// Latin words a Chinese screen may keep: protocol words, state names, fields, units, keys.
    static let allowed: Set<String> = [
        "SYN", "ACK", "FIN", "RST", "TCP", "ISN", "MSL", "RTO", "seq", "ack", "win", "len", "ms",
        "CLOSED", "LISTEN", "SENT", "RECEIVED", "ESTABLISHED", "WAIT", "CLOSE", "CLOSING", "LAST", "TIME",
        "tcpstep", "rfc", "tab", "space", "esc", "enter", "PgUp", "PgDn", "Home", "End", "EXIT", "SVG", "HTML",
        "Linux", "linux", "TLP",
    ]

    /// tcpstep with `arguments` in a fresh window, stepped `steps` times; `step` is how the
    /// header writes a step number in the screen's language.
    private func started(_ arguments: String, width: Int, height: Int, steps: Int, step: (Int) -> String) throws -> Tmux {
        let tmux = try Tmux(width: width, height: height)
        tmux.type("\(tcpstep) \(arguments); echo EXIT=$?")
        try tmux.waitFor(step(0))
        for _ in 0 ..< steps { tmux.press("Space") }
        try tmux.waitFor(step(steps))
        return tmux
    }

    @Test("a narration longer than its panel scrolls with ] and [ behind a \"more ↓\" marker, at 80×24")
    func narrationScrolls() throws {
        let tmux = try started("lost-last-ack", width: 80, height: 24, steps: 12, step: { "step \($0)" })
        var screen = try tmux.waitFor("] more ↓")
        #expect(screen.contains("No ACK for the server's FIN came within 1 s"), "\(screen)")
        #expect(!screen.contains("make it worse."))
        // The rest, a few keys away; the marker now points back up.
        for _ in 0 ..< 6 where !screen.contains("make it worse.") {
            tmux.press("]")
            screen = try tmux.waitFor("[ more ↑")
        }
        #expect(screen.contains("make it worse."), "\(screen)")
        #expect(!screen.contains("] more ↓"))
        #expect(!screen.contains("No ACK for the server's FIN came within 1 s"))
        for _ in 0 ..< 6 { tmux.press("[") }
        screen = try tmux.waitUntil("back at the top") { $0.contains("No ACK for the server's FIN") && !$0.contains("[ more ↑") }
        #expect(screen.contains("] more ↓"))
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    /// The English words on a screen that should be all Chinese (protocol words allowed).
    static func englishWords(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n").filter { !$0.contains("PROMPT>") && !$0.contains("EXIT=") }
        return lines.flatMap { line in
            line.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { word in
                // A protocol word cut short by a box drawn over it ("ESTABLISH") is still one.
                word.count >= 3 && !Self.allowed.contains { $0.hasPrefix(word) }
            }
        }
    }

    @Test("--lang zh: the tail-loss-probe quiz, its verdict and the e export status are Chinese")
    func chineseQuizAndExport() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tcpstep-zh-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = "set profile linux\nset latency 100us\nserver listen 80\nclient connect 80 from 5000\nat 1s client close\ndrop c2s FIN+ACK#1\n"
        try scenario.write(to: directory.appendingPathComponent("tlp.tcps"), atomically: true, encoding: .utf8)
        let tmux = try Tmux(width: 120, height: 40)
        tmux.type("cd \(Shell.quote(directory.path)) && \(tcpstep) tlp.tcps --lang zh --quiz --no-journal; echo EXIT=$?")
        try tmux.waitFor("第 0 步")
        var screens: [String] = []
        // Answer the state questions (1 each time; right or wrong) until the probe question comes.
        var screen = ""
        // Each Space waits until the header shows another step or a question opens: on a loaded
        // machine a frame can take longer than a fixed half second, and a Space pressed into an
        // open question would skip it.
        func header(_ screen: String) -> Substring { screen.split(separator: "\n").first ?? "" }
        screen = tmux.screen()
        for _ in 0 ..< 60 where !screen.contains("Linux 接下来会怎么做") {
            let before = header(screen)
            tmux.press("Space")
            _ = try? tmux.waitUntil(timeout: 5, "the next step or a question") { now in
                now.contains("预测") || header(now) != before
            }
            // A capture taken while the frame is still being painted may show the quiz box
            // without its question yet: read the screen once two captures agree.
            screen = (try? tmux.waitUntil(timeout: 3, "a settled screen") { now in
                usleep(100_000)
                return tmux.screen() == now
            }) ?? tmux.screen()
            if screen.contains("预测"), !screen.contains("Linux 接下来会怎么做") {
                screens.append(screen)
                tmux.press("1")
                screen = (try? tmux.waitFor("空格继续", timeout: 5)) ?? tmux.screen()
            }
        }
        #expect(screen.contains("客户端的 FIN,ACK 还没有收到 ACK。"), "\(screen)")
        screens.append(screen)
        tmux.press("2")
        screens.append(try tmux.waitFor("答对了"))
        tmux.press("Escape")                                // (closes the verdict)
        tmux.press("e")
        // The status names the files and the directory: those are names, not words of the UI.
        let exported = try tmux.waitFor("已写入")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("tlp-step") }
        #expect(Set(files.map { $0.split(separator: ".").last! }) == ["svg", "html"], "\(files)")
        screens.append(files.reduce(exported.replacingOccurrences(of: directory.path, with: "")) {
            $0.replacingOccurrences(of: $1, with: "")
        })
        for screen in screens {
            #expect(Self.englishWords(screen).isEmpty, "English on a Chinese screen: \(Self.englishWords(screen))\n\(screen)")
        }
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }

    @Test("--lang zh: every word on screen is Chinese or a protocol word")
    func chineseEverywhere() throws {
        let tmux = try started("lost-last-ack --lang zh", width: 120, height: 40, steps: 9, step: { "第 \($0) 步" })
        var screens = [tmux.screen()]
        tmux.press("?")
        screens.append(try tmux.waitFor("按键"))
        tmux.press("Escape")
        tmux.press("f")
        screens.append(try tmux.waitFor("s x a 键现在作用于服务器"))
        for screen in screens {
            #expect(Self.englishWords(screen).isEmpty, "English on a Chinese screen: \(Self.englishWords(screen))\n\(screen)")
        }
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }
}
