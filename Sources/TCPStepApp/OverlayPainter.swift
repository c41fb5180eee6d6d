import TCPStepCore
import TCPStepNarration
import TCPStepRender

/// Boxes drawn over the live view: help, the scenario picker, quiz questions, the title card.
enum OverlayPainter {
    static func paint(_ overlay: AppModel.Overlay, score: QuizScore, theme: Theme, glyphs: GlyphSet, into grid: inout CellGrid) {
        switch overlay {
        case .help:
            let width = (KeyBindings.help.map { CellGrid.displayWidth(of: $0.keys) }.max() ?? 0) + 2
            let lines = KeyBindings.help.map { entry in
                entry.keys + String(repeating: " ", count: max(1, width - CellGrid.displayWidth(of: entry.keys))) + entry.action
            }
            box(title: "keys", lines: lines + ["", "any key closes this help"], theme: theme, glyphs: glyphs, into: &grid)
        case .scenarioPicker(let names, let highlighted):
            let lines = names.enumerated().map { ($0.offset == highlighted ? "▶ " : "  ") + $0.element }
            box(title: "scenarios (↑ ↓ enter, esc)", lines: lines, highlight: highlighted, theme: theme, glyphs: glyphs, into: &grid)
        case .question(let question):
            var lines = ["Which state will the \(question.host.name) enter next?", "(now \(question.from.name))", ""]
            lines += question.choices.enumerated().map { "  \($0.offset + 1)  \($0.element.name)" }
            lines += ["", "answer with 1–\(question.choices.count) · score \(score.right)/\(score.asked)"]
            box(title: "predict", lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        case .savePrompt(let name):
            let lines = ["Save this session as a scenario file:", "", "> \(name)_", "",
                         "a name relative to the current directory · enter saves · esc cancels"]
            box(title: "save", lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        case .answer(let question, let chosen):
            let right = chosen == question.correct
            let lines = [
                right ? "Right: the \(question.host.name) entered \(question.choices[question.correct].name)."
                      : "Not quite: you said \(question.choices[chosen].name); the \(question.host.name) entered \(question.choices[question.correct].name).",
                "",
                "score \(score.right)/\(score.asked) · space continues",
            ]
            box(title: right ? "correct" : "wrong", lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        }
    }

    /// The scenario's title and summary, shown before the first step in presenter mode.
    static func titleCard(_ narrator: Narrator, theme: Theme, glyphs: GlyphSet, into grid: inout CellGrid) {
        var lines = [narrator.title, ""]
        if let summary = narrator.summary { lines += WordWrap.lines(summary, width: max(20, grid.width - 16)) }
        if let warning = narrator.variantWarning { lines += ["", warning] }
        lines += ["", "space to begin"]
        box(title: "tcpstep", lines: lines, theme: theme, glyphs: glyphs, into: &grid)
    }

    /// A framed box centred on the grid, over whatever is there.
    static func box(title: String, lines: [String], highlight: Int? = nil, theme: Theme, glyphs: GlyphSet, into grid: inout CellGrid) {
        let inner = min(grid.width - 4, max(CellGrid.displayWidth(of: title) + 4, lines.map { CellGrid.displayWidth(of: $0) }.max() ?? 0))
        let visible = Array(lines.prefix(max(0, grid.height - 4)))
        guard inner > 4, !visible.isEmpty else { return }
        let boxWidth = inner + 4, boxHeight = visible.count + 2
        let left = (grid.width - boxWidth) / 2, top = max(0, (grid.height - boxHeight) / 2)
        let style = theme.narration
        grid.fill(GridRect(x: left, y: top, width: boxWidth, height: boxHeight), style: style)
        let horizontal = String(repeating: glyphs.horizontal, count: boxWidth - 2)
        grid.put(String(glyphs.frameTopLeft) + horizontal + String(glyphs.frameTopRight), x: left, y: top, style: theme.border)
        grid.put(String(glyphs.frameBottomLeft) + horizontal + String(glyphs.frameBottomRight), x: left, y: top + boxHeight - 1, style: theme.border)
        grid.put(" \(title) ", x: left + 2, y: top, style: theme.title)
        for row in 1 ..< boxHeight - 1 {
            grid.put(String(glyphs.vertical), x: left, y: top + row, style: theme.border)
            grid.put(String(glyphs.vertical), x: left + boxWidth - 1, y: top + row, style: theme.border)
        }
        for (index, line) in visible.enumerated() {
            let lineStyle = index == highlight ? style.with(reverse: true) : style
            grid.put(CellGrid.clip(line, toWidth: inner), x: left + 2, y: top + 1 + index, style: lineStyle)
        }
    }
}
