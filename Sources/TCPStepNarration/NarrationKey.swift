import TCPStepCore

/// How narration keys are derived from the core's stable names. Every enum the narration
/// depends on is listed here through an exhaustive `switch`, so a new case is a compile error
/// here, and then a missing key in `NarrationTests`.
public enum NarrationKey {
    // MARK: Keys of facts

    /// Any key may have a `KEY@linux` variant, tried first under the Linux profile.
    public static let linuxSuffix = "@linux"

    /// `state.rcv-fin`, refined as `state.rcv-fin.TIME_WAIT` and `state.rcv-fin.FIN_WAIT_2.TIME_WAIT`.
    static func state(_ cause: TransitionCause, from: TCPState, to: TCPState) -> [String] {
        let base = "state.\(cause.rawValue)"
        return ["\(base).\(from.name).\(to.name)", "\(base).\(to.name)", base]
    }

    /// `reject.unacceptable-seq`, refined by the receiver's state and the segment's flags.
    static func reject(_ reason: RejectReason, state: TCPState, flags: TCPFlags) -> [String] {
        let base = "reject.\(reason.rawValue)"
        let flagKey = flagsKey(flags)
        return ["\(base).\(state.name).\(flagKey)", "\(base).\(state.name)", "\(base).\(flagKey)", base]
    }

    /// "SYN+ACK", "FIN+ACK", "ACK" (PSH ignored, as in the scenario language).
    static func flagsKey(_ flags: TCPFlags) -> String {
        flags.subtracting(.psh).names.joined(separator: "+")
    }

    static func signal(_ signal: UserSignal) -> String { "signal.\(signalName(signal))" }

    static func signalName(_ signal: UserSignal) -> String {
        signal.rawValue.split(separator: " ").prefix(2).joined(separator: "-")
    }

    static func error(_ error: UserCallError) -> String {
        switch error {
        case .connectionDoesNotExist: "error.connection-does-not-exist"
        case .connectionAlreadyExists: "error.connection-already-exists"
        case .foreignSocketUnspecified: "error.foreign-socket-unspecified"
        case .connectionClosing: "error.connection-closing"
        case .insufficientResources: "error.insufficient-resources"
        case .connectionTimedOut: "error.connection-timed-out"
        }
    }

    // MARK: The closed lists (each spelled through an exhaustive switch)

    static let userSignals: [UserSignal] = {
        func all(_ signal: UserSignal) -> [UserSignal] {
            switch signal {
            case .established, .connectionReset, .connectionRefused, .connectionClosing, .connectionAborted, .closed, .dataDelivered:
                [.established, .connectionReset, .connectionRefused, .connectionClosing, .connectionAborted, .closed, .dataDelivered]
            }
        }
        return all(.established)
    }()

    static let userCallErrors: [UserCallError] = {
        func all(_ error: UserCallError) -> [UserCallError] {
            switch error {
            case .connectionDoesNotExist, .connectionAlreadyExists, .foreignSocketUnspecified, .connectionClosing, .insufficientResources,
                 .connectionTimedOut:
                [.connectionDoesNotExist, .connectionAlreadyExists, .foreignSocketUnspecified, .connectionClosing, .insufficientResources,
                 .connectionTimedOut]
            }
        }
        return all(.connectionClosing)
    }()

    static let faultCauses: [FaultCause] = {
        func all(_ cause: FaultCause) -> [FaultCause] {
            switch cause {
            case .script, .user, .random: [.script, .user, .random]
            }
        }
        return all(.script)
    }()

    static let timerActions: [TimerAction] = {
        func all(_ action: TimerAction) -> [TimerAction] {
            switch action {
            case .set, .fire, .cancel: [.set, .fire, .cancel]
            }
        }
        return all(.set)
    }()

    /// The names of the application calls (`AppCall.name`).
    static let appCallNames: [String] = {
        func all(_ call: AppCall) -> [AppCall] {
            switch call {
            case .listen, .connect, .send, .read, .close, .abort, .crash:
                [.listen(port: 1), .connect(remotePort: 1, localPort: nil, isn: nil), .send(bytes: 1), .read(bytes: nil),
                 .close, .abort, .crash]
            }
        }
        return all(.close).map(\.name)
    }()

    /// What a segment sent in reply is called, by what it is and what provoked it.
    static let replyKinds = [
        "reply.syn", "reply.syn-ack", "reply.fin", "reply.data", "reply.resend",
        "reply.ack", "reply.ack.syn", "reply.ack.data", "reply.ack.fin", "reply.ack.duplicate", "reply.ack.challenge",
        "reply.rst", "reply.rst.abort",
    ]

    /// Keys with no enum behind them.
    static let fixedKeys = [
        "host.client", "host.server", "host.network",
        "app.failed", "inject",
        "deliver.data", "deliver.ack", "deliver.nothing",
        "timewait.restart", "timewait.restart.silent",
        "timer.backoff", "timer.linear", "timer.rearm", "timer.after-tlp",
        "headline.send", "headline.resend", "headline.inject", "headline.deliver", "headline.discard",
        "headline.drop", "headline.duplicate", "headline.delay", "headline.state",
        "headline.app", "headline.app.failed", "headline.signal",
        "variant.two-way-handshake", "variant.no-time-wait",
    ]

    /// Every key a complete table must have. The generic key of each family is here; the
    /// refinements (`state.close.FIN_WAIT_1` …) are optional but must exist in both languages.
    public static var required: [String] {
        var keys = fixedKeys + replyKinds
        keys += TransitionCause.allCases.map { "state.\($0.rawValue)" }
        keys += RejectReason.allCases.flatMap { ["reject.\($0.rawValue)", "why.\($0.rawValue)"] }
        keys += TimerKind.allCases.flatMap { ["timer.name.\($0.name)", "timer.fire.\($0.name)", "timer.set.\($0.name)"] }
        keys += timerActions.map { "headline.timer.\($0.rawValue)" }
        keys += userSignals.map(signal)
        keys += userCallErrors.map(error)
        keys += appCallNames.map { "app.\($0)" }
        keys += faultCauses.flatMap { ["drop.\($0.rawValue)", "dup.\($0.rawValue)", "delay.\($0.rawValue)"] }
        keys += ["capture.inferred"] + WireLabel.allCases.map { "capture.label.\($0.rawValue)" }
        var seen: Set<String> = []
        return keys.filter { seen.insert($0).inserted }
    }

    /// Placeholders a family's generic key may use: always available when such a fact is told.
    /// Richer placeholders (the reply `{out}`, the segment `{seg}` …) belong in refinements,
    /// which are skipped when a value is missing.
    public static func guaranteedPlaceholders(forGenericKey key: String) -> Set<String>? {
        let who: Set<String> = ["host", "peer"]
        let family = key.split(separator: ".").first.map(String.init) ?? key
        switch family {
        case "state": return who.union(["from", "to", "port", "rport"])
        case "reject", "deliver": return who.union(["seg", "flags", "seq", "ack", "len", "state", "port", "rport"])
        case "timer": return who.union(["port", "elapsed", "duration", "next", "timer"])
        case "drop", "dup", "delay", "inject": return who.union(["seg", "extra", "arrives"])
        case "app": return who.union(["call", "port", "rport", "bytes", "error"])
        case "reply", "timewait": return who.union(["out", "outflags", "outseq", "outack", "outlen", "duration", "seg"])
        default: return nil
        }
    }
}
