import CNcursesw
import Glibc
import TCPStepRender

/// The interactive terminal, driven through ncurses: the one place tcpstep touches a TTY.
///
/// The app's loop is: `paint(view(model))`, then `nextEvent(timeoutMs:)`, then `update`. Keys,
/// clicks, resizes and polite signals all arrive as `TerminalEvent`s; nothing else is reported.
///
/// ```swift
/// let session: TerminalSession
/// do { session = try TerminalSession.start() } catch {
///     fputs(error.message + "\n", stderr); exit(2)
/// }
/// while true {
///     session.paint(view(model, size: session.size, glyphs: session.recommendedGlyphs))
///     guard let event = session.nextEvent(timeoutMs: 100) else { continue }  // tick
///     if case .signal(let sig) = event { session.shutdown(); exit(128 + sig) }
///     …
/// }
/// session.shutdown()
/// ```
///
/// One session at a time per process: curses, signal dispositions and the tty are global. Use
/// the session only from the thread that started it. Not `Sendable` on purpose.
public final class TerminalSession {
    /// Choices for `start(options:)`.
    public struct Options: Sendable {
        /// Report left clicks as `.mouse` events. While on, the terminal's own text selection
        /// needs Shift held down.
        public var mouse: Bool

        public init(mouse: Bool = true) {
            self.mouse = mouse
        }
    }

    /// True when the locale is UTF-8, so box drawing and CJK can be shown. When false, every
    /// non-ASCII glyph is painted as `?`; draw with `GlyphSet.ascii` instead.
    public let isUTF8: Bool

    /// `.unicode` when the terminal can show it, `.ascii` otherwise.
    public var recommendedGlyphs: GlyphSet { isUTF8 ? .unicode : .ascii }

    /// The polite signal that was delivered as `.signal`, if any: exit with 128 + this.
    public private(set) var caughtSignal: Int32?

    /// Bytes the last `paint` sent to the terminal. Only off-screen sessions count (nil for an
    /// interactive one): the figure for "how much does one frame cost over ssh".
    public private(set) var lastPaintByteCount: Int?

    /// Bytes sent since the session started, set-up sequences included; off-screen only.
    public private(set) var totalByteCount: Int?

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var painter: CursesPainter
    private let kind: Kind
    private var isShutDown = false

    /// What to undo at shutdown, which depends on how the session was started.
    private enum Kind {
        /// On the user's terminal (stdin/stdout).
        case interactive(savedModes: termios, signals: PoliteSignals)
        /// On a temporary file, for benchmarks and adapter checks.
        case offscreen(output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>)
    }

    private init(screen: OpaquePointer, isUTF8: Bool, mouse: Bool, kind: Kind) {
        self.screen = screen
        self.window = cw_stdscr()
        self.isUTF8 = isUTF8
        self.kind = kind
        self.painter = CursesPainter(isUTF8: isUTF8, hasDefaultColors: Self.setUpModes(window: cw_stdscr(), mouse: mouse))
    }

    deinit { shutdown() }

    // MARK: Starting

    /// Takes over the terminal: alternate screen, no echo, cursor hidden, keys unbuffered.
    ///
    /// Refuses (before touching the terminal) when stdin or stdout is not a TTY, or `TERM` is
    /// empty, `dumb`, `unknown` or has no terminfo entry. The error's `message` is one line for
    /// stderr; exit with status 2 after printing it.
    public static func start(options: Options = Options()) throws(TerminalStartError) -> TerminalSession {
        // Order matters (ncurses-swift.md §4): locale, checks, polite signals, saved tty modes,
        // curses, and only then the crash guard, which needs terminfo loaded.
        let isUTF8 = LocaleSetup.adoptUserLocale()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !["", "dumb", "unknown"].contains(term) else { throw .unsupportedTerminal(term: term) }

        let signals = PoliteSignals.install()
        var savedModes = termios()
        _ = tcgetattr(STDIN_FILENO, &savedModes)
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting.
        guard let screen = newterm(term, cw_stdout(), cw_stdin()) else {
            signals.restore()
            throw .unknownTerminal(term: term)
        }
        _ = set_term(screen)
        let session = TerminalSession(
            screen: screen, isUTF8: isUTF8, mouse: options.mouse,
            kind: .interactive(savedModes: savedModes, signals: signals))
        FatalSignalGuard.install(fd: STDOUT_FILENO, savedModes: savedModes, mouseEnabled: options.mouse)
        return session
    }

    /// A session that draws into a temporary file instead of a terminal, `width` × `height`
    /// cells, as terminal `term` would: for benchmarks (`lastPaintByteCount`) and for checking
    /// the adapter without a TTY. Input is /dev/null, so `nextEvent` only ever times out.
    /// Switches the process's character type to UTF-8 if it is not already. No signal handlers.
    public static func offscreen(
        width: Int, height: Int, term: String = "xterm-256color"
    ) throws(TerminalStartError) -> TerminalSession {
        let isUTF8 = LocaleSetup.forceUTF8()
        guard let output = tmpfile(), let input = fopen("/dev/null", "r") else { throw .notATerminal }
        guard let screen = newterm(term, output, input) else {
            fclose(output)
            fclose(input)
            throw .unknownTerminal(term: term)
        }
        _ = set_term(screen)
        _ = resize_term(Int32(max(1, height)), Int32(max(1, width)))
        let session = TerminalSession(
            screen: screen, isUTF8: isUTF8, mouse: false, kind: .offscreen(output: output, input: input))
        session.totalByteCount = session.outputSize()
        return session
    }

    /// Terminal modes for a step-by-step viewer; returns whether the terminal keeps its own
    /// default colours.
    private static func setUpModes(window: UnsafeMutablePointer<WINDOW>, mouse: Bool) -> Bool {
        // cbreak, not raw: Ctrl-C stays a signal (→ `.signal`), Ctrl-Z still suspends.
        _ = cbreak()
        _ = noecho()
        _ = nonl()  // Return arrives as \r, and curses need not translate output newlines
        _ = keypad(window, true)
        _ = leaveok(window, true)  // we never show the cursor, so curses need not move it back
        _ = curs_set(0)
        _ = set_escdelay(25)  // a lone Esc is reported after 25 ms, not the default 1 s
        if mouse {
            _ = mousemask(CW_BUTTON1_PRESSED | CW_BUTTON1_CLICKED, nil)
            _ = mouseinterval(0)  // report the press at once instead of waiting to see a click
        }
        guard has_colors() else { return false }
        _ = start_color()
        return use_default_colors() == OK
    }

    // MARK: The loop

    /// The window size in cells, as curses last saw it (after the last `.resize`).
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Shows `grid`. Curses sends only the cells that differ from what is on screen. A grid
    /// smaller than the window is padded with blanks; a larger one is cut off.
    public func paint(_ grid: CellGrid) {
        guard !isShutDown else { return }
        painter.paint(grid, into: window)
        if case .offscreen(let output, _) = kind {
            fflush(output)
            let total = outputSize()
            lastPaintByteCount = total - (totalByteCount ?? 0)
            totalByteCount = total
        }
    }

    /// Waits up to `timeoutMs` (0: just poll, negative: forever) for the next event.
    ///
    /// Returns nil when the time ran out, or when a key arrived that tcpstep has no use for
    /// (Insert, a right click, …): treat nil as a tick. A polite signal is reported once as
    /// `.signal`, ahead of any key.
    public func nextEvent(timeoutMs: Int) -> TerminalEvent? {
        guard !isShutDown else { return nil }
        if let event = takeSignal() { return event }
        wtimeout(window, Int32(clamping: timeoutMs))
        var input: wint_t = 0
        switch wget_wch(window, &input) {
        case KEY_CODE_YES:
            return event(forKeyCode: Int32(bitPattern: input))
        case OK:
            return Unicode.Scalar(input).map { .key(Key(typed: $0)) }
        default:  // ERR: the timeout passed, or a signal interrupted the wait
            return takeSignal()
        }
    }

    private func event(forKeyCode code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_RESIZE:
            let (width, height) = size
            return .resize(width: width, height: height)
        case KEY_MOUSE:
            var mouse = MEVENT()
            guard getmouse(&mouse) == OK, mouse.bstate & (CW_BUTTON1_PRESSED | CW_BUTTON1_CLICKED) != 0 else {
                return nil
            }
            return .mouse(x: Int(mouse.x), y: Int(mouse.y))
        default:
            return CursesKeys.key(for: code).map { .key($0) }
        }
    }

    private func takeSignal() -> TerminalEvent? {
        guard case .interactive = kind, let signal = PoliteSignals.take() else { return nil }
        caughtSignal = signal
        return .signal(signal)
    }

    // MARK: Inspecting

    /// Row `y` of curses' own copy of the window, trailing spaces trimmed: what the last paint
    /// asked the terminal to show. For checking the adapter (wide glyphs, clipping) without
    /// reading the terminal back.
    public func screenRow(_ y: Int) -> String {
        let (width, height) = size
        guard !isShutDown, y >= 0, y < height else { return "" }
        var text = [wchar_t](repeating: 0, count: width + 1)
        let count = mvwinnwstr(window, Int32(y), 0, &text, Int32(width))
        guard count > 0 else { return "" }
        var row = String(String.UnicodeScalarView(text.prefix(Int(count)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        while row.last == " " { row.removeLast() }
        return row
    }

    /// Size of the off-screen output file so far.
    private func outputSize() -> Int {
        guard case .offscreen(let output, _) = kind else { return 0 }
        var status = stat()
        return fstat(fileno(output), &status) == 0 ? Int(status.st_size) : 0
    }

    // MARK: Stopping

    /// Gives the terminal back: normal screen, cursor, echo, the tty modes from before, the
    /// previous signal handlers. Safe to call more than once; also runs on deinit. Returns, so
    /// the caller decides the exit status (128 + `caughtSignal` after a signal).
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if case .interactive = kind { FatalSignalGuard.uninstall() }
        _ = endwin()
        delscreen(screen)
        switch kind {
        case .interactive(var savedModes, let signals):
            _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedModes)
            signals.restore()
        case .offscreen(let output, let input):
            fclose(output)
            fclose(input)
        }
    }
}
