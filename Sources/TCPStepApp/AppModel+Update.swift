import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

extension AppModel {
    /// The one place where the interactive view changes. Returns what the loop must do.
    public mutating func update(_ message: AppMessage) -> [AppCommand] {
        let commands = apply(message)
        if let stepper = source.stepper { journal?.observe(stepper, scenario: scenario) }
        if narrationCache == nil || narrationCache?.position != source.position || narrationCache?.events != source.events.count {
            refreshNarration()
            narrationScroll = 0
        }
        return commands
    }

    private mutating func apply(_ message: AppMessage) -> [AppCommand] {
        switch message {
        case .tick:
            // Ticks never wipe a message before it could be read; while playing, it goes after 3 s.
            statusAgeMs += tickIntervalMs
            if isPlaying, statusAgeMs >= Self.statusHoldMs { status = nil }
        case .resize, .captureGrew:
            break
        default:
            status = nil
            statusAgeMs = 0
            // Any key puts the closing card away; stepping back or forward goes on as usual.
            if showsClosingCard {
                closingCardDismissed = true
                if message != .stepBack, message != .quit, message != .restart, message != .openScenarioPicker { return [] }
            }
        }
        if showsTitleCard {
            switch message {
            case .quit: return [.quit]
            case .resize, .tick, .captureGrew: break
            default:
                showsTitleCard = false  // the first key only lifts the title card
                return []
            }
        }
        if !source.isLive, KeyBindings.needsSimulation(message) {
            status = KeyBindings.needsSimulationStatus(message, text: text)
            return []
        }
        switch message {
        case .stepForward:
            requestStep()
        case .stepBack:
            if source.stepBack() { afterMove() } else { status = text(.statusAtBeginning) }
            closingCardDismissed = false
        case .togglePlay:
            isPlaying.toggle()
        case .faster:
            speedIndex = min(speedIndex + 1, Self.playSpeeds.count - 1)
            status = text(.statusSpeed, Self.playSpeeds[speedIndex].formatted)
        case .slower:
            speedIndex = max(speedIndex - 1, 0)
            status = text(.statusSpeed, Self.playSpeeds[speedIndex].formatted)
        case .tick:
            guard isPlaying else { break }
            if !requestStep() { isPlaying = false }
        case .selectNext:
            cycleSelection(by: 1)
        case .selectPrevious:
            cycleSelection(by: -1)
        case .click(let x, let y):
            if let id = segment(atX: x, y: y) { selection = id }
        case .dropSelected:
            intervene(on: selection) { .drop($0) }
        case .delaySelected:
            let latency = source.stepper?.simulation.latency(.clientToServer) ?? .ms(10)
            intervene(on: selection) { .delay($0, by: max(latency, .ms(10))) }
        case .duplicateSelected:
            intervene(on: selection) { .duplicate($0) }
        case .clientConnect:
            app(.client, .connect(remotePort: serverPort, localPort: nil, isn: nil))
        case .serverListen:
            app(.server, .listen(port: serverPort))
        case .sendData:
            app(focus, .send(bytes: 100))
        case .close:
            app(focus, .close)
        case .abort:
            app(focus, .abort)
        case .toggleFocus:
            focus = focus.peer
            status = text(.statusFocus, text.word(focus))
        case .openInjectMenu:
            overlay = .injectMenu
        case .restart:
            switch source {
            case .live:
                // Back to the start; a scenario's own timed actions stay ahead, to redo.
                var stepper = TimelinePlayer.stepper(for: scenario).stepper
                stepper.go(to: 0)
                source = .live(stepper)
            case .recorded(var recording):
                recording.go(to: 0)
                source = .recorded(recording)
            }
            selection = nil
            scrollBack = nil
            isPlaying = false
            closingCardDismissed = false
            narrationCache = nil
        case .openScenarioPicker:
            let names = BuiltinScenarios.names
            overlay = .scenarioPicker(names: names, highlighted: names.firstIndex(of: currentBuiltinName ?? "") ?? 0)
        case .scrollUp(let rows):
            scrollBack = (scrollBack ?? 0) + rows
        case .scrollDown(let rows):
            if let back = scrollBack { scrollBack = back - rows > 0 ? back - rows : nil }
        case .scrollToStart:
            scrollBack = Int.max / 2
        case .followNewest:
            scrollBack = nil
        // A page is all but one of the panel's rows: the line read last stays for context.
        case .narrationUp:
            let panel = narrationPanel()
            narrationScroll = max(0, panel.first - max(1, panel.rows - 1))
        case .narrationDown:
            let panel = narrationPanel()
            narrationScroll = min(panel.first + max(1, panel.rows - 1), panel.scrollMax)
        case .toggleNumbering:
            absoluteNumbers.toggle()
            status = text(absoluteNumbers ? .statusAbsolute : .statusRelative)
        case .exportSnapshot:
            exportSnapshot()
        case .saveSession:
            overlay = .savePrompt(defaultSaveName)
        case .toggleHelp:
            overlay = overlay == .help ? nil : .help
        case .toggleQuiz:
            options.quiz.toggle()
            status = text(options.quiz ? .statusQuizOn : .statusQuizOff)
        case .writeAsScenario:
            requestAsScenario()
        case .captureGrew(let progress):
            captureGrew(progress)
        case .overlayKey(let key):
            return handleOverlayKey(key)
        case .resize(let newWidth, let newHeight):
            width = newWidth
            height = newHeight
        case .quit:
            return [.quit]
        }
        return []
    }

    /// The port the server listens on in this scenario (80 when it has none).
    var serverPort: UInt16 {
        for command in scenario.script.commands {
            if case .app(.server, .listen(let port)) = command.kind { return port }
        }
        return 80
    }

    var currentBuiltinName: String? {
        scenario.source.hasPrefix("builtin:") ? String(scenario.source.dropFirst("builtin:".count)) : nil
    }

    /// Steps, unless the quiz wants a prediction first. Returns whether anything happened.
    @discardableResult
    private mutating func requestStep() -> Bool {
        if options.quiz, !source.isReplaying, let question = upcomingQuestion() {
            overlay = .question(question)
            isPlaying = false
            return true
        }
        guard source.stepForward() else {
            status = text(source.isLive ? .statusNothingLeft : scenario.traceOrigin.kind == .liveCapture ? .statusWaitingForPackets : .statusEndOfRecording)
            return false
        }
        afterMove()
        return true
    }

    /// The state change the next step will make, found by stepping a copy.
    private func upcomingQuestion() -> QuizQuestion? {
        let upcoming = source.upcomingEvents
        for event in upcoming {
            if case .state(let host, _, _, let from, let to, _) = event.kind, to != .listen, from != .closed || to != .closed {
                return QuizQuestion(host: host, from: from, to: to)
            }
            if case .timer(let host, let connection, _, .tailLossProbe, .fire, _, _) = event.kind,
               let state = source.stepper?.simulation.connection(connection)?.state,
               case .send(let wire)? = upcoming.first(where: { if case .send = $0.kind { true } else { false } })?.kind {
                return QuizQuestion(tailLossProbeOf: host, in: state, segment: wire.segment.flags.description)
            }
        }
        return nil
    }

    private mutating func handleOverlayKey(_ key: Key) -> [AppCommand] {
        switch overlay {
        case .help, .none:
            overlay = nil
            if key == .character("q") { return [.quit] }
        case .scenarioPicker(let names, let highlighted):
            switch key {
            case .up: overlay = .scenarioPicker(names: names, highlighted: max(0, highlighted - 1))
            case .down, .tab: overlay = .scenarioPicker(names: names, highlighted: min(names.count - 1, highlighted + 1))
            case .enter:
                overlay = nil
                if names.indices.contains(highlighted), let chosen = try? BuiltinScenarios.scenario(named: names[highlighted]) {
                    load(chosen)
                }
            default: overlay = nil
            }
        case .injectMenu:
            if case .character(let typed) = key, let digit = typed.wholeNumberValue, let kind = LiveInjection(rawValue: digit) {
                overlay = nil
                inject(kind)
            } else if key == .character("f") {
                focus = focus.peer
            } else {
                overlay = nil
            }
        case .question(let question):
            if case .character(let typed) = key, let digit = typed.wholeNumberValue, (1...question.choiceCount).contains(digit) {
                quiz.record(correct: digit - 1 == question.correct)
                overlay = .answer(question, chosen: digit - 1)
                if source.stepForward() { afterMove() }
            } else if key == .escape || key == .character("q") {
                overlay = nil
            }
        case .answer:
            overlay = nil
            if key == .character(" ") || key == .right || key == .character("n") { requestStep() }
        case .savePrompt(var name):
            switch key {
            case .character(let typed): name.append(typed); overlay = .savePrompt(name)
            case .backspace: _ = name.popLast(); overlay = .savePrompt(name)
            case .enter:
                overlay = nil
                saveRequest = name.isEmpty ? defaultSaveName : name
            case .escape:
                overlay = nil
                status = text(.statusNotSaved)
            default: break
            }
        }
        return []
    }

    /// The loop wrote (or failed to write) the file `w` asked for; `message` says which.
    public mutating func finishSave(_ message: String) {
        saveRequest = nil
        status = message
    }

    /// What the journal file must become since the last call (the loop writes it before painting).
    public mutating func takeJournalEdits() -> [JournalRecorder.Edit] {
        journal?.takePending() ?? []
    }

    /// A message from outside the model (the journal cannot be written …), shown until the next key.
    public mutating func show(status message: String) {
        status = message
    }

    /// Opens another scenario in place.
    public mutating func load(_ newScenario: Scenario) {
        scenario = newScenario
        source = .live(Stepper(simulation: newScenario.makeSimulation()))
        // Another story at the same position and length must not read this one's narration.
        narrationCache = nil
        narrationCursor = NarrationCursor()
        selection = nil
        scrollBack = nil
        isPlaying = false
        closingCardDismissed = false
    }

    /// Puts an old duplicate on the wire from the focused host, selected so `d`/`l`/`u` act on it.
    private mutating func inject(_ kind: LiveInjection) {
        guard let simulation = source.stepper?.simulation else {
            status = KeyBindings.needsSimulationStatus(.openInjectMenu, text: text)
            return
        }
        let (direction, segment) = kind.segment(from: focus, in: simulation, serverPort: serverPort)
        source.intervene(.inject(direction, segment))
        if case .inject(let wire)? = source.events.last?.kind { selection = wire.id }
        status = text(.statusInjected, segment.matchFlags, text.word(focus.peer))
        closingCardDismissed = true
    }

    private mutating func app(_ host: HostID, _ call: AppCall) {
        source.intervene(.app(host, call))
        if case .app(_, _, let result)? = source.events.last(where: { if case .app = $0.kind { true } else { false } })?.kind,
           case .failed(let error) = result {
            status = text(.statusCallFailed, text.word(host), call.name, text.callError(error))
        }
        afterMove()
    }

    private mutating func intervene(on id: SegmentID?, _ make: (SegmentID) -> Stepper.Intervention) {
        guard let id else {
            status = text(.statusNoSegment)
            return
        }
        let intervention = make(id)
        if source.intervene(intervention) {
            status = switch intervention {
            case .drop: text(.statusDropped, id.raw)
            case .delay(_, let extra): text(.statusHeld, id.raw, extra.durationText)
            case .duplicate: text(.statusDuplicated, id.raw)
            case .app, .inject: nil
            }
            afterMove()
        } else {
            status = text(.statusGone, id.raw)
        }
    }

    /// Keeps the selection on something in flight and the diagram on the newest events.
    mutating func afterMove() {
        let inFlight = currentFold().inFlight
        if let selection, inFlight.contains(where: { $0.id == selection }) { return }
        selection = inFlight.last?.id
    }

    private mutating func cycleSelection(by delta: Int) {
        let inFlight = currentFold().inFlight
        guard !inFlight.isEmpty else {
            status = text(.statusNothingInFlight)
            return
        }
        let index = inFlight.firstIndex { $0.id == selection } ?? -1
        selection = inFlight[(index + delta + inFlight.count) % inFlight.count].id
    }

    /// The in-flight segment drawn at a screen position (the layout knows where arrows are).
    private func segment(atX x: Int, y: Int) -> SegmentID? {
        hitTest(x: x, y: y)
    }
}

extension Double {
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
