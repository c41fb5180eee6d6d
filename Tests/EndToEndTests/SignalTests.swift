import Foundation
import Testing

/// Issue 14: every way the view can end leaves the terminal as it was: line discipline
/// (`stty -a`), alternate screen, cursor and mouse (tmux's own view of the pane).
///
/// The commands run under `sh -c`, which, unlike an interactive bash, does not repair the tty
/// after a child dies, so the `stty` line sees exactly what tcpstep left behind.
@Suite("Signals restore the terminal", .serialized, .enabled(if: Tmux.isAvailable))
struct SignalTests {
    private var tcpstep: String { Shell.quote(Binary.path) }

    /// Starts the view under `sh -c`, sends `signal`, and returns what the shell then printed
    /// and tmux's modes. `environment` prefixes the command (e.g. unsetting SWIFT_BACKTRACE).
    private func end(by signal: Int32, environment: String = "", promptly: Bool = true) throws -> (screen: String, modes: String) {
        let tmux = try Tmux(width: 100, height: 30)
        let script = "\(environment) \(tcpstep) handshake; echo EXIT=$?; echo MODES: $(stty -a | tr ' ' '\\n' | grep -x -e isig -e -isig -e icanon -e -icanon -e echo -e -echo) :END"
        tmux.type("sh -c \(Shell.quote(script))")
        try tmux.waitFor("step 0")
        let pid = try #require(tmux.foregroundPID(named: "tcpstep"))
        let started = Date()
        kill(pid, signal)
        // (The typed command line contains the markers too: look for lines that start with them.)
        let screen = try tmux.waitUntil(timeout: promptly ? 5 : 30, "the MODES line") { $0.split(separator: "\n").contains { $0.hasPrefix("MODES:") } }
        if promptly { #expect(Date().timeIntervalSince(started) < 3, "ends at once, never waiting at a prompt") }
        return (screen, tmux.terminalModes())
    }

    static func lines(_ screen: String) -> [String] { screen.split(separator: "\n").map(String.init) }

    @Test("SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGHUP, SIGINT and SIGTERM end the view like q, exit 128 + signal",
          arguments: [SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGHUP, SIGINT, SIGTERM])
    func politeSignal(_ signal: Int32) throws {
        let (screen, modes) = try end(by: signal)
        #expect(Self.lines(screen).contains("EXIT=\(128 + signal)"), "\(screen)")
        #expect(Self.lines(screen).contains("MODES: isig icanon echo :END"), "\(screen)")
        #expect(modes == "alternate=0 cursor=1 mouse=0")
        #expect(!screen.contains("Program crashed"))
    }

    @Test("A crash (SIGSEGV, SIGABRT, SIGILL) restores the terminal and ends at once, no backtrace prompt",
          arguments: [SIGSEGV, SIGABRT, SIGILL])
    func crash(_ signal: Int32) throws {
        // Without SWIFT_BACKTRACE, as a user runs it: the runtime's backtracer would wait 30 s.
        let (screen, modes) = try end(by: signal, environment: "env -u SWIFT_BACKTRACE")
        #expect(screen.contains("tcpstep crashed; the terminal was restored"), "\(screen)")
        #expect(Self.lines(screen).contains("EXIT=\(128 + signal)"), "\(screen)")
        #expect(Self.lines(screen).contains("MODES: isig icanon echo :END"), "\(screen)")
        #expect(!screen.contains("Press space to interact"))
        #expect(modes == "alternate=0 cursor=1 mouse=0")
    }

    @Test("With SWIFT_BACKTRACE set, a crash still restores the terminal first, then the backtrace prints")
    func crashWithBacktrace() throws {
        let (screen, modes) = try end(by: SIGSEGV, environment: "env SWIFT_BACKTRACE=interactive=no", promptly: false)
        #expect(screen.contains("Program crashed"), "the backtracer had its turn: \(screen)")
        #expect(Self.lines(screen).contains("EXIT=139"), "\(screen)")
        #expect(Self.lines(screen).contains("MODES: isig icanon echo :END"), "\(screen)")
        #expect(modes == "alternate=0 cursor=1 mouse=0")
    }
}
