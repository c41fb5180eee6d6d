/// A word of a scenario line with the 1-based column it starts at.
struct Token: Hashable, Sendable {
    var text: Substring
    var column: Int
}

extension Token {
    /// Splits a line into words, dropping a `#` comment. A comment starts with a `#` at the start
    /// of a word, so `ACK#2` stays one word. Columns count characters from 1.
    static func split(_ line: Substring) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var column = 0
        for character in line {
            column += 1
            if character == "#" && current.isEmpty { break }
            if character == " " || character == "\t" {
                if !current.isEmpty { tokens.append(Token(text: Substring(current), column: start)) }
                current = ""
            } else {
                if current.isEmpty { start = column }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(Token(text: Substring(current), column: start)) }
        return tokens
    }
}
