import CNcursesw
import TCPStepRender

/// Turns curses' function-key codes (what `wget_wch` reports with KEY_CODE_YES) into `Key`s.
/// Mouse and resize codes are handled by the session, which needs more than the code.
enum CursesKeys {
    /// The key for `code`, or nil for keys tcpstep has no use for.
    static func key(for code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        // Some terminals (TERM=screen, old xterms) report Home/End as Find/Select.
        case KEY_HOME, KEY_FIND: .home
        case KEY_END, KEY_SELECT, KEY_LL: .end
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_F0 + 1 ... KEY_F0 + 63: .function(Int(code - KEY_F0))
        default: nil
        }
    }
}
