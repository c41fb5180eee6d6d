import TCPStepCore

// The three built-in themes. Colour logic for states: opening states are blue/cyan, ESTABLISHED
// is green, the active closer's states (FIN_WAIT_*, CLOSING, TIME_WAIT) yellow/magenta, the
// passive closer's (CLOSE_WAIT, LAST_ACK) red, CLOSED faint. Every state differs from every other.

extension Theme {
    /// Sixteen-colour theme for a dark or light terminal at a desk.
    public static let `default` = Theme(
        name: "default",
        title: CellStyle(bold: true, reverse: true),
        hostLabel: CellStyle(bold: true),
        lifeline: CellStyle(fg: .brightBlack),
        timeAxis: CellStyle(dim: true),
        gapBreak: CellStyle(fg: .brightBlack),
        narration: .plain,
        keyHint: CellStyle(fg: .cyan, bold: true),
        keyBar: .plain,
        border: CellStyle(fg: .brightBlack),
        badge: CellStyle(fg: .black, bg: .yellow),
        error: CellStyle(fg: .brightWhite, bg: .red, bold: true),
        state: { state in
            switch state {
            case .closed: CellStyle(dim: true)
            case .listen: CellStyle(fg: .blue, bold: true)
            case .synSent: CellStyle(fg: .cyan)
            case .synReceived: CellStyle(fg: .brightCyan, bold: true)
            case .established: CellStyle(fg: .green, bold: true)
            case .finWait1: CellStyle(fg: .yellow)
            case .finWait2: CellStyle(fg: .brightYellow, bold: true)
            case .closeWait: CellStyle(fg: .red)
            case .closing: CellStyle(fg: .brightMagenta, bold: true)
            case .lastAck: CellStyle(fg: .brightRed, bold: true)
            case .timeWait: CellStyle(fg: .magenta, bold: true)
            }
        },
        segment: { role in
            switch role {
            case .syn: CellStyle(fg: .cyan)
            case .fin: CellStyle(fg: .yellow)
            case .rst: CellStyle(fg: .red, bold: true)
            case .data: CellStyle(fg: .default)
            case .ack: CellStyle(fg: .green)
            case .retransmission: CellStyle(fg: .brightYellow, bold: true)
            case .duplicate: CellStyle(fg: .magenta)
            case .injected: CellStyle(fg: .brightBlue, bold: true)
            case .dropped: CellStyle(fg: .brightRed, bold: true)
            case .inFlight: CellStyle(fg: .brightWhite, bold: true)
            case .selected: CellStyle(bold: true, reverse: true)
            }
        })

    /// For projectors and the back row: bright colours, everything bold, nothing faint.
    public static let highContrast = Theme(
        name: "high-contrast",
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
        error: CellStyle(fg: .brightWhite, bg: .red, bold: true),
        state: { state in
            switch state {
            case .closed: CellStyle(fg: .white, bold: true)
            case .listen: CellStyle(fg: .brightBlue, bold: true)
            case .synSent: CellStyle(fg: .cyan, bold: true)
            case .synReceived: CellStyle(fg: .brightCyan, bold: true)
            case .established: CellStyle(fg: .brightGreen, bold: true)
            case .finWait1: CellStyle(fg: .yellow, bold: true)
            case .finWait2: CellStyle(fg: .brightYellow, bold: true)
            case .closeWait: CellStyle(fg: .red, bold: true)
            case .closing: CellStyle(fg: .brightMagenta, bold: true)
            case .lastAck: CellStyle(fg: .brightRed, bold: true)
            case .timeWait: CellStyle(fg: .black, bg: .brightMagenta, bold: true)
            }
        },
        segment: { role in
            switch role {
            case .syn: CellStyle(fg: .brightCyan, bold: true)
            case .fin: CellStyle(fg: .brightYellow, bold: true)
            case .rst: CellStyle(fg: .brightRed, bold: true)
            case .data: CellStyle(fg: .brightWhite, bold: true)
            case .ack: CellStyle(fg: .brightGreen, bold: true)
            case .retransmission: CellStyle(fg: .black, bg: .brightYellow, bold: true)
            case .duplicate: CellStyle(fg: .brightMagenta, bold: true)
            case .injected: CellStyle(fg: .brightBlue, bold: true, underline: true)
            case .dropped: CellStyle(fg: .brightWhite, bg: .red, bold: true)
            case .inFlight: CellStyle(fg: .brightWhite, bold: true, underline: true)
            case .selected: CellStyle(bold: true, reverse: true)
            }
        })

    /// No colour at all, for monochrome terminals, printouts and `NO_COLOR` fans who still want
    /// emphasis: bold, reverse and underline only.
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
