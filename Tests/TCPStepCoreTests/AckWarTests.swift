import Testing
import TCPStepCore

/// Two peers that disagree about the sequence numbers answer each other's unacceptable
/// segments with ACKs; read literally, RFC 9293 lets them do that forever. RFC 5961 §10's
/// throttle (both profiles rate-limit such ACKs) ends the war, so a lecturer's faults can never
/// livelock the simulation.
@Suite("ACK wars end")
struct AckWarTests {
    /// An ESTABLISHED connection; at 1 s a forged 100-byte segment at exactly the server's
    /// RCV.NXT (a hijack) makes the server expect bytes the client never sent.
    private func hijacked(_ profile: Profile) -> (sentAfterForgery: Int, quiet: Bool) {
        var config = SimulationConfig()
        config.profile = profile
        config.latency = [.ms(10), .ms(10)]
        config.isn = [99, 299]
        let script = Script(commands: [
            ScriptCommand(time: 0, kind: .app(.server, .listen(port: 80))),
            ScriptCommand(time: 0, kind: .app(.client, .connect(remotePort: 80, localPort: 5000, isn: nil))),
            ScriptCommand(time: .seconds(1), kind: .inject(.clientToServer, Segment(
                sourcePort: 5000, destinationPort: 80, seq: SeqNum(100), ack: SeqNum(300), flags: [.ack, .psh], payloadLength: 100))),
        ])
        var simulation = Simulation(config: config, script: script)
        var log = TraceLog()
        simulation.runUntilQuiet(limit: .seconds(61), &log)
        let sends = log.events.filter { if case .send = $0.kind { $0.time >= .seconds(1) } else { false } }
        return (sends.count, simulation.isQuiet)
    }

    @Test("A hijacked connection: a short burst of ACKs, then silence (both profiles)")
    func hijackWarEnds() {
        // The server ACKs the forged data; then the client, which never sent it, and the server
        // answer each other. rfc9293: at most 10 such ACKs a second per connection, so 1 + 10 + 10.
        #expect(hijacked(.rfc9293) == (sentAfterForgery: 21, quiet: true))
        // Linux: one per 500 ms per socket, so 1 + 1 + 1.
        #expect(hijacked(.linux) == (sentAfterForgery: 3, quiet: true))
    }

    @Test("Without the throttle the same forgery is a war that never ends (the check can fail)")
    func unthrottledWarGoesOn() {
        var literal = Profile.rfc9293
        literal.invalidAckLimit = RateLimit(count: Int.max, interval: .seconds(1))
        let war = hijacked(literal)
        #expect(war.sentAfterForgery > 2_000)  // one ACK every 10 ms for a minute
        #expect(!war.quiet)
    }

    /// One random fault schedule with a forged segment among its faults, run until the faults
    /// stop; then the segments sent until quiet (at most an hour later) are counted.
    private func afterFaults(seed: UInt64) -> (sent: Int, quiet: Bool) {
        var schedule = PropertyTests.Schedule(seed: seed)
        var simulation = schedule.makeSimulation()
        var log = TraceLog(recording: false)
        let forgeAt = Micros(schedule.int(0...15_000)) * 1_000
        var forged = false
        while let next = simulation.nextEventTime, next <= schedule.faultsStop {
            if !forged, simulation.now >= forgeAt, let server = simulation.connections(of: .server).first,
               server.state == .established {
                // Data the client never sent, exactly where the server expects the next byte.
                let forgery = Segment(sourcePort: server.ports.remote, destinationPort: server.ports.local,
                                      seq: server.rcvNxt, ack: server.sndNxt, flags: [.ack, .psh],
                                      payloadLength: schedule.int(1...500))
                simulation.inject(forgery, direction: .clientToServer, &log)
                forged = true
            }
            schedule.interfere(with: &simulation, &log)
            simulation.step(&log)
        }
        log = TraceLog()
        simulation.runUntilQuiet(limit: schedule.faultsStop + .seconds(3_600), &log)
        let sent = log.events.filter { if case .send = $0.kind { true } else { false } }.count
        return (sent, simulation.isQuiet)
    }

    /// Once faults stop, only retransmissions (which end at R2) can start a new exchange of
    /// ACKs, and the throttle ends each one: so the total is bounded. The figure allows the RFC
    /// profile's 10 ACKs a second on both sides through its 100 s of retransmissions.
    @Test("For any fault schedule (a forged segment among the faults), the segments sent once faults stop are bounded",
          arguments: 0..<4)
    func boundedAfterFaults(batch: Int) {
        for seed in UInt64(10_000 + batch * 100)..<UInt64(10_000 + batch * 100 + 100) {
            let run = afterFaults(seed: seed)
            #expect(run.sent <= 2_000, "seed \(seed): \(run.sent) segments after the faults stopped")
            #expect(run.quiet, "seed \(seed): still busy an hour after the faults stopped")
        }
    }
}
