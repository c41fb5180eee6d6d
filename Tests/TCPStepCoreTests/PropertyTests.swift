import Testing
import TCPStepCore

/// Thousands of random fault schedules against the core's invariants. Each case prints its seed
/// on failure, so it can be replayed.
@Suite("Random fault schedules")
struct PropertyTests {
    /// One random world: a connection, data both ways, closes, and faults applied by hand to
    /// segments in flight (drop, delay, duplicate) until `faultsStop`.
    struct Schedule {
        let seed: UInt64
        var rng: SplitMix64
        let profile: ProfileName
        let faultsStop: Micros = .seconds(20)

        init(seed: UInt64) {
            self.seed = seed
            rng = SplitMix64(seed: seed)
            profile = seed % 2 == 0 ? .rfc9293 : .linux
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }

        mutating func makeSimulation() -> Simulation {
            var config = SimulationConfig()
            config.profile = .named(profile)
            config.seed = seed
            config.msl = .seconds(5)
            config.mss = 500
            let latency = Micros(int(1...80)) * 1_000
            config.latency = [latency, latency]
            var commands = [
                ScriptCommand(time: 0, kind: .app(.server, .listen(port: 80))),
                ScriptCommand(time: .ms(Int64(int(0...50))), kind: .app(.client, .connect(remotePort: 80, localPort: nil, isn: nil))),
            ]
            for _ in 0..<int(0...4) {
                let host: HostID = int(0...1) == 0 ? .client : .server
                commands.append(ScriptCommand(time: .ms(Int64(int(100...8_000))), kind: .app(host, .send(bytes: int(1...3_000)))))
            }
            commands.append(ScriptCommand(time: .ms(Int64(int(2_000...12_000))), kind: .app(.client, .close)))
            commands.append(ScriptCommand(time: .ms(Int64(int(2_000...12_000))), kind: .app(.server, .close)))
            commands.sort { $0.time < $1.time }
            return Simulation(config: config, script: Script(commands: commands))
        }

        /// Maybe hurt one segment in flight.
        mutating func interfere(with simulation: inout Simulation, _ log: inout TraceLog) {
            guard simulation.now < faultsStop, !simulation.inFlight.isEmpty, int(0...99) < 35 else { return }
            let victims = simulation.inFlight
            let victim = victims[int(0...(victims.count - 1))].id
            switch int(0...2) {
            case 0: _ = simulation.drop(victim, &log)
            case 1: _ = simulation.delay(victim, by: .ms(Int64(int(1...400))), &log)
            default: _ = simulation.duplicate(victim, &log)
            }
        }
    }

    /// acknowledged ≤ received ≤ sent, for every pair of connections that know each other.
    static func checkSequenceInvariants(_ simulation: Simulation, seed: UInt64) {
        let clients = simulation.connections(of: .client)
        let servers = simulation.connections(of: .server)
        for connection in clients + servers {
            #expect(connection.sndUna <= connection.sndNxt, "seed \(seed): SND.UNA > SND.NXT in \(connection.state)")
        }
        for a in clients + servers {
            let others = a.host == .client ? servers : clients
            for b in others where b.ports.local == a.ports.remote && b.ports.remote == a.ports.local
                && b.state != .synSent && b.irs == a.iss {
                #expect(a.sndUna <= b.rcvNxt, "seed \(seed): \(a.host) has an ACK for data \(b.host) never received")
                #expect(b.rcvNxt <= a.sndNxt, "seed \(seed): \(b.host) received beyond what \(a.host) sent")
            }
        }
    }

    @Test("No crash, sequence invariants hold, and everything closes once faults stop", arguments: 0..<8)
    func randomSchedules(batch: Int) {
        for index in 0..<250 {
            let seed = UInt64(batch * 250 + index)
            var schedule = Schedule(seed: seed)
            var simulation = schedule.makeSimulation()
            var log = TraceLog(recording: false)
            let bound = schedule.faultsStop + .seconds(400)
            var steps = 0
            while let next = simulation.nextEventTime, next <= bound, steps < 50_000 {
                schedule.interfere(with: &simulation, &log)
                simulation.step(&log)
                steps += 1
                Self.checkSequenceInvariants(simulation, seed: seed)
            }
            #expect(simulation.isQuiet, "seed \(seed): still busy at \(simulation.now.durationText) after \(steps) steps")
            let left = HostID.allCases.flatMap { simulation.connections(of: $0) }
            #expect(left.isEmpty, "seed \(seed): left \(left.map { "\($0.host) \($0.state)" })")
        }
    }

    @Test("Random network faults from the seed (netem-like) reach quiet with nothing left open", arguments: [10.0, 25.0, 40.0])
    func netemFaults(lossPercent: Double) {
        for seed in UInt64(0)..<150 {
            var config = SimulationConfig()
            config.seed = seed
            config.profile = seed % 2 == 0 ? .rfc9293 : .linux
            config.msl = .seconds(5)
            config.latency = [.ms(20), .ms(20)]
            config.randomFaults = RandomFaults(lossPercent: lossPercent, duplicatePercent: 10, delayPercent: 20,
                                               delayMaximum: .ms(300), until: .seconds(15))
            let commands = [
                ScriptCommand(time: 0, kind: .app(.server, .listen(port: 80))),
                ScriptCommand(time: 0, kind: .app(.client, .connect(remotePort: 80, localPort: nil, isn: nil))),
                ScriptCommand(time: .seconds(1), kind: .app(.client, .send(bytes: 4_000))),
                ScriptCommand(time: .seconds(2), kind: .app(.server, .send(bytes: 4_000))),
                ScriptCommand(time: .seconds(8), kind: .app(.client, .close)),
                ScriptCommand(time: .seconds(9), kind: .app(.server, .close)),
            ]
            var simulation = Simulation(config: config, script: Script(commands: commands))
            var log = TraceLog(recording: false)
            while let next = simulation.nextEventTime, next <= .seconds(500) {
                simulation.step(&log)
                Self.checkSequenceInvariants(simulation, seed: seed)
            }
            #expect(simulation.isQuiet, "seed \(seed)")
            #expect(simulation.liveConnectionCount == 0, "seed \(seed): \(HostID.allCases.flatMap { simulation.connections(of: $0).map(\.state) })")
        }
    }
}
