import TCPStepCore
import Testing
@testable import TCPStepRender

/// Every style of every colour theme against its background, in xterm's standard RGB: the
/// projector themes reach WCAG AAA (7:1) for text, the others AA (4.5:1). Lifelines and frames
/// are graphics, not text (WCAG 1.4.11: 3:1; the projector themes 4.5:1). Block letters are ink
/// three rows high: large text, 3:1 (4.5:1 projector).
@Suite struct ThemeContrastTests {
    static let colourThemes: [Theme] = [.dark, .light, .projector, .projectorLight]

    static func isProjector(_ theme: Theme) -> Bool { theme.name.hasPrefix("projector") }

    /// Named text styles, with the label a failure prints.
    static func textStyles(_ theme: Theme) -> [(String, CellStyle)] {
        var styles: [(String, CellStyle)] = [
            ("title", theme.title), ("hostLabel", theme.hostLabel), ("timeAxis", theme.timeAxis),
            ("gapBreak", theme.gapBreak), ("narration", theme.narration), ("keyHint", theme.keyHint),
            ("keyBar", theme.keyBar), ("badge", theme.badge), ("error", theme.error),
            ("narration emphasised", theme.emphasised(theme.narration)),
        ]
        for state in TCPState.allCases {
            styles.append(("state \(state.name)", theme.state(state)))
            // The header's badge reverses the state's style.
            let badge = theme.state(state)
            styles.append(("badge \(state.name)", theme.emphasised(badge.with(reverse: !badge.reverse))))
        }
        for role in SegmentRole.allCases {
            styles.append(("segment \(role)", theme.segment(role)))
            styles.append(("segment \(role) in flight", theme.emphasised(theme.segment(role))))
        }
        return styles
    }

    static func ratio(_ style: CellStyle, on background: TerminalBackground) -> Double {
        background.contrast(of: style)
    }

    @Test(arguments: colourThemes)
    func everyTextStyleReadsOnItsBackground(theme: Theme) {
        let minimum = Self.isProjector(theme) ? 7.0 : 4.5
        for (name, style) in Self.textStyles(theme) {
            let ratio = Self.ratio(style, on: theme.background)
            #expect(ratio >= minimum, "\(theme.name) \(name): \(ratio) < \(minimum)")
        }
    }

    @Test(arguments: colourThemes)
    func linesAndBlockLettersStandOut(theme: Theme) {
        let graphics = Self.isProjector(theme) ? 4.5 : 3.0
        for (name, style) in [("lifeline", theme.lifeline), ("border", theme.border)] {
            let ratio = Self.ratio(style, on: theme.background)
            #expect(ratio >= graphics, "\(theme.name) \(name): \(ratio)")
        }
        for state in TCPState.allCases {
            let ink = theme.emphasised(theme.ink(theme.state(state)))
            #expect(ink.bg == .default)
            let ratio = Self.ratio(ink, on: theme.background)
            #expect(ratio >= graphics, "\(theme.name) block letters \(state.name): \(ratio)")
        }
    }

    /// Text on a colour names its foreground: the terminal's default could be anything.
    @Test(arguments: colourThemes)
    func textOnAColourNeverUsesTheDefaultForeground(theme: Theme) {
        for (name, style) in Self.textStyles(theme) where style.bg != .default {
            #expect(style.fg != .default, "\(theme.name) \(name)")
        }
        #expect(theme.allStyles.allSatisfy { !$0.dim }, "\(theme.name) uses dim")
    }

    /// The numbers behind the test are WCAG's: black on white is 21:1, xterm's yellow on
    /// white about 1.5:1 (the pale FIN arrows the issue reported), white on white 1:1.
    @Test func contrastRatiosMatchWCAG() {
        let white = RGB(255, 255, 255), black = RGB(0, 0, 0)
        #expect(abs(black.contrast(with: white) - 21) < 0.001)
        #expect(white.contrast(with: white) == 1)
        #expect(TerminalColor.yellow.xtermRGB!.contrast(with: white) < 2)
        #expect(abs(TerminalColor.blue.xtermRGB!.contrast(with: white) - 9.4) < 0.1)
    }

    /// xterm shows bold black as grey: bold must not be forced on it.
    @Test func boldIsShownBrightAndLeftOffWhereItHurts() {
        let boldBlack = CellStyle(fg: .black, bg: .brightYellow, bold: true)
        #expect(TerminalBackground.dark.contrast(of: boldBlack) < 4)
        #expect(Theme.light.emphasised(CellStyle(fg: .black)).bold == false)
        #expect(Theme.dark.emphasised(CellStyle(fg: .cyan)).bold == true)
    }

    @Test func backgroundIsReadFromCOLORFGBGAndOSC11() {
        #expect(TerminalBackground.fromCOLORFGBG("15;0") == .dark)
        #expect(TerminalBackground.fromCOLORFGBG("0;15") == .light)
        #expect(TerminalBackground.fromCOLORFGBG("default;default;7") == .light)
        #expect(TerminalBackground.fromCOLORFGBG("garbage") == nil)
        #expect(TerminalBackground.fromCOLORFGBG(nil) == nil)
        #expect(TerminalBackground.fromOSC11Reply("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\") == .light)
        #expect(TerminalBackground.fromOSC11Reply("\u{1B}]11;rgb:1e1e/1e1e/1e1e\u{07}") == .dark)
        #expect(TerminalBackground.fromOSC11Reply("\u{1B}]11;rgb:fd/f6/e3\u{07}") == .light)  // solarized light
        #expect(TerminalBackground.fromOSC11Reply("\u{1B}[?62;22c") == nil)
    }

    @Test func defaultAndProjectorFollowTheBackground() {
        #expect(Theme.named("default", background: .light) == .light)
        #expect(Theme.named("default", background: .dark) == .dark)
        #expect(Theme.named("projector", background: .light) == .projectorLight)
        #expect(Theme.named("high-contrast", background: .dark) == .projector)
        #expect(Theme.named("light", background: .dark) == .light)
        #expect(Theme.fixedBackground(ofThemeNamed: "projector-light") == .light)
        #expect(Theme.fixedBackground(ofThemeNamed: "projector") == nil)
    }
}
