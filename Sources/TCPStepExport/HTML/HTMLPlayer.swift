import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario

/// One self-contained HTML file that plays the scenario as the terminal view does: space or →
/// steps, ← steps back, p plays; the state of each host, the narration of the step and the
/// segments in flight are shown live, and the SVG figure grows step by step.
///
/// No network, no external script or font: the figure, the data and the script are all inline,
/// so the file works from `file://`, from a USB stick in a lecture hall, and on a phone. The
/// figure is `LadderSVG` with step tags; the page only shows, hides and clips what is already
/// drawn, so a step costs the elements that change, not the length of the history.
public enum HTMLPlayer {
    public static func render(events: ArraySlice<TraceEvent>, scenario: Scenario, theme: FigureTheme,
                              numbering: SequenceNumbering = .relative, language: ExportLanguage = .english) -> String {
        let narrator = Narrator(scenario: scenario, language: language.narration,
                                relativeSequenceNumbers: numbering == .relative)
        let told = OnAnotherCore { narrator.narrateAll(events) }
        let ladder = Ladder(events: events, scenario: scenario, numbering: numbering, language: language)
        var svgOptions = LadderSVG.Options(theme: theme)
        svgOptions.stepTags = true
        let figure = LadderSVG.render(ladder, options: svgOptions)
        let narration = narrate(told.value, narrator: narrator, stepCount: ladder.steps.count)
        let words = PlayerWords(language)
        var out = ""
        out.reserveCapacity(figure.utf8.count + ladder.steps.count * 160 + 16_384)
        out += "<!DOCTYPE html>\n<html lang=\"\(language.tag)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(Markup.escape(ladder.title)) · tcpstep</title>\n"
        out += "<style>\n" + PlayerPage.style(theme) + "</style>\n</head>\n<body>\n"
        out += "<header><h1>\(Markup.escape(ladder.title))</h1><p class=\"sub\">\(Markup.escape(ladder.subtitle))</p>"
        if let banner = ladder.banner { out += "<p class=\"banner\">⚠ \(Markup.escape(banner))</p>" }
        out += "</header>\n"
        out += "<section id=\"live\">\n<div id=\"states\">"
        for line in ladder.lifelines {
            out += "<span class=\"host\">\(Markup.escape(line.name))</span> <b id=\"state-\(line.host.name)\" class=\"state\">CLOSED</b> "
        }
        out += "</div>\n<div id=\"controls\">"
        out += "<button id=\"first\" title=\"Home\">|◀</button><button id=\"back\" title=\"←\">◀ \(words.back)</button>"
        out += "<button id=\"play\" title=\"p\">▶ \(words.play)</button><button id=\"next\" title=\"space →\">\(words.next) ▶</button>"
        out += "<button id=\"last\" title=\"End\">▶|</button> <span id=\"position\"></span></div>\n"
        out += "<p id=\"narration\" aria-live=\"polite\"></p>\n<div id=\"inflight\"></div>\n"
        out += "<p class=\"keys\">\(Markup.escape(words.keys))</p>\n</section>\n"
        out += "<div id=\"figure\">\n" + figure + "</div>\n"
        out += "<script id=\"data\" type=\"application/json\">"
        out += data(ladder, narration: narration, words: words, theme: theme)
        out += "</script>\n<script>\n" + PlayerPage.script + "</script>\n</body>\n</html>\n"
        return out
    }

    /// The narration of each step (index = step), the author's summary before the first.
    static func narrate(_ steps: [StepNarration], narrator: Narrator, stepCount: Int) -> [String] {
        var texts = Array(repeating: "", count: stepCount)
        if !texts.isEmpty { texts[0] = narrator.summary ?? "" }
        for step in steps where step.step < stepCount {
            texts[step.step] = step.text
        }
        if let epilogue = narrator.epilogue, stepCount > 1 {
            texts[stepCount - 1] = StepNarrationJoin.join(texts[stepCount - 1], epilogue)
        }
        return texts
    }

    /// The page's data as JSON: per step its time, states, narration and how far the figure
    /// reaches; per segment and per timer what the page needs to draw them while they last.
    static func data(_ ladder: Ladder, narration: [String], words: PlayerWords, theme: FigureTheme) -> String {
        let geometry = FigureGeometry(ladder: ladder)
        var json = "{\"rowHeight\":\(Markup.number(FigureGeometry.rowHeight)),\"timerColor\":\"\(theme.timer)\",\"chunkRows\":\(LadderSVG.chunkRows),\"words\":\(words.json),\"steps\":["
        for (index, step) in ladder.steps.enumerated() {
            if index > 0 { json += "," }
            json += "{\"m\":\(step.time),\"t\":\(JSON.string(LadderSVG.timeText(step.time))),\"y\":\(Markup.number(geometry.y(row: step.lastRow))),\"r\":\(step.lastRow)"
            json += ",\"s\":[\(JSON.string(step.states[0].name)),\(JSON.string(step.states[1].name))]"
            json += ",\"n\":\(JSON.string(index < narration.count ? narration[index] : ""))}"
        }
        json += "],\"arrows\":["
        for (index, arrow) in ladder.arrows.enumerated() {
            if index > 0 { json += "," }
            let startStep = arrow.startStep, endStep = arrow.endStep ?? -1
            let transitEnd = arrow.wire.arrivesAt + arrow.heldFor
            json += "[\(startStep),\(endStep),\(Markup.number(FigureGeometry.x(arrow.from))),\(Markup.number(geometry.y(row: arrow.startRow)))"
            json += ",\(Markup.number(FigureGeometry.x(arrow.to))),\(arrow.wire.sentAt),\(transitEnd),\(JSON.string(arrow.label)),\"\(theme.color(arrow.role))\"]"
        }
        json += "],\"timers\":["
        for (index, span) in ladder.timers.enumerated() {
            if index > 0 { json += "," }
            let startStep = span.startStep, endStep = span.endStep ?? -1
            json += "[\(startStep),\(endStep),\(Markup.number(FigureGeometry.bracketX(span.host))),\(Markup.number(geometry.y(row: span.startRow)))"
            json += ",\(Markup.number(-FigureGeometry.outward(span.host) * 6)),\(JSON.string(span.label))]"
        }
        json += "]}"
        return json
    }
}

/// Joins narration paragraphs the way `StepNarration.text` does.
enum StepNarrationJoin {
    static func join(_ first: String, _ second: String) -> String {
        guard !first.isEmpty else { return second }
        let noSpace = "。！？；：”）".contains(first.last ?? " ")
        return first + (noSpace ? "" : " ") + second
    }
}

/// JSON strings without Foundation, safe inside a `<script>` element (`<` is escaped, so
/// `</script>` in a title cannot end the script).
enum JSON {
    static func string(_ value: String) -> String { JSONString.quoted(value, forScript: true) }
}

/// The player's own words.
struct PlayerWords {
    let language: ExportLanguage
    init(_ language: ExportLanguage) { self.language = language }
    private var zh: Bool { language == .chinese }

    var back: String { zh ? "上一步" : "back" }
    var play: String { zh ? "播放" : "play" }
    var pause: String { zh ? "暂停" : "pause" }
    var next: String { zh ? "下一步" : "step" }
    var step: String { zh ? "步骤" : "step" }
    var inFlight: String { zh ? "传输中" : "in flight" }
    var nothingInFlight: String { zh ? "没有报文在传输" : "nothing in flight" }
    var keys: String {
        zh ? "空格 / → 下一步 · ← 上一步 · p 播放/暂停 · Home / End 开头/结尾"
            : "space / → step · ← back · p play/pause · Home / End first/last step"
    }

    var json: String {
        "{\"play\":\(JSON.string("▶ " + play)),\"pause\":\(JSON.string("⏸ " + pause)),\"step\":\(JSON.string(step)),"
            + "\"inFlight\":\(JSON.string(inFlight)),\"nothing\":\(JSON.string(nothingInFlight))}"
    }
}
