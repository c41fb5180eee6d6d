import TCPStepCore

/// Every phrase of the screen (`UIText`), with its English and Chinese wording.
public enum UIKey: String, CaseIterable, Hashable, Sendable {
    // Header and frame
    case hostClient, hostServer, wordClient, wordServer, notTCP, clockTime, clockStep, tooSmall, focusMark
    // Details line
    case nothingInFlight, oneInFlight, manyInFlight, sentAt, arrivesAt, lostAt
    // Diagram
    case later, lost, held, dropped, replyRST, replyACK, replyChallengeACK
    case tagAgain, tagDup, tagStale, bytes, timerFired, timerAgain, timerTry, crashNote
    case rejectBadSeq, rejectBadAck, rejectAckOfUnsent, rejectRSTBadAck, rejectRSTOutOfWindow
    case rejectRSTNotExact, rejectStrayRST, rejectSYNWhenOpen, rejectNoACKBit, rejectNoSYNOrRST
    case rejectNoConnection, rejectNotASYN, rejectACKInListen, rejectFINIgnored, rejectDuplicate
    case rejectUnexpectedReply
    // Key hints
    case hintStep, hintBack, hintPlay, hintSelect, hintDrop, hintDelay, hintDup, hintNumbers
    case hintHelp, hintQuit, hintQuiz, hintFocus, hintInject
    // Status messages
    case statusAtBeginning, statusSpeed, statusFocus, statusAbsolute, statusRelative
    case statusQuizOn, statusQuizOff, statusNothingLeft, statusNoSegment, statusDropped
    case statusHeld, statusDuplicated, statusGone, statusNothingInFlight, statusCallFailed
    case statusInjected, statusInjectFailed
    case errorNoConnection, errorAlreadyExists, errorForeignSocket, errorClosing, errorNoResources
    // Overlays
    case helpTitle, helpClose, helpClick, pickerTitle, quizTitle, quizQuestion, quizNow, quizAnswerWith
    case quizRight, quizWrong, quizContinue, quizCorrectTitle, quizWrongTitle, quizOnPrompt
    case titleCardBegin, closingTitle, closingContinue, injectTitle, injectClose
    case injectSYN, injectData, injectFIN, injectRST, injectFrom
    // The pile-up view
    case pileTitle, pilePaused, pileTooSmall, pileOnWebServer, pileOnDatabase, pileRateTimesMSL, pileOtherLive
    case pileFreePorts, pileFreeOf, pileFailed, pileWaiting, pileShed, pileReference, pileCeiling, pileFailedStrip
    case pilePress, pileCostLine, pileOn, pileOff, pilePlay, pileSpeed, pileRemedies, pileRestart, pileSwitchOn, pileSwitchOff
    // The trace table (`tcpstep trace --lang`)
    case traceNetwork, traceSend, traceResend, traceInject, traceDeliver, traceDrop, traceDuplicate
    case traceDelay, traceState, traceTimer, traceApp, traceSignal

    static let english: [UIKey: String] = [
        .hostClient: "CLIENT", .hostServer: "SERVER", .wordClient: "client", .wordServer: "server", .notTCP: "not TCP: {0}",
        .clockTime: "t {0}", .clockStep: "step {0}",
        .tooSmall: "terminal too small: need {0}, have {1}",
        .focusMark: "s x a",
        .nothingInFlight: "nothing in flight",
        .oneInFlight: "1 segment in flight{0}tab selects it",
        .manyInFlight: "{0} segments in flight{1}tab selects one",
        .sentAt: "sent {0}", .arrivesAt: "arrives {0}", .lostAt: "lost at {0}",
        .later: "{0} later", .lost: "lost", .held: "held {0}", .dropped: "dropped: {0}",
        .replyRST: "→ RST", .replyACK: "→ ACK", .replyChallengeACK: "→ challenge ACK",
        .tagAgain: "(again)", .tagDup: "(dup)", .tagStale: "(stale)", .bytes: "{0} B",
        .timerFired: "{0} fired", .timerAgain: "{0} again", .timerTry: "try {0}", .crashNote: "{0}/crash",
        .rejectBadSeq: "bad seq", .rejectBadAck: "bad ack", .rejectAckOfUnsent: "ack of unsent",
        .rejectRSTBadAck: "RST bad ack", .rejectRSTOutOfWindow: "RST out of window",
        .rejectRSTNotExact: "RST not exact", .rejectStrayRST: "stray RST",
        .rejectSYNWhenOpen: "SYN when open", .rejectNoACKBit: "no ACK bit", .rejectNoSYNOrRST: "no SYN or RST",
        .rejectNoConnection: "no connection", .rejectNotASYN: "not a SYN", .rejectACKInListen: "ACK in LISTEN",
        .rejectFINIgnored: "FIN not processed", .rejectDuplicate: "duplicate",
        .rejectUnexpectedReply: "unexpected reply",
        .hintStep: "step", .hintBack: "back", .hintPlay: "play", .hintSelect: "select", .hintDrop: "drop",
        .hintDelay: "delay", .hintDup: "dup", .hintNumbers: "rel/abs", .hintHelp: "help", .hintQuit: "quit",
        .hintQuiz: "quiz", .hintFocus: "focus {0}", .hintInject: "old segment",
        .statusAtBeginning: "at the beginning", .statusSpeed: "speed {0} steps/s",
        .statusFocus: "keys s x a act on the {0}",
        .statusAbsolute: "absolute sequence numbers", .statusRelative: "relative sequence numbers",
        .statusQuizOn: "quiz on: before each state change, predict the next state (1–4)", .statusQuizOff: "quiz off",
        .statusNothingLeft: "nothing left to happen: press c, L, s, x or a to act, r to restart",
        .statusNoSegment: "no segment in flight to act on",
        .statusDropped: "segment {0} dropped: watch for the retransmission",
        .statusHeld: "segment {0} held back {1}", .statusDuplicated: "segment {0} duplicated: the copy is in flight too",
        .statusGone: "segment {0} is no longer in flight", .statusNothingInFlight: "nothing in flight",
        .statusCallFailed: "{0} {1}: {2}",
        .statusInjected: "an old {0} is on the wire: watch what the {1} does with it",
        .statusInjectFailed: "nothing to copy an old segment from yet: connect first",
        .errorNoConnection: "error: connection does not exist", .errorAlreadyExists: "error: connection already exists",
        .errorForeignSocket: "error: foreign socket unspecified", .errorClosing: "error: connection closing",
        .errorNoResources: "error: insufficient resources",
        .helpTitle: "keys", .helpClose: "any key closes this help", .helpClick: "click",
        .pickerTitle: "scenarios (↑ ↓ enter, esc)",
        .quizTitle: "predict", .quizQuestion: "Which state will the {0} enter next?", .quizNow: "(now {0})",
        .quizAnswerWith: "answer with 1–{0} · score {1}", .quizRight: "Right: the {0} entered {1}.",
        .quizWrong: "Not quite: you said {0}; the {1} entered {2}.", .quizContinue: "score {0} · space continues",
        .quizCorrectTitle: "correct", .quizWrongTitle: "wrong",
        .quizOnPrompt: "quiz {0}",
        .titleCardBegin: "space to begin",
        .closingTitle: "the end", .closingContinue: "← step back · r restart · S another scenario · any key hides this",
        .injectTitle: "put an old duplicate on the wire", .injectClose: "1–4 choose · f other host · esc cancel",
        .injectSYN: "an old SYN (an earlier connection attempt, as in RFC 9293 Figure 8)",
        .injectData: "100 old bytes (an earlier connection on the same ports)",
        .injectFIN: "an old FIN (an earlier connection's close)",
        .injectRST: "an old RST (numbered from an earlier connection)",
        .injectFrom: "from the {0}, as if left in the network by an earlier connection:",
        .pileTitle: "tcpstep pileup · {0} · {1} req/s · TIME_WAIT {2}", .pilePaused: "paused",
        .pileTooSmall: "tcpstep pileup needs at least {0}", .pileOnWebServer: "  on the web server",
        .pileOnDatabase: "  on the database", .pileRateTimesMSL: "  rate × 2MSL", .pileOtherLive: "other live",
        .pileFreePorts: "free ports", .pileFreeOf: "{0} of {1}", .pileFailed: "failed connects",
        .pileWaiting: "requests waiting", .pileShed: "requests shed (503)",
        .pileReference: "rate×2MSL {0} · now {1}", .pileCeiling: "port ceiling {0}", .pileFailedStrip: "failed",
        .pilePress: "Press 1–{0} to switch a remedy on or off while it runs.",
        .pileCostLine: "{0} · {1} · {2} · cost: {3}", .pileOn: "on", .pileOff: "off",
        .pilePlay: "play/pause", .pileSpeed: "speed", .pileRemedies: "remedies", .pileRestart: "restart",
        .pileSwitchOn: "{0} on", .pileSwitchOff: "{0} off",
        .traceNetwork: "network", .traceSend: "send", .traceResend: "resend", .traceInject: "inject",
        .traceDeliver: "deliver", .traceDrop: "drop", .traceDuplicate: "duplicate", .traceDelay: "delay",
        .traceState: "state", .traceTimer: "timer", .traceApp: "app", .traceSignal: "signal",
    ]

    static let chinese: [UIKey: String] = [
        .hostClient: "客户端", .hostServer: "服务器", .wordClient: "客户端", .wordServer: "服务器", .notTCP: "这不是 TCP：{0}",
        .clockTime: "时间 {0}", .clockStep: "第 {0} 步",
        .tooSmall: "终端太小：至少需要 {0}，现在是 {1}",
        .focusMark: "s x a",
        .nothingInFlight: "网络中没有报文段",
        .oneInFlight: "1 个报文段在途中{0}tab 选中它",
        .manyInFlight: "{0} 个报文段在途中{1}tab 选中其中一个",
        .sentAt: "{0} 发出", .arrivesAt: "{0} 到达", .lostAt: "{0} 丢失",
        .later: "{0} 之后", .lost: "丢失", .held: "滞留 {0}", .dropped: "丢弃：{0}",
        .replyRST: "→ RST", .replyACK: "→ ACK", .replyChallengeACK: "→ 挑战 ACK",
        .tagAgain: "（重传）", .tagDup: "（副本）", .tagStale: "（旧）", .bytes: "{0} 字节",
        .timerFired: "{0} 到期", .timerAgain: "{0} 重新计时", .timerTry: "第 {0} 次", .crashNote: "{0}/崩溃",
        .rejectBadSeq: "序号不可接受", .rejectBadAck: "确认号不可接受", .rejectAckOfUnsent: "确认了未发送的数据",
        .rejectRSTBadAck: "RST 确认号不对", .rejectRSTOutOfWindow: "RST 在窗口外",
        .rejectRSTNotExact: "RST 序号不精确", .rejectStrayRST: "无主的 RST",
        .rejectSYNWhenOpen: "已连接时收到 SYN", .rejectNoACKBit: "没有 ACK 位", .rejectNoSYNOrRST: "既无 SYN 也无 RST",
        .rejectNoConnection: "没有这条连接", .rejectNotASYN: "不是 SYN", .rejectACKInListen: "LISTEN 收到 ACK",
        .rejectFINIgnored: "FIN 未处理", .rejectDuplicate: "重复",
        .rejectUnexpectedReply: "意外的回答",
        .hintStep: "前进", .hintBack: "后退", .hintPlay: "播放", .hintSelect: "选择", .hintDrop: "丢弃",
        .hintDelay: "延迟", .hintDup: "复制", .hintNumbers: "相对/绝对", .hintHelp: "帮助", .hintQuit: "退出",
        .hintQuiz: "测验", .hintFocus: "焦点 {0}", .hintInject: "旧报文段",
        .statusAtBeginning: "已经在开头", .statusSpeed: "速度 每秒 {0} 步",
        .statusFocus: "s x a 键现在作用于{0}",
        .statusAbsolute: "绝对序号", .statusRelative: "相对序号",
        .statusQuizOn: "测验开启：每次状态变化之前，预测下一个状态（1–4）", .statusQuizOff: "测验关闭",
        .statusNothingLeft: "已没有要发生的事件：按 c、L、s、x 或 a 操作，按 r 重新开始",
        .statusNoSegment: "没有在途中的报文段可以操作",
        .statusDropped: "报文段 {0} 被丢弃：注意看重传",
        .statusHeld: "报文段 {0} 被滞留 {1}", .statusDuplicated: "报文段 {0} 被复制：副本也在途中",
        .statusGone: "报文段 {0} 已经不在途中", .statusNothingInFlight: "网络中没有报文段",
        .statusCallFailed: "{0}调用 {1} 失败：{2}",
        .statusInjected: "一个旧的 {0} 出现在网络中：看{1}怎样处理它",
        .statusInjectFailed: "还没有可以复制的旧报文段：请先建立连接",
        .errorNoConnection: "错误：连接不存在", .errorAlreadyExists: "错误：连接已经存在",
        .errorForeignSocket: "错误：没有指定对端", .errorClosing: "错误：连接正在关闭",
        .errorNoResources: "错误：资源不足（临时端口用完）",
        .helpTitle: "按键", .helpClose: "按任意键关闭帮助", .helpClick: "鼠标点击",
        .pickerTitle: "场景（↑ ↓ enter 选择，esc 取消）",
        .quizTitle: "预测", .quizQuestion: "{0}接下来会进入哪个状态？", .quizNow: "（现在是 {0}）",
        .quizAnswerWith: "用 1–{0} 回答 · 得分 {1}", .quizRight: "答对了：{0}进入了 {1}。",
        .quizWrong: "不对：你选的是 {0}；{1}进入了 {2}。", .quizContinue: "得分 {0} · 空格继续",
        .quizCorrectTitle: "正确", .quizWrongTitle: "错误",
        .quizOnPrompt: "测验 {0}",
        .titleCardBegin: "按空格开始",
        .closingTitle: "结束", .closingContinue: "← 后退 · r 重新开始 · S 换一个场景 · 任意键隐藏",
        .injectTitle: "把一个旧的重复报文段放进网络", .injectClose: "1–4 选择 · f 换另一台主机 · esc 取消",
        .injectSYN: "一个旧 SYN（更早的一次连接请求，如 RFC 9293 图 8）",
        .injectData: "100 字节旧数据（同一端口对上更早的连接）",
        .injectFIN: "一个旧 FIN（更早连接的关闭）",
        .injectRST: "一个旧 RST（按更早连接的序号编号）",
        .injectFrom: "来自{0}，仿佛是更早的连接留在网络中的：",
        .pileTitle: "tcpstep pileup · {0} · 每秒 {1} 个请求 · TIME_WAIT {2}", .pilePaused: "暂停",
        .pileTooSmall: "tcpstep pileup 至少需要 {0}", .pileOnWebServer: "  在 Web 服务器上",
        .pileOnDatabase: "  在数据库上", .pileRateTimesMSL: "  速率 × 2MSL", .pileOtherLive: "其他存活连接",
        .pileFreePorts: "空闲端口", .pileFreeOf: "{0} / {1}", .pileFailed: "连接失败",
        .pileWaiting: "排队的请求", .pileShed: "被拒绝的请求（503）",
        .pileReference: "速率×2MSL {0} · 现在 {1}", .pileCeiling: "端口上限 {0}", .pileFailedStrip: "失败",
        .pilePress: "运行中按 1–{0} 打开或关闭一个对策。",
        .pileCostLine: "{0} · {1} · {2} · 代价：{3}", .pileOn: "开", .pileOff: "关",
        .pilePlay: "播放/暂停", .pileSpeed: "速度", .pileRemedies: "对策", .pileRestart: "重新开始",
        .pileSwitchOn: "{0} 开", .pileSwitchOff: "{0} 关",
        .traceNetwork: "网络", .traceSend: "发送", .traceResend: "重传", .traceInject: "注入",
        .traceDeliver: "到达", .traceDrop: "丢失", .traceDuplicate: "复制", .traceDelay: "延迟",
        .traceState: "状态", .traceTimer: "计时器", .traceApp: "应用", .traceSignal: "通知",
    ]
}

extension UIText {
    /// "CLIENT" / "客户端".
    public func host(_ host: HostID) -> String { self(host == .client ? .hostClient : .hostServer) }

    /// RFC 9293's error for a user call, in this language.
    public func callError(_ error: UserCallError) -> String {
        let key: UIKey = switch error {
        case .connectionDoesNotExist: .errorNoConnection
        case .connectionAlreadyExists: .errorAlreadyExists
        case .foreignSocketUnspecified: .errorForeignSocket
        case .connectionClosing: .errorClosing
        case .insufficientResources: .errorNoResources
        }
        return self(key)
    }

    /// "client" / "客户端", inside a sentence.
    public func word(_ host: HostID) -> String { self(host == .client ? .wordClient : .wordServer) }
}
