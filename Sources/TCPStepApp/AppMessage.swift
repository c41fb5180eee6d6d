import TCPStepCore
import TCPStepRender

/// Everything the user (or the clock) can ask of the interactive view. Keys, mouse clicks,
/// resizes and signals are all turned into messages first (`KeyBindings`), so `AppModel.update`
/// is the one place behaviour is decided.
public enum AppMessage: Hashable, Sendable {
    case stepForward
    case stepBack
    case togglePlay
    case faster
    case slower
    /// The play timer ticked.
    case tick
    case selectNext
    case selectPrevious
    /// Select the in-flight segment whose arrow is at this screen position.
    case click(x: Int, y: Int)
    case dropSelected
    case delaySelected
    case duplicateSelected
    case clientConnect
    case serverListen
    case sendData
    case close
    case abort
    case toggleFocus
    /// Open the menu of old duplicates to put on the wire (`o`).
    case openInjectMenu
    case restart
    case openScenarioPicker
    case scrollUp(Int)
    case scrollDown(Int)
    case scrollToStart
    case followNewest
    case toggleNumbering
    /// Scroll the narration panel up or down (`[` `]`), when the narration is longer than it.
    case narrationUp
    case narrationDown
    /// Write the diagram as it stands now as SVG and HTML (`e`).
    case exportSnapshot
    case toggleHelp
    /// `w`: save the session as a scenario file (asks for a name).
    case saveSession
    /// Switch the "predict the next state" quiz on or off.
    case toggleQuiz
    /// `W`: write the capture's connection as a scenario file (a capture only).
    case writeAsScenario
    /// A live capture has more packets: its whole trace so far, re-inferred (`tcpstep live`).
    case captureGrew(CaptureProgress)
    /// A key while an overlay (help, scenario picker, quiz question) is open.
    case overlayKey(Key)
    case resize(width: Int, height: Int)
    case quit
}

/// What the program loop must do after an update, besides drawing the next frame.
public enum AppCommand: Hashable, Sendable {
    case quit
}
