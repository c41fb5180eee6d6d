import TCPStepRender

/// The keyboard map: one table of keys, the message each sends, and the words for them in English
/// and Chinese. The help overlay, the key bar, the presenter's key bar, the key dispatch and the
/// "needs a simulation" status of a recording are all made from it, so they cannot disagree.
public enum KeyBindings {
    /// One row of the table.
    public struct Binding: Sendable {
        /// The keys that send `message`; the first one names it in the key bar.
        public var keys: [Key]
        public var message: AppMessage
        /// How the help overlay writes the keys ("space → n"); empty: shares the line above.
        public var helpKeys: String
        /// What the help overlay says it does, in English and in Chinese.
        public var help: String
        public var helpZH: String
        /// Its entry in the key bar: the key as drawn (Unicode, ASCII) and its word; nil: help only.
        public var hint: Hint?
        /// Shown in the presenter's shorter key bar too.
        public var presenter = false
        /// Changes the world, so a recorded trace cannot do it.
        public var needsSimulation = false
    }

    /// A key-bar entry. `order` places it: "? help" and "q quit" come right after stepping, so
    /// that a narrow key bar never loses them, whatever the help overlay's order.
    public struct Hint: Sendable {
        public var key: String
        public var ascii: String
        public var word: UIKey
        public var order: Int
    }

    private static func hint(_ key: String, _ ascii: String, _ word: UIKey, _ order: Int) -> Hint {
        Hint(key: key, ascii: ascii, word: word, order: order)
    }

    /// The table, in the order a lecturer needs it (the help overlay's order).
    public static let table: [Binding] = [
        Binding(keys: [.character(" "), .character("n"), .right], message: .stepForward, helpKeys: "space → n",
                help: "step forward one event", helpZH: "前进一个事件", hint: hint("␣", "space", .hintStep, 0), presenter: true),
        Binding(keys: [.left, .character("b")], message: .stepBack, helpKeys: "← b",
                help: "step back exactly one event", helpZH: "后退一个事件（精确还原）", hint: hint("←", "left", .hintBack, 1),
                presenter: true),
        Binding(keys: [.character("p")], message: .togglePlay, helpKeys: "p", help: "play / pause", helpZH: "播放 / 暂停",
                hint: hint("p", "p", .hintPlay, 4), presenter: true),
        Binding(keys: [.character("+"), .character("=")], message: .faster, helpKeys: "+ -",
                help: "play faster / slower", helpZH: "播放加快 / 减慢"),
        Binding(keys: [.character("-"), .character("_")], message: .slower, helpKeys: "", help: "", helpZH: ""),
        Binding(keys: [.tab, .down], message: .selectNext, helpKeys: "tab ↑ ↓ click", help: "select a segment in flight",
                helpZH: "选择一个在途中的报文段", hint: hint("tab", "tab", .hintSelect, 5), presenter: true),
        Binding(keys: [.backTab, .up], message: .selectPrevious, helpKeys: "", help: "", helpZH: ""),
        Binding(keys: [.character("d")], message: .dropSelected, helpKeys: "d", help: "drop the selected segment",
                helpZH: "丢弃选中的报文段", hint: hint("d", "d", .hintDrop, 6), presenter: true, needsSimulation: true),
        Binding(keys: [.character("l")], message: .delaySelected, helpKeys: "l",
                help: "delay it by one latency (press again for more)", helpZH: "把它延迟一个单程时延（再按更久）",
                hint: hint("l", "l", .hintDelay, 7), needsSimulation: true),
        Binding(keys: [.character("u")], message: .duplicateSelected, helpKeys: "u", help: "duplicate it",
                helpZH: "复制它", hint: hint("u", "u", .hintDup, 8), needsSimulation: true),
        Binding(keys: [.character("o")], message: .openInjectMenu, helpKeys: "o",
                help: "put an old duplicate on the wire (SYN, data, FIN, RST)",
                helpZH: "把一个旧的重复报文段放进网络（SYN、数据、FIN、RST）", hint: hint("o", "o", .hintInject, 9),
                presenter: true, needsSimulation: true),
        Binding(keys: [.character("c")], message: .clientConnect, helpKeys: "c", help: "client: connect to server",
                helpZH: "客户端：向服务器发起连接", needsSimulation: true),
        Binding(keys: [.character("L")], message: .serverListen, helpKeys: "L", help: "server: listen",
                helpZH: "服务器：监听", needsSimulation: true),
        Binding(keys: [.character("s")], message: .sendData, helpKeys: "s", help: "send 100 bytes from the focused host",
                helpZH: "从焦点主机发送 100 字节", needsSimulation: true),
        Binding(keys: [.character("x")], message: .close, helpKeys: "x", help: "close the focused host's connection",
                helpZH: "关闭焦点主机的连接", needsSimulation: true),
        Binding(keys: [.character("a")], message: .abort, helpKeys: "a", help: "abort it (RST)",
                helpZH: "异常终止（RST）", needsSimulation: true),
        Binding(keys: [.character("f")], message: .toggleFocus, helpKeys: "f", help: "switch the focused host",
                helpZH: "在客户端和服务器之间切换焦点"),
        Binding(keys: [.character("r")], message: .restart, helpKeys: "r", help: "restart the scenario",
                helpZH: "重新开始这个场景"),
        Binding(keys: [.character("S")], message: .openScenarioPicker, helpKeys: "S", help: "pick another scenario",
                helpZH: "选择另一个场景"),
        Binding(keys: [.character("w")], message: .saveSession, helpKeys: "w", help: "save this session as a scenario file",
                helpZH: "把这次会话保存为场景文件", needsSimulation: true),
        Binding(keys: [.character("W")], message: .writeAsScenario, helpKeys: "W",
                help: "write the captured connection as a scenario file",
                helpZH: "把抓到的连接写成场景文件（当前目录）"),
        Binding(keys: [.pageUp], message: .scrollUp(10), helpKeys: "PgUp PgDn Home End",
                help: "scroll the history (End follows the newest)", helpZH: "滚动历史（End 跟随最新）"),
        Binding(keys: [.pageDown], message: .scrollDown(10), helpKeys: "", help: "", helpZH: ""),
        Binding(keys: [.home], message: .scrollToStart, helpKeys: "", help: "", helpZH: ""),
        Binding(keys: [.end], message: .followNewest, helpKeys: "", help: "", helpZH: ""),
        Binding(keys: [.character("]")], message: .narrationDown, helpKeys: "[ ]",
                help: "scroll a narration longer than its panel (\"more ↓\")", helpZH: "滚动超出面板的讲解文字（“更多 ↓”）",
                hint: hint("]", "]", .narrationMore, 11)),
        Binding(keys: [.character("[")], message: .narrationUp, helpKeys: "", help: "", helpZH: ""),
        Binding(keys: [.character("#")], message: .toggleNumbering, helpKeys: "#",
                help: "relative / absolute SEQ/ACK", helpZH: "相对 / 绝对序号", hint: hint("#", "#", .hintNumbers, 10)),
        Binding(keys: [.character("e")], message: .exportSnapshot, helpKeys: "e",
                help: "export this step as SVG + HTML (current directory)", helpZH: "把这一步导出为 SVG 和 HTML（当前目录）"),
        Binding(keys: [.character("Q")], message: .toggleQuiz, helpKeys: "Q",
                help: "quiz: predict each next state (score kept)", helpZH: "测验：预测下一个状态（记分）"),
        Binding(keys: [.character("?"), .function(1)], message: .toggleHelp, helpKeys: "?", help: "this help",
                helpZH: "本帮助", hint: hint("?", "?", .hintHelp, 2), presenter: true),
        Binding(keys: [.character("q"), .control("c")], message: .quit, helpKeys: "q", help: "quit",
                helpZH: "退出", hint: hint("q", "q", .hintQuit, 3), presenter: true),
    ]

    /// One line of the help overlay: the keys and what they do.
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
        /// The same in Chinese, for `--lang zh`.
        public var actionZH: String

        public init(keys: String, action: String, actionZH: String = "") {
            self.keys = keys
            self.action = action
            self.actionZH = actionZH
        }
    }

    /// The help overlay's lines (a binding with no words of its own shares the line above).
    public static let help: [Entry] = table.filter { !$0.helpKeys.isEmpty }.map {
        Entry(keys: $0.helpKeys, action: $0.help, actionZH: $0.helpZH)
    }

    /// The key bar of the standard view, or of the presenter's (`presenter`), in Unicode or ASCII.
    public static func hints(presenter: Bool, ascii: Bool, text: UIText = .english) -> [KeyHint] {
        table.filter { !presenter || $0.presenter }.compactMap(\.hint).sorted { $0.order < $1.order }.map {
            KeyHint(ascii ? $0.ascii : $0.key, text($0.word))
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
    static func needsSimulationStatus(_ message: AppMessage, text: UIText) -> String {
        let binding = table.first { $0.message == message }
        let name = binding.map { "\($0.helpKeys) (\(text.language == .chinese ? $0.helpZH : $0.help))" } ?? "?"
        return text(.statusNeedsSimulation, name)
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
