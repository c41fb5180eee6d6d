import Glibc
import Synchronization

/// The last polite signal (see `PoliteSignals.handled`) that arrived, or 0. Written by the signal
/// handler, read by `TerminalSession.nextEvent`. An atomic store is async-signal-safe.
private let pendingPoliteSignal = Atomic<Int32>(0)

/// Only records the signal; all real work happens in the event loop, outside the handler.
private func recordPoliteSignal(_ signal: Int32) {
    pendingPoliteSignal.store(signal, ordering: .relaxed)
}

/// The signals that ask a program to end (SIGINT, SIGTERM, SIGHUP, SIGQUIT from Ctrl-\\) and
/// the ones whose default action would kill it with the terminal still raw (SIGUSR1, SIGUSR2,
/// SIGPIPE), turned into ordinary events: the loop restores the terminal and exits 128 + signal.
///
/// ncurses installs its own handlers for these only while they are still SIG_DFL, and its
/// handler restores the terminal and exits with status 1, skipping our cleanup. Installing ours
/// first keeps curses out of the way. No SA_RESTART: a blocked read then returns early, so the
/// loop notices the signal within one timeout.
struct PoliteSignals {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE]

    /// The dispositions we replaced, restored by `restore()`.
    private var previous: [Int32: sigaction] = [:]

    /// Installs the recording handler for every signal in `handled`.
    static func install() -> PoliteSignals {
        var installed = PoliteSignals()
        _ = pendingPoliteSignal.exchange(0, ordering: .relaxed)
        for signal in handled {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = recordPoliteSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            if sigaction(signal, &action, &old) == 0 { installed.previous[signal] = old }
        }
        return installed
    }

    /// Puts back the dispositions that were there before `install()`.
    func restore() {
        for (signal, action) in previous {
            var old = action
            _ = sigaction(signal, &old, nil)
        }
    }

    /// The signal that arrived since the last call, if any; clears it.
    static func take() -> Int32? {
        let signal = pendingPoliteSignal.exchange(0, ordering: .relaxed)
        return signal == 0 ? nil : signal
    }
}
