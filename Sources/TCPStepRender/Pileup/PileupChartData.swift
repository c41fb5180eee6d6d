/// What the TIME_WAIT pile-up chart shows, as plain values. The app fills it from the pile-up
/// model (`TCPStepPileup`), which this target does not import: rendering stays a pure function
/// of this value, so it can be tested with literal numbers.
public struct PileupChartData: Hashable, Sendable {
    /// One second of virtual time.
    public struct Point: Hashable, Sendable {
        public var timeS: Int
        /// Connections in TIME_WAIT and in ESTABLISHED (both hosts), and the other live ones.
        public var timeWait: Int
        public var established: Int
        public var otherLive: Int
        /// Free ephemeral ports of the web server.
        public var freePorts: Int
        /// connect() calls refused for want of a port, since the start (cumulative).
        public var failedConnects: Int
        /// Keys of the remedies switched during this second ("1" on, or off): marked on the chart.
        public var remediesSwitched: [String]

        public init(timeS: Int, timeWait: Int, established: Int, otherLive: Int = 0, freePorts: Int, failedConnects: Int,
                    remediesSwitched: [String] = []) {
            self.remediesSwitched = remediesSwitched
            self.timeS = timeS
            self.timeWait = timeWait
            self.established = established
            self.otherLive = otherLive
            self.freePorts = freePorts
            self.failedConnects = failedConnects
        }
    }

    /// One remedy of the list: its key ("1"…"6"), its label, its one-line cost, whether it is on.
    public struct Remedy: Hashable, Sendable {
        public var key: String
        public var title: String
        public var cost: String
        public var isOn: Bool

        public init(key: String, title: String, cost: String, isOn: Bool) {
            self.key = key
            self.title = title
            self.cost = cost
            self.isOn = isOn
        }
    }

    /// The samples to draw, oldest first (the chart shows as many of the newest as fit).
    public var points: [Point]
    /// Theory's steady state, rate × 2MSL (new connections a second × TIME_WAIT), drawn as a
    /// reference line with the measured value beside it.
    public var predictedTimeWait: Int
    /// New requests a second, and new connections a second the client opens now.
    public var requestRate: Int
    public var connectRate: Int
    /// TIME_WAIT length now, in seconds.
    public var timeWaitSeconds: Double
    /// How many ephemeral ports the web server has.
    public var portRangeCount: Int
    /// Where the TIME_WAIT sockets are: on the web server (client) and on the database (server).
    public var timeWaitOnClient: Int
    public var timeWaitOnServer: Int
    /// Requests held back (rate limit, a busy pool).
    public var requestsWaiting: Int
    /// "linux" or "rfc9293".
    public var profileName: String
    public var remedies: [Remedy]
    /// The remedy whose cost is spelled out under the list.
    public var highlightedRemedy: Int?
    public var isPlaying: Bool
    /// Virtual seconds per wall-clock second asked for, e.g. 30, and achieved lately (nil: not
    /// measured yet); a slow machine or a debug build may reach less than it is asked.
    public var speed: Double
    public var achievedSpeed: Double?
    /// The key bar; `defaultKeyHints` unless the app says otherwise.
    public var keyHints: [KeyHint]
    /// Requests turned away (HTTP 503) since the start: what the rate limit costs.
    public var requestsShed: Int
    /// Addresses the rate limit has blacklisted now, and in how many seconds the next is released.
    public var blacklistedIPs: Int
    public var nextReleaseS: Int?
    /// The language of the panel's words.
    public var text: UIText

    public init(points: [Point], predictedTimeWait: Int, requestRate: Int, connectRate: Int, timeWaitSeconds: Double,
                portRangeCount: Int, timeWaitOnClient: Int = 0, timeWaitOnServer: Int = 0, requestsWaiting: Int = 0,
                profileName: String = "linux", remedies: [Remedy] = [], highlightedRemedy: Int? = nil,
                isPlaying: Bool = true, speed: Double = 1, keyHints: [KeyHint] = PileupChartData.defaultKeyHints,
                requestsShed: Int = 0, text: UIText = .english, achievedSpeed: Double? = nil,
                blacklistedIPs: Int = 0, nextReleaseS: Int? = nil) {
        self.requestsShed = requestsShed
        self.achievedSpeed = achievedSpeed
        self.blacklistedIPs = blacklistedIPs
        self.nextReleaseS = nextReleaseS
        self.text = text
        self.points = points
        self.predictedTimeWait = predictedTimeWait
        self.requestRate = requestRate
        self.connectRate = connectRate
        self.timeWaitSeconds = timeWaitSeconds
        self.portRangeCount = portRangeCount
        self.timeWaitOnClient = timeWaitOnClient
        self.timeWaitOnServer = timeWaitOnServer
        self.requestsWaiting = requestsWaiting
        self.profileName = profileName
        self.remedies = remedies
        self.highlightedRemedy = highlightedRemedy
        self.isPlaying = isPlaying
        self.speed = speed
        self.keyHints = keyHints
    }

    /// space/p play-pause, +/- speed, 1–6 remedies, r restart, ? help, q quit.
    public static let defaultKeyHints: [KeyHint] = keyHints(.english)

    public static func keyHints(_ text: UIText) -> [KeyHint] {
        [
            KeyHint("␣", text(.pilePlay)), KeyHint("+/-", text(.pileSpeed)), KeyHint("1–6", text(.pileRemedies)),
            KeyHint("r", text(.pileRestart)), KeyHint("?", text(.hintHelp)), KeyHint("q", text(.hintQuit)),
        ]
    }
}
