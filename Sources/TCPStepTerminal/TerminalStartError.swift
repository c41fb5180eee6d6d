/// Why the interactive terminal could not start. The caller prints `message` on stderr and
/// exits with status 2; nothing has been drawn and the terminal is untouched.
public enum TerminalStartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (a pipe, a file, a CI job).
    case notATerminal
    /// `TERM` is empty, `dumb` or `unknown`: curses would start but draw garbage.
    case unsupportedTerminal(term: String)
    /// curses found no terminfo entry for `TERM`.
    case unknownTerminal(term: String)

    /// One line for stderr, saying what to do instead.
    public var message: String {
        let alternatives = "`tcpstep render` (text diagram) and `tcpstep trace` (event list) work without a terminal"
        switch self {
        case .notATerminal:
            return "tcpstep: the interactive view needs a terminal on stdin and stdout; \(alternatives)"
        case .unsupportedTerminal(let term):
            let shown = term.isEmpty ? "TERM is not set" : "TERM=\(term) cannot position the cursor"
            return "tcpstep: \(shown); set TERM=xterm-256color. \(alternatives)"
        case .unknownTerminal(let term):
            return "tcpstep: no terminfo entry for TERM=\(term); try TERM=xterm-256color. \(alternatives)"
        }
    }

    public var description: String { message }
}
