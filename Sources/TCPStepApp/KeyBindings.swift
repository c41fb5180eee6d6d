import TCPStepRender

/// The keyboard map. Every feature is reachable from here; the help overlay lists this table.
public enum KeyBindings {
    /// One line of the help overlay: the keys and what they do.
    public struct Entry: Hashable, Sendable {
        public var keys: String
        public var action: String
        /// The same in Chinese, for `--lang zh`.
        public var actionZH: String
    }

    /// The help overlay's table, in the order a lecturer needs it; each line in both languages.
    public static let help: [Entry] = [
        Entry(keys: "space → n", action: "step forward one event", actionZH: "前进一个事件"),
        Entry(keys: "← b", action: "step back one event (exactly)", actionZH: "后退一个事件（精确还原）"),
        Entry(keys: "p", action: "play / pause", actionZH: "播放 / 暂停"),
        Entry(keys: "+ -", action: "play faster / slower", actionZH: "播放加快 / 减慢"),
        Entry(keys: "tab ↑ ↓ click", action: "select a segment in flight", actionZH: "选择一个在途中的报文段"),
        Entry(keys: "d", action: "drop the selected segment", actionZH: "丢弃选中的报文段"),
        Entry(keys: "l", action: "delay it by one latency (press again for more)", actionZH: "把它延迟一个单程时延（再按更久）"),
        Entry(keys: "u", action: "duplicate it", actionZH: "复制它"),
        Entry(keys: "o", action: "put an old duplicate on the wire (SYN, data, FIN, RST)", actionZH: "把一个旧的重复报文段放进网络（SYN、数据、FIN、RST）"),
        Entry(keys: "c", action: "client: connect to the server", actionZH: "客户端：向服务器发起连接"),
        Entry(keys: "L", action: "server: listen", actionZH: "服务器：监听"),
        Entry(keys: "s", action: "send 100 bytes from the focused host", actionZH: "从焦点主机发送 100 字节"),
        Entry(keys: "x", action: "close the focused host's connection", actionZH: "关闭焦点主机的连接"),
        Entry(keys: "a", action: "abort it (RST)", actionZH: "异常终止（RST）"),
        Entry(keys: "f", action: "switch focus between client and server", actionZH: "在客户端和服务器之间切换焦点"),
        Entry(keys: "r", action: "restart the scenario", actionZH: "重新开始这个场景"),
        Entry(keys: "S", action: "pick another scenario", actionZH: "选择另一个场景"),
        Entry(keys: "PgUp PgDn Home End", action: "scroll the history (End follows the newest)", actionZH: "滚动历史（End 跟随最新）"),
        Entry(keys: "#", action: "relative / absolute sequence numbers", actionZH: "相对 / 绝对序号"),
        Entry(keys: "Q", action: "quiz: predict each next state (score kept)", actionZH: "测验：预测下一个状态（记分）"),
        Entry(keys: "?", action: "this help", actionZH: "本帮助"),
        Entry(keys: "q", action: "quit", actionZH: "退出"),
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
        case .character("o"): .openInjectMenu
        case .character("r"): .restart
        case .character("S"): .openScenarioPicker
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
