import TCPStepCore

/// Maps what something *is* (a title, a state, a dropped segment) to how it looks.
/// Layout code asks the theme and never names a colour itself, so `--theme` changes everything.
///
/// `NO_COLOR` is the caller's job: look the theme up with `Theme.named(_:)`, then call
/// `withoutColor()` when the variable is set.
public struct Theme: Hashable, Sendable, CustomStringConvertible {
    /// The name `Theme.named(_:)` finds it by.
    public var name: String
    /// The background the colours were chosen for; the terminal's default colours are assumed
    /// to be `background.assumedDefaults`.
    public var background: TerminalBackground
    /// The title bar.
    public var title: CellStyle
    /// Host names and addresses above the lifelines.
    public var hostLabel: CellStyle
    /// The vertical lifeline of a host.
    public var lifeline: CellStyle
    /// Time stamps down the left edge.
    public var timeAxis: CellStyle
    /// The `≈≈≈ 1.0 s later ≈≈≈` row that folds idle time.
    public var gapBreak: CellStyle
    /// The sentences that explain the current step.
    public var narration: CellStyle
    /// A key name in the key bar (`␣`, `q`).
    public var keyHint: CellStyle
    /// The rest of the key bar: what the keys do.
    public var keyBar: CellStyle
    /// Frames and separators.
    public var border: CellStyle
    /// A small flag such as "not TCP" next to a label.
    public var badge: CellStyle
    /// An error line.
    public var error: CellStyle
    /// Indexed by `TCPState.rawValue`.
    private var stateStyles: [CellStyle]
    /// Indexed by `SegmentRole.rawValue`.
    private var segmentStyles: [CellStyle]

    /// A theme from its role styles. `state` and `segment` are asked once per case.
    public init(
        name: String, background: TerminalBackground = .dark, title: CellStyle, hostLabel: CellStyle, lifeline: CellStyle, timeAxis: CellStyle,
        gapBreak: CellStyle, narration: CellStyle, keyHint: CellStyle, keyBar: CellStyle, border: CellStyle,
        badge: CellStyle, error: CellStyle,
        state: (TCPState) -> CellStyle, segment: (SegmentRole) -> CellStyle
    ) {
        self.name = name
        self.background = background
        self.title = title
        self.hostLabel = hostLabel
        self.lifeline = lifeline
        self.timeAxis = timeAxis
        self.gapBreak = gapBreak
        self.narration = narration
        self.keyHint = keyHint
        self.keyBar = keyBar
        self.border = border
        self.badge = badge
        self.error = error
        self.stateStyles = TCPState.allCases.map(state)
        self.segmentStyles = SegmentRole.allCases.map(segment)
        // Bold only where it cannot hurt: a terminal that shows bold in the bright colour would
        // turn a theme's bold black into grey.
        self = mapStyles { $0.bold ? self.emphasised($0) : $0 }
    }

    /// The theme's name, so test output and logs stay short.
    public var description: String { "Theme(\(name))" }

    /// How the name of `state` looks, in labels and on lifelines.
    public func state(_ state: TCPState) -> CellStyle { stateStyles[state.rawValue] }

    /// How a segment arrow with `role` looks.
    public func segment(_ role: SegmentRole) -> CellStyle { segmentStyles[role.rawValue] }

    /// The same theme with every colour set to the terminal default; attributes (bold, reverse,
    /// underline, dim) stay, so emphasis survives `NO_COLOR`.
    public func withoutColor() -> Theme {
        mapStyles(\.withoutColor)
    }

    /// A copy with `transform` applied to every role's style.
    public func mapStyles(_ transform: (CellStyle) -> CellStyle) -> Theme {
        var theme = self
        for keyPath in Self.roleKeyPaths {
            theme[keyPath: keyPath] = transform(self[keyPath: keyPath])
        }
        theme.stateStyles = stateStyles.map(transform)
        theme.segmentStyles = segmentStyles.map(transform)
        return theme
    }

    /// Every style the theme holds, for checks such as "mono uses no colour".
    public var allStyles: [CellStyle] {
        Self.roleKeyPaths.map { self[keyPath: $0] } + stateStyles + segmentStyles
    }

    private static let roleKeyPaths: [WritableKeyPath<Theme, CellStyle> & Sendable] = [
        \.title, \.hostLabel, \.lifeline, \.timeAxis, \.gapBreak, \.narration, \.keyHint, \.keyBar,
        \.border, \.badge, \.error,
    ]
}

extension Theme {
    /// The built-in themes, in the order `--help` lists them.
    public static let all: [Theme] = [.dark, .light, .projector, .projectorLight, .mono]

    /// The names `--theme` accepts, for help texts and error messages.
    public static let choices = "dark, light, projector (or projector-dark, projector-light), mono, default"

    /// The built-in theme called `name` for a terminal with `background`, ignoring case, `-`
    /// and `_`; nil for an unknown name. "default" is `dark` or `light` to suit the
    /// background, "projector" (alias "high-contrast") the projector theme for it; "dark",
    /// "light", "projector-dark" and "projector-light" say the background themselves.
    public static func named(_ name: String, background: TerminalBackground = .dark) -> Theme? {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" }
        switch key {
        case "", "default", "auto": return background == .light ? .light : .dark
        case "projector", "highcontrast": return background == .light ? .projectorLight : .projector
        case "projectordark": return .projector
        default: return all.first { $0.name.lowercased().filter { $0 != "-" } == key }
        }
    }

    /// The background `name` fixes by itself ("light", "projector-dark"), nil when it suits
    /// either ("default", "projector", "mono"): only then is the terminal asked.
    public static func fixedBackground(ofThemeNamed name: String) -> TerminalBackground? {
        switch name.lowercased().filter({ $0 != "-" && $0 != "_" }) {
        case "dark", "projectordark": .dark
        case "light", "projectorlight": .light
        default: nil
        }
    }

    /// `style` in bold, unless bold lowers its contrast: terminals that show bold text in the
    /// bright colour (xterm does by default) turn bold black into grey and bold red into a pale
    /// red on white. Every "make it stand out" in the views goes through here.
    public func emphasised(_ style: CellStyle) -> CellStyle {
        let bold = style.with(bold: true), plain = style.with(bold: false)
        return background.contrast(of: bold) >= background.contrast(of: plain) ? bold : plain
    }

    /// `style` as ink on the terminal's own background: of its two colours, the one that stands
    /// out more from the background, with no background of its own. Block letters are drawn
    /// with it, so a state on a coloured label does not become a blotchy bar three rows high.
    public func ink(_ style: CellStyle) -> CellStyle {
        guard style.bg != .default, !style.reverse else { return style }
        let page = background.assumedDefaults.background
        let fg = style.fg.xtermRGB ?? background.assumedDefaults.foreground
        let bg = style.bg.xtermRGB ?? page
        let colour = fg.contrast(with: page) >= bg.contrast(with: page) ? style.fg : style.bg
        return style.with(fg: colour, bg: .default)
    }
}
