import TCPStepCore

/// The rate-limit remedy as the story tells it: the web server counts each client address's
/// requests per whole second of virtual time; an address that sends more than `limit` in one
/// second is blacklisted for `banTime` (its requests are shed, HTTP 503, without a connection
/// to the database), then released, and counted afresh. Like fail2ban over an nginx log: a
/// fixed window, a ban that expires.
///
/// Addresses are small integers: the crawler's first (`0 ..< crawlerIPs`), then the visitors'.
struct IPBlacklist: Sendable {
    let limit: Int
    let banTime: Micros
    let crawlerIPs: Int
    /// Per address: the second its count belongs to, the count, and when its ban ends (0: none).
    private var windowSecond: [Int64]
    private var countInWindow: [Int32]
    private var bannedUntil: [Micros]
    /// Bans in the order they end (every ban lasts `banTime`, so in the order they began).
    private var expiries = FIFOQueue<(ip: Int, until: Micros)>()

    /// Addresses blacklisted now (crawler's, visitors'), bans so far, bans that ran out, and
    /// requests shed because their address was blacklisted.
    private(set) var bannedCrawlerIPs = 0
    private(set) var bannedClientIPs = 0
    private(set) var blacklistings = 0
    private(set) var releases = 0
    private(set) var shed = 0

    init(limit: Int, banTime: Micros, crawlerIPs: Int, clientIPs: Int) {
        self.limit = limit
        self.banTime = banTime
        self.crawlerIPs = crawlerIPs
        let addresses = crawlerIPs + clientIPs
        windowSecond = Array(repeating: -1, count: addresses)
        countInWindow = Array(repeating: 0, count: addresses)
        bannedUntil = Array(repeating: 0, count: addresses)
    }

    var blacklisted: Int { bannedCrawlerIPs + bannedClientIPs }

    /// When the next ban runs out.
    var nextRelease: Micros? { expiries.first?.until }

    /// A request from `ip` at `now`: true to serve it, false to shed it (blacklisted, or the
    /// request that crossed the limit and got the address blacklisted).
    mutating func admit(_ ip: Int, at now: Micros) -> Bool {
        if bannedUntil[ip] > now {
            shed += 1
            return false
        }
        let second = now / 1_000_000
        if windowSecond[ip] != second {
            windowSecond[ip] = second
            countInWindow[ip] = 0
        }
        countInWindow[ip] += 1
        guard Int(countInWindow[ip]) > limit else { return true }
        let until = now.adding(banTime)
        bannedUntil[ip] = until
        expiries.append((ip, until))
        if ip < crawlerIPs { bannedCrawlerIPs += 1 } else { bannedClientIPs += 1 }
        blacklistings += 1
        shed += 1
        return false
    }

    /// Lifts the bans that have run out by `now`; the address starts a fresh count.
    mutating func releaseDue(at now: Micros) {
        while let first = expiries.first, first.until <= now {
            _ = expiries.removeFirst()
            bannedUntil[first.ip] = 0
            windowSecond[first.ip] = -1
            if first.ip < crawlerIPs { bannedCrawlerIPs -= 1 } else { bannedClientIPs -= 1 }
            releases += 1
        }
    }

    /// The remedy switched off: every ban lifted at once (not counted as running out), the
    /// counts forgotten; the totals stay.
    mutating func liftAll() {
        while let entry = expiries.removeFirst() { bannedUntil[entry.ip] = 0 }
        for ip in windowSecond.indices { windowSecond[ip] = -1 }
        bannedCrawlerIPs = 0
        bannedClientIPs = 0
    }
}

/// Who sends request number n: of every `rate` requests, `crawlerRate` come from the crawler,
/// spread evenly among them (Bresenham), the crawler's addresses and the visitors' each taken
/// in turn.
struct RequestSources: Sendable {
    let rate: Int64
    let crawlerRate: Int64
    let crawlerIPs: Int64
    let clientIPs: Int64
    private var crawlerRequests: Int64 = 0
    private var clientRequests: Int64 = 0

    init(config: PileupConfig) {
        rate = Int64(max(1, config.requestsPerSecond))
        crawlerRate = Int64(min(max(0, config.crawlerRequestsPerSecond), config.requestsPerSecond))
        crawlerIPs = Int64(max(1, config.crawlerIPs))
        clientIPs = Int64(max(1, config.clientIPs))
    }

    /// The address of request `n` (0, 1, 2, … in arrival order; called once per request, in order).
    mutating func address(ofRequest n: Int) -> Int {
        let k = Int64(n) % rate  // the pattern repeats every `rate` requests; k × crawlerRate < 10^12
        if (k + 1) * crawlerRate / rate > k * crawlerRate / rate {
            defer { crawlerRequests += 1 }
            return Int(crawlerRequests % crawlerIPs)
        }
        defer { clientRequests += 1 }
        return Int(crawlerIPs + clientRequests % clientIPs)
    }

    /// Requests a second from each class of address.
    var perCrawlerIP: Double { Double(crawlerRate) / Double(crawlerIPs) }
    var perClientIP: Double { Double(rate - crawlerRate) / Double(clientIPs) }
}
