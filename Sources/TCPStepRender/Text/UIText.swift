/// The words of the screen itself, apart from the narration: headings, key hints, status
/// messages, arrow notes, overlays. One table per language, one key per phrase, so that
/// `--lang zh` changes every one of them and a missing translation shows in the tests
/// (`UITextTests`). Protocol words (SYN, ACK, FIN, RST, state names, seq/ack) and units stay
/// as they are in both languages, as in a Chinese textbook.
public struct UIText: Hashable, Sendable {
    public enum Language: String, CaseIterable, Hashable, Sendable {
        case english = "en"
        case chinese = "zh"
    }

    public let language: Language

    public init(_ language: Language) { self.language = language }

    public static let english = UIText(.english)
    public static let chinese = UIText(.chinese)

    /// True when this language's table has its own wording for `key` (the tests ask).
    public func hasWording(_ key: UIKey) -> Bool {
        UIKey.wordings[key] != nil
    }

    /// The phrase for `key` with `{0}`, `{1}` … filled from `arguments`.
    public func callAsFunction(_ key: UIKey, _ arguments: CustomStringConvertible...) -> String {
        let wording = UIKey.wordings[key]
        let template = (language == .chinese ? wording?.chinese : wording?.english) ?? key.rawValue
        guard !arguments.isEmpty else { return template }
        var text = template
        for (index, argument) in arguments.enumerated() {
            text = text.replacing("{\(index)}", with: argument.description)
        }
        return text
    }
}

private extension String {
    func replacing(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = "", rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

private extension Substring {
    func firstRange(of target: String) -> Range<Index>? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(target) { return start ..< index(start, offsetBy: target.count) }
            start = index(after: start)
        }
        return nil
    }
}
