import TCPStepRender

/// The keyboard map. Every feature is reachable from here; the help overlay lists this table.
public enum KeyBindings {
    /// One line of the help overlay: the keys and what they do.
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
    }

    /// The help overlay's table, in the order a lecturer needs it.
    public static let help: [Entry] = [
        Entry(keys: "space → n", action: "step forward one event"),
        Entry(keys: "← b", action: "step back one event (exactly)"),
        Entry(keys: "p", action: "play / pause"),
        Entry(keys: "+ -", action: "play faster / slower"),
        Entry(keys: "tab ↑ ↓ click", action: "select a segment in flight"),
        Entry(keys: "d", action: "drop the selected segment"),
        Entry(keys: "l", action: "delay it by one latency (press again for more)"),
        Entry(keys: "u", action: "duplicate it"),
        Entry(keys: "c", action: "client: connect to the server"),
        Entry(keys: "L", action: "server: listen"),
        Entry(keys: "s", action: "send 100 bytes from the focused host"),
        Entry(keys: "x", action: "close the focused host's connection"),
        Entry(keys: "a", action: "abort it (RST)"),
        Entry(keys: "f", action: "switch focus between client and server"),
        Entry(keys: "r", action: "restart the scenario"),
        Entry(keys: "S", action: "pick another scenario"),
        Entry(keys: "w", action: "save this session as a scenario file"),
        Entry(keys: "PgUp PgDn Home End", action: "scroll the history (End follows the newest)"),
        Entry(keys: "#", action: "relative / absolute sequence numbers"),
        Entry(keys: "Q", action: "quiz: predict each next state (score kept)"),
        Entry(keys: "?", action: "this help"),
        Entry(keys: "q", action: "quit"),
    ]

    /// Maps a key to a message when no overlay is open.
    public static func message(for key: Key) -> AppMessage? {
        switch key {
        case .character(" "), .character("n"), .right: .stepForward
        case .character("b"), .left: .stepBack
        case .character("p"): .togglePlay
        case .character("+"), .character("="): .faster
        case .character("-"), .character("_"): .slower
        case .tab, .down: .selectNext
        case .backTab, .up: .selectPrevious
        case .character("d"): .dropSelected
        case .character("l"): .delaySelected
        case .character("u"): .duplicateSelected
        case .character("c"): .clientConnect
        case .character("L"): .serverListen
        case .character("s"): .sendData
        case .character("x"): .close
        case .character("a"): .abort
        case .character("f"): .toggleFocus
        case .character("r"): .restart
        case .character("S"): .openScenarioPicker
        case .character("w"): .saveSession
        case .pageUp: .scrollUp(10)
        case .pageDown: .scrollDown(10)
        case .home: .scrollToStart
        case .end: .followNewest
        case .character("#"): .toggleNumbering
        case .character("?"), .function(1): .toggleHelp
        case .character("Q"): .toggleQuiz
        case .character("q"), .control("c"): .quit
        default: nil
        }
    }

    /// Maps any terminal event to a message, given whether an overlay has the keyboard.
    public static func message(for event: TerminalEvent, overlayOpen: Bool) -> AppMessage? {
        switch event {
        case .key(let key): overlayOpen ? .overlayKey(key) : message(for: key)
        case .mouse(let x, let y): .click(x: x, y: y)
        case .resize(let width, let height): .resize(width: width, height: height)
        case .signal: .quit
        }
    }
}
