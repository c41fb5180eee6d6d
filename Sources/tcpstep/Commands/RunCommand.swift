import ArgumentParser
import Foundation
import TCPStepApp
import TCPStepNarration
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
        flight · d drop · l delay · u duplicate · c connect · L listen · s send · x close · \
        a abort · f focus client/server · r restart · S scenarios · PgUp/PgDn/Home/End scroll · \
        # relative/absolute numbers · ? help · q quit.
        """)

    @OptionGroup var options: ScenarioOptions
    @OptionGroup var display: DisplayOptions

    @Flag(help: "Presenter layout: large state labels, narration up front, detail panes hidden, a title card first.")
    var presenter = false

    @Flag(help: "Quiz: before each state change, ask the audience which state comes next (answer with 1–4).")
    var quiz = false

    func run() throws {
        try exitCleanly {
            let scenario = try options.load()
            var appOptions = try display.appOptions()
            appOptions.presenter = presenter
            appOptions.quiz = quiz
            let code = try InteractiveLoop.run(scenario: scenario, options: appOptions)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// Options every full-screen view shares.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Draw with ASCII only (automatic when the locale is not UTF-8).")
    var ascii = false

    @Option(help: "Colour theme: default, high-contrast (for projectors) or mono. NO_COLOR is respected.")
    var theme = "default"

    @Option(help: "Narration language: en or zh (default: from LC_ALL / LANG).")
    var lang: String?

    func appOptions() throws -> AppOptions {
        guard Theme.named(theme) != nil else {
            throw CleanExit.message("tcpstep: unknown theme '\(theme)'; choose default, high-contrast or mono")
        }
        var options = AppOptions()
        options.ascii = ascii
        options.themeName = theme
        let environment = ProcessInfo.processInfo.environment
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

/// The Elm loop: paint the model's frame, wait for an event, update, repeat.
enum InteractiveLoop {
    /// Runs until the user quits; returns the exit code (128 + signal after SIGINT/SIGTERM/SIGHUP).
    static func run(scenario: Scenario, options: AppOptions) throws -> Int32 {
        let session: TerminalSession
        do {
            session = try TerminalSession.start()
        } catch {
            FileHandle.standardError.write(Data((error.message + "\n").utf8))
            return 2
        }
        var options = options
        if !session.isUTF8 { options.ascii = true }
        var model = AppModel(scenario: scenario, options: options)
        let size = session.size
        _ = model.update(.resize(width: size.width, height: size.height))
        loop: while true {
            session.paint(model.frame())
            let timeout = model.isPlaying ? model.tickIntervalMs : 250
            let message: AppMessage
            if let event = session.nextEvent(timeoutMs: timeout) {
                guard let mapped = KeyBindings.message(for: event, overlayOpen: model.isOverlayOpen) else { continue }
                message = mapped
            } else {
                message = .tick
            }
            if model.update(message).contains(.quit) { break loop }
        }
        let signal = session.caughtSignal
        session.shutdown()
        return signal.map { 128 + $0 } ?? 0
    }
}
