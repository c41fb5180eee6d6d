import Testing
import TCPStepCore
import TCPStepScenario

/// The `trace --json` contract read back: same bytes out, and a clear `line N:` for bad input.
@Suite("Trace reader")
struct TraceReaderTests {
    static func roundTrip(_ events: [TraceEvent]) throws -> (String, String) {
        let written = events.map(\.jsonLine).joined(separator: "\n") + "\n"
        let read = try TraceReader.read(written)
        return (written, read.map(\.jsonLine).joined(separator: "\n") + "\n")
    }

    @Test("Every built-in scenario: trace --json → reader → JSON gives the same bytes and events")
    func builtins() throws {
        #expect(BuiltinScenarios.names.count >= 10)
        for name in BuiltinScenarios.names {
            let scenario = try #require(try BuiltinScenarios.scenario(named: name))
            var simulation = scenario.makeSimulation()
            var log = TraceLog()
            simulation.runUntilQuiet(limit: scenario.runUntil, &log)
            let (written, again) = try Self.roundTrip(log.events)
            #expect(written == again, "\(name)")
            #expect(try TraceReader.read(written) == log.events, "\(name): events differ")
        }
    }

    @Test("Thousands of generated runs with random faults read back byte for byte", arguments: 0..<4)
    func generated(batch: Int) throws {
        for index in 0..<500 {
            let seed = UInt64(batch * 500 + index)
            var schedule = PropertyTests.Schedule(seed: seed)
            var simulation = schedule.makeSimulation()
            var log = TraceLog()
            var steps = 0
            while let next = simulation.nextEventTime, next <= .seconds(60), steps < 5_000 {
                schedule.interfere(with: &simulation, &log)
                simulation.step(&log)
                steps += 1
            }
            let (written, again) = try Self.roundTrip(log.events)
            #expect(written == again, "seed \(seed)")
        }
    }

    @Test("An inferred state change is written (only when true) and read back")
    func inferredFlag() throws {
        let state = TraceEventKind.state(host: .server, connection: ConnectionID(3), ports: PortPair(local: 80, remote: 5000),
                                         from: .synReceived, to: .established, cause: .receivedAckOfSyn)
        let inferred = TraceEvent(time: .ms(12), step: 4, kind: state, isInferred: true)
        let observed = TraceEvent(time: .ms(12), step: 4, kind: state)
        #expect(inferred.jsonLine.hasSuffix(#""cause":"rcv-ack-of-syn","inferred":true}"#))
        #expect(!observed.jsonLine.contains("inferred"))
        #expect(try TraceReader.read(inferred.jsonLine + "\n" + observed.jsonLine) == [inferred, observed])
    }

    @Test("A trace built by hand with the public initializers reads back as itself")
    func publicInitializers() throws {
        let syn = Segment(sourcePort: 5000, destinationPort: 80, seq: SeqNum(100), flags: .syn)
        let wire = WireSegment(id: SegmentID(1), from: .client, segment: syn, sentAt: 0, arrivesAt: .ms(10),
                               connection: ConnectionID(1))
        let events = [
            TraceEvent(time: 0, step: 1, kind: .send(wire)),
            TraceEvent(time: .ms(10), step: 2, kind: .deliver(SegmentID(1), to: .server, connection: nil, outcome: .rejected(.noConnection))),
        ]
        let text = events.map(\.jsonLine).joined(separator: "\n")
        #expect(try TraceReader.read(text) == events)
    }

    static let send = #"{"t":0,"step":2,"event":"send","id":1,"from":"client","to":"server","flags":["SYN"],"seq":100,"ack":0,"len":0,"win":65535,"retransmit":false,"sport":5000,"dport":80,"arrives":10,"conn":1}"#

    @Test("Bad lines are answered with the line number and what is wrong", arguments: [
        ("{\"t\":0,", "line 2: expected a field name in double quotes"),
        ("{\"t\":0", "line 2: the object is not closed with `}`"),
        ("not json", "line 2: expected a JSON object, `{ … }`"),
        (#"{"t":0,"step":2,"event":"teleport"}"#, "line 2: unknown event \"teleport\" in field \"event\""),
        (#"{"t":0,"step":2,"event":"deliver","to":"server","result":"accepted"}"#, "line 2: `deliver` event: field \"id\" is missing"),
        (#"{"t":0,"step":2,"event":"deliver","id":9,"to":"server","result":"accepted"}"#, "line 2: `deliver` event: segment 9 was never sent"),
        (#"{"t":-5,"step":2,"event":"drop","id":1,"cause":"user"}"#, "line 2: field \"t\" must be milliseconds from 0, with at most three decimals"),
        (#"{"step":2,"event":"drop","id":1,"cause":"user"}"#, "line 2: field \"t\" is missing"),
        (#"{"t":0,"step":1,"event":"drop","id":1,"cause":"user"}"#, "line 2: step 1 comes after step 2"),
        (#"{"t":0,"step":2,"event":"state","host":"server","from":"LISTEN","to":"HALF_OPEN","local":80,"remote":0,"cause":"rcv-syn"}"#,
         "line 2: `state` event: unknown state \"HALF_OPEN\" in field \"to\""),
        (#"{"t":0,"step":2,"event":"send","id":1,"from":"client","to":"server","flags":["SYN"],"seq":1,"ack":0,"len":0,"win":1,"retransmit":false,"sport":1,"dport":2,"arrives":1}"#,
         "line 2: `send` event: segment 1 was already sent"),
        (#"{"t":0,"step":2,"event":"app","host":"client","call":"fly","args":"","result":"ok"}"#,
         "line 2: `app` event: unknown application call \"fly\" with arguments \"\""),
        (#"{"t":0,"step":2,"event":"drop","id":1,"cause":"user"} x"#, "line 2: unexpected text after the object"),
        ("{\"t\":0,\"step\":2,\"event\":\"drop\",\"id\":1,\"cause\":\"\u{1}\"}", "line 2: a control character inside a string must be escaped"),
    ])
    func badLines(line: String, message: String) {
        #expect(throws: TraceReadError.self) { try TraceReader.read(Self.send + "\n" + line) }
        do {
            _ = try TraceReader.read(Self.send + "\n" + line)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("Out-of-order times are refused; blank lines, CRLF and unknown fields are not errors")
    func tolerance() throws {
        let earlier = #"{"t":0,"step":3,"event":"drop","id":1,"cause":"user"}"#
        let later = Self.send.replacingOccurrences(of: #""t":0"#, with: #""t":20"#).replacingOccurrences(of: #""arrives":10"#, with: #""arrives":30"#)
        #expect(throws: TraceReadError(line: 2, message: "time 0 ms comes before the previous event's 20 ms")) {
            try TraceReader.read(later + "\n" + earlier)
        }
        let tolerant = "\n" + Self.send.replacingOccurrences(of: "}", with: #","note":{"x":[1,2]}}"#) + "\r\n\n"
        #expect(try TraceReader.read(tolerant).count == 1)
    }

    @Test("A JSON-lines trace is told from a scenario by its content")
    func recognition() {
        #expect(TraceReader.looksLikeTrace(Array("\n  {\"t\":0}".utf8)))
        #expect(!TraceReader.looksLikeTrace(Array("title x\nserver listen 80\n".utf8)))
        #expect(!TraceReader.looksLikeTrace(Array("# {comment}\n".utf8)))
    }
}
