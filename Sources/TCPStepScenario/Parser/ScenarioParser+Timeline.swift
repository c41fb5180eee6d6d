import TCPStepCore

// Timed actions and `open-at`: the lines a session journal adds to a scenario. Both are new
// forms (`at TIME drop …`, `at TIME step N …` and `open-at` were errors before), so every older
// file means what it meant.

extension ScenarioParser {
    /// `at TIME [step N] drop|dup|delay DIR SEGMENT [TIME]` or `at TIME step N HOST ACTION`.
    /// Returns false for an ordinary scheduled command (`at 1s client close`).
    mutating func parseTimedAction(_ tokens: [Token]) throws(ScenarioError) -> Bool {
        guard tokens.count >= 3, case .micros(let time) = ValueParsers.duration(tokens[1].text) else { return false }
        var rest = tokens[2...]
        var step: Int?
        if rest.first?.text == "step" {
            let keyword = rest.removeFirst()
            guard let word = rest.first, let number = Int(word.text), number >= 0 else {
                throw error(rest.first?.column ?? keyword.column + keyword.text.count,
                            "`step` needs the number of the step the action follows, as in `at 1.3s step 14 drop s2c FIN+ACK`")
            }
            step = number
            rest.removeFirst()
        }
        guard let verb = rest.first else {
            throw error(tokens[1].column + tokens[1].text.count, "`at \(tokens[1].text) step \(step ?? 0)` needs an action after it")
        }
        let kind: TimedAction.Kind
        switch verb.text {
        case "drop", "dup", "delay":
            let (direction, choice, fault) = try faultParts(Array(rest), choice: parseSegmentChoice)
            kind = .fault(direction, choice, fault)
        case "inject" where step != nil:
            // An old duplicate put on the wire by hand (`o` in the view), right after the step.
            let (direction, segment) = try injectedSegment(Array(rest), allowsAt: false)
            kind = .inject(direction, segment)
        default:
            guard step != nil else { return false }
            let (host, call) = try parseAppCall(Array(rest))
            kind = .app(host, call)
        }
        try append(TimedAction(time: time, step: step, kind: kind, line: currentLine), at: tokens[0].column)
        return true
    }

    /// `open-at step S actions K`.
    mutating func parseOpenAt(_ tokens: [Token]) throws(ScenarioError) {
        let usage = "`open-at` is written `open-at step S actions K`: after S steps and K timed actions"
        guard tokens.count >= 5, tokens[1].text == "step", tokens[3].text == "actions" else {
            throw error(tokens[0].column, usage)
        }
        guard let step = Int(tokens[2].text), step >= 0 else { throw error(tokens[2].column, usage) }
        guard let actions = Int(tokens[4].text), actions >= 0 else { throw error(tokens[4].column, usage) }
        try expectEnd(tokens, 5)
        setOpenAt(OpenAt(step: step, actions: actions, line: currentLine))
    }

    /// A segment chosen as untimed faults choose it, or by trace id (`id=9`).
    private func parseSegmentChoice(_ token: Token) throws(ScenarioError) -> SegmentChoice {
        if let (key, value) = ValueParsers.keyValue(token.text), key == "id" {
            guard let id = Int(value), id > 0 else { throw error(token.column + 3, "id= needs a segment id (the `id` of `tcpstep trace --json`)") }
            return .id(id)
        }
        return .sent(try parseSelector(token))
    }

    /// Timed actions happen in the order written, so they must be written in time (and step) order.
    private mutating func append(_ action: TimedAction, at column: Int) throws(ScenarioError) {
        if let previous = lastTimedAction {
            let stepsBackwards = previous.step.flatMap { before in action.step.map { $0 < before } } ?? false
            if action.time < previous.time || stepsBackwards {
                throw error(column, "timed actions must be written in the order they happen; line \(previous.line) comes later")
            }
        }
        appendTimedAction(action)
    }
}
