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
        return twoColumns(entries, rows: height - 5, width: width - 4, ellipsis: ellipsis)
    }

    /// Two columns of "keys action" cells in `width` columns and at most `rows` rows. A long key
    /// ("PgUp PgDn Home End") and a long action wrap onto more lines of their cell rather than
    /// being cut, as long as the rows allow; only when they do not, cells are held to two lines,
    /// then to one, and what is left over ends in an ellipsis.
    static func twoColumns(_ entries: [(keys: String, action: String)], rows: Int, width: Int, ellipsis: Character) -> [String] {
        let columnWidth = (width - 2) / 2
        // The key column as narrow as the longest key word allows, if every key then takes at
        // most two lines: the words go to the actions, which need them more.
        let longestWord = entries.flatMap { $0.keys.split(separator: " ") }.map { CellGrid.displayWidth(of: String($0)) }.max() ?? 1
        let widestKey = entries.map { CellGrid.displayWidth(of: $0.keys) }.max() ?? 1
        let keyWidth = (longestWord ... max(longestWord, widestKey)).first { width in
            entries.allSatisfy { WordWrap.lines($0.keys, width: width).count <= 2 }
        } ?? widestKey
        for cap in [Int.max, 2, 1] {
            // On one line a cell, the keys cannot wrap: the key column takes the widest.
            let keys = cap == 1 ? widestKey : keyWidth
            let actionWidth = max(1, columnWidth - keys - 1)
            let cells = entries.map { entry in
                cell(keys: cap == 1 ? [entry.keys] : WordWrap.lines(entry.keys, width: keys), action: entry.action,
                     keyWidth: keys, actionWidth: actionWidth, cap: cap, ellipsis: ellipsis)
            }
            guard let split = balancedSplit(cells.map(\.count), rows: rows) else { continue }
            let left = cells[..<split].flatMap { $0 }, right = cells[split...].flatMap { $0 }
            return (0 ..< max(left.count, right.count)).map { row in
                let first = row < left.count ? left[row] : String(repeating: " ", count: columnWidth)
                // Full width, so that the box spans the screen whatever the longest action.
                return padded(first + "  " + (row < right.count ? right[row] : ""), to: width)
            }
        }
        // Not even one line a cell fits: the first keys that do, cut (a screen this small shows little anyway).
        return entries.prefix(max(1, rows)).map { CellGrid.clip($0.keys + " " + $0.action, toWidth: width, ellipsis: ellipsis) }
    }

    /// One entry's lines: its key words beside its action, each padded to its column.
    private static func cell(keys: [String], action: String, keyWidth: Int, actionWidth: Int, cap: Int,
                             ellipsis: Character) -> [String] {
        let actionLines = heldTo(cap, lines: WordWrap.lines(action, width: actionWidth), of: action,
                                 width: actionWidth, ellipsis: ellipsis)
        return (0 ..< max(keys.count, actionLines.count, 1)).map { line in
            padded(line < keys.count ? keys[line] : "", to: keyWidth) + " "
                + padded(line < actionLines.count ? actionLines[line] : "", to: actionWidth)
        }
    }

    /// `lines` (the wrapped `text`) held to `cap` lines: the last one is the rest of the text, cut
    /// with an ellipsis. The rest is taken from `text` itself, not by joining the lines again,
    /// which would put a space where a Chinese line was broken between two characters.
    static func heldTo(_ cap: Int, lines: [String], of text: String, width: Int, ellipsis: Character) -> [String] {
        guard lines.count > cap, cap >= 1 else { return lines }
        var restStart = text.startIndex
        for line in lines.prefix(cap - 1) {
            if let found = text[restStart...].firstRange(of: line) { restStart = found.upperBound }
        }
        let rest = String(text[restStart...].drop { $0 == " " })
        return Array(lines.prefix(cap - 1)) + [CellGrid.clip(rest, toWidth: width, ellipsis: ellipsis)]
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - CellGrid.displayWidth(of: text)))
    }

    /// Where to end the left column (entries keep their order, top to bottom then left to right)
    /// so that the taller column is as short as it can be; nil when it is still over `rows`.
    static func balancedSplit(_ heights: [Int], rows: Int) -> Int? {
        let total = heights.reduce(0, +)
        var best: (split: Int, tallest: Int)?
        var left = 0
        for split in 0 ... heights.count {
            if split > 0 { left += heights[split - 1] }
            let tallest = max(left, total - left)
            if tallest <= rows, best == nil || tallest < best!.tallest { best = (split, tallest) }
        }
        return best?.split
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
