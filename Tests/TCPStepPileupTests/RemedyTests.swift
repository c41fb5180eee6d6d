import Testing
import TCPStepCore
import TCPStepPileup

/// Each remedy changes the outcome in the expected direction, in a scaled-down world where the
/// pile-up outgrows the ports: 100 requests/s × TIME_WAIT 60 s = 6,000 predicted, 2,000 ports.
@Suite("Remedies")
struct RemedyTests {
    static let seconds: Int64 = 80

    /// Without any remedy the small world fails: this is what each remedy is compared with.
    static let baseline = World.run(World.small(), seconds: seconds).samples.last!

    @Test("Without a remedy the small world runs out of ports")
    func baselineFails() {
        #expect(Self.baseline.failedConnects > 1_000)
        #expect(Self.baseline.freePorts == 0 || Self.baseline.timeWait > World.smallPorts - 10)
    }

    @Test("rate-limit: the crawler is blacklisted, the visitors' 20/s settle at 1,200 TIME_WAIT; nothing fails")
    func rateLimit() {
        let (pileup, samples) = World.run(World.small([.rateLimit]), seconds: Self.seconds)
        let last = samples.last!
        #expect(pileup.predictedTimeWait == 1_200)
        #expect(last.connectRate == 20)
        #expect(last.failedConnects == 0)
        // The visitors' 1,200, and the crawler's 10 let through as each ban began anew (30 s, 60 s).
        #expect(last.timeWait == 1_220)
        // The cost: the crawler's requests are turned away, 80 a second less the 10 a ban lets by.
        #expect(last.blacklistShed == 80 * 80 - 3 * 10)
        #expect(last.requestsShed == last.blacklistShed)
        #expect(last.blacklistedIPs == 1)
    }

    @Test("widen-ports: 64,512 ports hold the 6,000 TIME_WAIT sockets")
    func widenPorts() {
        let last = World.run(World.small([.widenPorts]), seconds: Self.seconds).samples.last!
        #expect(last.failedConnects == 0)
        #expect(last.portRangeCount == 64_512)
        #expect(isWithin(2, of: 6_000, last.timeWait))
        #expect(last.timeWait > Self.baseline.timeWait)
    }

    @Test("short-msl: MSL 5 s makes TIME_WAIT 10 s, 1,000 sockets, and nothing fails")
    func shortMSL() {
        let (pileup, samples) = World.run(World.small([.shortMSL]), seconds: Self.seconds)
        let last = samples.last!
        #expect(pileup.simulation.config.timeWaitDuration == .seconds(10))
        #expect(last.failedConnects == 0)
        #expect(isWithin(2, of: 1_000, last.timeWait))
        #expect(last.timeWait < Self.baseline.timeWait)
    }

    @Test("keep-alive: a pool of 8 connections carries every request; no TIME_WAIT, no failures")
    func keepAlive() {
        let (pileup, samples) = World.run(World.small([.keepAlive]), seconds: Self.seconds)
        let last = samples.last!
        #expect(last.failedConnects == 0)
        #expect(last.timeWait == 0)
        #expect(last.connectionsOpened <= 2 * 8)     // the pool's connections, on both hosts
        #expect(last.count(.established) == last.connectionsOpened)
        #expect(pileup.requestsCompleted >= pileup.requests - 2)
        #expect(pileup.predictedTimeWait == 0)
    }

    @Test("server-closes-first: TIME_WAIT moves to the database, the web server keeps its ports")
    func serverClosesFirst() {
        let (pileup, samples) = World.run(World.small([.serverClosesFirst]), seconds: Self.seconds)
        let last = samples.last!
        #expect(last.failedConnects == 0)
        #expect(last.count(.timeWait, of: .client) == 0)
        #expect(last.count(.timeWait, of: .server) > 1_000)
        #expect(last.freePorts > World.smallPorts - 10)
        #expect(pileup.requestsCompleted >= pileup.requests - 2)
    }

    @Test("tw-reuse: connect takes over TIME_WAIT ports older than 1 s; nothing fails")
    func twReuse() {
        let (pileup, samples) = World.run(World.small([.twReuse]), seconds: Self.seconds)
        let last = samples.last!
        #expect(last.failedConnects == 0)
        #expect(last.failedConnects < Self.baseline.failedConnects)
        #expect(last.timeWait <= World.smallPorts)
        #expect(pileup.requestsCompleted >= pileup.requests - 2)
    }

    // MARK: Switched while it runs

    @Test("Widening the ports mid-run stops the failures from then on")
    func widenMidRun() {
        var pileup = Pileup(config: World.small())
        pileup.run(until: .seconds(40))
        let before = pileup.latest!.failedConnects
        #expect(before > 0)
        pileup.set(.widenPorts, on: true)
        pileup.run(until: .seconds(60))
        #expect(pileup.latest!.failedConnects == before)
        #expect(pileup.latest!.portRangeCount == 64_512)
        // And back: the wide ports still in use stay in use, new ones come from the narrow range.
        pileup.set(.widenPorts, on: false)
        pileup.run(until: .seconds(70))
        #expect(pileup.latest!.portRangeCount == World.smallPorts)
        checkTotals(pileup.latest!)
    }

    @Test("Keep-alive on, then off: the pool dissolves and requests go back to one connection each")
    func keepAliveOnOff() {
        var pileup = Pileup(config: World.small())
        pileup.set(.keepAlive, on: true)
        pileup.run(until: .seconds(10))
        let pooled = pileup.latest!
        #expect(pooled.connectionsOpened <= 16)
        pileup.set(.keepAlive, on: false)
        pileup.run(until: .seconds(15))
        let after = pileup.latest!
        #expect(after.connectionsOpened > pooled.connectionsOpened + 400)  // ~100 new ones a second
        #expect(after.count(.established) < 10)                           // the pool has closed
        #expect(pileup.requestsCompleted >= pileup.requests - 2)
        checkTotals(after)
    }

    @Test("Shortening the MSL mid-run: TIME_WAIT falls to rate × 10 s once the long ones expire")
    func shortMSLMidRun() {
        var pileup = Pileup(config: World.small([.widenPorts]))
        pileup.run(until: .seconds(70))
        #expect(isWithin(2, of: 6_000, pileup.latest!.timeWait))
        pileup.set(.shortMSL, on: true)
        #expect(pileup.predictedTimeWait == 1_000)
        pileup.run(until: .seconds(135))
        #expect(isWithin(2, of: 1_000, pileup.latest!.timeWait))
    }

    @Test("Remedy names and keys")
    func names() {
        #expect(Remedy.allCases.map(\.name) == ["rate-limit", "widen-ports", "short-msl", "keep-alive", "server-closes-first", "tw-reuse"])
        #expect(Remedy.allCases.map(\.key) == ["1", "2", "3", "4", "5", "6"])
        #expect(Remedy(name: "TW-REUSE") == .twReuse)
        for remedy in Remedy.allCases {
            for language in PileupLanguage.allCases {
                #expect(!remedy.title(language).isEmpty && !remedy.cost(language).isEmpty)
            }
        }
    }
}

/// Every connection opened is in exactly one state or closed, and the per-host counts add up.
func checkTotals(_ sample: PileupSample, sourceLocation: SourceLocation = #_sourceLocation) {
    let inStates = TCPState.allCases.filter { $0 != .listen }.reduce(0) { $0 + sample.count($1) }
    #expect(inStates == sample.connectionsOpened, sourceLocation: sourceLocation)
    #expect(sample.count(.closed) == sample.connectionsClosed, sourceLocation: sourceLocation)
    #expect(sample.liveConnections == sample.connectionsOpened - sample.connectionsClosed, sourceLocation: sourceLocation)
    for state in TCPState.allCases where state != .listen && state != .closed {
        #expect(sample.count(state, of: .client) + sample.count(state, of: .server) == sample.count(state),
                "\(state)", sourceLocation: sourceLocation)
    }
    #expect(sample.count(.listen) == 1, sourceLocation: sourceLocation)
}
