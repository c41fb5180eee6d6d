import TCPStepRender

/// A full-screen view the terminal loop can run: it turns terminal events into updates and
/// draws frames. The sequence diagram (`AppModel`) and the pile-up chart (`PileupAppModel`) are two.
public protocol InteractiveProgram {
    /// Handles an event (nil: the tick timer fired). Returns false when the program should quit.
    mutating func handle(_ event: TerminalEvent?) -> Bool
    /// The frame to paint now.
    mutating func frame() -> CellGrid
    /// How long the loop may wait for input before sending a tick.
    var tickIntervalMs: Int { get }
}

extension AppModel: InteractiveProgram {
    public mutating func handle(_ event: TerminalEvent?) -> Bool {
        guard let event else { return !update(.tick).contains(.quit) }
        guard let message = KeyBindings.message(for: event, overlayOpen: isOverlayOpen) else { return true }
        return !update(message).contains(.quit)
    }
}
