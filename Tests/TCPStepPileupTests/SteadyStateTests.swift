import Testing
import TCPStepCore
import TCPStepPileup

/// The issue's numbers: at 500 connections a second each closed connection waits 2MSL in
/// TIME_WAIT, so the population settles at rate × 2MSL, unless the ephemeral ports run out first.
///
/// Note on the first case: 500 × 60 s = 30,000 is more than Linux's default 28,232 ephemeral
/// ports, so with the default range it is port-limited too (see `defaultLinuxRunsOut`). To see the
/// theory's 30,000 the port range must be wide enough: 1024–65535 (64,512 ports).
@Suite("Steady state: TIME_WAIT ≈ rate × 2MSL")
struct SteadyStateTests {
    @Test("500/s with 2MSL = 60 s settles within 2% of 30,000 (ports wide enough)")
    func thirtyThousand() {
        let (pileup, samples) = World.run(World.issue(msl: .seconds(30), ports: 1024...65535), seconds: 75)
        #expect(pileup.predictedTimeWait == 30_000)
        // Once 2MSL has passed, every second's sample is within 2% (the population has settled).
        for sample in samples where sample.timeS >= 62 {
            #expect(isWithin(2, of: 30_000, sample.timeWait), "t=\(sample.timeS) s: \(sample.timeWait)")
        }
        // Before 2MSL it is still climbing, at the request rate.
        #expect(isWithin(2, of: 15_000, samples[29].timeWait))
        #expect(samples.last!.failedConnects == 0)
        #expect(samples.last!.count(.timeWait, of: .client) == samples.last!.timeWait)  // all on the web server
    }

    @Test("500/s with 2MSL = 120 s settles within 2% of 60,000 (ports wide enough)")
    func sixtyThousandWidePorts() {
        let (pileup, samples) = World.run(World.issue(msl: .seconds(60), ports: 1024...65535), seconds: 126)
        #expect(pileup.predictedTimeWait == 60_000)
        for sample in samples where sample.timeS >= 122 {
            #expect(isWithin(2, of: 60_000, sample.timeWait), "t=\(sample.timeS) s: \(sample.timeWait)")
        }
        #expect(samples.last!.failedConnects == 0)
    }

    @Test("500/s with 2MSL = 120 s needs 60,000 ports: Linux's default range runs out and connects fail")
    func sixtyThousandDefaultPorts() {
        let (pileup, samples) = World.run(World.issue(msl: .seconds(60)), seconds: 130)
        let ports = 60999 - 32768 + 1
        #expect(pileup.predictedTimeWait == 60_000)
        #expect(pileup.predictedTimeWait > ports)
        // No failure while ports are left; they run out after ports / rate ≈ 56.5 s.
        #expect(samples[54].failedConnects == 0)
        #expect(samples[54].freePorts > 0)
        let last = samples.last!
        #expect(last.failedConnects > 0)
        // From then on every connect fails until the first TIME_WAIT sockets (from 0 s) expire at
        // 120 s: ≈ 500/s for ≈ 63 s. Then the ports come free at the rate they were taken, and
        // the failures pause for ≈ 56 s before the next wave: the pile-up runs in waves of 2MSL.
        #expect(isWithin(2, of: 500 * 63, last.failedConnects), "failed \(last.failedConnects)")
        // TIME_WAIT is capped by the port range, not by rate × 2MSL.
        #expect(isWithin(2, of: ports, last.timeWait), "TIME_WAIT \(last.timeWait)")
        #expect(last.timeWait < 60_000)
        #expect(samples.contains { $0.timeS > 57 && $0.freePorts == 0 })
        // Failures come every second while the ports are gone…
        for (earlier, later) in zip(samples[58...118], samples[59...119]) {
            #expect(later.failedConnects - earlier.failedConnects == 500, "t=\(later.timeS) s")
        }
        // …and stop when the first TIME_WAIT sockets expire and free their ports.
        #expect(samples[125].failedConnects == samples[121].failedConnects)
    }

    @Test("Linux's defaults (TIME_WAIT 60 s, 28,232 ports) already run out at 500/s")
    func defaultLinuxRunsOut() {
        let (pileup, samples) = World.run(PileupConfig(), seconds: 70)
        #expect(pileup.simulation.config.timeWaitDuration == .seconds(60))
        #expect(pileup.predictedTimeWait == 30_000)
        #expect(samples.last!.failedConnects > 0)
        #expect(samples.last!.timeWait <= 28_232)
    }

    @Test("The same configuration gives the same samples (the run is deterministic)")
    func deterministic() {
        let first = World.run(World.small(), seconds: 15).samples
        let second = World.run(World.small(), seconds: 15).samples
        #expect(first == second)
    }
}
