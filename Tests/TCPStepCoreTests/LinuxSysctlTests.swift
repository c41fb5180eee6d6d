import Testing
import TCPStepCore

/// Each of Linux's knobs changes what happens, with the exact segment times and what the
/// application is told, as linux-notes.md observed them on Linux 6.18 (without the timer wheel's
/// few milliseconds of slack).
@Suite("Linux sysctls")
struct LinuxSysctlTests {
    private let header = "set profile linux\nset latency 10ms\nset isn client 99\nset isn server 299\n"

    /// The app events of a host: (time in ms, call, result).
    private func appResults(_ run: Run, _ host: HostID) -> [String] {
        run.events.compactMap { event in
            guard case .app(let who, let call, let result) = event.kind, who == host else { return nil }
            return "\(event.time / 1_000) \(call) → \(result)"
        }
    }

    private func unansweredSYNs(_ settings: String) throws -> Run {
        try Run(header + settings + "client connect 80 from 5000\n" + (1...30).map { "drop c2s SYN#\($0)" }.joined(separator: "\n"))
    }

    @Test("tcp_syn_retries 2: six SYNs 1 s apart (linear timeouts 4), connect() fails with ETIMEDOUT at 7 s")
    func synRetries2() throws {
        let run = try unansweredSYNs("set tcp_syn_retries 2\n")
        #expect(run.sendTimes(.client, .syn) == [0, 1_000, 2_000, 3_000, 4_000, 5_000])
        #expect(run.sent(by: .client).count == 6)  // nothing else, not even a RST
        #expect(appResults(run, .client) == ["0 connect 80 from 5000 → ok",
                                            "7000 connect 80 from 5000 → error: connection timed out (ETIMEDOUT)"])
        #expect(run.times(.client, enter: .closed) == [7_000])
        #expect(run.jsonLines.contains(#""event":"app","host":"client","call":"connect","args":"80 from 5000","result":"error: connection timed out (ETIMEDOUT)""#))
    }

    @Test("tcp_syn_retries 3 with tcp_syn_linear_timeouts 0: SYNs at 0, 1, 3, 7 s and ETIMEDOUT at 15 s")
    func synRetries3Classic() throws {
        let run = try unansweredSYNs("set tcp_syn_retries 3\nset tcp_syn_linear_timeouts 0\n")
        #expect(run.sendTimes(.client, .syn) == [0, 1_000, 3_000, 7_000])
        #expect(appResults(run, .client).last == "15000 connect 80 from 5000 → error: connection timed out (ETIMEDOUT)")
        #expect(run.times(.client, enter: .closed) == [15_000])
    }

    @Test("tcp_syn_linear_timeouts 2: two 1 s gaps more, then doubling; the give-up time stays 127 s")
    func linearTimeouts2() throws {
        let run = try unansweredSYNs("set tcp_syn_linear_timeouts 2\n")
        #expect(run.sendTimes(.client, .syn) == [0, 1_000, 2_000, 3_000, 5_000, 9_000, 17_000, 33_000, 65_000])
        #expect(run.times(.client, enter: .closed) == [127_000])
    }

    @Test("tcp_synack_retries 2: SYN,ACKs at 0, 1, 3 s, the request socket vanishes silently at 7 s, the client's data gets a bare RST")
    func synackRetries2() throws {
        // The handshake's ACK and the client's answers to the repeated SYN,ACKs are all lost.
        let run = try Run(header + """
            set tcp_synack_retries 2
            server listen 80
            client connect 80 from 5000
            drop c2s ACK#1
            drop c2s ACK#2
            drop c2s ACK#3
            at 8s client send 100
            """)
        #expect(run.sendTimes(.server, [.syn, .ack]) == [10, 1_010, 3_010])
        #expect(run.times(.server, enter: .closed) == [7_010])
        // Nothing is sent when it vanishes: the next segment of the server is the RST at 8010 ms.
        let reset = run.sent(by: .server).last!
        #expect(reset.sentAt == .ms(8_010))
        #expect(Seg(reset.segment) == Seg("RST", 300))  // SEQ = the data's ACK number, no ACK bit
        #expect(run.sent(by: .server).count == 4)
        #expect(run.states(.client) == ["SYN_SENT", "ESTABLISHED", "CLOSED"])
        #expect(run.events.contains { if case .signal(.client, _, _, .connectionReset) = $0.kind { true } else { false } })
    }

    @Test("tcp_fin_timeout 2s: the orphaned FIN_WAIT_2 is forgotten 2 s after entering it; the late FIN gets a bare RST")
    func finTimeout2() throws {
        let story = "server listen 80\nclient connect 80 from 5000\nat 200ms client close\nat 3700ms server close\n"
        let run = try Run(header + "set tcp_fin_timeout 2s\n" + story)
        // FIN at 200 ms, delayed ACK sent at 214 ms arrives at 224 ms: FIN_WAIT_2 from 224 to 2224 ms.
        #expect(run.times(.client, enter: .finWait2) == [224])
        #expect(run.times(.client, enter: .closed) == [2_224])
        let reset = run.sent(by: .client).last!
        #expect(reset.sentAt == .ms(3_710))
        #expect(Seg(reset.segment) == Seg("RST", 101))  // SEQ = the FIN's ACK number, no ACK bit
        #expect(run.states(.server).suffix(2) == ["LAST_ACK", "CLOSED"])
        // With the default 60 s the FIN arrives in time and the close ends normally.
        let normal = try Run(header + story)
        #expect(normal.states(.client).suffix(2) == ["TIME_WAIT", "CLOSED"])
    }

    @Test("tcp_rfc1337 1: a RST exactly at RCV.NXT no longer ends TIME_WAIT")
    func rfc1337() throws {
        let story = "server listen 80\nclient connect 80 from 5000\nat 1s client close\nat 1100ms server close\ninject s2c RST seq=301 at 2s\n"
        let assassinated = try Run(header + story)
        #expect(assassinated.times(.client, enter: .closed) == [2_010])
        let protected = try Run(header + "set tcp_rfc1337 1\n" + story)
        // TIME_WAIT from the server's FIN at 1110 ms lasts its full 60 s.
        #expect(protected.times(.client, enter: .closed) == [61_110])
        #expect(protected.sent(by: .client).last!.sentAt < .ms(2_000))  // the RST is not answered
    }

    @Test("tcp_tw_reuse 1: connect() from a port in TIME_WAIT (older than 1 s) takes it over with ISN = SND.NXT + 65537")
    func twReuse() throws {
        let story = "server listen 80\nclient connect 80 from 5000\nat 1s client close\nat 1100ms server close\nat 3s client connect 80 from 5000\n"
        let refused = try Run(header + story)  // default 2: loopback only, and these are two hosts
        #expect(appResults(refused, .client).last == "3000 connect 80 from 5000 → error: connection already exists")
        let reused = try Run(header + "set tcp_tw_reuse 1\n" + story)
        #expect(appResults(reused, .client).last == "3000 connect 80 from 5000 → ok")
        #expect(reused.events.contains {
            if case .state(.client, _, _, .timeWait, .closed, .timeWaitReused) = $0.kind { $0.time == .ms(3_000) } else { false }
        })
        let syn = reused.sent(by: .client).last { $0.segment.matchFlags == .syn }!
        #expect(syn.sentAt == .ms(3_000))
        #expect(syn.segment.seq.raw == 101 + 65_537)
        #expect(reused.states(.client).suffix(1) == ["ESTABLISHED"])
    }

    @Test("A profile is its settings: one changed sysctl makes a different profile that behaves differently")
    func profileIsItsSettings() throws {
        var changed = Profile.linux
        Sysctl.tcpFinTimeout.apply(2, to: &changed)
        #expect(changed != Profile.linux)
        #expect(Set([changed, Profile.linux]).count == 2)
        var same = Profile.linux
        Sysctl.tcpFinTimeout.apply(60, to: &same)
        #expect(same == Profile.linux)
        #expect(same.hashValue == Profile.linux.hashValue)
    }
}
