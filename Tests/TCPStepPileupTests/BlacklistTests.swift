import Testing
import TCPStepCore
import TCPStepPileup

/// The rate limit as the story tells it: per address, with a blacklist that expires. In the small
/// world the crawler sends 80 requests a second from one address, the limit is 10 a second and a
/// ban lasts 30 s; 200 visitors send one request every 10 s each.
@Suite("Rate limit: a per-IP blacklist that expires")
struct BlacklistTests {
    @Test("The crawler's 11th request in its first second gets it blacklisted; the visitors are never")
    func firstSecond() {
        let (pileup, samples) = World.run(World.small([.rateLimit]), seconds: 1)
        let first = samples[0]
        #expect(first.blacklistings == 1)
        #expect(first.blacklistedIPs == 1)
        #expect(pileup.blacklistedCrawlerIPs == 1)
        // Of the first second's 100 requests, 80 are the crawler's: 10 served, 70 shed. (The
        // sample at 1 s comes after everything at that instant: request 101, a visitor's, too.)
        #expect(first.requests == 101)
        #expect(first.blacklistShed == 70)
        #expect(first.requests - first.requestsShed == 10 + 21)
        #expect(first.releases == 0)
    }

    @Test("The ban runs out after 30 s; the crawler is back over the limit at once and banned again")
    func banExpires() throws {
        var pileup = Pileup(config: World.small([.rateLimit]))
        pileup.run(until: .seconds(30))
        let banned = try #require(pileup.latest)
        #expect(banned.releases == 0 && banned.blacklistedIPs == 1)
        let release = try #require(pileup.nextRelease)
        #expect(release > .seconds(30) && release < .seconds(31))  // 30 s after its 11th request
        pileup.run(until: .seconds(31))
        let after = try #require(pileup.latest)
        #expect(after.releases == 1)
        #expect(after.blacklistings == 2)
        #expect(after.blacklistedIPs == 1)
        // While released it was served: exactly its 10 a second, then shed again.
        let servedCrawler = (after.requests - after.blacklistShed) - (banned.requests - banned.blacklistShed)
        #expect(servedCrawler == 10 + 20)  // 10 of the crawler's and the visitors' 20 in that second
    }

    @Test("Switching the rate limit off lifts every ban at once; the pile-up resumes")
    func switchedOff() {
        var pileup = Pileup(config: World.small([.rateLimit]))
        pileup.run(until: .seconds(10))
        #expect(pileup.blacklistedIPs == 1)
        #expect(pileup.connectRate == 20)
        pileup.set(.rateLimit, on: false)
        #expect(pileup.blacklistedIPs == 0)
        #expect(pileup.connectRate == 100)
        let shed = pileup.blacklistShed
        pileup.run(until: .seconds(20))
        #expect(pileup.blacklistShed == shed)
        #expect(pileup.latest!.releases == 0)  // lifted, not run out
        checkTotals(pileup.latest!)
    }

    @Test("A crawler spread over 20 addresses (4/s each) stays under the limit: no ban, ports run out")
    func spreadCrawler() {
        var config = World.small([.rateLimit])
        config.crawlerIPs = 20
        let (pileup, samples) = World.run(config, seconds: RemedyTests.seconds)
        let last = samples.last!
        #expect(last.blacklistings == 0)
        #expect(last.requestsShed == 0)
        #expect(pileup.connectRate == 100)
        #expect(last.failedConnects > 1_000)
    }

    @Test("Visitors behind one address (an office NAT) over the limit are blacklisted too")
    func visitorsBehindNAT() {
        var config = World.small([.rateLimit])
        config.clientIPs = 1  // 20 a second from one address
        let (pileup, samples) = World.run(config, seconds: 5)
        #expect(samples.last!.blacklistedIPs == 2)
        #expect(pileup.connectRate == 0)
    }

    @Test("The JSON line and the table row carry the blacklist")
    func output() throws {
        let (_, samples) = World.run(World.small([.rateLimit]), seconds: 2)
        let line = samples.last!.jsonLine
        #expect(line.contains("\"requests_shed\":\(samples.last!.requestsShed),\"shed_blacklisted\":\(samples.last!.blacklistShed),\"blacklisted_ips\":1,\"blacklistings\":1,\"releases\":0,"))
        #expect(PileupSample.tableHeader.hasSuffix("shed  blacklisted  remedies"))
        #expect(samples.last!.tableRow.hasSuffix("\(samples.last!.requestsShed)            1  rate-limit"))
    }
}
