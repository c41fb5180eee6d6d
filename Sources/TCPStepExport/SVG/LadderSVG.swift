import TCPStepCore
import TCPStepRender

/// The ladder as an SVG figure: what a textbook draws for a TCP exchange. Arrows slope by their
/// transit time (so a segment that overtakes another crosses it), each labelled with its flags,
/// relative SEQ/ACK and length; states are written where they change; timers are brackets on
/// the lifeline; a lost segment stops halfway in a cross.
///
/// Fonts are named generically (sans-serif, monospace) so that any renderer can draw it; the
/// root carries `xml:lang` so that Chinese text gets Chinese glyph shapes.
public struct LadderSVG {
    public struct Options: Hashable, Sendable {
        public var theme: FigureTheme
        /// Tag each element with the step it appears at (`data-s`), for the HTML player.
        var stepTags = false
        public init(theme: FigureTheme = .light) { self.theme = theme }
    }

    let ladder: Ladder
    let theme: FigureTheme
    let geometry: FigureGeometry
    let words: LadderWords
    let stepTags: Bool
    var out = ""
    /// The player's figure is a stack of SVGs of `chunkRows` rows each, so that a step makes the
    /// browser lay out one chunk again, not a figure of ten thousand elements. `out` holds the
    /// chunk being written; the others wait in `chunks` (the current one's slot is empty).
    static let chunkRows = 64
    var chunks: [String] = []
    var currentChunk = 0

    public static func render(_ ladder: Ladder, options: Options = Options()) -> String {
        var figure = LadderSVG(ladder: ladder, theme: options.theme, geometry: FigureGeometry(ladder: ladder),
                               words: LadderWords(ladder.language), stepTags: options.stepTags)
        figure.out.reserveCapacity(4_096 + ladder.arrows.count * 700 + ladder.rows.count * 120)
        if options.stepTags { figure.playerDocument() } else { figure.document() }
        return figure.out
    }

    mutating func document() {
        let width = Markup.number(FigureGeometry.width), height = Markup.number(geometry.height)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:lang=\"\(ladder.language.tag)\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<title>\(Markup.escape(ladder.title))</title>\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"\(theme.background)\"/>\n"
        heading()
        out += "<g id=\"diagram\">\n"
        lifelines(rows: 0..<ladder.rows.count)
        pauses()
        timeAxis()
        timers()
        arrows()
        notes()
        out += "</g>\n"
        footnote()
        out += "</svg>\n"
    }

    mutating func footnote() {
        guard geometry.hasFootnote else { return }
        out += "<text x=\"20\" y=\"\(Markup.number(geometry.height - 12))\" font-size=\"11\" fill=\"\(theme.muted)\">\(Markup.escape(words.absoluteFootnote))</text>\n"
    }

    /// The figure for the HTML player: the heading, then one SVG per chunk of rows, each with its
    /// own viewBox on the same coordinates (so stacked they make the whole figure) and its
    /// lifelines clipped to what the current step has reached (`reveal-N`).
    mutating func playerDocument() {
        let width = Markup.number(FigureGeometry.width)
        let count = max(1, (ladder.rows.count + Self.chunkRows - 1) / Self.chunkRows)
        chunks = Array(repeating: "", count: count)
        for chunk in 0..<count {
            select(row: chunk * Self.chunkRows)
            lifelines(rows: (chunk * Self.chunkRows)..<min(ladder.rows.count, (chunk + 1) * Self.chunkRows))
            out += "</g>\n"
        }
        pauses()
        timeAxis()
        timers()
        arrows()
        notes()
        select(row: 0)
        swap(&out, &chunks[0])
        var body = "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:lang=\"\(ladder.language.tag)\" class=\"head\" width=\"\(width)\" height=\"\(Markup.number(geometry.diagramTop))\" viewBox=\"0 0 \(width) \(Markup.number(geometry.diagramTop))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        heading()
        body += out + "</svg>\n"
        for (index, content) in chunks.enumerated() {
            let top = geometry.diagramTop + Double(index * Self.chunkRows) * FigureGeometry.rowHeight
            let rows = min(Self.chunkRows, ladder.rows.count - index * Self.chunkRows)
            let height = Markup.number(Double(max(rows, 0)) * FigureGeometry.rowHeight)
            body += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chunk\" data-c=\"\(index)\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 \(Markup.number(top)) \(width) \(height)\" overflow=\"visible\" font-family=\"sans-serif\" font-size=\"12\">\n"
            body += "<defs><clipPath id=\"reveal-\(index)\"><rect x=\"0\" y=\"\(Markup.number(top))\" width=\"\(width)\" height=\"0\"/></clipPath></defs>\n"
            body += "<g clip-path=\"url(#reveal-\(index))\">\n" + content + "</svg>\n"
        }
        out = body
    }

    /// Where the next elements go: the chunk of `row` (the player), or the one figure.
    mutating func select(row: Int) {
        guard stepTags, !chunks.isEmpty else { return }
        let chunk = min(max(0, row) / Self.chunkRows, chunks.count - 1)
        guard chunk != currentChunk else { return }
        swap(&out, &chunks[currentChunk])
        swap(&out, &chunks[chunk])
        currentChunk = chunk
    }

    // MARK: Heading

    mutating func heading() {
        let centre = Markup.number(FigureGeometry.width / 2)
        out += "<text x=\"\(centre)\" y=\"30\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\" fill=\"\(theme.foreground)\">\(Markup.escape(ladder.title))</text>\n"
        out += "<text x=\"\(centre)\" y=\"50\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(theme.muted)\">\(Markup.escape(ladder.subtitle))</text>\n"
        if let banner = ladder.banner {
            out += "<rect x=\"20\" y=\"62\" width=\"\(Markup.number(FigureGeometry.width - 40))\" height=\"24\" rx=\"4\" fill=\"\(theme.bannerFill)\" stroke=\"\(theme.bannerText)\"/>\n"
            out += "<text class=\"banner\" x=\"\(centre)\" y=\"79\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"\(theme.bannerText)\">⚠ \(Markup.escape(banner))</text>\n"
        }
        for line in ladder.lifelines {
            let x = Markup.number(FigureGeometry.x(line.host))
            let y = geometry.hostNameY
            out += "<text x=\"\(x)\" y=\"\(Markup.number(y))\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\" fill=\"\(theme.foreground)\">\(Markup.escape(line.name))</text>\n"
            let address = line.address + (line.port.map { ":\($0)" } ?? "")
            out += "<text x=\"\(x)\" y=\"\(Markup.number(y + 16))\" text-anchor=\"middle\" font-family=\"monospace\" font-size=\"11\" fill=\"\(theme.muted)\">\(address)</text>\n"
        }
    }

    // MARK: Lifelines, pauses, time

    /// Each lifeline runs down `rows`, broken where a pause folds time.
    mutating func lifelines(rows: Range<Int>) {
        let top = geometry.diagramTop + Double(rows.lowerBound) * FigureGeometry.rowHeight
        let bottom = geometry.diagramTop + Double(rows.upperBound) * FigureGeometry.rowHeight
        var cuts: [(Double, Double)] = []
        for index in rows {
            if case .pause = ladder.rows[index].kind { cuts.append((geometry.y(row: index) - 7, geometry.y(row: index) + 7)) }
        }
        for host in HostID.allCases {
            let x = Markup.number(FigureGeometry.x(host))
            var start = top
            for (cutTop, cutBottom) in cuts + [(bottom, bottom)] {
                out += "<line x1=\"\(x)\" y1=\"\(Markup.number(start))\" x2=\"\(x)\" y2=\"\(Markup.number(cutTop))\" stroke=\"\(theme.lifeline)\" stroke-width=\"2\"/>\n"
                start = cutBottom
            }
        }
    }

    /// A pause row: the lifelines break with a double wave and the time that passed is written.
    mutating func pauses() {
        for (index, row) in ladder.rows.enumerated() {
            guard case .pause(let elapsed) = row.kind else { continue }
            let y = geometry.y(row: index)
            select(row: index)
            open(step: row.step)
            for host in HostID.allCases {
                let x = FigureGeometry.x(host)
                for offset in [-4.0, 4.0] {
                    let yy = y + offset
                    out += "<path d=\"M\(Markup.number(x - 9)) \(Markup.number(yy)) q4.5 -4 9 0 t9 0\" fill=\"none\" stroke=\"\(theme.lifeline)\" stroke-width=\"1.5\"/>\n"
                }
            }
            out += "<text x=\"\(Markup.number(FigureGeometry.width / 2))\" y=\"\(Markup.number(y + 4))\" text-anchor=\"middle\" font-style=\"italic\" fill=\"\(theme.muted)\">≈ \(Markup.escape(words.later(elapsed))) ≈</text>\n"
            close()
        }
    }

    mutating func timeAxis() {
        for (index, row) in ladder.rows.enumerated() where row.showsTime {
            select(row: index)
            open(step: row.step)
            out += "<text x=\"\(Markup.number(FigureGeometry.timeRight))\" y=\"\(Markup.number(geometry.y(row: index) + 4))\" text-anchor=\"end\" font-family=\"monospace\" font-size=\"11\" fill=\"\(theme.muted)\">\(Self.timeText(row.time))</text>\n"
            close()
        }
    }

    /// "550 ms", "241.550 s": milliseconds until 10 s, then seconds with milliseconds.
    static func timeText(_ time: Micros) -> String {
        if time < .seconds(10) { return time.millisecondsText + " ms" }
        let millis = time / 1_000
        let fraction = String(millis % 1_000)
        return "\(millis / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }

    // MARK: Step tags

    /// Opens a group that the player shows from `step` on (a no-op for a plain figure).
    mutating func open(step: Int, id: String? = nil) {
        guard stepTags else { return }
        out += "<g data-s=\"\(step)\"" + (id.map { " id=\"\($0)\"" } ?? "") + ">"
    }

    mutating func close() {
        if stepTags { out += "</g>\n" }
    }
}
