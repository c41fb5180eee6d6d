import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

/// Boxes drawn over the live view: help, the scenario picker, quiz questions, the title and
/// closing cards. Every word comes from `UIText` (or the scenario's own text), in one language.
enum OverlayPainter {
    static func paint(_ overlay: AppModel.Overlay, score: QuizScore, focus: HostID, text: UIText, language: NarrationLanguage,
                      theme: Theme, glyphs: GlyphSet, into grid: inout CellGrid) {
        switch overlay {
        case .help:
            // Every key, "q quit" included, even at 80×24: the box may use all rows but one, and
            // the closing hint goes first when rows are short.
            var lines = helpLines(text, height: grid.height, width: grid.width, ellipsis: glyphs == .ascii ? "~" : "…")
            if fitsWithClosingHint(lines.count, height: grid.height) { lines += ["", text(.helpClose)] }
            box(title: text(.helpTitle), lines: lines, theme: theme, glyphs: glyphs, marginRows: 0, into: &grid)
        case .scenarioPicker(let names, let highlighted):
            let lines = pickerLines(names, highlighted: highlighted, language: language, glyphs: glyphs, width: grid.width - 8)
            // Keep the highlighted one on screen when the list is longer than the box.
            let room = max(1, grid.height - 4)
            let first = max(0, min(highlighted - room / 2, lines.count - room))
            box(title: text(.pickerTitle), lines: Array(lines.dropFirst(first)), highlight: highlighted - first,
                theme: theme, glyphs: glyphs, into: &grid)
        case .injectMenu:
            let lines = [text(.injectFrom, text.word(focus)), ""] + LiveInjection.allCases.map { $0.menuLine(text) }
                + ["", text(.injectClose)]
            box(title: text(.injectTitle), lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        case .question(let question):
            var lines = question.actionPromptLines(text)
                ?? ([text(.quizQuestion, text.word(question.host)), text(.quizNow, question.from.name), ""]
                    + question.choices.enumerated().map { "  \($0.offset + 1)  \($0.element.name)" })
            lines += ["", text(.quizAnswerWith, question.choiceCount, "\(score.right)/\(score.asked)")]
            box(title: text(.quizTitle), lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        case .savePrompt(let name):
            let lines = [text(.savePrompt), "", "> \(name)_", "", text(.saveHint)]
            box(title: text(.saveTitle), lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        case .answer(let question, let chosen):
            let right = chosen == question.correct
            // An action question (Linux's tail loss probe) has its own verdict and no state choices.
            let verdict = question.actionVerdict(chosen: chosen, text) ?? {
                let entered = question.choices[question.correct].name
                return right ? text(.quizRight, text.word(question.host), entered)
                             : text(.quizWrong, question.choices[chosen].name, text.word(question.host), entered)
            }()
            let lines = [
                verdict,
                "",
                text(.quizContinue, "\(score.right)/\(score.asked)"),
            ]
            box(title: text(right ? .quizCorrectTitle : .quizWrongTitle), lines: lines, theme: theme, glyphs: glyphs, into: &grid)
        }
    }

    /// The key table in one column, or in two when one would not fit the height (80×24 keeps
    /// every key, "q quit" included).
    static func helpLines(_ text: UIText, height: Int, width: Int, ellipsis: Character = "…") -> [String] {
        let entries = KeyBindings.help.map { entry in
            text.language == .chinese ? (entry.keys.replacing("click", with: text(.helpClick)), entry.actionZH) : (entry.keys, entry.action)
        }
        let oneColumn = aligned(entries, gap: 2)
        // One column while it fits with the box and its closing hint ("any key closes"): a help
        // that does not say how to leave it is a trap on a projector.
        if fitsWithClosingHint(oneColumn.count, height: height) { return oneColumn }
        // Two columns, each aligned on its own keys, so one long key ("PgUp PgDn Home End") does
        // not cost the other column its words; what still does not fit ends in an ellipsis.
        let half = (entries.count + 1) / 2
        let leftWidth = (width - 8) / 2, rightWidth = width - 4 - leftWidth
        let left = aligned(Array(entries.prefix(half)), gap: 1), right = aligned(Array(entries.dropFirst(half)), gap: 1)
        return left.indices.map { row in
            let cell = CellGrid.clip(left[row], toWidth: leftWidth - 1, ellipsis: ellipsis)
            let next = row < right.count ? CellGrid.clip(right[row], toWidth: rightWidth, ellipsis: ellipsis) : ""
            return cell + String(repeating: " ", count: max(1, leftWidth - CellGrid.displayWidth(of: cell))) + next
        }
    }

    /// Whether `count` key lines, a blank line and "any key closes this help" fit in a box of
    /// `height` rows less one (the box's borders take two, a margin row one).
    static func fitsWithClosingHint(_ count: Int, height: Int) -> Bool { count + 4 <= height - 1 }

    /// "keys␣␣action" lines with the actions lined up after the widest key.
    private static func aligned(_ entries: [(keys: String, action: String)], gap: Int) -> [String] {
        let keyWidth = (entries.map { CellGrid.displayWidth(of: $0.keys) }.max() ?? 0) + gap
        return entries.map { $0.keys + String(repeating: " ", count: max(1, keyWidth - CellGrid.displayWidth(of: $0.keys))) + $0.action }
    }

    /// "▶ lost-last-ack   The client's last ACK is lost …": name and summary, one line each.
    static func pickerLines(_ names: [String], highlighted: Int, language: NarrationLanguage,
                            glyphs: GlyphSet, width: Int) -> [String] {
        let nameWidth = (names.map { CellGrid.displayWidth(of: $0) }.max() ?? 0) + 2
        return names.enumerated().map { index, name in
            let scenario = try? BuiltinScenarios.scenario(named: name)
            let summary = (language == .chinese ? scenario?.summaryZH : nil) ?? scenario?.summary ?? ""
            let line = (index == highlighted ? String(glyphs.pointer) + " " : "  ") + name
                + String(repeating: " ", count: max(1, nameWidth - CellGrid.displayWidth(of: name))) + summary
            return CellGrid.clip(line, toWidth: max(10, width), ellipsis: glyphs == .ascii ? "~" : "…")
        }
    }

    /// The scenario's title and summary, shown before the first step in presenter mode.
    static func titleCard(_ narrator: Narrator, text: UIText, theme: Theme, glyphs: GlyphSet, into grid: inout CellGrid) {
        var lines = [narrator.title, ""]
        if let summary = narrator.summary { lines += WordWrap.lines(summary, width: max(20, grid.width - 16)) }
        if let warning = narrator.variantWarning { lines += ["", warning] }
        lines += ["", text(.titleCardBegin)]
        box(title: "tcpstep", lines: lines, theme: theme, glyphs: glyphs, into: &grid)
    }

    /// The story's last words once nothing is left to happen, low on the screen so that the
    /// diagram's end stays visible above it.
    static func closingCard(_ words: String, text: UIText, theme: Theme, glyphs: GlyphSet, into grid: inout CellGrid) {
        let width = max(20, min(grid.width - 10, 100))
        let lines = WordWrap.lines(words, width: width) + ["", text(.closingContinue)]
        box(title: text(.closingTitle), lines: lines, theme: theme, glyphs: glyphs, bottom: true, into: &grid)
    }

    /// A framed box centred on the grid (or above its last rows with `bottom`), over whatever is there.
    static func box(title: String, lines: [String], highlight: Int? = nil, theme: Theme, glyphs: GlyphSet,
                    bottom: Bool = false, marginRows: Int = 2, into grid: inout CellGrid) {
        let inner = min(grid.width - 4, max(CellGrid.displayWidth(of: title) + 4, lines.map { CellGrid.displayWidth(of: $0) }.max() ?? 0))
        let visible = Array(lines.prefix(max(0, grid.height - 2 - 2 * marginRows)))
        guard inner > 4, !visible.isEmpty else { return }
        let boxWidth = inner + 4, boxHeight = visible.count + 2
        let left = (grid.width - boxWidth) / 2
        let top = bottom ? max(0, grid.height - 2 - boxHeight) : max(0, (grid.height - boxHeight) / 2)
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
