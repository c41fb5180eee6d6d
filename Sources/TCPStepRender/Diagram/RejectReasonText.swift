import TCPStepCore

/// What a receiver did with a segment it did not accept, in the few words an arrow has room
/// for: the reply it sent ("no connection → RST", "SYN when open → challenge ACK") or, when
/// it sent none, that it dropped the segment ("dropped: bad seq").
enum RejectReasonText {
    /// The receiver's answer to a rejected segment, read off the trace: the segment it sent
    /// at the same moment.
    enum Reply: Hashable, Sendable {
        case rst
        case ack
        case challengeACK

        /// The reply `wire` is to a segment rejected for `reason`.
        init(_ wire: WireSegment, to reason: RejectReason) {
            if wire.segment.flags.contains(.rst) {
                self = .rst
            } else {
                // RFC 5961's answer to a SYN or an inexact RST in the window (RFC 9293 §3.10.7.4).
                self = reason == .synInSynchronizedState || reason == .rstNotExact ? .challengeACK : .ack
            }
        }
    }

    /// The reason in a few words.
    static func short(_ reason: RejectReason, _ text: UIText) -> String {
        text(key(reason))
    }

    static func key(_ reason: RejectReason) -> UIKey {
        switch reason {
        case .unacceptableSequence: .rejectBadSeq
        case .unacceptableAck: .rejectBadAck
        case .ackOfUnsentData: .rejectAckOfUnsent
        case .rstWithoutAcceptableAck: .rejectRSTBadAck
        case .rstOutOfWindow: .rejectRSTOutOfWindow
        case .rstNotExact: .rejectRSTNotExact
        case .rstIgnored: .rejectStrayRST
        case .synInSynchronizedState: .rejectSYNWhenOpen
        case .noAckBit: .rejectNoACKBit
        case .noSynOrRst: .rejectNoSYNOrRST
        case .noConnection: .rejectNoConnection
        case .notSynInListen: .rejectNotASYN
        case .ackInListen: .rejectACKInListen
        case .finNotProcessed: .rejectFINIgnored
        case .duplicate: .rejectDuplicate
        case .twoWayHandshakeReply: .rejectUnexpectedReply
        }
    }

    /// The wordings for a rejected segment, longest first: "no connection → RST", "→ RST";
    /// "dropped: bad seq", "bad seq".
    static func notes(_ reason: RejectReason, reply: Reply?, _ text: UIText) -> [String] {
        let why = short(reason, text)
        guard let reply else { return [text(.dropped, why), why] }
        let key: UIKey = switch reply {
        case .rst: .replyRST
        case .ack: .replyACK
        case .challengeACK: .replyChallengeACK
        }
        let answer = text(key)
        return [why + " " + answer, answer]
    }
}
