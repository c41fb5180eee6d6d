#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Colours as a projector shows them, for contrast: the sixteen palette entries in xterm's
/// standard RGB (xterm's `charproc.c` / XTerm-col.ad defaults), and WCAG 2's contrast ratio.
/// Themes are checked against these numbers in the tests, and the terminal's answer to OSC 11
/// is classified with `relativeLuminance`.
public struct RGB: Hashable, Sendable {
    public var red: Double, green: Double, blue: Double

    /// Channels 0–255.
    public init(_ red: Int, _ green: Int, _ blue: Int) {
        self.red = Double(red) / 255
        self.green = Double(green) / 255
        self.blue = Double(blue) / 255
    }

    /// Channels 0–1.
    public init(fraction red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// WCAG 2.x relative luminance: sRGB linearised, weighted 0.2126 / 0.7152 / 0.0722.
    public var relativeLuminance: Double {
        func linear(_ channel: Double) -> Double {
            channel <= 0.04045 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2.x contrast ratio, 1…21 (4.5 is AA for text, 7 is AAA).
    public func contrast(with other: RGB) -> Double {
        let (a, b) = (relativeLuminance, other.relativeLuminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

extension TerminalColor {
    /// xterm's default RGB for this palette entry; nil for the terminal default, which depends
    /// on the terminal (see `TerminalBackground.assumedDefaults`).
    public var xtermRGB: RGB? {
        switch self {
        case .default: nil
        case .black: RGB(0, 0, 0)
        case .red: RGB(205, 0, 0)
        case .green: RGB(0, 205, 0)
        case .yellow: RGB(205, 205, 0)
        case .blue: RGB(0, 0, 238)
        case .magenta: RGB(205, 0, 205)
        case .cyan: RGB(0, 205, 205)
        case .white: RGB(229, 229, 229)
        case .brightBlack: RGB(127, 127, 127)
        case .brightRed: RGB(255, 0, 0)
        case .brightGreen: RGB(0, 255, 0)
        case .brightYellow: RGB(255, 255, 0)
        case .brightBlue: RGB(92, 92, 255)
        case .brightMagenta: RGB(255, 0, 255)
        case .brightCyan: RGB(0, 255, 255)
        case .brightWhite: RGB(255, 255, 255)
        }
    }
}

/// Whether the terminal draws on a dark or a light background. Themes are made for one of the
/// two: a colour that reads on black (bright yellow) vanishes on white, and the reverse.
public enum TerminalBackground: String, CaseIterable, Hashable, Sendable {
    case dark, light

    /// What the terminal's default colours are assumed to be: black on white for a light
    /// background, xterm's white on black for a dark one.
    public var assumedDefaults: (foreground: RGB, background: RGB) {
        switch self {
        case .dark: (RGB(229, 229, 229), RGB(0, 0, 0))
        case .light: (RGB(0, 0, 0), RGB(255, 255, 255))
        }
    }

    /// The colours `style` really shows on this background: the terminal default resolved to
    /// `assumedDefaults`, bold text in one of the eight normal colours shown in its bright
    /// variant (xterm's default `boldColors`: bold black is grey), reverse applied.
    public func resolve(_ style: CellStyle) -> (foreground: RGB, background: RGB) {
        let defaults = assumedDefaults
        let shown = style.bold && style.fg != .default ? style.fg.brightVariant : style.fg
        let fg = shown.xtermRGB ?? defaults.foreground
        let bg = style.bg.xtermRGB ?? defaults.background
        return style.reverse ? (bg, fg) : (fg, bg)
    }

    /// The contrast ratio of `style` as shown on this background.
    public func contrast(of style: CellStyle) -> Double {
        let (fg, bg) = resolve(style)
        return fg.contrast(with: bg)
    }

    /// From `$COLORFGBG` ("15;0", "0;15", "default;default;0" as rxvt and Konsole set it): the
    /// last field is the background's palette index; 7 and 15 (white) and 9–14 are light.
    /// Nil when unset or unreadable.
    public static func fromCOLORFGBG(_ value: String?) -> TerminalBackground? {
        guard let value, let last = value.split(separator: ";").last, let index = Int(last),
              let color = TerminalColor(rawValue: index), let rgb = color.xtermRGB else { return nil }
        return rgb.relativeLuminance > 0.4 ? .light : .dark
    }

    /// From a terminal's answer to OSC 11 (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ending in BEL or
    /// ST, 1–4 hex digits per channel); nil when the text holds no such answer.
    public static func fromOSC11Reply(_ reply: String) -> TerminalBackground? {
        let characters = Array(reply)
        guard let start = (0 ..< max(0, characters.count - 3)).first(where: { String(characters[$0 ..< $0 + 4]) == "rgb:" }) else {
            return nil
        }
        let channels = String(characters[(start + 4)...]).split(separator: "/", maxSplits: 2).map { part in
            String(part.prefix { $0.isHexDigit })
        }
        guard channels.count == 3 else { return nil }
        var fractions: [Double] = []
        for digits in channels {
            guard (1...4).contains(digits.count), let value = Int(digits, radix: 16) else { return nil }
            let maximum = Double((1 << (4 * digits.count)) - 1)
            fractions.append(Double(value) / maximum)
        }
        let luminance = RGB(fraction: fractions[0], fractions[1], fractions[2]).relativeLuminance
        // Mid-grey (luminance ≈ 0.18–0.2) and above reads as light: dark text works better there.
        return luminance > 0.18 ? .light : .dark
    }
}
