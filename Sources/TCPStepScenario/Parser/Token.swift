/// A word of a scenario line with the 1-based column it starts at.
struct Token: Hashable, Sendable {
    var text: Substring
    var column: Int
}

extension Token {
    /// Splits a line into words, dropping a `#` comment. A comment starts with a `#` at the start
    /// of a word, so `ACK#2` stays one word. Columns count characters from 1.
    static func split(_ line: Substring) -> [Token] {
        if line.utf8.allSatisfy({ $0 < 0x80 }) { return splitASCII(line) }
        var tokens: [Token] = []
        // Words are slices of the line (a journal has thousands of lines: no copies).
        var wordStart: Substring.Index?
        var startColumn = 0
        var column = 0
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            column += 1
            if character == " " || character == "\t" {
                if let start = wordStart { tokens.append(Token(text: line[start ..< index], column: startColumn)) }
                wordStart = nil
            } else if wordStart == nil {
                if character == "#" { return tokens }
                wordStart = index
                startColumn = column
            }
            index = line.index(after: index)
        }
        if let start = wordStart { tokens.append(Token(text: line[start...], column: startColumn)) }
        return tokens
    }

    /// `split` for a line of ASCII, where a byte is a character: no grapheme breaking.
    private static func splitASCII(_ line: Substring) -> [Token] {
        var tokens: [Token] = []
        let bytes = line.utf8
        var wordStart: Substring.Index?
        var startColumn = 0
        var column = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            column += 1
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if let start = wordStart { tokens.append(Token(text: line[start ..< index], column: startColumn)) }
                wordStart = nil
            } else if wordStart == nil {
                if byte == UInt8(ascii: "#") { return tokens }
                wordStart = index
                startColumn = column
            }
            index = bytes.index(after: index)
        }
        if let start = wordStart { tokens.append(Token(text: line[start...], column: startColumn)) }
        return tokens
    }
}
