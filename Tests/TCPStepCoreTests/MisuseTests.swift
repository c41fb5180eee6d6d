import Testing
import TCPStepCore

/// User calls that make no sense return the RFC's error as a typed value, never a crash.
@Suite("Misuse of user calls")
struct MisuseTests {
    private func world() -> (Simulation, TraceLog) {
        var config = SimulationConfig()
        config.latency = [.ms(10), .ms(10)]
        return (Simulation(config: config), TraceLog())
    }

    @Test("SEND on a LISTEN socket: foreign socket unspecified")
    func sendOnListen() {
        var (sim, log) = world()
        #expect(sim.perform(.listen(port: 80), on: .server, &log) == .ok)
        #expect(sim.perform(.send(bytes: 10), on: .server, &log) == .failed(.foreignSocketUnspecified))
    }

    @Test("LISTEN twice on a port: connection already exists")
    func listenTwice() {
        var (sim, log) = world()
        sim.perform(.listen(port: 80), on: .server, &log)
        #expect(sim.perform(.listen(port: 80), on: .server, &log) == .failed(.connectionAlreadyExists))
    }

    @Test("CLOSE twice: connection closing, and no second FIN")
    func closeTwice() {
        var (sim, log) = world()
        sim.perform(.listen(port: 80), on: .server, &log)
        sim.perform(.connect(remotePort: 80, localPort: 5000, isn: 1), on: .client, &log)
        sim.runUntilQuiet(limit: .seconds(1), &log)
        #expect(sim.perform(.close, on: .client, &log) == .ok)
        #expect(sim.perform(.close, on: .client, &log) == .failed(.connectionClosing))
        let fins = log.events.filter { if case .send(let w) = $0.kind { w.segment.flags.contains(.fin) } else { false } }
        #expect(fins.count == 1)
    }

    @Test("SEND after CLOSE: connection closing")
    func sendAfterClose() {
        var (sim, log) = world()
        sim.perform(.listen(port: 80), on: .server, &log)
        sim.perform(.connect(remotePort: 80, localPort: 5000, isn: 1), on: .client, &log)
        sim.runUntilQuiet(limit: .seconds(1), &log)
        sim.perform(.close, on: .client, &log)
        #expect(sim.perform(.send(bytes: 1), on: .client, &log) == .failed(.connectionClosing))
    }

    @Test("Calls on a host with nothing open: connection does not exist")
    func nothingOpen() {
        var (sim, log) = world()
        for call in [AppCall.send(bytes: 1), .close, .abort] {
            #expect(sim.perform(call, on: .client, &log) == .failed(.connectionDoesNotExist))
        }
    }

    @Test("CLOSE in SYN_SENT deletes the TCB and sends nothing")
    func closeInSynSent() {
        var (sim, log) = world()
        sim.perform(.connect(remotePort: 80, localPort: 5000, isn: 1), on: .client, &log)
        #expect(sim.perform(.close, on: .client, &log) == .ok)
        #expect(sim.connections(of: .client).isEmpty)
        let sends = log.events.filter { if case .send = $0.kind { true } else { false } }
        #expect(sends.count == 1)   // only the SYN
    }

    @Test("ABORT in ESTABLISHED sends <SEQ=SND.NXT><CTL=RST>; the peer is reset")
    func abortEstablished() throws {
        let run = try Run(rfcHeader + "set isn client 99\nset isn server 299\nserver listen 80\nclient connect 80 from 5000\nat 1s client abort\n")
        #expect(run.wire(.client).last == Seg("RST", 100))
        #expect(run.states(.server).last == "CLOSED")
        #expect(run.events.contains { if case .signal(.server, _, _, .connectionReset) = $0.kind { true } else { false } })
    }

    @Test("connect() with no ephemeral port left: insufficient resources")
    func portsExhausted() {
        var config = SimulationConfig()
        config.ephemeralPorts = 40000...40001
        var sim = Simulation(config: config)
        var log = TraceLog()
        #expect(sim.perform(.connect(remotePort: 80, localPort: nil, isn: nil), on: .client, &log) == .ok)
        #expect(sim.perform(.connect(remotePort: 80, localPort: nil, isn: nil), on: .client, &log) == .ok)
        #expect(sim.perform(.connect(remotePort: 80, localPort: nil, isn: nil), on: .client, &log) == .failed(.insufficientResources))
        #expect(sim.failedConnects == 1)
    }
}
