import TCPStepCore

extension UIText {
    /// What a header says the trace is: "rfc9293" (a simulation's profile), "recorded", or
    /// "capture, states inferred by linux".
    public func origin(_ origin: TraceOrigin) -> String {
        let rules = origin.profile?.rawValue ?? "?"
        return switch origin.kind {
        case .simulation: rules
        case .recording: self(.originRecorded)
        case .capture: self(.originCapture, rules)
        case .liveCapture: self(.originLiveCapture, rules)
        }
    }
}
