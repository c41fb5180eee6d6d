import TCPStepCore

/// The ladder as a Mermaid `sequenceDiagram`, for Markdown documents (GitHub, GitLab, Obsidian
/// render it). Delivered segments are solid arrows, network copies and stale segments dotted,
/// lost ones end in a cross (`-x`); states are notes beside their host, pauses notes over both.
///
/// Mermaid's grammar ends a message at `;` and reads `#` as the start of an entity code, so both
/// are written as entity codes (`#59;`, `#35;`) in every text, and so is `:` outside messages.
public enum MermaidExport {
    public static func render(_ ladder: Ladder) -> String {
        var out = "sequenceDiagram\n"
        out += "    title \(text(ladder.title, colon: true))\n"
        for line in ladder.lifelines {
            let address = line.address + (line.port.map { ":\($0)" } ?? "")
            out += "    participant \(id(line.host)) as \(text(line.name + " " + address, colon: true))\n"
        }
        for heading in ladder.headingLines {
            out += "    Note over C,S: \(text(heading))\n"
        }
        for item in ladder.items {
            switch item {
            case .message(let arrow):
                let arrowText: String = switch (arrow.end, arrow.wire.origin) {
                case (.lost, _): "-x"
                case (.inFlight, _): "--)"
                case (_, .host): "->>"
                case (_, .duplicate), (_, .injected): "-->>"
                }
                out += "    \(id(arrow.from))\(arrowText)\(id(arrow.to)): \(text(ladder.messageText(arrow)))\n"
            case .note(let host, let note):
                out += "    Note \(host == .client ? "left of" : "right of") \(id(host)): \(text(note.text))\n"
            case .pause(let elapsed):
                out += "    Note over C,S: \(text("≈ " + ladder.laterText(elapsed) + " ≈"))\n"
            }
        }
        return out
    }

    static func id(_ host: HostID) -> String { host == .client ? "C" : "S" }

    /// Text safe in a Mermaid statement: `#` and `;` (and, where `colon`, `:`) as entity codes,
    /// line breaks and control characters out.
    static func text(_ value: String, colon: Bool = false) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "#": out += "#35;"
            case ";": out += "#59;"
            case ":" where colon: out += "#58;"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
