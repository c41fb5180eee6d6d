import TCPStepCore

/// The ladder as a PlantUML sequence diagram (`plantuml -tsvg`). Lost segments end in a cross
/// (`->x`), network copies and stale segments are dotted (`-->`), a segment the receiver ignored
/// has an open head (`->>`); states are hexagonal notes on the lifeline (`hnote`), pauses are
/// PlantUML's own delay (`...`).
public enum PlantUMLExport {
    public static func render(_ ladder: Ladder) -> String {
        var out = "@startuml\n"
        out += "title \(text(ladder.title))\n"
        out += "skinparam defaultFontName sans-serif\n"
        out += "skinparam sequenceMessageAlign left\n"
        for line in ladder.lifelines {
            let address = line.address + (line.port.map { ":\($0)" } ?? "")
            out += "participant \"\(quoted(line.name))\\n\(address)\" as \(id(line.host))\n"
        }
        out += "note over C, S : \(ladder.headingLines.map(text).joined(separator: "\\n"))\n"
        for item in ladder.items {
            switch item {
            case .message(let arrow):
                let shaft = arrow.wire.origin == .host ? "-" : "--"
                let head: String = switch arrow.end {
                case .lost: ">x"
                case .arrived(_, let accepted): accepted ? ">" : ">>"
                case .inFlight: ">>"
                }
                out += "\(id(arrow.from)) \(shaft)\(head) \(id(arrow.to)) : \(text(ladder.messageText(arrow)))\n"
            case .note(let host, let note):
                out += "hnote over \(id(host)) : \(text(note.text))\n"
            case .pause(let elapsed):
                out += "... \(text(ladder.laterText(elapsed))) ...\n"
            }
        }
        out += "@enduml\n"
        return out
    }

    static func id(_ host: HostID) -> String { host == .client ? "C" : "S" }

    /// One line of PlantUML text: no line breaks, backslashes doubled (PlantUML reads `\n`).
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func quoted(_ value: String) -> String {
        text(value).replacingOccurrences(of: "\"", with: "'")
    }
}

extension String {
    /// `replacingOccurrences` without Foundation.
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
