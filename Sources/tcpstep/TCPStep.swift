import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepCore

@main
struct TCPStep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcpstep",
        abstract: "See TCP open and close a connection, one event at a time.",
        discussion: """
        tcpstep draws a client and a server as a sequence diagram in your terminal: every \
        segment is an arrow slanted by its transit time, every state change (LISTEN, SYN_SENT, \
        SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, \
        TIME_WAIT, CLOSED) is written where it happens. Step with space, go back with ←, and \
        drop (d), delay (l) or duplicate (u) any segment still in flight to see what TCP does.

        Two behaviours: --profile rfc9293 (the RFC, default) and --profile linux (a current \
        Linux kernel). Scenarios are small text files; `tcpstep list` shows the built-in ones.

        Examples:
          tcpstep                         open the default scenario
          tcpstep lost-last-ack           open a built-in scenario
          tcpstep my.tcps --profile linux open your own file, as Linux would behave
          tcpstep trace handshake --json  the events as JSON lines, no terminal needed
          tcpstep render teardown         the diagram as plain text
          tcpstep export teardown --format svg -o t.svg   a figure for slides
                                          (also html, mermaid, plantuml, mscgen, pcap)
          tcpstep connections curl.pcap   the TCP connections of a capture
          tcpstep curl.pcap               step through its first connection
          tcpstep --resume                reopen the last session where it ended
          tcpstep sessions                the journaled sessions, newest first
        """,
        subcommands: [RunCommand.self, TraceCommand.self, RenderCommand.self, ExportCommand.self, ListCommand.self, CheckCommand.self, PileupCommand.self, ConnectionsCommand.self, LiveCommand.self, SessionsCommand.self],
        defaultSubcommand: RunCommand.self)

    /// ArgumentParser's own `main`, except that its messages (which quote the offending
    /// argument) go through `TerminalText`: `tcpstep --rate $'\e]0;x\a'` must not retitle the window.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(TerminalText.visible(message, keepingNewlines: true)) }
            } else if !message.isEmpty {
                printError(message)
            }
            #if canImport(Glibc)
            Glibc.exit(code.rawValue)
            #else
            Darwin.exit(code.rawValue)
            #endif
        }
    }
}
