import Testing
import TCPStepCore
import TCPStepPileup

/// Issue 14: `pileup --rate 1000000 --msl 1us --ports 1-65535` grew by hundreds of MB before
/// printing anything. What grew was the event queue: every connection sets and cancels a 1 s
/// RTO, and each cancelled timer stayed queued until its second was up. The queue now purges
/// stale entries when it doubles, so it follows the live connections, not the connections made.
struct MemoryBoundTests {
    @Test func theEventQueueFollowsLiveConnectionsNotConnectionsMade() {
        var config = PileupConfig()
        config.requestsPerSecond = 100_000
        config.msl = 1
        config.ephemeralPorts = 1...65535
        var pileup = Pileup(config: config)
        var largestQueue = 0
        var opened = 0
        // Well inside the first RTO (200 ms on Linux): no cancelled timer has expired on its own yet.
        for _ in 0..<75 {
            pileup.advance(by: .ms(4))
            largestQueue = max(largestQueue, pileup.simulation.pendingEventCount)
        }
        opened = pileup.currentSample(timeS: 0).connectionsOpened
        // 30,000 connections, each leaving several cancelled timers: far above 64 Ki without purging.
        #expect(opened >= 30_000)
        #expect(largestQueue <= 1 << 16, "the queue held \(largestQueue) entries for \(opened) connections")
        #expect(pileup.simulation.liveConnectionCount < 2_000)
    }
}
