import TCPStepCore

/// The ladder as an mscgen chart (`mscgen -T svg`). mscgen can slant an arrow over the rows it
/// spans (`arcskip`), so a segment's slant shows its transit time here as in the figure. States
/// are angular boxes on the lifeline (`abox`), a lost segment ends in a cross (`-x`), a network
/// copy or stale segment is a dotted return arrow (`>>`), the title and pauses are dividers.
public enum MscgenExport {
    public static func render(_ ladder: Ladder) -> String {
        var out = "msc {\n  hscale=\"1.6\", wordwraparcs=\"false\";\n"
        let entities = ladder.lifelines.map { line in
            let address = line.address + (line.port.map { ":\($0)" } ?? "")
            return "\(id(line.host)) [label=\"\(quoted(line.name + " " + address))\"]"
        }
        out += "  " + entities.joined(separator: ", ") + ";\n"
        out += "  --- [label=\"\(quoted(ladder.title))\"];\n"
        for heading in ladder.headingLines {
            out += "  c note s [label=\"\(quoted(heading))\"];\n"
        }
        // One statement per row: the notes and departures that share a row share a line.
        var arcs: [String] = []
        var row = -1
        func flush() {
            if !arcs.isEmpty { out += "  " + arcs.joined(separator: ", ") + ";\n" }
            arcs = []
        }
        for (item, itemRow) in ladder.itemsWithRows {
            if itemRow != row || Self.needsOwnLine(item, arcs) { flush(); row = itemRow }
            switch item {
            case .message(let arrow):
                let op: String = switch (arrow.end, arrow.wire.origin) {
                case (.lost, _): "-x"
                case (_, .host): "->"
                case (_, .duplicate), (_, .injected): ">>"
                }
                var attributes = "label=\"\(quoted(ladder.messageText(arrow)))\""
                if let end = arrow.endRow {
                    // Slant by the rows it spans (a lost one reaches halfway, so twice its span).
                    let span = (end - arrow.startRow) * (arrow.isLost ? 2 : 1)
                    if span > 1 { attributes += ", arcskip=\"\(min(span - 1, 6))\"" }
                }
                arcs.append("\(id(arrow.from))\(op)\(id(arrow.to)) [\(attributes)]")
            case .note(let host, let note):
                arcs.append("\(id(host)) abox \(id(host)) [label=\"\(quoted(note.text))\"]")
            case .pause(let elapsed):
                arcs.append("... [label=\"\(quoted(ladder.laterText(elapsed)))\"]")
            }
        }
        flush()
        out += "}\n"
        return out
    }

    /// mscgen draws a comma-separated group side by side, so two arcs from the same entity, or a
    /// divider, must go on lines of their own.
    static func needsOwnLine(_ item: LadderItem, _ arcs: [String]) -> Bool {
        guard !arcs.isEmpty else { return false }
        switch item {
        case .pause: return true
        case .message(let arrow): return arcs.contains { $0.hasPrefix(id(arrow.from)) || $0.hasPrefix("...") }
        case .note(let host, _): return arcs.contains { $0.hasPrefix(id(host)) || $0.hasPrefix("...") }
        }
    }

    static func id(_ host: HostID) -> String { host == .client ? "c" : "s" }

    /// A double-quoted mscgen string: quotes and backslashes escaped, one line.
    static func quoted(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
