import TCPStepCore

/// Why a receiver ignored a segment, in the few words an arrow has room for.
enum RejectReasonText {
    static func short(_ reason: RejectReason) -> String {
        switch reason {
        case .unacceptableSequence: "bad seq"
        case .unacceptableAck: "bad ack"
        case .ackOfUnsentData: "ack of unsent"
        case .rstWithoutAcceptableAck: "RST bad ack"
        case .rstOutOfWindow: "RST out of window"
        case .rstNotExact: "RST not exact"
        case .rstIgnored: "RST ignored"
        case .synInSynchronizedState: "SYN when open"
        case .noAckBit: "no ACK bit"
        case .noSynOrRst: "no SYN or RST"
        case .noConnection: "no connection"
        case .notSynInListen: "not a SYN"
        case .ackInListen: "ACK in LISTEN"
        case .finNotProcessed: "FIN ignored"
        case .duplicate: "duplicate"
        case .twoWayHandshakeReply: "reply ignored"
        }
    }
}
