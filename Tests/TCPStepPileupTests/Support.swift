import TCPStepCore
import TCPStepPileup

/// Small helpers shared by the pile-up tests.
enum World {
    /// The issue's world: 500 requests a second, Linux, with the given MSL (TIME_WAIT = 2 × MSL)
    /// and port range (default: Linux's 32768–60999).
    static func issue(msl: Micros?, ports: ClosedRange<UInt16> = 32768...60999) -> PileupConfig {
        var config = PileupConfig()
        config.msl = msl
        config.ephemeralPorts = ports
        return config
    }

    /// A scaled-down world where the pile-up still outgrows the ports, quick enough for a debug
    /// build: 100 requests a second, TIME_WAIT 60 s (6,000 predicted) against 2,000 ports. The
    /// rate limit (10 a second per address) blacklists the crawler (80/s) for 30 s at a time; the
    /// visitors' 20/s × 60 s = 1,200 TIME_WAIT fit the ports.
    static func small(_ remedies: Set<Remedy> = []) -> PileupConfig {
        var config = PileupConfig()
        config.requestsPerSecond = 100
        config.ephemeralPorts = 32768...34767
        config.crawlerRequestsPerSecond = 80  // from one address: blacklisted at once
        config.clientIPs = 200                // 20/s of visitors, one request every 10 s each
        config.blacklistTime = .seconds(30)   // short enough to see bans run out in 80 s
        config.poolSize = 8
        config.remedies = remedies
        return config
    }

    static let smallPorts = 2_000

    /// Runs a fresh pile-up for `seconds` of virtual time and returns it with every sample.
    static func run(_ config: PileupConfig, seconds: Int64) -> (pileup: Pileup, samples: [PileupSample]) {
        var pileup = Pileup(config: config)
        var samples: [PileupSample] = []
        pileup.run(until: .seconds(seconds)) { samples.append($0) }
        return (pileup, samples)
    }
}

extension PileupSample {
    var timeWait: Int { count(.timeWait) }
}

/// |value − target| ≤ percent % of target.
func isWithin(_ percent: Double, of target: Int, _ value: Int) -> Bool {
    abs(Double(value - target)) <= Double(target) * percent / 100
}
