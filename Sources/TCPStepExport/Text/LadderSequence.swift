import TCPStepCore

/// The ladder read top to bottom as the text formats (Mermaid, PlantUML, mscgen) write it: each
/// segment once, at its departure, and the states and pauses in between. These tools draw
/// messages as instantaneous, so what arrives later is told by the label ("lost", "ignored:
/// duplicate") instead of by the slant.
enum LadderItem: Hashable {
    case message(Ladder.Arrow)
    case note(HostID, Ladder.Note)
    /// A long idle stretch ("925 ms later").
    case pause(elapsed: TCPStepCore.Micros)
}

extension Ladder {
    var items: [LadderItem] { itemsWithRows.map(\.0) }

    /// What the label of a text-format message says after the numbers: where it ended up.
    func fate(_ arrow: Arrow) -> String? {
        let words = LadderWords(language)
        switch arrow.end {
        case .lost: return words.lost
        case .inFlight: return words.inFlight
        case .arrived: return arrow.arrivalNote
        }
    }

    /// "SYN,ACK 0 ack 1 — lost".
    func messageText(_ arrow: Arrow) -> String {
        fate(arrow).map { arrow.label + " — " + $0 } ?? arrow.label
    }

    /// "⚠ Not TCP …" and the subtitle, for the top of a text format.
    var headingLines: [String] {
        [subtitle] + (banner.map { ["⚠ " + $0] } ?? [])
    }

    func laterText(_ elapsed: TCPStepCore.Micros) -> String { LadderWords(language).later(elapsed) }
}

extension Ladder {
    /// `items`, each with the row it comes from.
    var itemsWithRows: [(LadderItem, Int)] {
        var result: [(LadderItem, Int)] = []
        var next = 0
        for (index, row) in rows.enumerated() {
            if case .pause(let elapsed) = row.kind { result.append((.pause(elapsed: elapsed), index)) }
            for host in HostID.allCases {
                if let note = row.notes[host.rawValue] { result.append((.note(host, note), index)) }
            }
            while next < arrows.count && arrows[next].startRow == index {
                result.append((.message(arrows[next]), index))
                next += 1
            }
        }
        return result
    }
}
