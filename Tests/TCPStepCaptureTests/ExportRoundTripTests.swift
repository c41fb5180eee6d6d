import Foundation
import TCPStepCapture
import TCPStepCore
import TCPStepScenario
import Testing

/// `tcpstep export SCENARIO --format pcap --at client`, read back: the segments the client saw and
/// its state path are those of the simulation, for every built-in scenario.
@Suite("Export to pcap and read back")
struct ExportRoundTripTests {
    /// Changes a capture cannot show: timers that end a state without a segment, a crash.
    static let unseenCauses: Set<TransitionCause> = [.timeWaitExpired, .timeWaitSkipped, .retransmissionGaveUp, .finWait2Timeout, .hostCrashed]

    struct Seen: Equatable, CustomStringConvertible {
        var from: HostID, flags: TCPFlags, seq: UInt32, ack: UInt32, length: Int
        var description: String { "\(from) \(flags) \(seq) ack \(ack) len \(length)" }
    }

    @Test("Segments and the client's states survive the round trip", arguments: BuiltinScenarios.names)
    func roundTrip(name: String) throws {
        let scenario = try #require(try BuiltinScenarios.scenario(named: name))
        guard scenario.view == .sequence else { return }  // the pile-up opens its own view, no trace to export
        let path = RealCapture.directory + "/export-\(name).pcap"
        let export = RealCapture.run(LiveTests.binary, ["export", name, "--format", "pcap", "--at", "client", "-o", path])
        try #require(export.status == 0, "\(export.output)")

        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        // What tcpdump on the client sees: what it sends, when sent; what reaches it, when it arrives.
        var wires: [SegmentID: WireSegment] = [:]
        var expected: [(time: Micros, order: Int, seen: Seen)] = []
        for (order, event) in log.events.enumerated() {
            switch event.kind {
            case .send(let wire):
                wires[wire.id] = wire
                if wire.from == .client { expected.append((event.time, order, Seen(wire))) }
            case .inject(let wire):
                // No host sent it: tcpdump sees a stale segment only where it arrives.
                wires[wire.id] = wire
            case .duplicate(_, let copy, _):
                wires[copy.id] = copy
            case .deliver(let id, .client, _, _):
                if let wire = wires[id] { expected.append((event.time, order, Seen(wire))) }
            default: break
            }
        }
        let table = try ConnectionTable.scan(PcapSource.open(path: path))
        var read: [Seen] = []
        let clientAddress = IPAddress(HostID.client.address)
        let link = try PcapSource.open(path: path).link
        try PcapSource.open(path: path).read { raw in
            if case .tcp(let packet) = PacketDecoder.decode(raw.bytes, link: link, time: raw.time) {
                read.append(Seen(from: packet.source.address == clientAddress ? .client : .server, flags: packet.flags, seq: packet.seq, ack: packet.ack, length: packet.payloadLength))
            }
        }
        let ordered = expected.sorted { ($0.time, $0.order) < ($1.time, $1.order) }.map(\.seen)
        #expect(read == ordered, "\(name): read back \(read)\nsimulated \(ordered)")

        // The client's path per connection, as the simulation recorded it (by incarnation: the k-th
        // connection on a port pair is the k-th the simulation opened on it) and as inferred.
        var simulatedPaths: [String: [ConnectionID: [String]]] = [:], incarnations: [String: [ConnectionID]] = [:]
        for event in log.events {
            guard case .state(.client, let connection?, let ports, let from, let to, let cause) = event.kind else { continue }
            let key = "\(ports.local)-\(ports.remote)"
            if simulatedPaths[key, default: [:]][connection] == nil { incarnations[key, default: []].append(connection) }
            if !Self.unseenCauses.contains(cause) { simulatedPaths[key, default: [:]][connection, default: []].append("\(from)→\(to)") }
        }
        var seenOnPorts: [String: Int] = [:]
        for summary in table.connections {
            let key = "\(summary.client.port)-\(summary.server.port)"
            let k = seenOnPorts[key, default: 0]
            seenOnPorts[key] = k + 1
            let story = try CaptureFile.open(path, selector: .number(summary.number), profile: scenario.config.profile)
            // Timer-driven changes leave no segment: compared on neither side (the inference adds
            // TIME_WAIT's end only when a later packet shows it had passed).
            let inferred = story.connection.transitions.filter { $0.host == .client && !Self.unseenCauses.contains($0.cause) }
                .map { "\($0.from)→\($0.to)" }
            var simulated = incarnations[key].flatMap { k < $0.count ? simulatedPaths[key]?[$0[k]] : nil } ?? []
            // A variant is deliberately not TCP (the two-way handshake's client ignores the
            // SYN,ACK): RFC 9293's rules cannot infer it from the wire.
            if scenario.config.variants.isAny { continue }
            // half-open: the client crashes a second time, silently; the only trace on the wire is
            // its RST (SEQ = SND.NXT, no ACK) to the server's data, which reads as an ABORT.
            if name == "half-open", summary.number == 2 { simulated.append("ESTABLISHED→CLOSED") }
            #expect(inferred == simulated, "\(name) connection \(summary.number)")
        }
    }
}

extension ExportRoundTripTests.Seen {
    init(_ wire: WireSegment) {
        self.init(from: wire.from, flags: wire.segment.flags, seq: wire.segment.seq.raw, ack: wire.segment.ack.raw,
                  length: wire.segment.payloadLength)
    }
}
