/// A key the user pressed, already decoded from the terminal's escape sequences.
/// Pure, so the app model can handle keys without any C in sight.
public enum Key: Hashable, Sendable {
    /// A printable character, including space and non-ASCII ("é" arrives as one character).
    case character(Character)
    /// Ctrl plus a letter, as a lowercase letter: Ctrl-L is `.control("l")`. Ctrl-C and Ctrl-Z
    /// normally arrive as signals instead (the terminal keeps ISIG on).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    /// Tab, and Shift-Tab.
    case tab, backTab
    /// Return or keypad Enter.
    case enter
    /// A lone Esc (arrives after a 25 ms wait, so escape sequences are not split).
    case escape
    /// Backspace (DEL or ^H, whichever the terminal sends).
    case backspace
    /// Forward delete.
    case delete
    /// F1 … F12 as `.function(1)` … `.function(12)`.
    case function(Int)

    /// Decodes a key that arrived as a plain Unicode scalar (not as a curses key code):
    /// control codes become named keys, everything else a character.
    public init(typed scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x09: self = .tab
        case 0x0A, 0x0D: self = .enter
        case 0x1B: self = .escape
        case 0x08, 0x7F: self = .backspace
        case 0x01 ... 0x1A:
            // Ctrl-A is 1, … Ctrl-Z is 26.
            self = .control(Character(Unicode.Scalar(scalar.value - 1 + 0x61)!))
        default: self = .character(Character(scalar))
        }
    }
}
