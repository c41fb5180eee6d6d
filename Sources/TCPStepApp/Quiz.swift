import TCPStepCore

/// A "predict the next state" question, asked before a step that changes a host's state.
public struct QuizQuestion: Hashable, Sendable {
    public var host: HostID
    public var from: TCPState
    /// Up to four states to choose from, answered with the keys 1–4.
    public var choices: [TCPState]
    public var correct: Int

    /// Builds the question for the step that moves `host` from `from` to `to`. The wrong
    /// choices are the states a student most often confuses with the right one.
    public init(host: HostID, from: TCPState, to: TCPState) {
        self.host = host
        self.from = from
        var choices = [to]
        for candidate in Self.confusions(from: from, to: to) where !choices.contains(candidate) && choices.count < 4 {
            choices.append(candidate)
        }
        // A fixed, answer-dependent rotation: the right one is not always first, yet the same
        // question always looks the same (no randomness in the UI either).
        let shift = (from.rawValue + to.rawValue) % choices.count
        self.choices = Array(choices[shift...] + choices[..<shift])
        correct = self.choices.firstIndex(of: to)!
    }

    private static func confusions(from: TCPState, to: TCPState) -> [TCPState] {
        let likely: [TCPState] = switch from {
        case .closed: [.synSent, .listen, .synReceived, .established]
        case .listen: [.synReceived, .synSent, .established, .closed]
        case .synSent: [.established, .synReceived, .closed, .listen]
        case .synReceived: [.established, .listen, .closed, .finWait1]
        case .established: [.finWait1, .closeWait, .finWait2, .closed]
        case .finWait1: [.finWait2, .closing, .timeWait, .closed]
        case .finWait2: [.timeWait, .closed, .closing, .lastAck]
        case .closeWait: [.lastAck, .closed, .finWait1, .timeWait]
        case .closing: [.timeWait, .closed, .finWait2, .lastAck]
        case .lastAck: [.closed, .timeWait, .closing, .closeWait]
        case .timeWait: [.closed, .established, .listen, .synReceived]
        }
        return likely.filter { $0 != to }
    }
}

/// Right and wrong answers so far.
public struct QuizScore: Hashable, Sendable {
    public private(set) var right = 0
    public private(set) var asked = 0
    mutating func record(correct: Bool) {
        asked += 1
        if correct { right += 1 }
    }
}
