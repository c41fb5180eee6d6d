import TCPStepRender

/// The keyboard map: one table of keys, the message each sends, and the words for them. The help
/// overlay, the key bar, the presenter's key bar, the key dispatch and the "needs a simulation"
/// status of a recording are all made from it, so they cannot disagree.
public enum KeyBindings {
    /// One row of the table.
    public struct Binding: Sendable {
        /// The keys that send `message`; the first one names it in the key bar.
        public var keys: [Key]
        public var message: AppMessage
        /// How the help overlay writes the keys ("space → n").
        public var helpKeys: String
        /// What the help overlay says it does.
        public var help: String
        /// Its entry in the key bar: the key as drawn (Unicode, ASCII) and a word; nil: help only.
        public var hint: (key: String, ascii: String, action: String)?
        /// Shown in the presenter's shorter key bar too.
        public var presenter = false
        /// Changes the world, so a recorded trace cannot do it.
        public var needsSimulation = false
    }

    /// The table, in the order a lecturer needs it.
    public static let table: [Binding] = [
        Binding(keys: [.character(" "), .character("n"), .right], message: .stepForward, helpKeys: "space → n",
                help: "step forward one event", hint: ("␣", "space", "step"), presenter: true),
        Binding(keys: [.left, .character("b")], message: .stepBack, helpKeys: "← b",
                help: "step back one event (exactly)", hint: ("←", "left", "back"), presenter: true),
        Binding(keys: [.character("p")], message: .togglePlay, helpKeys: "p", help: "play / pause",
                hint: ("p", "p", "play"), presenter: true),
        Binding(keys: [.character("+"), .character("=")], message: .faster, helpKeys: "+ -", help: "play faster / slower"),
        Binding(keys: [.character("-"), .character("_")], message: .slower, helpKeys: "", help: ""),
        Binding(keys: [.tab, .down], message: .selectNext, helpKeys: "tab ↑ ↓ click", help: "select a segment in flight",
                hint: ("tab", "tab", "select"), presenter: true),
        Binding(keys: [.backTab, .up], message: .selectPrevious, helpKeys: "", help: ""),
        Binding(keys: [.character("d")], message: .dropSelected, helpKeys: "d", help: "drop the selected segment",
                hint: ("d", "d", "drop"), presenter: true, needsSimulation: true),
        Binding(keys: [.character("l")], message: .delaySelected, helpKeys: "l",
                help: "delay it by one latency (press again for more)", hint: ("l", "l", "delay"), needsSimulation: true),
        Binding(keys: [.character("u")], message: .duplicateSelected, helpKeys: "u", help: "duplicate it",
                hint: ("u", "u", "dup"), needsSimulation: true),
        Binding(keys: [.character("c")], message: .clientConnect, helpKeys: "c", help: "client: connect to the server",
                needsSimulation: true),
        Binding(keys: [.character("L")], message: .serverListen, helpKeys: "L", help: "server: listen", needsSimulation: true),
        Binding(keys: [.character("s")], message: .sendData, helpKeys: "s", help: "send 100 bytes from the focused host",
                needsSimulation: true),
        Binding(keys: [.character("x")], message: .close, helpKeys: "x", help: "close the focused host's connection",
                needsSimulation: true),
        Binding(keys: [.character("a")], message: .abort, helpKeys: "a", help: "abort it (RST)", needsSimulation: true),
        Binding(keys: [.character("f")], message: .toggleFocus, helpKeys: "f", help: "switch focus between client and server"),
        Binding(keys: [.character("r")], message: .restart, helpKeys: "r", help: "restart the scenario"),
        Binding(keys: [.character("S")], message: .openScenarioPicker, helpKeys: "S", help: "pick another scenario"),
        Binding(keys: [.character("w")], message: .saveSession, helpKeys: "w", help: "save this session as a scenario file",
                needsSimulation: true),
        Binding(keys: [.pageUp], message: .scrollUp(10), helpKeys: "PgUp PgDn Home End",
                help: "scroll the history (End follows the newest)"),
        Binding(keys: [.pageDown], message: .scrollDown(10), helpKeys: "", help: ""),
        Binding(keys: [.home], message: .scrollToStart, helpKeys: "", help: ""),
        Binding(keys: [.end], message: .followNewest, helpKeys: "", help: ""),
        Binding(keys: [.character("#")], message: .toggleNumbering, helpKeys: "#",
                help: "relative / absolute sequence numbers", hint: ("#", "#", "rel/abs")),
        Binding(keys: [.character("Q")], message: .toggleQuiz, helpKeys: "Q", help: "quiz: predict each next state (score kept)"),
        Binding(keys: [.character("?"), .function(1)], message: .toggleHelp, helpKeys: "?", help: "this help",
                hint: ("?", "?", "help"), presenter: true),
        Binding(keys: [.character("q"), .control("c")], message: .quit, helpKeys: "q", help: "quit",
                hint: ("q", "q", "quit"), presenter: true),
    ]

    /// One line of the help overlay: the keys and what they do.
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
    }

    /// The help overlay's lines (a binding with no words of its own shares the line above).
    public static let help: [Entry] = table.filter { !$0.helpKeys.isEmpty }.map { Entry(keys: $0.helpKeys, action: $0.help) }

    /// The key bar of the standard view, or of the presenter's (`presenter`), in Unicode or ASCII.
    public static func hints(presenter: Bool, ascii: Bool) -> [KeyHint] {
        table.filter { !presenter || $0.presenter }.compactMap { binding in
            binding.hint.map { KeyHint(ascii ? $0.ascii : $0.key, $0.action) }
        }
    }

    private static let byKey: [Key: AppMessage] = {
        var map: [Key: AppMessage] = [:]
        for binding in table { for key in binding.keys where map[key] == nil { map[key] = binding.message } }
        return map
    }()

    /// Maps a key to a message when no overlay is open.
    public static func message(for key: Key) -> AppMessage? { byKey[key] }

    /// Whether the message changes the world (a recorded trace cannot do it).
    static func needsSimulation(_ message: AppMessage) -> Bool {
        table.contains { $0.message == message && $0.needsSimulation }
    }

    /// The status line when a recorded trace is asked to do what only a simulation can.
    static func needsSimulationStatus(_ message: AppMessage) -> String {
        let binding = table.first { $0.message == message }
        let name = binding.map { "\($0.helpKeys) (\($0.help))" } ?? "that key"
        return "\(name) needs a live simulation: this is a recorded trace (space/← step through it)"
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

/// The status lines that name keys, written from the table's letters.
enum Keymap {
    static let nothingLeftLive = "nothing left to happen: press c, L, s, x or a to act, r to restart"
    static let endOfRecording = "end of the recorded trace: ← steps back, r starts over"
}
