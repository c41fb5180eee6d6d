import TCPStepCore
import TCPStepNarration
import TCPStepPileup
import TCPStepRender

/// The live TIME_WAIT pile-up: the simulation runs on while the audience watches the chart and
/// switches remedies on and off. A value, changed only by `handle`.
public struct PileupAppModel: InteractiveProgram, Sendable {
    public private(set) var pileup: Pileup
    public private(set) var isPlaying = true
    /// Index into `speeds`.
    public private(set) var speedIndex = 3
    /// The remedy whose cost is spelled out (the last one toggled).
    public private(set) var highlighted: Remedy?
    public private(set) var showsHelp = false
    public private(set) var width = 80
    public private(set) var height = 24
    public let options: AppOptions
    /// Where the run stops by itself (`--duration`).
    public let duration: Micros
    /// The wall clock: time since some fixed moment. Only this layer reads it; the pile-up
    /// itself knows nothing but virtual time.
    private let clock: WallClock
    /// The frames of the last few seconds: when (wall clock) and how far virtual time had got,
    /// to tell the speed achieved from the speed asked for.
    private var recentFrames: [(wall: Duration, virtual: Micros)] = []

    /// Virtual seconds per wall-clock second.
    public static let speeds: [Double] = [1, 5, 10, 30, 60, 120]
    /// Frames while playing: ten a second is smooth enough for a chart of seconds.
    public static let frameIntervalMs = 100

    public typealias WallClock = @Sendable () -> Duration

    public init(config: PileupConfig, duration: Micros, options: AppOptions, clock: @escaping WallClock = systemClock()) {
        pileup = Pileup(config: config)
        self.duration = duration
        self.options = options
        self.clock = clock
    }

    /// The monotonic clock, from the moment it is made.
    public static func systemClock() -> WallClock {
        let start = ContinuousClock.now
        return { ContinuousClock.now - start }
    }

    /// Virtual seconds per wall-clock second over the last frames (at least half a second of
    /// them); nil while paused or not yet measured.
    public var achievedSpeed: Double? {
        guard isPlaying, let first = recentFrames.first, let last = recentFrames.last else { return nil }
        let wall = Self.seconds(last.wall - first.wall)
        guard wall >= 0.5 else { return nil }
        return Double(last.virtual - first.virtual) / 1e6 / wall
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Longest stretch of wall time one frame catches up on: after a stall the run does not
    /// leap ahead by minutes.
    static let maximumCatchUp = Duration.milliseconds(500)

    public var tickIntervalMs: Int { isPlaying ? Self.frameIntervalMs : 500 }
    public var speed: Double { Self.speeds[speedIndex] }

    public mutating func handle(_ event: TerminalEvent?) -> Bool {
        switch event {
        case nil:
            advanceOneFrame()
        case .key(let key):
            if showsHelp {
                showsHelp = false
                return key != .character("q")
            }
            return press(key)
        case .resize(let newWidth, let newHeight):
            width = newWidth
            height = newHeight
        case .mouse:
            break
        case .signal:
            return false
        }
        return true
    }

    private mutating func press(_ key: Key) -> Bool {
        switch key {
        case .character(" "), .character("p"):
            isPlaying.toggle()
            recentFrames = []
        case .character("+"), .character("="):
            speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
            recentFrames = []
        case .character("-"), .character("_"):
            speedIndex = max(speedIndex - 1, 0)
            recentFrames = []
        case .character("r"): pileup = pileup.restarted()
        case .character("?"), .function(1): showsHelp = true
        case .character("q"), .control("c"): return false
        case .character(let typed):
            if let remedy = Remedy.allCases.first(where: { $0.key == typed }) {
                pileup.toggle(remedy)
                highlighted = remedy
            }
        default: break
        }
        return true
    }

    /// Virtual time for the wall time since the last frame at the current speed (a frame late
    /// for a slow step or a key press catches up, up to `maximumCatchUp`), until the run's duration.
    private mutating func advanceOneFrame() {
        guard isPlaying else { return }
        let wall = clock()
        let elapsed = recentFrames.last.map { min(max(.zero, wall - $0.wall), Self.maximumCatchUp) }
            ?? .milliseconds(Self.frameIntervalMs)
        let step = Micros(speed * Self.seconds(elapsed) * 1e6)
        let remaining = duration - pileup.now
        guard remaining > 0 else {
            isPlaying = false
            return
        }
        pileup.advance(by: min(step, remaining))
        // Paired with the frame's start: virtual time had to reach this by then to keep pace.
        recentFrames.append((wall, pileup.now))
        // Three seconds of frames are enough to average over.
        if let newest = recentFrames.last?.wall, let drop = recentFrames.firstIndex(where: { newest - $0.wall <= .seconds(3) }), drop > 0 {
            recentFrames.removeFirst(drop)
        }
    }

    public mutating func frame() -> CellGrid {
        let base = Theme.named(options.themeName, background: options.background) ?? .default
        let theme = options.noColor ? base.withoutColor() : base
        let glyphs: GlyphSet = options.ascii ? .ascii : .unicode
        var grid = PileupChart.render(chartData, width: width, height: height, theme: theme, glyphs: glyphs)
        if showsHelp {
            OverlayPainter.box(title: language == .chinese ? "按键" : "pile-up keys", lines: Self.helpLines(language), theme: theme, glyphs: glyphs, into: &grid)
        }
        return grid
    }

    private var language: PileupLanguage { options.language == .chinese ? .chinese : .english }

    /// The chart's input, from the model and its newest samples.
    var chartData: PileupChartData {
        let samples = pileup.history.suffix(401)
        let text: UIText = language == .chinese ? .chinese : .english
        let points = zip(samples.dropFirst(), samples).map { sample, previous in
            let timeWait = sample.count(.timeWait), established = sample.count(.established)
            // The remedies switched since the second before: marked on the chart ("1 on").
            let switched = Remedy.allCases.filter { sample.remedies.contains($0) != previous.remedies.contains($0) }.map {
                text(sample.remedies.contains($0) ? .pileSwitchOn : .pileSwitchOff, $0.key)
            }
            return PileupChartData.Point(timeS: sample.timeS, timeWait: timeWait, established: established,
                                         otherLive: max(0, sample.liveConnections - timeWait - established),
                                         freePorts: sample.freePorts, failedConnects: sample.failedConnects,
                                         remediesSwitched: switched)
        }
        let latest = pileup.latest
        let remedies = Remedy.allCases.map {
            PileupChartData.Remedy(key: String($0.key), title: $0.title(language), cost: $0.cost(language), isOn: pileup.isOn($0))
        }
        return PileupChartData(
            points: points, predictedTimeWait: pileup.predictedTimeWait, requestRate: pileup.config.requestsPerSecond,
            connectRate: pileup.connectRate, timeWaitSeconds: Double(latest?.timeWait ?? 0) / 1e6,
            portRangeCount: latest?.portRangeCount ?? pileup.config.ephemeralPorts.count,
            timeWaitOnClient: latest?.count(.timeWait, of: .client) ?? 0,
            timeWaitOnServer: latest?.count(.timeWait, of: .server) ?? 0,
            requestsWaiting: pileup.requestsWaiting, profileName: pileup.config.profile.rawValue,
            remedies: remedies, highlightedRemedy: highlighted.map(\.rawValue), isPlaying: isPlaying, speed: speed,
            keyHints: PileupChartData.keyHints(text), requestsShed: pileup.requestsShed, text: text,
            achievedSpeed: achievedSpeed, blacklistedIPs: pileup.blacklistedIPs,
            nextReleaseS: pileup.nextRelease.map { Int(($0 - pileup.now + 999_999) / 1_000_000) })
    }

    static func helpLines(_ language: PileupLanguage) -> [String] {
        let zh = language == .chinese
        return [zh ? "space p   播放 / 暂停" : "space p   play / pause",
                zh ? "+ -       加快 / 减慢（每秒多少虚拟秒）" : "+ -       faster / slower (virtual seconds per second)"]
            + Remedy.allCases.map { "\($0.key)         \($0.title(language))" }
            + [zh ? "r         以现在打开的对策重新开始" : "r         restart with the remedies now on",
               zh ? "?         本帮助" : "?         this help", zh ? "q         退出" : "q         quit", "",
               zh ? "虚线是 速率 × TIME_WAIT：理论预测的稳定值。" : "The dashed line is rate × TIME_WAIT: the steady state theory predicts.",
               zh ? "实线是端口上限：Web 服务器的临时端口数。" : "The solid line is the port ceiling: the web server's ephemeral ports."]
    }
}
