import TCPStepCore

// The built-in themes, each made for one background. Colours are picked by their contrast
// against that background in xterm's standard RGB (`ColorContrast.swift`; the test
// `ThemeContrastTests` recomputes every pair): text 4.5:1 at least, 7:1 in the projector
// themes. So nothing is pale yellow on white or bright white on white, and text drawn on a
// colour always names its own foreground instead of trusting the terminal's.
//
// States: opening states blue/cyan, ESTABLISHED green, the active closer's states
// (FIN_WAIT_*, CLOSING, TIME_WAIT) yellow/magenta, the passive closer's (CLOSE_WAIT, LAST_ACK)
// red, wherever the palette has such a colour at the contrast needed. Every state differs
// from every other. No theme uses `dim`: its brightness is the terminal's choice, and projectors
// wash it out.

extension Theme {
    /// Sixteen colours on a dark background at a desk (the default when the background is dark).
    public static let dark = Theme(
        name: "dark", background: .dark,
        title: CellStyle(fg: .black, bg: .white, bold: true),
        hostLabel: CellStyle(fg: .brightWhite, bold: true),
        lifeline: CellStyle(fg: .brightBlack),
        timeAxis: CellStyle(fg: .brightBlack),
        gapBreak: CellStyle(fg: .brightBlack),
        narration: .plain,
        keyHint: CellStyle(fg: .cyan, bold: true),
        keyBar: .plain,
        border: CellStyle(fg: .brightBlack),
        badge: CellStyle(fg: .black, bg: .yellow),
        error: CellStyle(fg: .brightWhite, bg: .red, bold: true),
        state: { state in
            switch state {
            case .closed: CellStyle(fg: .brightBlack)
            case .listen: CellStyle(fg: .white, bold: true)
            case .synSent: CellStyle(fg: .cyan)
            case .synReceived: CellStyle(fg: .brightCyan, bold: true)
            case .established: CellStyle(fg: .brightGreen, bold: true)
            case .finWait1: CellStyle(fg: .yellow)
            case .finWait2: CellStyle(fg: .brightYellow, bold: true)
            case .closeWait: CellStyle(fg: .brightRed)
            case .closing: CellStyle(fg: .black, bg: .brightMagenta)
            case .lastAck: CellStyle(fg: .black, bg: .brightRed, bold: true)
            case .timeWait: CellStyle(fg: .brightMagenta, bold: true)
            }
        },
        segment: { role in
            switch role {
            case .syn: CellStyle(fg: .cyan)
            case .fin: CellStyle(fg: .yellow)
            case .rst: CellStyle(fg: .brightRed, bold: true)
            case .data: CellStyle(fg: .brightWhite)
            case .ack: CellStyle(fg: .green)
            case .retransmission: CellStyle(fg: .brightYellow, bold: true)
            case .duplicate: CellStyle(fg: .brightMagenta)
            case .injected: CellStyle(fg: .brightCyan, bold: true, underline: true)
            case .dropped: CellStyle(fg: .brightWhite, bg: .red, bold: true)
            case .inFlight: CellStyle(fg: .brightWhite, bold: true)
            case .selected: CellStyle(bold: true, reverse: true)
            }
        })

    /// Sixteen colours on a white or pale background.
    public static let light = Theme(
        name: "light", background: .light,
        title: CellStyle(fg: .brightWhite, bg: .blue, bold: true),
        hostLabel: CellStyle(fg: .black, bold: true),
        lifeline: CellStyle(fg: .brightBlack),
        timeAxis: CellStyle(fg: .blue),
        gapBreak: CellStyle(fg: .blue),
        narration: .plain,
        keyHint: CellStyle(fg: .brightWhite, bg: .blue, bold: true),
        keyBar: .plain,
        border: CellStyle(fg: .brightBlack),
        badge: CellStyle(fg: .black, bg: .brightYellow),
        error: CellStyle(fg: .brightWhite, bg: .red, bold: true),
        state: { state in
            switch state {
            case .closed: CellStyle(fg: .black)
            case .listen: CellStyle(fg: .blue, bold: true)
            case .synSent: CellStyle(fg: .brightBlue)
            case .synReceived: CellStyle(fg: .black, bg: .brightCyan, bold: true)
            case .established: CellStyle(fg: .black, bg: .brightGreen, bold: true)
            case .finWait1: CellStyle(fg: .black, bg: .yellow)
            case .finWait2: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            case .closeWait: CellStyle(fg: .red)
            case .closing: CellStyle(fg: .magenta, bold: true)
            case .lastAck: CellStyle(fg: .brightWhite, bg: .red, bold: true)
            case .timeWait: CellStyle(fg: .black, bg: .brightMagenta, bold: true)
            }
        },
        segment: { role in
            switch role {
            case .syn: CellStyle(fg: .blue)
            case .fin: CellStyle(fg: .magenta)
            case .rst: CellStyle(fg: .red, bold: true)
            case .data: CellStyle(fg: .black, bold: true)
            case .ack: CellStyle(fg: .black)
            case .retransmission: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            case .duplicate: CellStyle(fg: .magenta, underline: true)
            case .injected: CellStyle(fg: .brightBlue, bold: true, underline: true)
            case .dropped: CellStyle(fg: .brightWhite, bg: .red, bold: true)
            case .inFlight: CellStyle(fg: .black, bold: true, underline: true)
            case .selected: CellStyle(bold: true, reverse: true)
            }
        })

    /// For projectors and the back row, on a dark background: 7:1 everywhere, everything bold.
    /// xterm's reds and magentas cannot reach 7:1 on black, so closing states and resets are
    /// told apart by a coloured background instead of a red letter.
    public static let projector = Theme(
        name: "projector", background: .dark,
        title: CellStyle(fg: .black, bg: .brightWhite, bold: true),
        hostLabel: CellStyle(fg: .brightWhite, bold: true),
        lifeline: CellStyle(fg: .white),
        timeAxis: CellStyle(fg: .white, bold: true),
        gapBreak: CellStyle(fg: .brightWhite),
        narration: CellStyle(fg: .brightWhite, bold: true),
        keyHint: CellStyle(fg: .black, bg: .brightCyan, bold: true),
        keyBar: CellStyle(fg: .brightWhite),
        border: CellStyle(fg: .white),
        badge: CellStyle(fg: .black, bg: .brightYellow, bold: true),
        error: CellStyle(fg: .brightWhite, bg: .blue, bold: true),
        state: { state in
            switch state {
            case .closed: CellStyle(fg: .white, bold: true)
            case .listen: CellStyle(fg: .brightWhite, bg: .blue, bold: true)
            case .synSent: CellStyle(fg: .cyan, bold: true)
            case .synReceived: CellStyle(fg: .brightCyan, bold: true)
            case .established: CellStyle(fg: .brightGreen, bold: true)
            case .finWait1: CellStyle(fg: .yellow, bold: true)
            case .finWait2: CellStyle(fg: .brightYellow, bold: true)
            case .closeWait: CellStyle(fg: .black, bg: .yellow, bold: true)
            case .closing: CellStyle(fg: .black, bg: .brightCyan, bold: true)
            case .lastAck: CellStyle(fg: .black, bg: .white, bold: true)
            case .timeWait: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            }
        },
        segment: { role in
            switch role {
            case .syn: CellStyle(fg: .brightCyan, bold: true)
            case .fin: CellStyle(fg: .brightYellow, bold: true)
            case .rst: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            case .data: CellStyle(fg: .brightWhite, bold: true)
            case .ack: CellStyle(fg: .brightGreen, bold: true)
            case .retransmission: CellStyle(fg: .black, bg: .brightCyan, bold: true)
            case .duplicate: CellStyle(fg: .yellow, bold: true, underline: true)
            case .injected: CellStyle(fg: .cyan, bold: true, underline: true)
            case .dropped: CellStyle(fg: .brightWhite, bg: .blue, bold: true)
            case .inFlight: CellStyle(fg: .brightWhite, bold: true, underline: true)
            case .selected: CellStyle(bold: true, reverse: true)
            }
        })

    /// For projectors on a white background: black and blue ink, the states on pale colours.
    public static let projectorLight = Theme(
        name: "projector-light", background: .light,
        title: CellStyle(fg: .brightWhite, bg: .blue, bold: true),
        hostLabel: CellStyle(fg: .black, bold: true),
        lifeline: CellStyle(fg: .black),
        timeAxis: CellStyle(fg: .blue, bold: true),
        gapBreak: CellStyle(fg: .blue),
        narration: CellStyle(fg: .black, bold: true),
        keyHint: CellStyle(fg: .brightWhite, bg: .blue, bold: true),
        keyBar: CellStyle(fg: .black),
        border: CellStyle(fg: .black),
        badge: CellStyle(fg: .black, bg: .brightYellow, bold: true),
        error: CellStyle(fg: .brightWhite, bg: .blue, bold: true),
        state: { state in
            switch state {
            case .closed: CellStyle(fg: .black, bold: true)
            case .listen: CellStyle(fg: .blue, bold: true)
            case .synSent: CellStyle(fg: .blue, bold: true, underline: true)
            case .synReceived: CellStyle(fg: .black, bg: .cyan, bold: true)
            case .established: CellStyle(fg: .black, bg: .brightGreen, bold: true)
            case .finWait1: CellStyle(fg: .black, bg: .yellow, bold: true)
            case .finWait2: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            case .closeWait: CellStyle(fg: .black, bg: .white, bold: true)
            case .closing: CellStyle(fg: .black, bg: .green, bold: true)
            case .lastAck: CellStyle(fg: .brightWhite, bg: .blue, bold: true)
            case .timeWait: CellStyle(fg: .black, bg: .brightCyan, bold: true)
            }
        },
        segment: { role in
            switch role {
            case .syn: CellStyle(fg: .blue, bold: true)
            case .fin: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            case .rst: CellStyle(fg: .brightWhite, bg: .blue, bold: true)
            case .data: CellStyle(fg: .black, bold: true)
            case .ack: CellStyle(fg: .black)
            case .retransmission: CellStyle(fg: .black, bg: .yellow, bold: true)
            case .duplicate: CellStyle(fg: .blue, underline: true)
            case .injected: CellStyle(fg: .black, bg: .brightGreen, bold: true)
            case .dropped: CellStyle(fg: .black, bg: .white, bold: true, underline: true)
            case .inFlight: CellStyle(fg: .black, bold: true, underline: true)
            case .selected: CellStyle(bold: true, reverse: true)
            }
        })

    /// The desk theme before backgrounds were told apart; it is `dark`.
    public static let `default` = dark
    /// The projector theme for a dark background (the old `high-contrast`).
    public static let highContrast = projector

    /// No colour at all, for monochrome terminals, printouts and `NO_COLOR` fans who still want
    /// emphasis: bold, reverse and underline only. Any background: it uses the terminal's pair.
    public static let mono = Theme(
        name: "mono",
        title: CellStyle(bold: true, reverse: true),
        hostLabel: CellStyle(bold: true),
        lifeline: .plain,
        timeAxis: .plain,
        gapBreak: .plain,
        narration: .plain,
        keyHint: CellStyle(bold: true),
        keyBar: .plain,
        border: .plain,
        badge: CellStyle(reverse: true),
        error: CellStyle(bold: true, reverse: true),
        state: { state in
            switch state {
            case .closed: .plain
            case .listen, .synSent, .synReceived: CellStyle(underline: true)
            case .established: CellStyle(bold: true)
            case .finWait1, .finWait2, .closeWait, .closing, .lastAck: CellStyle(bold: true, underline: true)
            case .timeWait: CellStyle(bold: true, reverse: true)
            }
        },
        segment: { role in
            switch role {
            case .syn, .fin, .data, .ack: .plain
            case .rst, .dropped: CellStyle(bold: true)
            case .retransmission, .duplicate, .injected: CellStyle(underline: true)
            case .inFlight: CellStyle(bold: true, underline: true)
            case .selected: CellStyle(reverse: true)
            }
        })
}
