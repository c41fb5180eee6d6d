import CNcursesw
import Glibc

/// What the crash handler needs, in memory it can read without allocating or taking a lock.
private struct FatalGuardState {
    /// The terminal's file descriptor.
    var fd: Int32
    /// Bytes that undo curses' terminal modes: leave the alternate screen, show the cursor, …
    var restoreBytes: UnsafeMutablePointer<UInt8>
    var restoreCount: Int
    /// The tty modes from before curses started.
    var savedModes: UnsafeMutablePointer<termios>
    /// The handlers we replaced (Swift's backtracer), indexed by signal number.
    var previous: UnsafeMutablePointer<sigaction>
    /// Whether to hand the signal on to the backtracer (only when SWIFT_BACKTRACE is set).
    var chainsToBacktracer: Bool
    /// The line written instead of a backtrace.
    var crashNote: UnsafeMutablePointer<UInt8>
    var crashNoteCount: Int
}

/// Set by `FatalSignalGuard.install` *before* the handlers are installed and cleared only *after*
/// they are removed, so a running handler never sees it change. That ordering is why this
/// unsynchronised global is safe.
nonisolated(unsafe) private var fatalGuardState: UnsafeMutablePointer<FatalGuardState>?

/// Restores the terminal, then ends the process at once by the same signal. Uses only
/// async-signal-safe calls.
///
/// Swift's backtracer, chained to, would print over the view and then wait 30 s at "Press space
/// to interact…" whenever stdin is a terminal (it decides that at start-up, so redirecting stdin
/// now does not help). So it is chained to only when `SWIFT_BACKTRACE` is set, by someone who
/// chose how it should behave (CI sets `interactive=no`); otherwise one line says what happened.
private func restoreTerminalAndReraise(_ sig: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if let state = fatalGuardState?.pointee {
        _ = write(state.fd, state.restoreBytes, state.restoreCount)
        _ = tcsetattr(state.fd, TCSANOW, state.savedModes)
        if state.chainsToBacktracer {
            // Called directly rather than re-raised: for a signal sent with kill(2) the
            // backtracer returns, and the program would carry on without its terminal.
            let previous = state.previous[Int(sig)]
            if previous.sa_flags & SA_SIGINFO != 0, let handler = previous.__sigaction_handler.sa_sigaction {
                handler(sig, info, context)
            }
        } else {
            _ = write(STDERR_FILENO, state.crashNote, state.crashNoteCount)
        }
    }
    _ = signal(sig, SIG_DFL)
    // Blocked until the handler returns; then it ends the process (a fault re-faults first).
    _ = raise(sig)
}

/// A crash (`fatalError`, a trap, a segfault, an abort) would otherwise leave the user's terminal
/// on the alternate screen, cursor hidden, echo off, mouse reporting on. See ncurses-swift.md §3.10.
/// SIGKILL cannot be caught; `stty sane; tput rmcup; tput cnorm` (or `reset`) repairs that.
enum FatalSignalGuard {
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    private static let signalSlots = 65  // signal numbers go up to SIGRTMAX (64) on Linux

    /// Installs the guard. Call after curses has started, so `tigetstr` can answer, and after
    /// the Swift runtime installed its backtracer, which the guard chains to.
    static func install(fd: Int32, savedModes: termios, mouseEnabled: Bool) {
        guard fatalGuardState == nil else { return }
        let bytes = restoreSequence(mouseEnabled: mouseEnabled)
        let restoreBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        restoreBytes.initialize(from: bytes, count: bytes.count)
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        modes.initialize(to: savedModes)
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: signalSlots)
        previous.initialize(repeating: sigaction(), count: signalSlots)
        let note = Array(("tcpstep crashed; the terminal was restored. For a backtrace, run it again with "
            + "SWIFT_BACKTRACE=interactive=no set.\n").utf8)
        let crashNote = UnsafeMutablePointer<UInt8>.allocate(capacity: note.count)
        crashNote.initialize(from: note, count: note.count)
        let state = UnsafeMutablePointer<FatalGuardState>.allocate(capacity: 1)
        state.initialize(to: FatalGuardState(
            fd: fd, restoreBytes: restoreBytes, restoreCount: bytes.count, savedModes: modes, previous: previous,
            chainsToBacktracer: getenv("SWIFT_BACKTRACE") != nil, crashNote: crashNote, crashNoteCount: note.count))
        fatalGuardState = state

        for sig in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = restoreTerminalAndReraise
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO
            _ = sigaction(sig, &action, previous + Int(sig))
        }
    }

    /// Puts the previous handlers back and frees the state. Safe to call when not installed.
    static func uninstall() {
        guard let state = fatalGuardState else { return }
        for sig in signals {
            _ = sigaction(sig, state.pointee.previous + Int(sig), nil)
        }
        fatalGuardState = nil
        state.pointee.restoreBytes.deallocate()
        state.pointee.savedModes.deallocate()
        state.pointee.previous.deallocate()
        state.pointee.crashNote.deallocate()
        state.deallocate()
    }

    /// The terminal's own strings for "attributes off, cursor normal, keypad off, mouse off,
    /// leave the alternate screen", fetched from terminfo instead of assuming xterm.
    private static func restoreSequence(mouseEnabled: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx"] {
            if let value = cw_tigetstr(capability) { bytes += Array(String(cString: value).utf8) }
        }
        if mouseEnabled { bytes += mouseOffSequence() }
        if let value = cw_tigetstr("rmcup") { bytes += Array(String(cString: value).utf8) }
        return bytes
    }

    /// XM (the extended mouse-mode capability) expanded with "off"; terminals that only list
    /// `kmous` get the X11 sequence ncurses itself would send.
    private static func mouseOffSequence() -> [UInt8] {
        if let xm = cw_tigetstr("XM"), let off = cw_tiparm1(xm, 0) {
            return Array(String(cString: off).utf8)
        }
        if cw_tigetstr("kmous") != nil { return Array("\u{1B}[?1000l".utf8) }
        return []
    }
}
