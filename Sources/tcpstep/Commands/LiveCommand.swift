import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TCPStepApp
import TCPStepCapture
import TCPStepCore

/// `tcpstep live -i IFACE [FILTER]`: capture with libpcap and follow one connection as it happens.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Capture live from an interface and follow a TCP connection as its packets arrive.",
        discussion: """
        Follows the first connection that starts with a SYN after the capture begins (or the one \
        --conn names), inferring both hosts' states as its segments pass. Needs the right to \
        capture: root, or CAP_NET_RAW and CAP_NET_ADMIN (sudo setcap cap_net_raw,cap_net_admin+eip tcpstep).

        The view draws the connection as its packets arrive and follows the newest; ← steps back \
        through what has arrived (→ or End follows again). The status line counts the packets and \
        connections seen and names the one shown. W writes it as a scenario file. q quits.

        With --json, prints the connection's trace as JSON lines (the `tcpstep trace --json` \
        contract) as its segments arrive; stop with Ctrl-C, --packets or --seconds.

        Examples:
          sudo tcpstep live -i lo tcp port 8080             then: curl localhost:8080
          sudo tcpstep live -i lo --json tcp port 8080
          sudo tcpstep live -i eth0 --json --packets 20 host example.com and tcp port 443
        """)

    @Option(name: .shortAndLong, help: "The interface to capture on (lo, eth0, any …).")
    var interface: String

    @Argument(parsing: .remaining, help: ArgumentHelp("A BPF filter, as tcpdump takes it (e.g. tcp port 8080).", valueName: "filter"))
    var filter: [String] = []

    @Option(help: ArgumentHelp("The connection to follow, N or ADDR:PORT-ADDR:PORT.", valueName: "conn"))
    var conn: String?

    @Option(help: "The rules the states are inferred by: rfc9293 or linux.")
    var profile: ProfileName = .rfc9293

    @Flag(help: "Print the followed connection's trace as JSON lines instead of drawing it.")
    var json = false

    @Option(help: "With --json: stop after the followed connection's N-th packet.")
    var packets: Int?

    @Option(help: "With --json: stop after S seconds.")
    var seconds: Double?

    @OptionGroup var display: DisplayOptions

    func run() throws {
        try exitCleanly {
            var selector: ConnectionSelector?
            if let conn {
                guard let parsed = ConnectionSelector(conn) else { throw CleanExit.message("tcpstep live: --conn '\(conn)' is neither a number nor ADDR:PORT-ADDR:PORT") }
                selector = parsed
            }
            let filterText = filter.isEmpty ? nil : filter.joined(separator: " ")
            let appOptions = try display.appOptions()
            // Opened before any terminal work, so that every refusal is a plain message.
            let source = try reportingCaptureErrors { () throws(CaptureError) in try PcapSource.live(interface: interface, filter: filterText) }
            guard json else {
                let code = InteractiveLoop.run { isUTF8 in
                    var model = AppModel(liveCaptureOn: interface, filter: filterText, profile: profile, options: appOptions.adjusted(isUTF8: isUTF8))
                    model.snapshotExporter = SnapshotFiles.exporter
                    return CaptureViewer(model: model, source: source, capture: LiveCapture(name: "interface \(interface)", selector: selector, profile: .named(profile)),
                                         interface: AppModel.captureLabel(interface: interface, filter: filterText))
                }
                if code != 0 { throw ExitCode(code) }
                return
            }
            StandardStream.error("tcpstep live: capturing on \(interface)\(filterText.map { " (filter: \($0))" } ?? "")\n")
            var live = LiveCapture(name: "interface \(interface)", selector: selector, profile: .named(profile))
            try follow(source, &live)
        }
    }

    /// Reads until a stop condition, printing each event once its segment's successor settles it.
    private func follow(_ source: PcapSource, _ live: inout LiveCapture) throws {
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        // Ctrl-C and SIGTERM end the capture like --packets does, with the last events printed:
        // blocked here, they are noticed as pending between two reads.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        var printed = 0
        var descriptor = pollfd(fd: source.selectableDescriptor, events: Int16(POLLIN), revents: 0)
        while true {
            _ = poll(&descriptor, 1, 100)
            let changed = try reportingCaptureErrors { () throws(CaptureError) in try live.read(from: source).grew }
            var pending = sigset_t()
            sigpending(&pending)
            let stopped = sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1
            let done = stopped || packets.map { live.packets.count >= $0 } ?? false || deadline.map { Date() >= $0 } ?? false
            if changed || done, let story = live.story {
                let events = CaptureTrace.events(story.connection)
                // The newest segment's step may still change (a FIN that its answer shows crossed),
                // so print up to the step before it, and everything at the end.
                let lastStep = events.last?.step ?? 0
                let settled = done ? events.count : events.firstIndex { $0.step == lastStep } ?? events.count
                if settled > printed {
                    // Straight to the file descriptor: a pipe must see each line as it happens.
                    StandardStream.output(events[printed ..< settled].map(\.jsonLine).joined(separator: "\n") + "\n")
                    printed = settled
                }
            }
            if done { return }
        }
    }
}
