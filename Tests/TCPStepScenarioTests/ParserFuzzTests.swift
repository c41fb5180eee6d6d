import Testing
import TCPStepCore
import TCPStepScenario
import TCPStepNarration

/// Property: whatever text a lecturer types, `tcpstep` never crashes. Every input either fails
/// with a `ScenarioError` that points inside the text, or parses into a scenario that runs to
/// quiet (or to a bound) and can be narrated in both languages.
///
/// Inputs come from a fixed seed: the built-in files mutated (tokens deleted, duplicated,
/// swapped, replaced; lines shuffled; random bytes), and lines made of random tokens. A failure
/// prints the seed and the input, so it can be replayed.
struct ParserFuzzTests {
    static let seed: UInt64 = 0x7C95_2024_0915
    static let mutatedInputs = 2_500
    static let randomInputs = 1_000

    /// Bounds for one run: a mutated `send 1073741824` with `set mss 1` is a valid scenario
    /// that would take hours, and an ACK war never goes quiet.
    static let stepsMax = 1_000
    static let eventsMax = 10_000

    @Test func mutatedBuiltinsNeverCrash() throws {
        var rng = SplitMix64(seed: Self.seed)
        let sources = BuiltinScenarios.names.compactMap(BuiltinScenarios.text(named:))
        #expect(sources.count >= 14)
        var outcome = Tally()
        for iteration in 0..<Self.mutatedInputs {
            var text = sources[Int(rng.next() % UInt64(sources.count))]
            for _ in 0..<(1 + rng.next() % 4) { text = Mutation.apply(to: text, &rng) }
            try check(text, label: "mutated #\(iteration)", &outcome)
        }
        // Most mutations should still parse (otherwise the simulator half is barely exercised).
        #expect(outcome.ran > Self.mutatedInputs / 5, "only \(outcome.ran) of \(Self.mutatedInputs) mutated inputs parsed")
        #expect(outcome.failed > Self.mutatedInputs / 5, "only \(outcome.failed) of \(Self.mutatedInputs) mutated inputs failed")
    }

    @Test func randomTokensNeverCrash() throws {
        var rng = SplitMix64(seed: Self.seed ^ 0xFFFF)
        var outcome = Tally()
        for iteration in 0..<Self.randomInputs {
            let lines = (0..<(1 + rng.next() % 12)).map { _ in Mutation.randomLine(&rng) }
            try check(lines.joined(separator: rng.next() % 5 == 0 ? "\r\n" : "\n"), label: "random #\(iteration)", &outcome)
        }
        #expect(outcome.ran > 0)
    }

    struct Tally {
        var ran = 0
        var failed = 0
    }

    /// The property for one input.
    func check(_ text: String, label: String, _ tally: inout Tally) throws {
        let context = Comment(rawValue: "seed \(Self.seed), \(label):\n\(text)")
        let scenario: Scenario
        do {
            scenario = try ScenarioParser.parse(text, fileName: "fuzz.tcps")
        } catch {
            tally.failed += 1
            // Lines as an editor counts them: "\r\n" is one Character, so splitting on "\n" alone
            // would count a CRLF file as one line.
            let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            #expect(error.file == "fuzz.tcps", context)
            #expect((1...lines.count).contains(error.line), "line \(error.line) of \(lines.count)", sourceLocation: #_sourceLocation)
            if (1...lines.count).contains(error.line) {
                let width = lines[error.line - 1].count
                #expect((1...width + 1).contains(error.column), "column \(error.column) on a line of \(width): \(error)\n\(context)")
            }
            #expect(!error.message.isEmpty, context)
            return
        }
        tally.ran += 1
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        var steps = 0
        while let next = simulation.nextEventTime, next <= scenario.runUntil, steps < Self.stepsMax, log.events.count < Self.eventsMax {
            simulation.step(&log)
            steps += 1
        }
        // Narration must cope with whatever happened (a short prefix is enough to exercise it).
        let prefix = log.events.prefix(200)
        for language in NarrationLanguage.allCases {
            let narration = Narrator(scenario: scenario, language: language).narrateAll(prefix)
            for step in narration where step.sentences.isEmpty || step.sentences.contains(where: \.isEmpty) {
                Issue.record("step \(step.step) has no narration in \(language)\n\(context)")
            }
        }
    }
}

/// Ways to damage a scenario file, each small enough that the result is often still valid.
enum Mutation {
    static func apply(to text: String, _ rng: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { return text }
        let target = Int(rng.next() % UInt64(lines.count))
        var words = lines[target].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let word = Int(rng.next() % UInt64(max(words.count, 1)))
        switch rng.next() % 12 {
        case 0: if !words.isEmpty { words.remove(at: word) }
        case 1: if !words.isEmpty { words.insert(words[word], at: word) }
        case 2:
            let other = Int(rng.next() % UInt64(max(words.count, 1)))
            if word < words.count && other < words.count { words.swapAt(word, other) }
        case 3: if !words.isEmpty { words[word] = randomToken(&rng) }
        case 4: words.insert(randomToken(&rng), at: min(word, words.count))
        case 5:
            lines.remove(at: target)
            return lines.joined(separator: "\n")
        case 6:
            lines.insert(lines[target], at: target)
            return lines.joined(separator: "\n")
        case 7:
            let other = Int(rng.next() % UInt64(lines.count))
            lines.swapAt(target, other)
            return lines.joined(separator: "\n")
        case 8:
            // Random characters spliced into the line, including ones the tokenizer treats specially.
            var line = Array(lines[target])
            let position = line.isEmpty ? 0 : Int(rng.next() % UInt64(line.count + 1))
            line.insert(contentsOf: (0..<(1 + rng.next() % 4)).map { _ in randomCharacter(&rng) }, at: position)
            lines[target] = String(line)
            return lines.joined(separator: "\n")
        case 9:
            // A number somewhere replaced by an extreme one.
            if let index = words.firstIndex(where: { $0.first?.isNumber == true }) {
                words[index] = ["0", "1", "65535", "65536", "4294967295", "4294967296", "999999999999", "-1", "0.0001"][Int(rng.next() % 9)]
                    + (words[index].hasSuffix("ms") ? "ms" : words[index].hasSuffix("s") ? "s" : "")
            }
        case 10:
            // Truncate the file somewhere inside this line.
            let kept = lines[..<target].joined(separator: "\n")
            let partial = String(lines[target].prefix(Int(rng.next() % UInt64(lines[target].count + 1))))
            return kept + (kept.isEmpty ? "" : "\n") + partial
        default:
            lines.insert(randomLine(&rng), at: target)
            return lines.joined(separator: "\n")
        }
        lines[target] = words.joined(separator: " ")
        return lines.joined(separator: "\n")
    }

    static let vocabulary = [
        "client", "server", "listen", "connect", "send", "close", "abort", "crash", "from", "isn=100", "isn=4294967295",
        "set", "latency", "msl", "profile", "rfc9293", "linux", "seed", "variant", "two-way-handshake", "no-time-wait",
        "isn", "mss", "loss", "duplicate", "jitter", "faults-until", "ports", "run-until", "c2s", "s2c",
        "drop", "dup", "delay", "inject", "at", "+100ms", "+0ms", "0ms", "1s", "50ms", "2min", "30%", "100%", "1",
        "2", "3", "80", "5000", "32768-32769", "1-1", "SYN", "SYN+ACK", "FIN+ACK", "ACK", "RST", "RST+ACK", "ACK#2",
        "seq=0", "seq=100", "ack=101", "len=10", "sport=5000", "dport=80", "title", "say", "say.zh", "#", "三次握手",
    ]

    static func randomToken(_ rng: inout SplitMix64) -> String {
        vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
    }

    static func randomLine(_ rng: inout SplitMix64) -> String {
        (0..<(1 + rng.next() % 7)).map { _ in randomToken(&rng) }.joined(separator: rng.next() % 8 == 0 ? "\t" : " ")
    }

    static func randomCharacter(_ rng: inout SplitMix64) -> Character {
        let specials: [Character] = ["#", "=", "+", "-", ".", "%", "\t", "\r", " ", "\u{0}", "é", "字", "🙂", "\u{301}"]
        if rng.next() % 2 == 0 { return specials[Int(rng.next() % UInt64(specials.count))] }
        return Character(Unicode.Scalar(UInt8(32 + rng.next() % 95)))
    }
}
