import ArgumentParser
import TCPStepCapture
import TCPStepCore

/// `tcpstep connections FILE`: the TCP connections of a capture, to choose one with `--conn`.
struct ConnectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connections",
        abstract: "List the TCP connections of a pcap or pcapng capture.",
        discussion: """
        One line per connection: its number (for --conn N), the client and server (the client is \
        the side that sent the first SYN; without one, the higher port, marked "?"), packets, \
        payload bytes, the first and last packet's time (seconds from the capture's first \
        packet) and how far it got: handshake only, closed, reset or still open.

        Examples:
          tcpdump -i lo -w curl.pcap port 8080     then, in another shell, curl localhost:8080
          tcpstep connections curl.pcap
          tcpstep curl.pcap --conn 2               open connection 2 in the view
          tcpstep trace curl.pcap --conn 127.0.0.1:8080-127.0.0.1:40000 --json
        """)

    @Argument(help: ArgumentHelp("The capture file (pcap or pcapng, as tcpdump -w or wireshark write it).", valueName: "capture"))
    var path: String

    func run() throws {
        try exitCleanly {
            let table = try reportingCaptureErrors { () throws(CaptureError) in try ConnectionTable.scan(PcapSource.open(path: path)) }
            print(ConnectionsListing.text(table, path: path), terminator: "")
        }
    }
}

/// The listing's text, kept apart so that it reads as a table.
enum ConnectionsListing {
    static func text(_ table: ConnectionTable, path: String) -> String {
        let start = table.connections.first?.firstTime ?? 0
        var out = "\(path): \(table.packetsRead) packets, \(table.connections.count) TCP connection" + (table.connections.count == 1 ? "" : "s")
        let skipped = SkipReason.allCases.compactMap { reason in table.skipped[reason].map { "\($0) \(reason)" } }
        if !skipped.isEmpty { out += " (skipped: " + skipped.joined(separator: ", ") + ")" }
        out += "\n"
        guard !table.connections.isEmpty else { return out }
        let rows = table.connections.map { summary in
            [String(summary.number), summary.client.description + (summary.clientIsGuess ? " ?" : ""), summary.server.description,
             String(summary.packets), String(summary.payloadBytes),
             seconds(summary.firstTime - start), seconds(summary.lastTime - start), summary.outcome.rawValue]
        }
        let header = ["#", "client", "server", "packets", "bytes", "first s", "last s", "how far"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let rightAligned: Set<Int> = [0, 3, 4, 5, 6]
        for row in [header] + rows {
            let cells = row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return rightAligned.contains(column) ? padding + row[column] : row[column] + padding
            }
            out += cells.joined(separator: "  ").trimming { $0 == " " } + "\n"
        }
        return out
    }

    private static func seconds(_ micros: Micros) -> String {
        let whole = micros / 1_000_000, fraction = micros % 1_000_000
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
