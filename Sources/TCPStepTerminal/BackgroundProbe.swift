import Glibc
import TCPStepRender

/// Finds out whether the terminal's background is dark or light, so the default and projector
/// themes can pick colours that read on it: the terminal's own answer to OSC 11 where it gives
/// one, else `$COLORFGBG`, else dark (the common case, and what every theme looked like before).
public enum BackgroundProbe {
    /// The background, asking the terminal on /dev/tty only when stdin and stdout are terminals.
    /// Call before `TerminalSession.start()`: the answer must not reach curses as keystrokes.
    public static func detect(environment: [String: String]) -> TerminalBackground {
        if isatty(0) == 1, isatty(1) == 1, let reply = askTerminal(), let found = TerminalBackground.fromOSC11Reply(reply) {
            return found
        }
        return TerminalBackground.fromCOLORFGBG(environment["COLORFGBG"]) ?? .dark
    }

    /// Sends OSC 11 ("what is your background colour?") followed by DA1 ("who are you?"), which
    /// every terminal answers: when the DA1 answer comes back without an OSC 11 answer before it,
    /// the terminal does not know OSC 11, and nobody waits for the timeout. Raw mode, no echo,
    /// restored afterwards. Nil without a tty or an answer within `timeoutMs`.
    static func askTerminal(timeoutMs: Int32 = 150) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(tty, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(tty, TCSANOW, &saved) }
        let query = Array("\u{1B}]11;?\u{1B}\\\u{1B}[c".utf8)
        guard query.withUnsafeBytes({ write(tty, $0.baseAddress, $0.count) }) == query.count else { return nil }
        var reply: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        // Bounded: at most 4 KiB of answer and `timeoutMs` per wait.
        while reply.count < 4_096 {
            var poller = pollfd(fd: tty, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeoutMs) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { read(tty, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            reply += buffer[0 ..< count]
            if Self.endsWithDeviceAttributes(reply) { break }
        }
        return reply.isEmpty ? nil : String(decoding: reply, as: UTF8.self)
    }

    /// True once the DA1 answer (`ESC [ ? … c`) has arrived: everything before it is in.
    static func endsWithDeviceAttributes(_ bytes: [UInt8]) -> Bool {
        guard bytes.last == UInt8(ascii: "c"), let start = bytes.lastIndex(of: 0x1B) else { return false }
        return bytes[start...].starts(with: [0x1B, UInt8(ascii: "["), UInt8(ascii: "?")])
    }
}
