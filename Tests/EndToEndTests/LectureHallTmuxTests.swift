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
    ]

    @Test("--lang zh: every word on screen is Chinese or a protocol word")
    func chineseEverywhere() throws {
        let tmux = try Tmux(width: 120, height: 40)
        tmux.type("\(tcpstep) lost-last-ack --lang zh; echo EXIT=$?")
        try tmux.waitFor("第 0 步")
        for _ in 0 ..< 9 { tmux.press("Space") }
        try tmux.waitFor("第 9 步")
        var screens = [tmux.screen()]
        tmux.press("?")
        screens.append(try tmux.waitFor("按键"))
        tmux.press("Escape")
        tmux.press("f")
        screens.append(try tmux.waitFor("s x a 键现在作用于服务器"))
        for screen in screens {
            let lines = screen.split(separator: "\n").filter { !$0.contains("PROMPT>") && !$0.contains("EXIT=") }
            let words = lines.flatMap { line in
                line.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { word in
                    // A protocol word cut short by a box drawn over it ("ESTABLISH") is still one.
                    word.count >= 3 && !Self.allowed.contains { $0.hasPrefix(word) }
                }
            }
            #expect(words.isEmpty, "English on a Chinese screen: \(words)\n\(screen)")
        }
        tmux.press("q")
        try tmux.waitFor("EXIT=0")
    }
}
