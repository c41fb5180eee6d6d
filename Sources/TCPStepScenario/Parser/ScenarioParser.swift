import TCPStepCore

/// Reads the scenario text format: one command per line, `#` starts a comment.
///
///     title Lost final ACK
///     set latency 50ms
///     server listen 80
///     client connect 80
///     at 1s client close          # `at T` absolute, `+T` relative to the previous command
///     drop c2s ACK#2              # faults pick segments as they are sent
///
/// The whole file is checked before anything runs; the first problem is thrown as a
/// `ScenarioError` with its line and column.
public struct ScenarioParser {
    public let fileName: String
    private var scenario = Scenario()
    private var time: Micros = 0
    typealias PendingNarration = (english: String?, chinese: String?, line: Int)
    private var pendingNarration: PendingNarration?
    /// The client's first connection, which injected segments default to.
    private var defaultClientPorts: (local: UInt16, remote: UInt16)?
    private var lineNumber = 0
    private var pendingSysctls: [PendingSysctl] = []

    public init(fileName: String) { self.fileName = fileName }

    /// Parses a whole scenario.
    public static func parse(_ text: String, fileName: String) throws(ScenarioError) -> Scenario {
        var parser = ScenarioParser(fileName: fileName)
        return try parser.parse(text)
    }

    private mutating func parse(_ text: String) throws(ScenarioError) -> Scenario {
        scenario.source = fileName
        scenario.text = text
        var injections: [(line: Int, tokens: [Token], time: Micros, narration: PendingNarration?)] = []
        for (index, line) in Self.lines(text).enumerated() {
            lineNumber = index + 1
            let tokens = Token.split(line)
            guard let first = tokens.first else { continue }
            if try parseTextCommand(first, line: line) { continue }
            if first.text == "inject" || (tokens.count > 2 && tokens[2].text == "inject") {
                // Injected segments default to the client's first connection, which may be
                // written later in the file: resolve them at the end.
                try checkTiming(tokens)
                // The `say` before it belongs to the injection, not to the next command.
                injections.append((lineNumber, tokens, time, pendingNarration))
                pendingNarration = nil
                continue
            }
            try parseCommand(tokens)
        }
        let trailingNarration = pendingNarration
        for (line, tokens, at, narration) in injections {
            lineNumber = line
            time = at
            pendingNarration = narration
            try parseInjection(tokens.first?.text == "inject" ? tokens : Array(tokens.dropFirst(tokens[0].text == "at" ? 2 : 1)))
        }
        // Sysctls need the final profile, which any line may set.
        for pending in pendingSysctls {
            do {
                try scenario.apply(pending.setting)
            } catch {
                throw ScenarioError(file: fileName, line: pending.line, column: pending.column, message: error.description)
            }
        }
        pendingNarration = trailingNarration
        if let pending = pendingNarration {
            scenario.narration.append(ScriptNarration(time: time, commandIndex: nil, english: pending.english,
                                                      chinese: pending.chinese, line: pending.line))
        }
        // Commands run in time order; equal times keep the order they were written in.
        let order = scenario.script.commands.indices.sorted {
            let a = scenario.script.commands[$0], b = scenario.script.commands[$1]
            return a.time != b.time ? a.time < b.time : a.line < b.line
        }
        var remap = [Int](repeating: 0, count: order.count)
        for (newIndex, oldIndex) in order.enumerated() { remap[oldIndex] = newIndex }
        scenario.script.commands = order.map { scenario.script.commands[$0] }
        for index in scenario.narration.indices {
            scenario.narration[index].commandIndex = scenario.narration[index].commandIndex.map { remap[$0] }
        }
        return scenario
    }

    /// The lines of a scenario as editors see them: LF, CRLF (Windows) or a lone CR ends a line,
    /// and a UTF-8 byte-order mark before the first line is not part of it. ("\r\n" is one
    /// Character in Swift, so splitting on "\n" alone would keep a CRLF file as one line.)
    static func lines(_ text: String) -> [Substring] {
        let body = text.first == "\u{FEFF}" ? text.dropFirst() : Substring(text)
        // Line ends found among the bytes (CR and LF always end a character, so the cuts fall
        // between characters): splitting by Character would segment every grapheme of the file.
        var lines: [Substring] = []
        let bytes = body.utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                index = bytes.index(after: index)
                continue
            }
            lines.append(body[start ..< index])
            index = bytes.index(after: index)
            if byte == UInt8(ascii: "\r"), index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") { index = bytes.index(after: index) }
            start = index
        }
        lines.append(body[start...])
        return lines
    }

    var scenarioConfig: SimulationConfig {
        get { scenario.config }
        set { scenario.config = newValue }
    }
    var clientPortsForInjection: (local: UInt16, remote: UInt16)? { defaultClientPorts }
    mutating func setView(_ view: ScenarioView) { scenario.view = view }
    mutating func setRunUntil(_ limit: Micros) { scenario.runUntil = limit }
    mutating func setEventsMax(_ limit: Int) { scenario.eventsMax = limit }
    mutating func setTime(_ absolute: Micros) { time = absolute }
    mutating func appendFaultRule(_ rule: FaultRule) { scenario.script.faultRules.append(rule) }
    var lastTimedAction: TimedAction? { scenario.timeline.last }
    mutating func appendTimedAction(_ action: TimedAction) { scenario.timeline.append(action) }
    mutating func setOpenAt(_ openAt: OpenAt) { scenario.openAt = openAt }
    var currentLine: Int { lineNumber }
    mutating func appendInjection(_ kind: ScriptCommand.Kind) { appendCommand(kind) }
    mutating func appendSysctl(_ setting: SysctlSetting, line: Int, column: Int) {
        pendingSysctls.append(PendingSysctl(setting: setting, line: line, column: column))
    }
    var lineNumberNow: Int { lineNumber }

    func error(_ column: Int, _ message: String) -> ScenarioError {
        ScenarioError(file: fileName, line: lineNumber, column: column, message: message)
    }

    /// `title`, `title.zh`, `summary`, `summary.zh`, `say`, `say.zh` take the rest of the line verbatim.
    private mutating func parseTextCommand(_ first: Token, line: Substring) throws(ScenarioError) -> Bool {
        let keywords = ["title", "title.zh", "summary", "summary.zh", "say", "say.zh"]
        guard keywords.contains(String(first.text)) else { return false }
        let afterKeyword = line.dropFirst(first.column - 1 + first.text.count)
        let text = afterKeyword.trimmingSpaces()
        guard !text.isEmpty else { throw error(first.column, "`\(first.text)` needs some text after it") }
        switch first.text {
        case "title": scenario.title = text
        case "title.zh": scenario.titleZH = text
        case "summary": scenario.summary = text
        case "summary.zh": scenario.summaryZH = text
        case "say":
            // Several `say` lines in a row make one paragraph.
            var pending = pendingNarration ?? (nil, nil, lineNumber)
            pending.english = pending.english.map { $0 + " " + text } ?? text
            pendingNarration = pending
        default:
            var pending = pendingNarration ?? (nil, nil, lineNumber)
            pending.chinese = pending.chinese.map { $0 + text } ?? text
            pendingNarration = pending
        }
        return true
    }

    /// Everything but the text commands and `inject`.
    private mutating func parseCommand(_ tokens: [Token]) throws(ScenarioError) {
        let first = tokens[0]
        switch first.text {
        case "set":
            try parseSetting(tokens)
        case "drop", "dup", "delay":
            try parseFault(tokens)
        case "open-at":
            try parseOpenAt(tokens)
        case "at":
            if try parseTimedAction(tokens) { return }
            guard tokens.count >= 3 else { throw error(first.column, "`at` needs a time and a command, as in `at 1s client close`") }
            time = try duration(tokens[1], expected: "a time such as 500ms or 1s")
            try parseHostCommand(Array(tokens.dropFirst(2)))
        default:
            if first.text.hasPrefix("+") {
                try advanceTime(first)
                guard tokens.count >= 2 else { throw error(first.column, "`\(first.text)` needs a command after it") }
                try parseHostCommand(Array(tokens.dropFirst()))
            } else {
                try parseHostCommand(tokens)
            }
        }
    }

    /// `client connect 80 from 5000 isn=400`, `server listen 80`, `client send 100`, …
    private mutating func parseHostCommand(_ tokens: [Token]) throws(ScenarioError) {
        let (host, call) = try parseAppCall(tokens)
        appendCommand(.app(host, call))
    }

    /// The host and call of `client connect 80`, `server close` …, without scheduling it.
    mutating func parseAppCall(_ tokens: [Token]) throws(ScenarioError) -> (HostID, AppCall) {
        let first = tokens[0]
        guard let host = ValueParsers.host(first.text) else {
            throw error(first.column, "unknown command `\(first.text)`; expected client, server, set, at, +TIME, drop, dup, delay, inject, title or say")
        }
        guard tokens.count >= 2 else { throw error(first.column + first.text.count, "`\(first.text)` needs an action: listen, connect, send, read, close, abort or crash") }
        let verb = tokens[1]
        let call: AppCall
        switch verb.text {
        case "listen":
            call = .listen(port: try requirePort(tokens, 2, after: verb))
            try expectEnd(tokens, 3)
        case "connect":
            call = try parseConnect(tokens, host: host)
        case "send":
            guard tokens.count >= 3, let bytes = Int(tokens[2].text), bytes > 0, bytes <= 1 << 30 else {
                throw error(tokens.count >= 3 ? tokens[2].column : verb.column + verb.text.count, "`send` needs a positive number of bytes, as in `client send 100`")
            }
            call = .send(bytes: bytes)
            try expectEnd(tokens, 3)
        case "read":
            call = try parseRead(tokens)
        case "close", "abort", "crash":
            call = verb.text == "close" ? .close : verb.text == "abort" ? .abort : .crash
            try expectEnd(tokens, 2)
        default:
            throw error(verb.column, "unknown action `\(verb.text)`; expected listen, connect, send, read, close, abort or crash")
        }
        return (host, call)
    }

    private mutating func parseConnect(_ tokens: [Token], host: HostID) throws(ScenarioError) -> AppCall {
        let remote = try requirePort(tokens, 2, after: tokens[1])
        var local: UInt16?
        var isn: UInt32?
        var index = 3
        while index < tokens.count {
            let token = tokens[index]
            if token.text == "from" {
                local = try requirePort(tokens, index + 1, after: token)
                index += 2
            } else if let (key, value) = ValueParsers.keyValue(token.text), key == "isn" {
                guard let number = UInt32(value) else { throw error(token.column + 4, "isn= needs a number from 0 to 4294967295") }
                isn = number
                index += 1
            } else {
                throw error(token.column, "unexpected `\(token.text)`; `connect` takes `from PORT` and `isn=N`")
            }
        }
        if host == .client && defaultClientPorts == nil {
            defaultClientPorts = (local ?? scenario.config.ephemeralPorts.lowerBound, remote)
        }
        return .connect(remotePort: remote, localPort: local, isn: isn)
    }

    private mutating func appendCommand(_ kind: ScriptCommand.Kind) {
        let index = scenario.script.commands.count
        scenario.script.commands.append(ScriptCommand(time: time, kind: kind, line: lineNumber))
        if let pending = pendingNarration {
            scenario.narration.append(ScriptNarration(time: time, commandIndex: index, english: pending.english,
                                                      chinese: pending.chinese, line: pending.line))
            pendingNarration = nil
        }
    }

    func requirePort(_ tokens: [Token], _ index: Int, after previous: Token) throws(ScenarioError) -> UInt16 {
        guard index < tokens.count else {
            throw error(previous.column + previous.text.count, "`\(previous.text)` needs a port number (1–65535)")
        }
        guard let port = ValueParsers.port(tokens[index].text) else {
            throw error(tokens[index].column, "expected a port number (1–65535), found `\(tokens[index].text)`")
        }
        return port
    }

    func expectEnd(_ tokens: [Token], _ count: Int) throws(ScenarioError) {
        if tokens.count > count {
            throw error(tokens[count].column, "unexpected `\(tokens[count].text)` at the end of the command")
        }
    }

    /// `+T`: T after the previous command. The sum stays within virtual time's range, so no
    /// number of `+` lines can overflow it.
    private mutating func advanceTime(_ token: Token) throws(ScenarioError) {
        let relative = try duration(token, text: token.text.dropFirst(), expected: "a relative time such as +200ms")
        guard relative <= Micros.maximumVirtual - time else {
            throw error(token.column, "`\(token.text)` takes the scenario past \(Micros.maximumVirtualText), the end of virtual time")
        }
        time += relative
    }

    /// `at T` / `+T` before an `inject` line moves the clock like any command.
    private mutating func checkTiming(_ tokens: [Token]) throws(ScenarioError) {
        guard tokens[0].text != "inject" else { return }
        if tokens[0].text == "at" {
            guard tokens.count >= 2 else { throw error(tokens[0].column, "`at` needs a time") }
            time = try duration(tokens[1], expected: "a time such as 500ms or 1s")
        } else if tokens[0].text.hasPrefix("+") {
            try advanceTime(tokens[0])
        } else {
            throw error(tokens[0].column, "expected `at TIME` or `+TIME` before `inject`")
        }
    }
}

extension Substring {
    /// Spaces and tabs off both ends. Walks in from each end over the blanks only (reversing the
    /// whole line twice, as this once did, cost an eighth of an SVG export's instructions).
    func trimmingSpaces() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(self[first...last])
    }
}
