/// The retransmission timeout of RFC 6298, with the Linux variant of the formula.
struct RTOEstimator: Hashable, Sendable {
    private(set) var smoothedRTT: Micros?
    private(set) var rttVariance: Micros = 0
    /// The RTO before backoff.
    private(set) var baseRTO: Micros
    /// How many times the current RTO was doubled (RFC 6298 5.5).
    private(set) var backoffCount = 0

    init(initial: Micros) { baseRTO = initial }

    /// RFC 6298 (2.2)/(2.3). Linux keeps its variance term at least TCP_RTO_MIN, so its RTO is
    /// SRTT + max(4·RTTVAR, 200 ms); the RFC's is max(1 s, SRTT + max(G, 4·RTTVAR)).
    mutating func addSample(_ rtt: Micros, profile: Profile) {
        if let srtt = smoothedRTT {
            rttVariance = (3 * rttVariance + abs(srtt - rtt)) / 4
            smoothedRTT = (7 * srtt + rtt) / 8
        } else {
            smoothedRTT = rtt
            rttVariance = rtt / 2
        }
        let srtt = smoothedRTT ?? rtt
        let clockGranularity: Micros = 1_000
        switch profile.rtoFormula {
        case .rfc6298: baseRTO = max(profile.minimumRTO, srtt + max(clockGranularity, 4 * rttVariance))
        case .linuxVarianceFloor: baseRTO = srtt + max(4 * rttVariance, profile.minimumRTO)
        }
        baseRTO = min(baseRTO, profile.maximumRTO)
        backoffCount = 0
    }

    /// The timeout to use now, after `backoffCount` doublings, capped by the profile maximum.
    func current(profile: Profile) -> Micros {
        var rto = baseRTO
        for _ in 0..<backoffCount where rto < profile.maximumRTO { rto *= 2 }
        return min(rto, profile.maximumRTO)
    }

    /// RFC 6298 5.5. Linux keeps the first `synLinearRetransmissions` SYN timeouts at 1 s.
    mutating func backOff(linear: Bool) {
        if !linear { backoffCount += 1 }
    }

    mutating func resetBackoff() { backoffCount = 0 }

    /// RFC 6298 5.7: after a retransmitted SYN, data transfer starts with an RTO of 3 s.
    mutating func fallBackAfterSynRetransmission() {
        if smoothedRTT == nil && baseRTO < .seconds(3) { baseRTO = .seconds(3) }
        backoffCount = 0
    }
}
