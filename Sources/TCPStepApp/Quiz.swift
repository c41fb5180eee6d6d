import TCPStepCore
import TCPStepRender

/// A "predict the next state" question, asked before a step that changes a host's state; or,
/// before Linux's tail loss probe fires, "what does Linux do about the missing ACK?".
public struct QuizQuestion: Hashable, Sendable {
    public var host: HostID
    public var from: TCPState
    /// Up to four states to choose from, answered with the keys 1–4.
    public var choices: [TCPState]
    public var correct: Int
    /// For a question about what TCP does rather than where it goes: the choices, as phrases of
    /// the screen's table (so they are in the screen's language).
    public var actionChoices: [UIKey] = []
    /// The segment still unacknowledged, for the loss question ("FIN,ACK").
    public var unacknowledged = ""

    /// How many answers there are (keys 1…n).
    public var choiceCount: Int { actionChoices.isEmpty ? choices.count : actionChoices.count }

    /// The question before a tail loss probe: no ACK has come for `segment`; the right answer
    /// is the probe (it comes before the RTO, and does not double it).
    public init(tailLossProbeOf host: HostID, in state: TCPState, segment: String) {
        self.host = host
        from = state
        choices = []
        unacknowledged = segment
        actionChoices = [.quizTLPWaitRTO, .quizTLPProbe, .quizTLPDoubleRTO, .quizTLPGiveUp]
        correct = 1
    }

    /// The lines of a question that is not about states, in `text`'s language (nil: the state
    /// question's lines).
    public func actionPromptLines(_ text: UIText) -> [String]? {
        guard !actionChoices.isEmpty else { return nil }
        return [text(.quizTLPNoAck, text.word(host), unacknowledged), text(.quizTLPWhatNext), ""]
            + actionChoices.enumerated().map { "  \($0.offset + 1)  \(text($0.element))" }
    }

    /// The verdict of a question that is not about states (nil: the state question's verdict).
    public func actionVerdict(chosen: Int, _ text: UIText) -> String? {
        guard !actionChoices.isEmpty else { return nil }
        return text(chosen == correct ? .quizTLPRight : .quizTLPWrong)
    }

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
