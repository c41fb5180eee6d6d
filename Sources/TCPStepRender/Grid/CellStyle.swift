/// How one cell looks: colours plus the four attributes every terminal supports.
public struct CellStyle: Hashable, Sendable {
    /// Glyph colour.
    public var fg: TerminalColor
    /// Cell background.
    public var bg: TerminalColor
    public var bold: Bool
    /// Faint text. High-contrast themes avoid it: projectors wash it out.
    public var dim: Bool
    /// Swap foreground and background; the one highlight that also works without colour.
    public var reverse: Bool
    public var underline: Bool

    public init(
        fg: TerminalColor = .default, bg: TerminalColor = .default,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Default colours, no attributes.
    public static let plain = CellStyle()

    /// True when the style uses a colour other than the terminal default.
    public var hasColor: Bool { fg != .default || bg != .default }

    /// The same attributes with both colours set back to the terminal default.
    public var withoutColor: CellStyle {
        var style = self
        style.fg = .default
        style.bg = .default
        return style
    }

    /// A copy with selected fields changed; reads well at call sites:
    /// `theme.lifeline.with(bold: true)`.
    public func with(
        fg: TerminalColor? = nil, bg: TerminalColor? = nil, bold: Bool? = nil,
        dim: Bool? = nil, reverse: Bool? = nil, underline: Bool? = nil
    ) -> CellStyle {
        CellStyle(
            fg: fg ?? self.fg, bg: bg ?? self.bg, bold: bold ?? self.bold,
            dim: dim ?? self.dim, reverse: reverse ?? self.reverse, underline: underline ?? self.underline)
    }
}
