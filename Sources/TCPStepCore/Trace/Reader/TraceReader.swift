/// A line of a JSON-lines trace that could not be read, and why: "line 7: field \"seq\" is missing".
public struct TraceReadError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based.
    public let line: Int
    public let message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}

/// Reads the `tcpstep trace --json` contract back into events, so that a trace written by
/// tcpstep or by any other program (a capture importer, a saved session) can be viewed.
///
///     let events = try TraceReader.read(bytes)      // [TraceEvent], or `line N: message`
///
/// Blank lines are skipped; unknown fields are ignored (the contract grows by adding fields).
/// Everything else that is wrong (bad JSON, an unknown event, state or flag, a missing field, a
/// time before the previous event's, a segment delivered that was never sent) is an error
/// naming the line. Writing the events again gives back the same bytes.
public enum TraceReader {
    public static func read(_ bytes: [UInt8]) throws(TraceReadError) -> [TraceEvent] {
        let result: Result<[TraceEvent], TraceReadError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(TraceReadError) {
                return .success(try read(buffer))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// As `read(_:)`, straight from memory (a file's bytes, without copying them first).
    public static func read(_ buffer: UnsafeBufferPointer<UInt8>) throws(TraceReadError) -> [TraceEvent] {
        var decoder = TraceLineDecoder()
        var events: [TraceEvent] = []
        events.reserveCapacity(buffer.count / 160)
        let result: Result<Void, TraceReadError> = {
            var start = 0
            var line = 0
            while start < buffer.count {
                line += 1
                var end = start
                while end < buffer.count && buffer[end] != 0x0A { end += 1 }
                do throws(TraceReadError) {
                    if let event = try decoder.decode(buffer, from: start, to: end, line: line) { events.append(event) }
                } catch {
                    return .failure(error)
                }
                start = end + 1
            }
            return .success(())
        }()
        if case .failure(let error) = result { throw error }
        return events
    }

    public static func read(_ text: String) throws(TraceReadError) -> [TraceEvent] {
        try read(Array(text.utf8))
    }

    /// Whether `bytes` look like a JSON-lines trace rather than a scenario: the first character
    /// that is not white space opens a JSON object (a scenario line never starts with `{`).
    public static func looksLikeTrace(_ bytes: some Sequence<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var skippingBOM = 0
        while let byte = iterator.next() {
            // A UTF-8 byte-order mark, which some editors write.
            if skippingBOM < 3 && [0xEF, 0xBB, 0xBF][skippingBOM] == byte { skippingBOM += 1; continue }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            default: return byte == UInt8(ascii: "{")
            }
        }
        return false
    }
}

/// Decodes lines one at a time, remembering what earlier lines said (the segments sent, the last
/// time), so that a trace can also be read as it grows.
public struct TraceLineDecoder: Sendable {
    /// Every segment sent so far, as it is now (a delay moves its arrival).
    private var wires = WireTable()
    private var lastTime: Micros = 0
    private var lastStep = 0
    private var slots = [ScannedValue?](repeating: nil, count: TraceField.allCases.count)

    public init() {}

    /// The event on one line, nil for a blank line.
    public mutating func decode(_ line: String, line number: Int) throws(TraceReadError) -> TraceEvent? {
        var bytes = Array(line.utf8)
        while bytes.last == 0x0A { bytes.removeLast() }
        let result: Result<TraceEvent?, TraceReadError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(TraceReadError) {
                return .success(try decode(buffer, from: 0, to: buffer.count, line: number))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    mutating func decode(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, line: Int) throws(TraceReadError) -> TraceEvent? {
        var end = end
        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
        var start = start
        if line == 1 && end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF {
            start += 3
        }
        if (start..<end).allSatisfy({ buffer[$0] == 0x20 || buffer[$0] == 0x09 }) { return nil }
        var scanner = JSONLineScanner(bytes: buffer, start: start, end: end, reusing: slots)
        defer { slots = scanner.values }
        do {
            try scanner.scanObject()
            return try event(scanner)
        } catch {
            throw TraceReadError(line: line, message: error.message)
        }
    }

    private mutating func event(_ line: JSONLineScanner) throws(ScanError) -> TraceEvent {
        let time = try line.milliseconds(.t)
        let step = Int(try line.integer(.step, in: 0 ... Int64(Int32.max)))
        if time < lastTime {
            throw ScanError("time \(time.millisecondsText) ms comes before the previous event's \(lastTime.millisecondsText) ms")
        }
        if step < lastStep { throw ScanError("step \(step) comes after step \(lastStep)") }
        let event = try line.choice(.event, Names.events, what: "event")
        let kind: TraceEventKind
        do {
            kind = try self.kind(line, event, time: time)
        } catch {
            throw ScanError("`\(event.rawValue)` event: \(error.message)")
        }
        lastTime = time
        lastStep = step
        let inferred = line.has(.inferred) ? try line.bool(.inferred) : false
        return TraceEvent(time: time, step: step, kind: kind, isInferred: inferred)
    }

    private mutating func kind(_ line: JSONLineScanner, _ event: Names.Event, time: Micros) throws(ScanError) -> TraceEventKind {
        switch event {
        case .send, .inject:
            let wire = try wireSegment(line, time: time, injected: event == .inject)
            guard wires[wire.id.raw] == nil else { throw ScanError("segment \(wire.id) was already sent") }
            wires[wire.id.raw] = wire
            return event == .inject ? .inject(wire) : .send(wire)
        case .deliver:
            let id = try knownSegment(line, .id)
            let host = try line.choice(.to, Names.hosts, what: "host")
            let connection = try line.optionalInteger(.conn, in: 0 ... Int64(Int32.max)).map { ConnectionID(Int($0)) }
            let outcome: DeliveryOutcome
            if try line.choice(.result, Names.results, what: "result") {
                outcome = .accepted
            } else {
                outcome = .rejected(try line.choice(.reason, Names.rejectReasons, what: "reason"))
            }
            return .deliver(id, to: host, connection: connection, outcome: outcome)
        case .drop:
            return .drop(try knownSegment(line, .id), cause: try line.choice(.cause, Names.faultCauses, what: "cause"))
        case .duplicate:
            let id = try knownSegment(line, .id)
            let copyID = SegmentID(Int(try line.integer(.copy, in: 0 ... Int64(Int32.max))))
            guard wires[copyID.raw] == nil else { throw ScanError("segment \(copyID) was already sent") }
            let original = wires[id.raw]!
            // As the network makes it: the original's segment and sender, arriving no earlier than now.
            let copy = WireSegment(id: copyID, from: original.from, segment: original.segment, sentAt: original.sentAt,
                                   arrivesAt: max(original.arrivesAt, time), isRetransmission: original.isRetransmission,
                                   origin: .duplicate(of: id), connection: original.connection)
            wires[copyID.raw] = copy
            return .duplicate(id, copy: copy, cause: try line.choice(.cause, Names.faultCauses, what: "cause"))
        case .delay:
            let id = try knownSegment(line, .id)
            let extra = try line.milliseconds(.delayMs)
            let arrives = try line.milliseconds(.arrives)
            wires[id.raw]?.arrivesAt = arrives
            return .delay(id, by: extra, arrivesAt: arrives, cause: try line.choice(.cause, Names.faultCauses, what: "cause"))
        case .state:
            let host = try line.choice(.host, Names.hosts, what: "host")
            let from = try line.choice(.from, Names.states, what: "state")
            let to = try line.choice(.to, Names.states, what: "state")
            let ports = PortPair(local: try line.port(.local), remote: try line.port(.remote))
            let connection = try line.optionalInteger(.conn, in: 0 ... Int64(Int32.max)).map { ConnectionID(Int($0)) }
            let cause = try line.choice(.cause, Names.transitionCauses, what: "cause")
            return .state(host: host, connection: connection, ports: ports, from: from, to: to, cause: cause)
        case .timer:
            let host = try line.choice(.host, Names.hosts, what: "host")
            let kind = try line.choice(.timer, Names.timers, what: "timer")
            let action = try line.choice(.action, Names.timerActions, what: "timer action")
            let deadline = try line.milliseconds(.deadline)
            let attempt = Int(try line.integer(.attempt, in: 0 ... Int64(Int32.max)))
            let ports = PortPair(local: try line.port(.local), remote: try line.port(.remote))
            let connection = ConnectionID(Int(try line.integer(.conn, in: 0 ... Int64(Int32.max))))
            return .timer(host: host, connection: connection, ports: ports, kind: kind, action: action, deadline: deadline, attempt: attempt)
        case .app:
            let host = try line.choice(.host, Names.hosts, what: "host")
            let callName = try line.string(.call)
            let args = line.has(.args) ? try line.string(.args) : ""
            guard let call = AppCall(name: callName, arguments: args) else {
                throw ScanError("unknown application call \"\(callName)\" with arguments \"\(args)\"")
            }
            let resultText = try line.string(.result)
            guard let result = AppResult(text: resultText) else { throw ScanError("unknown result \"\(resultText)\"") }
            return .app(host: host, call: call, result: result)
        case .signal:
            let host = try line.choice(.host, Names.hosts, what: "host")
            let signal = try line.choice(.signal, Names.signals, what: "signal")
            let ports = PortPair(local: try line.port(.local), remote: try line.port(.remote))
            let connection = ConnectionID(Int(try line.integer(.conn, in: 0 ... Int64(Int32.max))))
            return .signal(host: host, connection: connection, ports: ports, signal: signal)
        }
    }

    private func knownSegment(_ line: JSONLineScanner, _ field: TraceField) throws(ScanError) -> SegmentID {
        let raw = Int(try line.integer(field, in: 0 ... Int64(Int32.max)))
        guard wires[raw] != nil else { throw ScanError("segment \(raw) was never sent") }
        return SegmentID(raw)
    }

    private func wireSegment(_ line: JSONLineScanner, time: Micros, injected: Bool) throws(ScanError) -> WireSegment {
        let from = try line.choice(.from, Names.hosts, what: "host")
        let to = try line.choice(.to, Names.hosts, what: "host")
        guard to == from.peer else { throw ScanError("a segment from the \(from) must go to the \(from.peer)") }
        let segment = Segment(
            sourcePort: try line.port(.sport), destinationPort: try line.port(.dport),
            seq: try line.seq(.seq), ack: try line.seq(.ack), flags: try line.flags(.flags),
            payloadLength: Int(try line.integer(.len, in: 0 ... Int64(Int32.max))),
            window: try line.port(.win))
        let arrives = try line.milliseconds(.arrives)
        guard arrives >= time else { throw ScanError("the segment arrives at \(arrives.millisecondsText) ms, before it was sent") }
        let copyOf = try line.optionalInteger(.copyOf, in: 0 ... Int64(Int32.max))
        let origin: SegmentOrigin = injected ? .injected : copyOf.map { .duplicate(of: SegmentID(Int($0))) } ?? .host
        return WireSegment(
            id: SegmentID(Int(try line.integer(.id, in: 0 ... Int64(Int32.max)))), from: from, segment: segment,
            sentAt: time, arrivesAt: arrives, isRetransmission: try line.bool(.retransmit), origin: origin,
            connection: try line.optionalInteger(.conn, in: 0 ... Int64(Int32.max)).map { ConnectionID(Int($0)) })
    }
}

/// The contract's names, as bytes, for matching without making Strings.
enum Names {
    enum Event: String, CaseIterable { case send, inject, deliver, drop, duplicate, delay, state, timer, app, signal }
    static let events = Event.allCases.map { ($0, Array($0.rawValue.utf8)) }
    static let hosts = HostID.allCases.map { ($0, Array($0.name.utf8)) }
    static let states = TCPState.allCases.map { ($0, Array($0.name.utf8)) }
    static let results: [(Bool, [UInt8])] = [(true, Array("accepted".utf8)), (false, Array("rejected".utf8))]
    static let rejectReasons = RejectReason.allCases.map { ($0, Array($0.rawValue.utf8)) }
    static let faultCauses = [FaultCause.script, .user, .random].map { ($0, Array($0.rawValue.utf8)) }
    static let transitionCauses = TransitionCause.allCases.map { ($0, Array($0.rawValue.utf8)) }
    static let timers = TimerKind.allCases.map { ($0, Array($0.name.utf8)) }
    static let timerActions = [TimerAction.set, .fire, .cancel].map { ($0, Array($0.rawValue.utf8)) }
    static let signals = UserSignal.allCases.map { ($0, Array($0.rawValue.utf8)) }
}

extension AppCall {
    /// The call as the trace writes it: its name and its arguments ("80 from 5000 isn=400").
    init?(name: String, arguments: String) {
        let words = arguments.split(separator: " ")
        switch name {
        case "listen":
            guard words.count == 1, let port = UInt16(words[0]) else { return nil }
            self = .listen(port: port)
        case "connect":
            guard let first = words.first, let remote = UInt16(first) else { return nil }
            var local: UInt16?
            var isn: UInt32?
            var rest = words.dropFirst()
            if rest.first == "from" {
                guard rest.count >= 2, let port = UInt16(rest[rest.startIndex + 1]) else { return nil }
                local = port
                rest = rest.dropFirst(2)
            }
            if let word = rest.first, word.hasPrefix("isn=") {
                guard let value = UInt32(word.dropFirst(4)) else { return nil }
                isn = value
                rest = rest.dropFirst()
            }
            guard rest.isEmpty else { return nil }
            self = .connect(remotePort: remote, localPort: local, isn: isn)
        case "send":
            guard words.count == 1, let bytes = Int(words[0]), bytes >= 0 else { return nil }
            self = .send(bytes: bytes)
        case "read":
            guard words.count == 1 else { return nil }
            if words[0] == "all" {
                self = .read(bytes: nil)
            } else {
                guard let bytes = Int(words[0]), bytes >= 0 else { return nil }
                self = .read(bytes: bytes)
            }
        case "close", "abort", "crash":
            guard words.isEmpty else { return nil }
            self = name == "close" ? .close : name == "abort" ? .abort : .crash
        default:
            return nil
        }
    }
}

extension AppResult {
    /// "ok", or an error as `UserCallError.description` writes it.
    init?(text: String) {
        if text == "ok" {
            self = .ok
            return
        }
        guard let error = UserCallError.allCases.first(where: { $0.description == text }) else { return nil }
        self = .failed(error)
    }
}

/// Segments by id. Writers number segments 1, 2, 3 …, so an array indexed by id is the fast
/// path (a dictionary costs a third of reading a million events); ids far beyond the count go
/// to a dictionary, so a stray huge id cannot make the array huge.
struct WireTable: Sendable {
    private var dense: [WireSegment?] = []
    private var sparse: [Int: WireSegment] = [:]

    subscript(id: Int) -> WireSegment? {
        get { id >= 0 && id < dense.count ? dense[id] : sparse[id] }
        set {
            if id >= 0 && id < dense.count {
                dense[id] = newValue
            } else if id >= 0 && id <= 2 * dense.count + 1_024 {
                while dense.count <= id { dense.append(nil) }
                dense[id] = newValue
            } else {
                sparse[id] = newValue
            }
        }
    }
}
