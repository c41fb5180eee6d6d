import Testing
import TCPStepCore

/// The one fold of a trace: incarnations, their ISNs and the numbers segments are shown with.
@Suite("Trace fold")
struct TraceFoldTests {
    /// RFC 9293 Figure 8 as rfc_figures.py writes it: the client's SYN is held back, an old SYN
    /// (seq 90) from an earlier incarnation arrives first.
    static let figure8 = RFCFigureTests.figure8Scenario

    static func labels(_ run: Run) -> [String] {
        let fold = TraceFold(events: run.events)
        return run.events.compactMap { event -> String? in
            switch event.kind {
            case .send(let wire), .inject(let wire):
                let numbers = fold.numbers(of: wire.id)!
                var text = "\(wire.segment.matchFlags) \(numbers.seq)"
                if wire.segment.flags.contains(.ack) { text += " ack \(numbers.ack)" }
                return text
            default: return nil
            }
        }
    }

    @Test("Figure 8: the stale SYN and everything answering it keep their absolute numbers; the real handshake reads 0 and 1")
    func figure8() throws {
        let run = try Run(Self.figure8)
        #expect(Self.labels(run) == [
            "SYN relative(0)",
            "SYN absolute(90)",
            "SYN,ACK relative(0) ack absolute(91)",
            "RST absolute(91)",
            "SYN,ACK relative(0) ack relative(1)",
            "ACK relative(1) ack relative(1)",
        ])
        let fold = TraceFold(events: run.events)
        #expect(fold.hostFacts(.client).state == .established)
        #expect(fold.hostFacts(.server).state == .established)
        #expect(fold.currentConnection(of: .client)?.iss == SeqNum(100))
        #expect(fold.currentConnection(of: .client)?.irs == fold.currentConnection(of: .server)?.iss)
        #expect(fold.currentConnection(of: .server)?.irs == SeqNum(100))
    }

    @Test("Figure 9 (half-open): the old connection's ACK reads in its own incarnation; the RST answering it is absolute")
    func halfOpen() throws {
        let run = try Run(rfcHeader + """
            set isn client 100
            set isn server 300
            server listen 80
            client connect 80 from 5000
            at 500ms client crash
            at 1s client connect 80 from 5000 isn=400
            """)
        let labels = Self.labels(run)
        #expect(labels.prefix(3) == ["SYN relative(0)", "SYN,ACK relative(0) ack relative(1)", "ACK relative(1) ack relative(1)"])
        // The new SYN (isn 400), the old server's ACK of its old numbers, the client's RST.
        #expect(labels[3] == "SYN relative(0)")
        #expect(labels[4] == "ACK relative(1) ack relative(1)")
        #expect(labels[5] == "RST absolute(101)")
        #expect(!labels.contains { $0.contains("-") })
    }

    @Test("Stepping back through the fold's checkpoints gives the same facts as reading from the start")
    func checkpoints() throws {
        let run = try Run(rfcHeader + """
            set loss 30%
            set seed 7
            server listen 80
            client connect 80
            +1s client send 200000
            +1s server send 200000
            +5s client close
            +1s server close
            """)
        #expect(run.events.count > 3 * FoldProgress<TraceFold.Snapshot>.checkpointInterval)
        var fold = TraceFold()
        fold.update(with: run.events[...])
        for cut in stride(from: run.events.count, through: 0, by: -97) {
            fold.update(with: run.events[..<cut])
            let fresh = TraceFold(events: run.events[..<cut])
            #expect(fold.eventCount == cut)
            #expect(fold.inFlight == fresh.inFlight, "cut \(cut)")
            #expect(HostID.allCases.map(fold.hostFacts) == HostID.allCases.map(fresh.hostFacts), "cut \(cut)")
            for event in run.events[..<cut] {
                if case .send(let wire) = event.kind { #expect(fold.segment(wire.id) == fresh.segment(wire.id)) }
            }
        }
    }
}
