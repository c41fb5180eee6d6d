import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepCore
import TCPStepApp
import TCPStepPileup
import TCPStepScenario

/// `tcpstep pileup`: a web server opening a connection to its database for every request, and
/// the TIME_WAIT sockets that pile up (issue 5).
struct PileupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pileup",
        abstract: "Simulate a busy client's TIME_WAIT pile-up.",
        discussion: """
        The classic story: a crawler sends 500 requests a second to one page without keep-alive, \
        and the web server (nginx and its application, the client) opens a new connection to \
        MySQL (port 3306) for every request and closes it after the answer, so each connection \
        waits in TIME_WAIT on the web server, holding an ephemeral port. With Linux's 60 s \
        TIME_WAIT, theory predicts 500 × 60 = 30,000 TIME_WAIT sockets (with the 2 minutes \
        textbooks quote for 2MSL, 60,000): more than Linux's 28,232 ephemeral ports, so connects \
        start to fail. Every connection is simulated: handshake, request, response, close.

        The classic remedies come first: rate-limit (per IP, with a blacklist that expires: an \
        address sending more than --per-ip-limit requests in a second is blacklisted for \
        --blacklist-time, its requests turned away with 503, then released; the panel counts \
        the requests shed and the addresses blacklisted), widen-ports, short-msl (with its risk: \
        an old segment may be taken into a new connection); then keep-alive, \
        server-closes-first and tw-reuse.

        Of the --rate requests a second, --crawler-rate come from the crawler's --crawler-ips \
        addresses and the rest from --client-ips visitors. With the defaults the crawler sends \
        450/s from one address and is blacklisted in its first second; 500 visitors at one \
        request every 10 s each stay under the limit. Try --crawler-ips 50 to see a crawler \
        spread over many addresses slip under it.

        The default profile is linux: TIME_WAIT lasts 60 s, or 2 × MSL when --msl is given.

        Remedies (--remedy, repeatable; keys 1–6 in the live view): rate-limit, widen-ports, \
        short-msl, keep-alive, server-closes-first, tw-reuse.

        With --headless --json, one JSON object per line per second of virtual time, e.g. \
        {"t_s":120,"states":{…,"TIME_WAIT":28231},"free_ports":0,"failed_connects":31772,…}. \
        In "states", CLOSED counts the connections that have ended and the others the live ones \
        on both hosts, so all but LISTEN add up to "connections_opened". With --headless alone, \
        a table every 10 s.

        Examples:
          tcpstep pileup --headless --duration 300s
          tcpstep pileup --headless --json --msl 30s --duration 3600s
          tcpstep pileup --headless --msl 60s --ports 1024-65535
          tcpstep pileup --headless --msl 60s --remedy tw-reuse
        """)

    @Option(parsing: .unconditional, help: "Requests a second (each opens a new connection).")
    var rate = 500

    @Option(parsing: .unconditional, help: ArgumentHelp("Maximum segment lifetime; TIME_WAIT = 2 × MSL (default: the profile's, Linux 60 s TIME_WAIT).", valueName: "duration"))
    var msl: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Virtual time to simulate, e.g. 3600s, 10min.", valueName: "duration"))
    var duration = "3600s"

    @Option(parsing: .unconditional, help: ArgumentHelp("The web server's ephemeral port range.", valueName: "low-high"))
    var ports = "32768-60999"

    @Option(help: "rfc9293 (TIME_WAIT 2 × 2 min) or linux (TIME_WAIT 60 s, the default here).")
    var profile: ProfileName = .linux

    @Option(parsing: .unconditional, help: ArgumentHelp("One-way latency between web server and database.", valueName: "duration"))
    var latency = "0.5ms"

    @Option(parsing: .unconditional, help: ArgumentHelp("How long the database takes to answer (how long a connection stays open).", valueName: "duration"))
    var lifetime = "5ms"

    @Option(name: .customLong("remedy"), help: ArgumentHelp("Switch a remedy on: \(Remedy.allCases.map(\.name).joined(separator: ", ")).", valueName: "name"))
    var remedyNames: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Of --rate, requests a second from the crawler (default: 90 %, 450 of 500).", valueName: "n"))
    var crawlerRate: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The crawler's addresses; it spreads its requests evenly over them.", valueName: "n"))
    var crawlerIps = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("The visitors' addresses, sharing the rest of --rate.", valueName: "n"))
    var clientIps = 500

    @Option(parsing: .unconditional, help: ArgumentHelp("rate-limit: requests a second one address may send before it is blacklisted (10, as in NGINX's rate=10r/s example).", valueName: "n"))
    var perIpLimit = 10

    @Option(parsing: .unconditional, help: ArgumentHelp("rate-limit: how long an address stays blacklisted (fail2ban's default bantime, 10 min).", valueName: "duration"))
    var blacklistTime = "600s"

    @Option(parsing: .unconditional, help: "Random seed (initial sequence numbers).")
    var seed: UInt64 = 1

    @Option(name: .customLong("sysctl"), help: ArgumentHelp(
        "Set a Linux sysctl (repeatable), e.g. tcp_tw_reuse=1 (what the tw-reuse remedy sets) or tcp_fin_timeout=30. Linux profile only.",
        valueName: "name=value"))
    var sysctls: [String] = []

    @OptionGroup var display: DisplayOptions

    @Flag(help: "Run without a terminal and print the samples.")
    var headless = false

    @Flag(help: "With --headless: one JSON object per line per second instead of a table.")
    var json = false

    func validate() throws {
        guard rate >= 1 && rate <= 1_000_000 else { throw ValidationError("--rate must be between 1 and 1000000 requests a second, not \(rate)") }
        _ = try makeConfig()
        guard try Self.duration(duration, option: "--duration", example: "3600s") >= .seconds(1) else {
            throw ValidationError("--duration must be at least 1s, e.g. 3600s")
        }
        if json && !headless { throw ValidationError("--json needs --headless") }
    }

    /// A duration option's value, or a message naming the option and the value.
    static func duration(_ text: String, option: String, example: String) throws -> Micros {
        switch PileupArgument.duration(text) {
        case .micros(let value): return value
        case .notADuration:
            throw ValidationError("\(option): '\(TerminalText.visible(text))' is not a duration such as \(example)")
        case .outOfRange:
            throw ValidationError("\(option): '\(TerminalText.visible(text))' is outside the range of virtual time (0 to \(Micros.maximumVirtualText))")
        }
    }

    /// The run's configuration from the options.
    func makeConfig() throws -> PileupConfig {
        var config = PileupConfig()
        config.requestsPerSecond = rate
        config.profile = profile
        config.seed = seed
        config.sysctls = try SysctlArgument.parse(sysctls)
        if profile != .linux, let first = config.sysctls.first {
            throw ValidationError(SysctlRejection(sysctl: first.sysctl, profile: profile).description)
        }
        if let msl {
            let value = try Self.duration(msl, option: "--msl", example: "30s")
            guard value > 0 else { throw ValidationError("--msl must be longer than 0 (TIME_WAIT lasts 2 × MSL), e.g. 30s") }
            config.msl = value
        }
        guard let range = PileupArgument.portRange(ports) else {
            throw ValidationError("--ports: '\(TerminalText.visible(ports))' is not a range such as 32768-60999 (ports 1 to 65535)")
        }
        config.ephemeralPorts = range
        try applyRequestSources(to: &config)
        config.latency = try Self.duration(latency, option: "--latency", example: "0.5ms")
        config.serviceTime = try Self.duration(lifetime, option: "--lifetime", example: "5ms")
        for name in remedyNames {
            guard let remedy = Remedy(name: name) else {
                throw ValidationError("--remedy: no remedy '\(TerminalText.visible(name))'; choose from \(Remedy.allCases.map(\.name).joined(separator: ", "))")
            }
            config.remedies.insert(remedy)
        }
        return config
    }

    /// Who sends the requests, and the rate limit's numbers.
    private func applyRequestSources(to config: inout PileupConfig) throws {
        let crawler = crawlerRate ?? rate * 9 / 10
        guard crawler >= 0 && crawler <= rate else {
            throw ValidationError("--crawler-rate must be between 0 and --rate (\(rate)), not \(crawler)")
        }
        for (option, value) in [("--crawler-ips", crawlerIps), ("--client-ips", clientIps)] where !(1...100_000).contains(value) {
            throw ValidationError("\(option) must be between 1 and 100000 addresses, not \(value)")
        }
        guard perIpLimit >= 1 && perIpLimit <= 1_000_000 else {
            throw ValidationError("--per-ip-limit must be between 1 and 1000000 requests a second, not \(perIpLimit)")
        }
        let ban = try Self.duration(blacklistTime, option: "--blacklist-time", example: "600s")
        guard ban >= .seconds(1) else { throw ValidationError("--blacklist-time must be at least 1s, e.g. 600s") }
        config.crawlerRequestsPerSecond = crawler
        config.crawlerIPs = crawlerIps
        config.clientIPs = clientIps
        config.perIPLimit = perIpLimit
        config.blacklistTime = ban
    }

    func run() throws {
        try exitCleanly {
            let config = try makeConfig()
            let end = try Self.duration(duration, option: "--duration", example: "3600s")
            guard headless else {
                let options = try display.appOptions()
                let code = InteractiveLoop.run { isUTF8 in
                    PileupAppModel(config: config, duration: end, options: options.adjusted(isUTF8: isUTF8))
                }
                if code != 0 { throw ExitCode(code) }
                return
            }
            var pileup = Pileup(config: config)
            if json {
                runJSON(&pileup, until: end)
            } else {
                runTable(&pileup, until: end)
            }
        }
    }

    private func runJSON(_ pileup: inout Pileup, until end: Micros) {
        var output = ChunkedOutput()
        pileup.run(until: end) { sample in output.line(sample.jsonLine) }
        output.flush()
    }

    private func runTable(_ pileup: inout Pileup, until end: Micros) {
        let config = pileup.config
        let timeWait = pileup.simulation.config.timeWaitDuration
        print("tcpstep pileup · profile \(config.profile.rawValue) · \(config.requestsPerSecond) requests/s · "
              + "TIME_WAIT \(timeWait.durationText) · ports \(config.ephemeralPorts.lowerBound)-\(config.ephemeralPorts.upperBound) "
              + "(\(config.ephemeralPorts.count)) · predicted TIME_WAIT \(pileup.predictedTimeWait)")
        print(PileupSample.tableHeader)
        fflush(nil)  // the header at once, even into a pipe: the first row may take a while
        pileup.run(until: end) { sample in
            if sample.timeS % 10 == 0 || Micros.seconds(Int64(sample.timeS)) == end { print(sample.tableRow) }
        }
    }
}
