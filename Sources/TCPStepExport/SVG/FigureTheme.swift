import TCPStepRender

/// Colours of the exported figures. Light is the default because figures end up on slides and
/// paper; dark is for dark slide decks and the player at night. Both keep every role's colour
/// at a contrast of at least 4.5:1 against the background (WCAG AA for text).
public struct FigureTheme: Hashable, Sendable {
    public var name: String
    public var background: String
    public var foreground: String
    /// Time axis, pause text, arrival notes.
    public var muted: String
    public var lifeline: String
    public var state: String
    public var timer: String
    public var bannerFill: String
    public var bannerText: String
    /// Indexed by `SegmentRole.rawValue`.
    var roleColors: [String]

    public func color(_ role: SegmentRole) -> String { roleColors[role.rawValue] }

    public static let light = FigureTheme(
        name: "light", background: "#ffffff", foreground: "#1a1a1a", muted: "#5f6368", lifeline: "#3c4043",
        state: "#0b4f8a", timer: "#7a5c00", bannerFill: "#fde7e9", bannerText: "#a1121c",
        roleColors: roles(syn: "#1a56b0", fin: "#6f3596", rst: "#c21c1c", data: "#17703a", ack: "#2b2b2b",
                          retransmission: "#b35300", duplicate: "#00727f", injected: "#7b5a45",
                          dropped: "#c21c1c", inFlight: "#5f6368"))

    public static let dark = FigureTheme(
        name: "dark", background: "#15181d", foreground: "#e8eaed", muted: "#a8adb3", lifeline: "#bdc1c6",
        state: "#8ab4f8", timer: "#f2c94c", bannerFill: "#4a1519", bannerText: "#ffb3b8",
        roleColors: roles(syn: "#7cacf8", fin: "#d0a2f7", rst: "#ff7b7b", data: "#81d99b", ack: "#e0e0e0",
                          retransmission: "#ffb562", duplicate: "#5fd4e0", injected: "#d9b99b",
                          dropped: "#ff7b7b", inFlight: "#a8adb3"))

    public static let all = [light, dark]

    public static func named(_ name: String) -> FigureTheme? { all.first { $0.name == name } }

    private static func roles(syn: String, fin: String, rst: String, data: String, ack: String,
                              retransmission: String, duplicate: String, injected: String,
                              dropped: String, inFlight: String) -> [String] {
        SegmentRole.allCases.map { role in
            switch role {
            case .syn: syn
            case .fin: fin
            case .rst: rst
            case .data: data
            case .ack: ack
            case .retransmission: retransmission
            case .duplicate: duplicate
            case .injected: injected
            case .dropped: dropped
            case .inFlight: inFlight
            case .selected: ack
            }
        }
    }
}
