import Benchmark
import TCPStepApp
import TCPStepCore
import TCPStepPileup
import TCPStepRender

/// Issue 5's speed targets: one virtual hour at 500 connections a second (1.8 million
/// connections, every one a full handshake, request, response, close and TIME_WAIT) in under
/// 10 s of wall time on one core, with flat memory; the live view's frame under 5 ms.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal],
                                           warmupIterations: 3, maxDuration: .seconds(5), maxIterations: 1_000)

    // One iteration = the whole hour, as `tcpstep pileup --headless --duration 3600s` runs it
    // (samples taken every virtual second, not printed).
    Benchmark("Pileup: one virtual hour at 500/s (1.8 M connections)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal,
                                             .custom("requests/s (K)", polarity: .prefersLarger)],
                                   warmupIterations: 0, maxDuration: .seconds(30), maxIterations: 3)) { benchmark in
        var pileup = Pileup(config: PileupConfig())
        let start = ContinuousClock.now
        pileup.run(until: .seconds(3_600))
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        // Requests = connect() calls of the web server (500 a second); each that got a port is a
        // whole connection on both hosts.
        benchmark.measurement(.custom("requests/s (K)", polarity: .prefersLarger), Int(Double(pileup.requests) / seconds / 1_000))
        blackHole(pileup.latest)
    }

    // The same workload for one virtual minute (30,000 requests): quicker to compare changes.
    Benchmark("Pileup: one virtual minute at 500/s",
              configuration: .init(metrics: [.wallClock, .mallocCountTotal], warmupIterations: 1,
                                   maxDuration: .seconds(10), maxIterations: 20)) { benchmark in
        var pileup = Pileup(config: PileupConfig())
        pileup.run(until: .seconds(60))
        blackHole(pileup.latest)
    }

    // The live view, 250 × 70, once the pile-up is at its steady state (600 s in: the chart
    // shows the newest 400 samples, so it looks as it would at the end of the hour).
    let live = LiveBox()
    Benchmark("Pileup live: frame() = chart data + PileupChart.render (250x70)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(live.model.frame())
        }
    }

    // A play tick at the default 30× (3 s of virtual time = 1,500 connections per 100 ms frame)
    // and the frame after it: what the live view does ten times a second.
    Benchmark("Pileup live: tick (3 s virtual at 30x) + frame()") { benchmark in
        for _ in benchmark.scaledIterations {
            _ = live.model.handle(nil)
            blackHole(live.model.frame())
        }
    }
}

/// The live model at 600 s, 250 × 70.
func steadyLiveModel() -> PileupAppModel {
    var model = PileupAppModel(config: PileupConfig(), duration: .seconds(3_600), options: AppOptions())
    _ = model.handle(.resize(width: 250, height: 70))
    while model.pileup.now < .seconds(600) { _ = model.handle(nil) }
    _ = model.frame()
    return model
}

/// The live model, made on first use and mutated in place across iterations.
final class LiveBox: @unchecked Sendable {
    private var stored: PileupAppModel?
    var model: PileupAppModel {
        get {
            if let stored { return stored }
            let made = steadyLiveModel()
            stored = made
            return made
        }
        // In place: a get-then-set would copy the model and make every mutation copy its buffers.
        _modify {
            if stored == nil { stored = steadyLiveModel() }
            yield &stored!
        }
    }
}
