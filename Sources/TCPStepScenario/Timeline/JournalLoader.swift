/// Reads a session journal that may be damaged: cut off at any byte (a crash, a full disk) or
/// ending in a garbled line. It opens with every line before the damage, and `damage` names the
/// line where it stopped; earlier lines are never lost silently. A file that is not a journal
/// (no journal header) is parsed strictly, as any scenario.
public enum JournalLoader {
    public static func isJournal(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: JournalText.marker.utf8)
    }

    /// Parses a journal's bytes, keeping the longest valid prefix of whole lines.
    public static func parse(_ bytes: [UInt8], fileName: String) throws(ScenarioError) -> Scenario {
        var end = bytes.count
        var damage: String?
        if bytes.last != UInt8(ascii: "\n") {
            // Cut mid-line (perhaps mid-character): that line was never finished.
            end = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            let line = bytes[..<end].count(where: { $0 == UInt8(ascii: "\n") }) + 1
            damage = "\(fileName):\(line): the journal stops in the middle of this line; opened lines 1–\(line - 1)"
        }
        guard let text = String(validating: bytes[..<end], as: UTF8.self) else {
            throw ScenarioError(file: fileName, line: 1, column: 1, message: "the journal is not UTF-8 text")
        }
        var lines: [Substring]?
        // Each pass drops a broken last line; a bounded number, since each removes one line.
        while true {
            do {
                // Whole, the text is parsed as it is; split into lines only once a line must go.
                var scenario = try ScenarioParser.parse(lines?.joined(separator: "\n") ?? text, fileName: fileName)
                scenario.damage = damage
                if damage != nil && scenario.openAt == nil && !scenario.timeline.isEmpty {
                    // The `open-at` line was lost with the damage: open after the last action.
                    scenario.openAt = OpenAt(step: scenario.timeline.last?.step ?? 0, actions: scenario.timeline.count)
                }
                return scenario
            } catch {
                var kept = lines ?? text.split(separator: "\n", omittingEmptySubsequences: false)
                let after = kept.dropFirst(error.line)
                guard error.line >= 1, error.line <= kept.count,
                      after.allSatisfy({ $0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }) else { throw error }
                kept.removeSubrange((error.line - 1)...)
                lines = kept
                damage = "\(error): the journal stops at this line; opened lines 1–\(error.line - 1)"
            }
        }
    }
}
