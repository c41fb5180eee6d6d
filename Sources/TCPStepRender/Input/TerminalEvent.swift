/// Something that happened at the terminal: the input side of the Elm loop. The terminal
/// adapter produces these; the pure app model turns them into messages.
public enum TerminalEvent: Hashable, Sendable {
    /// A key press.
    case key(Key)
    /// A left click (or press) at column `x`, row `y`, both counted from 0 at the top left.
    case mouse(x: Int, y: Int)
    /// The terminal now has this many columns and rows; draw a new frame of that size.
    case resize(width: Int, height: Int)
    /// SIGINT, SIGTERM or SIGHUP arrived. Shut the terminal down, then exit with 128 + signal.
    case signal(Int32)
}
