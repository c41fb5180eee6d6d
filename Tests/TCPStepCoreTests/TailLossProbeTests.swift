import Testing
import TCPStepCore

/// Linux's tail loss probe: the first retransmission of a lost FIN is a probe after about
/// 200 ms, the next an RTO of about 200 ms (the probe does not double it), then doubling
/// (linux-notes.md "Retransmission after the handshake").
@Suite("Tail loss probe")
struct TailLossProbeTests {
    /// A sub-millisecond RTT, as on the notes' test bed; the client's FIN is lost three times.
    private let story = """
        set latency 100us
        set isn client 99
        set isn server 299
        server listen 80
        client connect 80 from 5000
        at 1s client close
        drop c2s FIN+ACK#1
        drop c2s FIN+ACK#2
        drop c2s FIN+ACK#3
        """

    @Test("FIN lost three times: probe at +200.2 ms, RTO +200.2 ms, then +400.4 ms")
    func lostFinSchedule() throws {
        let run = try Run("set profile linux\n" + story)
        // SRTT = 200 µs from the handshake, RTO = SRTT + 200 ms; the probe timeout
        // 2·SRTT + 200 ms is capped by the RTO.
        let fins = run.sent(by: .client).filter { $0.segment.matchFlags == [.fin, .ack] }.map(\.sentAt)
        #expect(fins == [1_000_000, 1_200_200, 1_400_400, 1_800_800])
        let timers = run.events.compactMap { event -> String? in
            guard case .timer(.client, _, _, let kind, let action, let deadline, _) = event.kind,
                  event.time >= .seconds(1), event.time < .ms(1_801), action != .cancel else { return nil }
            return "\(event.time) \(kind.name) \(action.rawValue) \(deadline)"
        }
        #expect(timers == [
            "1000000 tlp set 1200200",
            "1200200 tlp fire 1200200",
            "1200200 retransmission set 1400400",   // not doubled
            "1400400 retransmission fire 1400400",
            "1400400 retransmission set 1800800",   // now doubling
            "1800800 retransmission fire 1800800",
            "1800800 retransmission set 2601600",
        ])
        #expect(run.jsonLines.contains(#""event":"timer","host":"client","timer":"tlp","action":"fire","deadline":1200.2"#))
        #expect(run.states(.client).suffix(3) == ["FIN_WAIT_1", "FIN_WAIT_2", "CLOSED"])
    }

    @Test("The RFC profile has no probe: 1 s, then 2 s, then 4 s")
    func rfcHasNoProbe() throws {
        let run = try Run("set profile rfc9293\n" + story)
        let fins = run.sent(by: .client).filter { $0.segment.matchFlags == [.fin, .ack] }.map { $0.sentAt / 1_000 }
        #expect(fins == [1_000, 2_000, 4_000, 8_000])
        #expect(!run.jsonLines.contains(#""timer":"tlp""#))
    }

    @Test("One probe per flight: a burst arms it with 2·SRTT + 8 ms; the last outstanding segment with + 200 ms")
    func probeTimeoutDependsOnFlight() throws {
        let run = try Run("set profile linux\nset latency 10ms\nserver listen 80\nclient connect 80 from 5000\nat 1s client send 3000\n")
        let probes = run.events.compactMap { event -> Micros? in
            guard case .timer(.client, _, _, .tailLossProbe, .set, let deadline, _) = event.kind else { return nil }
            return deadline - event.time
        }
        // SRTT 20 ms: three segments in flight → 48 ms; then one segment left → capped by the
        // RTO (SRTT + 200 ms) counted from that segment's send time.
        #expect(probes == [.ms(48), .ms(48), .ms(200)])
    }
}
