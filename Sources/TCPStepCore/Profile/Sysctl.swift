/// Linux's own knobs (`/proc/sys/net/ipv4/…`), spelled as Linux spells them. A scenario sets them
/// with `set tcp_syn_retries 2`, the command line with `--sysctl tcp_syn_retries=2`; each one
/// changes settings of the `linux` profile (and only of it: they are Linux-only).
/// Defaults and sources are in docs/profiles.md.
public enum Sysctl: String, CaseIterable, Hashable, Sendable {
    /// Active SYN retries; the give-up time is (2^(n+1) − 1) s (default 6: 127 s).
    case tcpSynRetries = "tcp_syn_retries"
    /// SYN,ACK retries of a half-open request socket before it is dropped silently (default 5).
    case tcpSynackRetries = "tcp_synack_retries"
    /// SYN retries 1 s apart before doubling resumes (default 4; 0 = classic 1, 2, 4 … s).
    case tcpSynLinearTimeouts = "tcp_syn_linear_timeouts"
    /// Lifetime of an orphaned FIN_WAIT_2, in seconds (default 60).
    case tcpFinTimeout = "tcp_fin_timeout"
    /// 1: a RST does not end TIME_WAIT (RFC 1337's remedy) (default 0).
    case tcpRfc1337 = "tcp_rfc1337"
    /// Reuse of a TIME_WAIT port pair for a new outgoing connection: 0 off, 1 on, 2 loopback only (default 2).
    case tcpTwReuse = "tcp_tw_reuse"

    public var name: String { rawValue }

    /// The values Linux accepts (net/ipv4/sysctl_net_ipv4.c), as text for error messages.
    public var range: ClosedRange<Int> {
        switch self {
        case .tcpSynRetries: 1...127             // MAX_TCP_SYNCNT
        case .tcpSynackRetries: 0...255          // a u8
        case .tcpSynLinearTimeouts: 0...127      // MAX_TCP_SYNCNT
        case .tcpFinTimeout: 1...86_400          // seconds; tcpstep's bound, a day
        case .tcpRfc1337: 0...1
        case .tcpTwReuse: 0...2
        }
    }

    /// Linux's default.
    public var linuxDefault: Int {
        switch self {
        case .tcpSynRetries: 6
        case .tcpSynackRetries: 5
        case .tcpSynLinearTimeouts: 4
        case .tcpFinTimeout: 60
        case .tcpRfc1337: 0
        case .tcpTwReuse: 2
        }
    }

    /// What a valid value looks like, for error messages.
    public var expected: String {
        switch self {
        case .tcpFinTimeout: "a whole number of seconds from 1 to 86400, such as 2s or 30"
        case .tcpSynRetries, .tcpSynackRetries, .tcpSynLinearTimeouts, .tcpRfc1337, .tcpTwReuse:
            "a whole number from \(range.lowerBound) to \(range.upperBound)"
        }
    }

    /// Parses a value as written after the name: a whole number, or for `tcp_fin_timeout` also
    /// a whole number of seconds with `s` ("2s"). nil when it is not valid.
    public func parse<Text: StringProtocol>(_ text: Text) -> Int? {
        var digits = Substring(text)
        if self == .tcpFinTimeout && digits.hasSuffix("s") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 6,
              let value = Int(digits), range.contains(value) else { return nil }
        return value
    }

    /// Sets this knob to `value` (already checked against `range`) in `profile`.
    public func apply(_ value: Int, to profile: inout Profile) {
        switch self {
        case .tcpSynRetries: profile.synGiveUpAfter = Self.synGiveUpAfter(retries: value)
        case .tcpSynackRetries: profile.synAckRetries = value
        case .tcpSynLinearTimeouts: profile.synLinearRetransmissions = value
        case .tcpFinTimeout: profile.finWait2Timeout = .seconds(Int64(value))
        case .tcpRfc1337: profile.timeWaitRST = value == 1 ? .ignored : .exactEndsIt
        case .tcpTwReuse: profile.timeWaitReuse = TimeWaitReuse(rawValue: value) ?? .loopbackOnly
        }
    }

    /// Linux tcp_model_timeout: the time the SYN retries would take with a 1 s initial RTO
    /// doubling up to TCP_RTO_MAX (120 s): (2^(n+1) − 1) s while the doubling fits under
    /// 120 s (n ≤ 6), then 120 s more per retry.
    static func synGiveUpAfter(retries: Int) -> Micros {
        let doublingLimit = 6  // ilog2(TCP_RTO_MAX / TCP_TIMEOUT_INIT)
        let doubled = min(retries, doublingLimit)
        let seconds = Int64((2 << doubled) - 1) + Int64(max(0, retries - doublingLimit)) * 120
        return .seconds(seconds)
    }
}

/// One sysctl and its value, as a scenario or the command line gave it.
public struct SysctlSetting: Hashable, Sendable {
    public var sysctl: Sysctl
    public var value: Int
    public init(_ sysctl: Sysctl, _ value: Int) {
        self.sysctl = sysctl
        self.value = value
    }
}
