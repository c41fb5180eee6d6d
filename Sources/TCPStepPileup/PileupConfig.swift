import TCPStepCore

/// Everything that shapes a pile-up run, as the classic story tells it: a web server (nginx and
/// its application, the client host) opening one connection to its MySQL database (the server
/// host, port 3306) for every request, because a crawler hammering one page sends no keep-alive.
///
/// The default story is Linux's: the `linux` profile (TIME_WAIT fixed at 60 s, or 2 × MSL when
/// `msl` is given) and Linux's default ephemeral range 32768–60999 (28,232 ports), so 500
/// requests a second pile up 500 × 60 s = 30,000 TIME_WAIT sockets: more than there are ports.
public struct PileupConfig: Hashable, Sendable {
    /// New requests per second arriving at the web server, evenly spaced.
    public var requestsPerSecond: Int = 500
    /// nil: the profile's default TIME_WAIT (Linux: 60 s fixed; RFC: 2 × 2 min). Else 2 × this.
    public var msl: Micros?
    public var profile: ProfileName = .linux
    /// Linux sysctls on top of the profile (`--sysctl`, or the scenario's `set tcp_…`). The
    /// `tw-reuse` remedy is `tcp_tw_reuse` = 1 on top of these, not a setting of its own.
    public var sysctls: [SysctlSetting] = []
    /// The web server's ephemeral port range (`net.ipv4.ip_local_port_range`).
    public var ephemeralPorts: ClosedRange<UInt16> = 32768...60999
    /// One-way latency between web server and database (same data centre: 0.5 ms).
    public var latency: Micros = 500
    /// How long the database takes to answer a request: with the two round trips of the
    /// handshake and the request, how long each connection stays open.
    public var serviceTime: Micros = .ms(5)
    /// Bytes of each request and each response (one segment each).
    public var requestBytes = 200
    public var responseBytes = 1000
    /// The database's listening port (MySQL).
    public var serverPort: UInt16 = 3306
    public var seed: UInt64 = 1
    /// Remedies switched on from the start (they can be switched while it runs).
    public var remedies: Set<Remedy> = []

    // MARK: What each remedy does, in numbers

    // MARK: Who sends the requests (what the rate limit tells apart)

    /// Of `requestsPerSecond`, how many come from the crawler (no keep-alive); the rest are the
    /// site's own visitors. Illustrative, not measured: the story only says the crawler is what
    /// tipped 500 requests a second over; 450 of them leaves 50/s of ordinary traffic.
    public var crawlerRequestsPerSecond = 450
    /// The crawler's addresses: it spreads its requests evenly over them. One, as in the story;
    /// more shows how a crawler spread over many addresses slips under a per-address limit.
    public var crawlerIPs = 1
    /// The visitors' addresses, sharing the other requests evenly: 500 of them at 50/s is one
    /// page every 10 s each, someone reading the site (illustrative).
    public var clientIPs = 500

    /// `rateLimit`: requests a second one address may send; the one that crosses it gets the
    /// address blacklisted. 10/s is the per-address rate of the NGINX blog's "Rate Limiting
    /// with NGINX" example (`limit_req_zone $binary_remote_addr … rate=10r/s`).
    public var perIPLimit = 10
    /// `rateLimit`: how long a blacklisted address stays blacklisted before it is released:
    /// fail2ban's default `bantime = 10m` (jail.conf).
    public var blacklistTime: Micros = .seconds(600)
    /// `keepAlive`: requests that may wait for a pooled connection; beyond it they are turned away (503).
    public var backlogLimit = 2_000
    /// `widenPorts`: the widest sensible range, everything above the well-known ports.
    public var widePorts: ClosedRange<UInt16> = 1024...65535
    /// `shortMSL`: the shortened MSL (TIME_WAIT = 2 × this).
    public var shortMSL: Micros = .seconds(5)
    /// `keepAlive`: connections in the pool; requests beyond them wait for a free one.
    public var poolSize = 16

    public init() {}

    /// The core's configuration for this run, remedies applied.
    func simulationConfig(remedies: Set<Remedy>) -> SimulationConfig {
        var config = SimulationConfig()
        config.profile = baseProfile
        if remedies.contains(.twReuse) { Remedy.twReuseSysctl.sysctl.apply(Remedy.twReuseSysctl.value, to: &config.profile) }
        config.latency = [latency, latency]
        config.msl = remedies.contains(.shortMSL) ? shortMSL : msl
        config.seed = seed
        config.ephemeralPorts = remedies.contains(.widenPorts) ? widePorts : ephemeralPorts
        return config
    }

    /// The profile with the configured sysctls, before any remedy.
    public var baseProfile: Profile {
        var base = Profile.named(profile)
        for setting in sysctls { setting.sysctl.apply(setting.value, to: &base) }
        return base
    }
}

/// The ways out of a TIME_WAIT pile-up. Each one is a switch (keys 1–6 in the live view) and
/// each has a price, said in one line.
public enum Remedy: Int, CaseIterable, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Blacklist, for a while, each address that sends more than its share a second.
    case rateLimit
    /// Widen the ephemeral port range to 1024–65535.
    case widenPorts
    /// Shorten the MSL, hence TIME_WAIT (2 × MSL).
    case shortMSL
    /// Keep connections open and reuse them (keep-alive, a connection pool).
    case keepAlive
    /// Let the database close first, so TIME_WAIT lands on its side.
    case serverClosesFirst
    /// Linux `tcp_tw_reuse`: connect() takes over a port whose TIME_WAIT is older than 1 s.
    case twReuse

    /// The stable name on the command line (`--remedy keep-alive`) and in JSON.
    public var name: String {
        switch self {
        case .rateLimit: "rate-limit"
        case .widenPorts: "widen-ports"
        case .shortMSL: "short-msl"
        case .keepAlive: "keep-alive"
        case .serverClosesFirst: "server-closes-first"
        case .twReuse: "tw-reuse"
        }
    }

    public init?(name: String) {
        guard let remedy = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = remedy
    }

    public var description: String { name }

    /// What the `tw-reuse` remedy sets: Linux's own knob.
    public static let twReuseSysctl = SysctlSetting(.tcpTwReuse, 1)

    public static func < (lhs: Remedy, rhs: Remedy) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The key that toggles it in the live view: "1" … "6".
    public var key: Character { Character(String(rawValue + 1)) }

    /// A short label for the remedy list, in the given language.
    public func title(_ language: PileupLanguage) -> String {
        switch (self, language) {
        case (.rateLimit, .english): "rate-limit per IP (blacklist)"
        case (.rateLimit, .chinese): "按 IP 限速（黑名单）"
        case (.widenPorts, .english): "widen the port range"
        case (.widenPorts, .chinese): "扩大端口范围"
        case (.shortMSL, .english): "shorten the MSL"
        case (.shortMSL, .chinese): "缩短 MSL"
        case (.keepAlive, .english): "reuse connections (pool)"
        case (.keepAlive, .chinese): "复用连接（连接池）"
        case (.serverClosesFirst, .english): "server closes first"
        case (.serverClosesFirst, .chinese): "服务器先关闭"
        case (.twReuse, .english): "tcp_tw_reuse"
        case (.twReuse, .chinese): "tcp_tw_reuse"
        }
    }

    /// What the remedy costs, in one line.
    public func cost(_ language: PileupLanguage) -> String {
        switch (self, language) {
        case (.rateLimit, .english):
            "Every request from a blacklisted address is turned away (503) until the ban expires, a visitor behind the same address (an office NAT) too; a crawler spread over many addresses stays under the limit."
        case (.rateLimit, .chinese):
            "黑名单上的地址在解禁前的每个请求都被拒绝（503），同一地址后面的访客（办公室 NAT）也一样；分散在许多地址上的爬虫不会超限。"
        case (.widenPorts, .english):
            "Only delays the pile-up, and ephemeral ports may collide with ports other services listen on."
        case (.widenPorts, .chinese):
            "只是推迟堆积；临时端口还可能与其他服务监听的端口冲突。"
        case (.shortMSL, .english):
            "A delayed segment of an old connection may be accepted by a new one on the same ports."
        case (.shortMSL, .chinese):
            "旧连接迟到的报文可能被同一端口上的新连接当作有效数据接收。"
        case (.keepAlive, .english):
            "The pool must be managed (idle, broken, stale connections) and requests queue behind slow ones."
        case (.keepAlive, .chinese):
            "连接池需要管理（空闲、断开、过期的连接），请求还会排在慢请求后面（队头阻塞）。"
        case (.serverClosesFirst, .english):
            "The database now holds the TIME_WAIT entries (memory, no port cost: its port is fixed). About 28,000, not 30,000: one per port pair, and the web server's 28,232 ports come round again after 56 s, when a new SYN on a pair ends its TIME_WAIT early."
        case (.serverClosesFirst, .chinese):
            "TIME_WAIT 转到数据库一侧：占用它的内存（不占端口，它的端口是固定的）。大约 28,000 个而不是 30,000 个：每个端口对只有一个，Web 服务器的 28,232 个端口 56 秒就轮一圈，同一端口对上的新 SYN 会提前结束旧的 TIME_WAIT。"
        case (.twReuse, .english):
            "Relies on TCP timestamps to reject old segments, and helps only outgoing connections."
        case (.twReuse, .chinese):
            "依赖 TCP 时间戳来识别旧报文，而且只对主动发起的连接有效。"
        }
    }
}

/// The languages of the remedy texts.
public enum PileupLanguage: String, CaseIterable, Hashable, Sendable {
    case english = "en"
    case chinese = "zh"
}

// MARK: - Parsing the command line's values

public enum PileupArgument {
    /// What reading a duration option gave.
    public enum Duration: Equatable, Sendable {
        case micros(Micros)
        /// Not a number with a unit.
        case notADuration
        /// A duration, but negative or beyond virtual time's range (`Micros.maximumVirtual`).
        case outOfRange
    }

    /// A duration with a unit: "30s", "0.5ms", "250us", "2min", "1h"; a bare number is seconds.
    /// The value, converted, must lie within virtual time's range: one rule for every unit.
    public static func duration(_ text: String) -> Duration {
        let trimmed = text.trimmingWhitespace.lowercased()
        let units: [(suffix: String, micros: Double)] = [
            ("us", 1), ("µs", 1), ("ms", 1_000), ("min", 60_000_000), ("s", 1_000_000), ("m", 60_000_000), ("h", 3_600_000_000),
        ]
        let unit = units.first { trimmed.hasSuffix($0.suffix) }
        let number = String(trimmed.dropLast(unit?.suffix.count ?? 0)).trimmingWhitespace
        // Double() also reads "nan", "inf" and hexadecimal; a duration is digits, a point, an exponent.
        guard !number.isEmpty, number.allSatisfy({ "0123456789.e+-".contains($0) }), let value = Double(number) else {
            return .notADuration
        }
        guard let micros = Micros.checked(value, unitMicros: unit?.micros ?? 1_000_000) else { return .outOfRange }
        return .micros(micros)
    }

    /// A port range "32768-60999" (1–65535, low ≤ high).
    public static func portRange(_ text: String) -> ClosedRange<UInt16>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = UInt16(parts[0].trimmingWhitespace), let high = UInt16(parts[1].trimmingWhitespace),
              low >= 1, low <= high else { return nil }
        return low...high
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
