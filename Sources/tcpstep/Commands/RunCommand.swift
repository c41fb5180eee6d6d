import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TCPStepApp
import TCPStepCapture
import TCPStepCore
import TCPStepJournal
import TCPStepNarration
import TCPStepPileup
import TCPStepRender
import TCPStepScenario
import TCPStepTerminal

/// `tcpstep [SCENARIO]`: the interactive, full-screen sequence diagram (the default command).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Open the interactive sequence diagram (the default command).",
        discussion: """
        Keys: space/→/n step · ←/b back · p play · +/- speed · tab/↑/↓ select a segment in \
        flight · d drop · l delay · u duplicate · o old duplicate (SYN, data, FIN, RST) · \
        c connect · L listen · s send · x close · \
        a abort · f focus client/server · r restart · S scenarios · PgUp/PgDn/Home/End scroll · \
        # relative/absolute numbers · e export SVG+HTML · W write a capture as a scenario · \
        Q quiz · ? help · q quit.
        """)

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var display: DisplayOptions

    @Flag(help: "Presenter layout: large state labels, narration up front, detail panes hidden, a title card first.")
    var presenter = false

    @Flag(help: "Quiz: before each state change, ask the audience which state comes next (answer with 1–4).")
    var quiz = false

    @Flag(help: "For a capture: print the connection as a scenario (hosts, ISNs, measured latency, inferred calls) instead of opening it; add a `drop` line to ask \"what if\".")
    var asScenario = false

    @OptionGroup var journaling: JournalOptions

    func run() throws {
        try exitCleanly {
            var appOptions = try display.appOptions()
            appOptions.presenter = presenter
            appOptions.quiz = quiz
            let session = try journaling.session(options)
            if asScenario {
                guard case .capture(_, let story) = session.input else {
                    throw CleanExit.message("tcpstep: --as-scenario turns a capture into a scenario; '\(TerminalText.visible(options.scenario ?? ""))' is not a capture")
                }
                print(ScenarioWriter.scenario(story), terminator: "")
                return
            }
            let code: Int32 = switch session.input {
            case .scenario(let scenario): InteractiveLoop.run(scenario: scenario, options: appOptions, journal: session)
            case .capture(let scenario, let story):
                InteractiveLoop.run { isUTF8 in
                    var model = AppModel(recording: CaptureTrace.events(story.connection), scenario: scenario, options: appOptions.adjusted(isUTF8: isUTF8))
                    model.snapshotExporter = SnapshotFiles.exporter
                    return CaptureViewer(model: model, story: story)
                }
            case .recording(let scenario, let events):
                InteractiveLoop.run(recording: events, scenario: scenario, options: appOptions)
            }
            if let path = session.path, code == 0 {
                StandardStream.error("tcpstep: session journaled in \(path) (`tcpstep --resume` reopens it)\n")
            }
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// Options every full-screen view shares.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Option(help: """
        Colours: dark, light, projector (7:1 contrast for a hall), mono, or default. default and \
        projector suit the terminal's background, found by asking the terminal (OSC 11), then \
        $COLORFGBG, else assumed dark; dark, light, projector-dark and projector-light say it \
        themselves. NO_COLOR drops the colours.
        """)
    var theme = "default"

    @Option(help: "Narration language: en or zh (default: from LC_ALL / LANG).")
    var lang: String?

    func appOptions() throws -> AppOptions {
        guard Theme.named(theme) != nil else {
            throw CleanExit.message("tcpstep: unknown theme '\(theme)'; choose \(Theme.choices)")
        }
        var options = AppOptions()
        options.ascii = ascii
        options.themeName = theme
        let environment = ProcessInfo.processInfo.environment
        options.background = Theme.fixedBackground(ofThemeNamed: theme) ?? BackgroundProbe.detect(environment: environment)
        options.noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if let lang {
            guard let language = NarrationLanguage(argument: lang) else {
                throw CleanExit.message("tcpstep: unknown language '\(lang)'; choose en or zh")
            }
            options.language = language
        } else {
            options.language = NarrationLanguage.fromEnvironment(environment)
        }
        return options
    }
}

/// The Elm loop: paint the program's frame, wait for an event, handle it, repeat.
enum InteractiveLoop {
    /// Runs until the user quits; returns the exit code (128 + signal after SIGINT/SIGTERM/SIGHUP,
    /// 2 when there is no usable terminal).
    static func run<Program: InteractiveProgram>(_ makeProgram: (_ isUTF8: Bool) -> Program) -> Int32 {
        let session: TerminalSession
        do {
            session = try TerminalSession.start()
        } catch {
            printError(error.message)
            return 2
        }
        var program = makeProgram(session.isUTF8)
        let size = session.size
        _ = program.handle(.resize(width: size.width, height: size.height))
        while true {
            session.paint(program.frame())
            guard program.handle(session.nextEvent(timeoutMs: program.tickIntervalMs)) else { break }
        }
        let signal = session.caughtSignal
        session.shutdown()
        return signal.map { 128 + $0 } ?? 0
    }

    /// A recorded trace or a capture: stepped forward and back, exported, never journaled.
    static func run(recording events: [TraceEvent], scenario: Scenario, options: AppOptions) -> Int32 {
        run { isUTF8 in
            var model = AppModel(recording: events, scenario: scenario, options: options.adjusted(isUTF8: isUTF8))
            model.snapshotExporter = SnapshotFiles.exporter
            return model
        }
    }

    /// The sequence diagram of a scenario (journaled), or the pile-up view when the scenario asks for it.
    static func run(scenario: Scenario, options: AppOptions, journal: JournalSession) -> Int32 {
        if scenario.view == .pileup {
            // The scenario's sysctls (`set tcp_tw_reuse 1`) carry over to the full-scale pile-up.
            var config = PileupConfig()
            config.sysctls = scenario.sysctls
            return run { isUTF8 in
                PileupAppModel(config: config, duration: .seconds(3_600), options: options.adjusted(isUTF8: isUTF8))
            }
        }
        return run { isUTF8 in
            var model = AppModel(scenario: scenario, options: options.adjusted(isUTF8: isUTF8), journalHeader: journal.header)
            model.defaultSaveName = journal.defaultSaveName
            model.snapshotExporter = SnapshotFiles.exporter
            return JournaledApp(model: model, journalPath: journal.path, problem: journal.problem)
        }
    }
}

extension AppOptions {
    /// ASCII glyphs when the terminal's locale cannot show Unicode.
    func adjusted(isUTF8: Bool) -> AppOptions {
        var options = self
        if !isUTF8 { options.ascii = true }
        return options
    }
}
