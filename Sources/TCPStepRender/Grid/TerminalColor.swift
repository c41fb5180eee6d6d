/// One of the sixteen ANSI colours, or the terminal's own default.
///
/// Sixteen colours is what every terminal (and a projector's washed-out palette) can show;
/// the UI never needs more. `default` means "whatever the terminal uses", so the user's own
/// background shows through.
public enum TerminalColor: Int, CaseIterable, Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default` = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = 8, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The ANSI palette index 0–15, or nil for `default`.
    public var ansiIndex: Int? { self == .default ? nil : rawValue }

    /// True for the eight bright variants (indices 8–15).
    public var isBright: Bool { rawValue >= 8 }

    /// The non-bright colour of the same hue (itself when already normal). Terminals with only
    /// eight colours show a bright colour as its normal hue plus bold.
    public var normalVariant: TerminalColor {
        isBright ? TerminalColor(rawValue: rawValue - 8)! : self
    }

    /// The bright colour of the same hue (itself when already bright or default).
    public var brightVariant: TerminalColor {
        (self == .default || isBright) ? self : TerminalColor(rawValue: rawValue + 8)!
    }
}
