import Benchmark
import TCPStepCore

/// Issue 2's speed targets: ≥ 2,000,000 segment deliveries per second on one core over full
/// open/data/close lifecycles, and stepping back to any of 100,000 earlier steps in < 1 ms.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 1_000)

    // One iteration = 2,000 lifecycles (handshake, 1000 bytes each way, four-way close,
    // TIME_WAIT) ≈ 20,000 deliveries. The custom metric reports deliveries per second.
    Benchmark("Deliveries over open/data/close lifecycles",
              configuration: .init(metrics: [.wallClock, .throughput, .custom("deliveries/s (K)", polarity: .prefersLarger)],
                                   maxDuration: .seconds(10), maxIterations: 200)) { benchmark in
        for _ in benchmark.scaledIterations {
            var simulation = Lifecycles.simulation(count: 2_000)
            var log = TraceLog(recording: false)
            let start = ContinuousClock.now
            simulation.runUntilQuiet(limit: .seconds(100_000), &log)
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            benchmark.measurement(.custom("deliveries/s (K)", polarity: .prefersLarger),
                                  Int(Double(simulation.deliveryCount) / seconds / 1_000))
            blackHole(simulation.deliveryCount)
        }
    }

    // Issue 8: a 1,000,000-event `trace --json` read back (the bytes are made once, outside
    // the measurement, from recorded lifecycles).
    let millionEventTrace: [UInt8] = {
        var simulation = Lifecycles.simulation(count: 40_000)
        var log = TraceLog()
        while log.events.count < 1_000_000, simulation.step(&log) {}
        var text = ""
        text.reserveCapacity(1_000_000 * 180)
        for event in log.events.prefix(1_000_000) {
            text += event.jsonLine
            text += "\n"
        }
        return Array(text.utf8)
    }()
    Benchmark("Read back a 1,000,000-event JSON-lines trace",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(20), maxIterations: 10)) { benchmark in
        for _ in benchmark.scaledIterations {
            let events = try! TraceReader.read(millionEventTrace)
            precondition(events.count == 1_000_000)
            blackHole(events.count)
        }
    }

    // A stepper 100,000 moves long; each iteration jumps to a different earlier step.
    let longStepper: Stepper = {
        var stepper = Stepper(simulation: Lifecycles.simulation(count: 12_000))
        while stepper.position < 100_000, stepper.stepForward() {}
        return stepper
    }()
    Benchmark("Step back to any of 100,000 earlier steps",
              configuration: .init(metrics: [.wallClock], maxDuration: .seconds(5), maxIterations: 2_000)) { benchmark in
        var stepper = longStepper
        var rng = SplitMix64(seed: 7)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            stepper.go(to: Int(rng.next() % UInt64(stepper.moveCount)))
            blackHole(stepper.simulation.now)
        }
    }
}

/// A client that opens, uses and closes one connection per second, with the server answering.
enum Lifecycles {
    static func simulation(count: Int) -> Simulation {
        var config = SimulationConfig()
        config.profile = .linux
        config.latency = [.ms(5), .ms(5)]
        var commands = [ScriptCommand(time: 0, kind: .app(.server, .listen(port: 80)))]
        commands.reserveCapacity(count * 5 + 1)
        for index in 0..<count {
            let start = Micros(index) * .seconds(1)
            commands.append(ScriptCommand(time: start, kind: .app(.client, .connect(remotePort: 80, localPort: nil, isn: nil))))
            commands.append(ScriptCommand(time: start + .ms(100), kind: .app(.client, .send(bytes: 1_000))))
            commands.append(ScriptCommand(time: start + .ms(200), kind: .app(.server, .send(bytes: 1_000))))
            commands.append(ScriptCommand(time: start + .ms(300), kind: .app(.client, .close)))
            commands.append(ScriptCommand(time: start + .ms(400), kind: .app(.server, .close)))
        }
        return Simulation(config: config, script: Script(commands: commands))
    }
}
