import TCPStepCore

extension ScenarioParser {
    /// `set NAME VALUE…`: the world's parameters. Unknown names are errors, so a typo never
    /// silently changes the story.
    mutating func parseSetting(_ tokens: [Token]) throws(ScenarioError) {
        guard tokens.count >= 3 else {
            throw error(tokens[0].column, "`set` needs a name and a value, as in `set latency 50ms`")
        }
        let name = tokens[1], value = tokens[2]
        var config = scenarioConfig
        switch name.text {
        case "latency":
            // `set latency 50ms` (both ways) or `set latency c2s 80ms`.
            if let direction = ValueParsers.direction(value.text) {
                guard tokens.count >= 4 else { throw error(value.column, "`set latency \(value.text)` needs a time") }
                config.latency[direction.rawValue] = try duration(tokens[3])
                try expectEnd(tokens, 4)
            } else {
                let latency = try duration(value)
                config.latency = [latency, latency]
                try expectEnd(tokens, 3)
            }
        case "msl":
            config.msl = try duration(value)
            try expectEnd(tokens, 3)
        case "profile":
            guard let profile = ProfileName(rawValue: String(value.text)) else {
                throw error(value.column, "unknown profile `\(value.text)`; expected rfc9293 or linux")
            }
            config.profile = .named(profile)
            try expectEnd(tokens, 3)
        case "seed":
            guard let seed = UInt64(value.text) else { throw error(value.column, "`set seed` needs a whole number") }
            config.seed = seed
            try expectEnd(tokens, 3)
        case "variant":
            switch value.text {
            case "two-way-handshake": config.variants.twoWayHandshake = true
            case "no-time-wait": config.variants.noTimeWait = true
            default: throw error(value.column, "unknown variant `\(value.text)`; expected two-way-handshake or no-time-wait")
            }
            try expectEnd(tokens, 3)
        case "isn":
            guard let host = ValueParsers.host(value.text) else { throw error(value.column, "`set isn` needs client or server, as in `set isn client 100`") }
            guard tokens.count >= 4, let isn = UInt32(tokens[3].text) else {
                throw error(tokens.count >= 4 ? tokens[3].column : value.column + value.text.count, "`set isn \(value.text)` needs a number from 0 to 4294967295")
            }
            config.isn[host.rawValue] = isn
            try expectEnd(tokens, 4)
        case "mss":
            guard let mss = Int(value.text), (1...65495).contains(mss) else { throw error(value.column, "`set mss` needs a number of bytes from 1 to 65495") }
            config.mss = mss
            try expectEnd(tokens, 3)
        case "loss", "duplicate":
            guard let percent = ValueParsers.percent(value.text) else { throw error(value.column, "`set \(name.text)` needs a percentage such as 5%") }
            if name.text == "loss" { config.randomFaults.lossPercent = percent } else { config.randomFaults.duplicatePercent = percent }
            try expectEnd(tokens, 3)
        case "jitter":
            // `set jitter 20% 300ms`: a fifth of the segments get up to 300 ms extra delay.
            guard let percent = ValueParsers.percent(value.text) else { throw error(value.column, "`set jitter` needs a percentage, then a time: `set jitter 20% 300ms`") }
            guard tokens.count >= 4 else { throw error(value.column + value.text.count, "`set jitter` needs a maximum extra delay after the percentage") }
            config.randomFaults.delayPercent = percent
            config.randomFaults.delayMaximum = try duration(tokens[3])
            try expectEnd(tokens, 4)
        case "faults-until":
            config.randomFaults.until = try duration(value)
            try expectEnd(tokens, 3)
        case "ports":
            let bounds = value.text.split(separator: "-")
            guard bounds.count == 2, let low = ValueParsers.port(bounds[0]), let high = ValueParsers.port(bounds[1]), low <= high else {
                throw error(value.column, "`set ports` needs a range such as 32768-60999")
            }
            config.ephemeralPorts = low...high
            try expectEnd(tokens, 3)
        case "view":
            guard let view = ScenarioView(rawValue: String(value.text)) else {
                throw error(value.column, "unknown view `\(value.text)`; expected sequence or pileup")
            }
            setView(view)
            try expectEnd(tokens, 3)
        case "run-until":
            setRunUntil(try duration(value))
            try expectEnd(tokens, 3)
        case "max-events":
            guard let limit = Int(value.text), (1...Scenario.eventsMaxLimit).contains(limit) else {
                throw error(value.column, "`set max-events` needs a number of events from 1 to \(Scenario.eventsMaxLimit)")
            }
            setEventsMax(limit)
            try expectEnd(tokens, 3)
        case "autoread":
            try parseAutoRead(tokens, into: &config)
        case "rcvbuf":
            try parseReceiveBuffer(tokens, into: &config)
        case _ where name.text.hasPrefix("tcp_"):
            try parseSysctl(tokens)
        default:
            throw error(name.column, "unknown setting `\(name.text)`; expected latency, msl, profile, seed, variant, isn, mss, loss, duplicate, jitter, faults-until, ports, run-until, max-events, view, autoread, rcvbuf or a Linux sysctl such as tcp_syn_retries")
        }
        scenarioConfig = config
    }

    /// A time word, or an error at its column. `text` is the time itself when the word carries
    /// a prefix (`+200ms`); `expected` is the example the message gives.
    func duration(_ token: Token, text: Substring? = nil, expected: String = "a time such as 50ms or 2s") throws(ScenarioError) -> Micros {
        switch ValueParsers.duration(text ?? token.text) {
        case .micros(let value): return value
        case .notATime: throw error(token.column, "expected \(expected), found `\(token.text)`")
        case .outOfRange:
            throw error(token.column, "`\(token.text)` is beyond the range of virtual time (0 to \(Micros.maximumVirtualText))")
        }
    }

    /// `drop|dup|delay DIR SELECTOR [TIME]`: SELECTOR is N (the N-th segment sent that way) or
    /// FLAGS[#K] (the K-th whose flags, PSH ignored, are exactly FLAGS).
    mutating func parseFault(_ tokens: [Token]) throws(ScenarioError) {
        let (direction, selector, fault) = try faultParts(tokens, choice: parseSelector)
        appendFaultRule(FaultRule(direction: direction, selector: selector, fault: fault))
    }

    /// The direction, segment and fault of a `drop|dup|delay` line; `choice` reads the segment word.
    func faultParts<Choice>(_ tokens: [Token], choice: (Token) throws(ScenarioError) -> Choice)
        throws(ScenarioError) -> (Direction, Choice, FaultRule.Fault) {
        let verb = tokens[0]
        guard tokens.count >= 3 else {
            throw error(verb.column, "`\(verb.text)` needs a direction (c2s or s2c) and a segment, as in `\(verb.text) c2s 3` or `\(verb.text) s2c FIN+ACK`")
        }
        guard let direction = ValueParsers.direction(tokens[1].text) else {
            throw error(tokens[1].column, "expected a direction, c2s or s2c, found `\(tokens[1].text)`")
        }
        let selector = try choice(tokens[2])
        let fault: FaultRule.Fault
        switch verb.text {
        case "drop": fault = .drop; try expectEnd(tokens, 3)
        case "dup": fault = .duplicate; try expectEnd(tokens, 3)
        default:
            guard tokens.count >= 4 else { throw error(tokens[2].column + tokens[2].text.count, "`delay` needs how long, as in `delay s2c SYN+ACK 300ms`") }
            fault = .delay(try duration(tokens[3]))
            try expectEnd(tokens, 4)
        }
        return (direction, selector, fault)
    }

    func parseSelector(_ token: Token) throws(ScenarioError) -> FaultRule.Selector {
        if let n = Int(token.text) {
            guard n > 0 else { throw error(token.column, "segments are counted from 1") }
            return .nth(n)
        }
        let parts = token.text.split(separator: "#", maxSplits: 1)
        var occurrence = 1
        if parts.count == 2 {
            guard let k = Int(parts[1]), k > 0 else { throw error(token.column + parts[0].count + 1, "expected a count after `#`, as in ACK#2") }
            occurrence = k
        }
        // The segments lecturers mean, by role rather than by count.
        switch parts.first.map({ $0.lowercased() }) {
        case "data": return .data(occurrence: occurrence)
        case "final-ack", "last-ack": return .finalAck(occurrence: occurrence)
        case "handshake-ack":
            guard occurrence == 1 else { throw error(token.column, "a connection has one handshake ACK: write `handshake-ACK` without `#`") }
            return .handshakeAck
        default: break
        }
        guard let flagText = parts.first, let flags = TCPFlags(parsing: flagText) else {
            throw error(token.column, "expected a segment number, flags such as SYN, SYN+ACK, FIN+ACK, ACK#2, or data#N, handshake-ACK, final-ACK; found `\(token.text)`")
        }
        return .flags(flags.subtracting(.psh), occurrence: occurrence)
    }

    /// `inject DIR FLAGS seq=N [ack=N] [len=N] [sport=P] [dport=P] [at T]`.
    mutating func parseInjection(_ tokens: [Token]) throws(ScenarioError) {
        let (direction, segment) = try injectedSegment(tokens, allowsAt: true)
        appendInjection(.inject(direction, segment))
    }

    /// The segment an `inject` line describes (`tokens[0]` is the verb). A timed action's
    /// `inject` follows a step and takes no `at`.
    mutating func injectedSegment(_ tokens: [Token], allowsAt: Bool) throws(ScenarioError) -> (Direction, Segment) {
        let verb = tokens[0]
        guard tokens.count >= 3 else { throw error(verb.column, "`inject` needs a direction and flags, as in `inject c2s SYN seq=90 at 2s`") }
        guard let direction = ValueParsers.direction(tokens[1].text) else {
            throw error(tokens[1].column, "expected a direction, c2s or s2c, found `\(tokens[1].text)`")
        }
        guard let flags = TCPFlags(parsing: tokens[2].text) else {
            throw error(tokens[2].column, "expected flags such as SYN or SYN+ACK, found `\(tokens[2].text)`")
        }
        var seq: UInt32?, ack: UInt32 = 0, length = 0
        var sport: UInt16?, dport: UInt16?
        var index = 3
        while index < tokens.count {
            let token = tokens[index]
            if token.text == "at", allowsAt {
                guard index + 1 < tokens.count else { throw error(token.column, "`at` needs a time") }
                setTime(try duration(tokens[index + 1]))
                index += 2
                continue
            }
            guard let (key, value) = ValueParsers.keyValue(token.text) else {
                throw error(token.column, "unexpected `\(token.text)`; `inject` takes seq=, ack=, len=, sport=, dport= and `at TIME`")
            }
            let valueColumn = token.column + key.count + 1
            switch key {
            case "seq", "ack":
                guard let number = UInt32(value) else { throw error(valueColumn, "\(key)= needs a number from 0 to 4294967295") }
                if key == "seq" { seq = number } else { ack = number }
            case "len":
                guard let number = Int(value), number >= 0, number <= 65495 else { throw error(valueColumn, "len= needs a number of bytes") }
                length = number
            case "sport", "dport":
                guard let port = ValueParsers.port(value) else { throw error(valueColumn, "\(key)= needs a port number (1–65535)") }
                if key == "sport" { sport = port } else { dport = port }
            default:
                throw error(token.column, "unknown field `\(key)`; expected seq, ack, len, sport or dport")
            }
            index += 1
        }
        guard let seq else { throw error(verb.column, "`inject` needs seq=N: the stale segment's sequence number") }
        let client = clientPortsForInjection
        let (clientPort, serverPort) = (client?.local, client?.remote)
        let source = sport ?? (direction == .clientToServer ? clientPort : serverPort)
        let destination = dport ?? (direction == .clientToServer ? serverPort : clientPort)
        guard let source, let destination else {
            throw error(verb.column, "`inject` needs sport= and dport= when the scenario has no `client connect`")
        }
        let segment = Segment(sourcePort: source, destinationPort: destination, seq: SeqNum(seq), ack: SeqNum(ack),
                              flags: flags, payloadLength: length)
        return (direction, segment)
    }
}
