/// A word of a scenario line with the 1-based column it starts at.
struct Token: Hashable, Sendable {
    var text: Substring
    var column: Int
}

extension Token {
    /// Splits a line into words, dropping a `#` comment. A comment starts with a `#` at the start
    /// of a word, so `ACK#2` stays one word. Columns count characters from 1.
    static func split(_ line: Substring) -> [Token] {
        // A journal has thousands of lines, mostly ASCII: there a byte is a character, and
        // reading bytes spares the grapheme breaking.
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            return words(line.utf8, of: line, isSpace: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }, isComment: { $0 == UInt8(ascii: "#") })
        }
        return words(line, of: line, isSpace: { $0 == " " || $0 == "\t" }, isComment: { $0 == "#" })
    }

    /// The words of `line` (slices of it, not copies), read through `view`: its characters, or
    /// its bytes. Columns count the view's elements.
    private static func words<View: Collection>(_ view: View, of line: Substring, isSpace: (View.Element) -> Bool,
                                                isComment: (View.Element) -> Bool) -> [Token] where View.Index == Substring.Index {
        var tokens: [Token] = []
        var wordStart: Substring.Index?
        var startColumn = 0
        var column = 0
        var index = view.startIndex
        while index < view.endIndex {
            let element = view[index]
            column += 1
            if isSpace(element) {
                if let start = wordStart { tokens.append(Token(text: line[start ..< index], column: startColumn)) }
                wordStart = nil
            } else if wordStart == nil {
                if isComment(element) { return tokens }
                wordStart = index
                startColumn = column
            }
            index = view.index(after: index)
        }
        if let start = wordStart { tokens.append(Token(text: line[start...], column: startColumn)) }
        return tokens
    }
}
