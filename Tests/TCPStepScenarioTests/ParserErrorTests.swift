import Testing
import TCPStepCore
import TCPStepScenario

/// One test per message the scenario parser can produce, each checking `file:line:col: message`
/// exactly: the position is what an editor jumps to, so it must point at the offending word.
struct ParserErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var source: String
        var expected: String
        var testDescription: String { expected }
    }

    /// Parses `source` as t.tcps and returns the error's `file:line:col: message`.
    static func error(_ source: String) -> String? {
        do {
            _ = try ScenarioParser.parse(source, fileName: "t.tcps")
            return nil
        } catch {
            return error.description
        }
    }

    // MARK: Lines, timing and host commands (ScenarioParser.swift)

    static let commandCases: [Case] = [
        Case(source: "title", expected: "t.tcps:1:1: `title` needs some text after it"),
        Case(source: "server listen 80\n  say.zh   ", expected: "t.tcps:2:3: `say.zh` needs some text after it"),
        Case(source: "at 1s", expected: "t.tcps:1:1: `at` needs a time and a command, as in `at 1s client close`"),
        Case(source: "at soon client close", expected: "t.tcps:1:4: expected a time such as 500ms or 1s, found `soon`"),
        Case(source: "+later client close", expected: "t.tcps:1:1: expected a relative time such as +200ms, found `+later`"),
        Case(source: "+200ms", expected: "t.tcps:1:1: `+200ms` needs a command after it"),
        Case(source: "router listen 80",
             expected: "t.tcps:1:1: unknown command `router`; expected client, server, set, at, +TIME, drop, dup, delay, inject, title or say"),
        Case(source: "at 1s server", expected: "t.tcps:1:13: `server` needs an action: listen, connect, send, read, close, abort or crash"),
        Case(source: "client send", expected: "t.tcps:1:12: `send` needs a positive number of bytes, as in `client send 100`"),
        Case(source: "client send -5", expected: "t.tcps:1:13: `send` needs a positive number of bytes, as in `client send 100`"),
        Case(source: "client shout", expected: "t.tcps:1:8: unknown action `shout`; expected listen, connect, send, read, close, abort or crash"),
        Case(source: "client connect 80 isn=lots", expected: "t.tcps:1:23: isn= needs a number from 0 to 4294967295"),
        Case(source: "client connect 80 via 5000", expected: "t.tcps:1:19: unexpected `via`; `connect` takes `from PORT` and `isn=N`"),
        Case(source: "server listen", expected: "t.tcps:1:14: `listen` needs a port number (1–65535)"),
        Case(source: "client connect 80 from", expected: "t.tcps:1:23: `from` needs a port number (1–65535)"),
        Case(source: "server listen 0", expected: "t.tcps:1:15: expected a port number (1–65535), found `0`"),
        Case(source: "server listen 70000", expected: "t.tcps:1:15: expected a port number (1–65535), found `70000`"),
        Case(source: "client close now", expected: "t.tcps:1:14: unexpected `now` at the end of the command"),
        Case(source: "server listen 80 80", expected: "t.tcps:1:18: unexpected `80` at the end of the command"),
        Case(source: "at never inject c2s SYN seq=1 sport=1 dport=2",
             expected: "t.tcps:1:4: expected a time such as 500ms or 1s, found `never`"),
        Case(source: "client x inject c2s SYN seq=1", expected: "t.tcps:1:1: expected `at TIME` or `+TIME` before `inject`"),
    ]

    @Test(arguments: commandCases)
    func command(_ test: Case) {
        #expect(Self.error(test.source) == test.expected)
    }

    // MARK: Settings (ScenarioParser+Settings.swift)

    static let settingCases: [Case] = [
        Case(source: "set latency", expected: "t.tcps:1:1: `set` needs a name and a value, as in `set latency 50ms`"),
        Case(source: "set latency c2s", expected: "t.tcps:1:13: `set latency c2s` needs a time"),
        Case(source: "set latency fast", expected: "t.tcps:1:13: expected a time such as 50ms or 2s, found `fast`"),
        Case(source: "set latency s2c 5 ms", expected: "t.tcps:1:17: expected a time such as 50ms or 2s, found `5`"),
        Case(source: "set msl -1s", expected: "t.tcps:1:9: expected a time such as 50ms or 2s, found `-1s`"),
        Case(source: "set profile bsd", expected: "t.tcps:1:13: unknown profile `bsd`; expected rfc9293 or linux"),
        Case(source: "set seed 0x10", expected: "t.tcps:1:10: `set seed` needs a whole number"),
        Case(source: "set variant three-way",
             expected: "t.tcps:1:13: unknown variant `three-way`; expected two-way-handshake or no-time-wait"),
        Case(source: "set isn router 5", expected: "t.tcps:1:9: `set isn` needs client or server, as in `set isn client 100`"),
        Case(source: "set isn client", expected: "t.tcps:1:15: `set isn client` needs a number from 0 to 4294967295"),
        Case(source: "set isn server 4294967296", expected: "t.tcps:1:16: `set isn server` needs a number from 0 to 4294967295"),
        Case(source: "set mss 0", expected: "t.tcps:1:9: `set mss` needs a number of bytes from 1 to 65495"),
        Case(source: "set loss 120%", expected: "t.tcps:1:10: `set loss` needs a percentage such as 5%"),
        Case(source: "set duplicate some", expected: "t.tcps:1:15: `set duplicate` needs a percentage such as 5%"),
        Case(source: "set jitter 300ms", expected: "t.tcps:1:12: `set jitter` needs a percentage, then a time: `set jitter 20% 300ms`"),
        Case(source: "set jitter 20%", expected: "t.tcps:1:15: `set jitter` needs a maximum extra delay after the percentage"),
        Case(source: "set faults-until soon", expected: "t.tcps:1:18: expected a time such as 50ms or 2s, found `soon`"),
        Case(source: "set ports 60999-32768", expected: "t.tcps:1:11: `set ports` needs a range such as 32768-60999"),
        Case(source: "set run-until 1h", expected: "t.tcps:1:15: expected a time such as 50ms or 2s, found `1h`"),
        Case(source: "set speed 10",
             expected: "t.tcps:1:5: unknown setting `speed`; expected latency, msl, profile, seed, variant, isn, mss, loss, duplicate, jitter, faults-until, ports, run-until, max-events, view, autoread, rcvbuf or a Linux sysctl such as tcp_syn_retries"),
        Case(source: "set msl 30s 40s", expected: "t.tcps:1:13: unexpected `40s` at the end of the command"),
    ]

    @Test(arguments: settingCases)
    func setting(_ test: Case) {
        #expect(Self.error(test.source) == test.expected)
    }

    // MARK: Faults and injected segments

    static let faultCases: [Case] = [
        Case(source: "drop c2s",
             expected: "t.tcps:1:1: `drop` needs a direction (c2s or s2c) and a segment, as in `drop c2s 3` or `drop s2c FIN+ACK`"),
        Case(source: "  dup",
             expected: "t.tcps:1:3: `dup` needs a direction (c2s or s2c) and a segment, as in `dup c2s 3` or `dup s2c FIN+ACK`"),
        Case(source: "drop up 3", expected: "t.tcps:1:6: expected a direction, c2s or s2c, found `up`"),
        Case(source: "delay s2c SYN+ACK", expected: "t.tcps:1:18: `delay` needs how long, as in `delay s2c SYN+ACK 300ms`"),
        Case(source: "delay s2c 2 long", expected: "t.tcps:1:13: expected a time such as 50ms or 2s, found `long`"),
        Case(source: "drop c2s 0", expected: "t.tcps:1:10: segments are counted from 1"),
        Case(source: "drop c2s URG",
             expected: "t.tcps:1:10: expected a segment number, flags such as SYN, SYN+ACK, FIN+ACK, ACK#2, or data#N, handshake-ACK, final-ACK; found `URG`"),
        Case(source: "drop c2s ACK#x", expected: "t.tcps:1:14: expected a count after `#`, as in ACK#2"),
        Case(source: "drop c2s FIN+ACK#0", expected: "t.tcps:1:18: expected a count after `#`, as in ACK#2"),
        Case(source: "dup s2c 1 2", expected: "t.tcps:1:11: unexpected `2` at the end of the command"),
        Case(source: "inject c2s", expected: "t.tcps:1:1: `inject` needs a direction and flags, as in `inject c2s SYN seq=90 at 2s`"),
        Case(source: "inject sideways SYN seq=1", expected: "t.tcps:1:8: expected a direction, c2s or s2c, found `sideways`"),
        Case(source: "inject c2s SYNACK seq=1", expected: "t.tcps:1:12: expected flags such as SYN or SYN+ACK, found `SYNACK`"),
        Case(source: "inject c2s SYN seq=1 sport=1 dport=2 at", expected: "t.tcps:1:38: `at` needs a time"),
        Case(source: "inject c2s SYN seq=1 sport=1 dport=2 at later",
             expected: "t.tcps:1:41: expected a time such as 50ms or 2s, found `later`"),
        Case(source: "inject c2s SYN 90", expected: "t.tcps:1:16: unexpected `90`; `inject` takes seq=, ack=, len=, sport=, dport= and `at TIME`"),
        Case(source: "inject c2s SYN seq=-1", expected: "t.tcps:1:20: seq= needs a number from 0 to 4294967295"),
        Case(source: "inject c2s SYN seq=1 ack=x", expected: "t.tcps:1:26: ack= needs a number from 0 to 4294967295"),
        Case(source: "inject c2s SYN seq=1 len=70000", expected: "t.tcps:1:26: len= needs a number of bytes"),
        Case(source: "inject c2s SYN seq=1 sport=0", expected: "t.tcps:1:28: sport= needs a port number (1–65535)"),
        Case(source: "inject c2s SYN seq=1 dport=http", expected: "t.tcps:1:28: dport= needs a port number (1–65535)"),
        Case(source: "inject c2s SYN seq=1 win=0", expected: "t.tcps:1:22: unknown field `win`; expected seq, ack, len, sport or dport"),
        Case(source: "inject c2s SYN ack=1 sport=1 dport=2", expected: "t.tcps:1:1: `inject` needs seq=N: the stale segment's sequence number"),
        Case(source: "server listen 80\nat 2s inject c2s SYN seq=1",
             expected: "t.tcps:2:7: `inject` needs sport= and dport= when the scenario has no `client connect`"),
    ]

    @Test(arguments: faultCases)
    func fault(_ test: Case) {
        #expect(Self.error(test.source) == test.expected)
    }

    /// Injections are checked after the whole file (they may name a `client connect` written
    /// later), yet their errors still point at their own line.
    @Test func injectionErrorKeepsItsLine() {
        let source = """
        server listen 80
        at 1s inject c2s SYN seq=x
        client connect 80
        client close now
        """
        // Line 4 is a plain command error and comes first, because injections are resolved last.
        #expect(Self.error(source) == "t.tcps:4:14: unexpected `now` at the end of the command")
        #expect(Self.error(source.replacingOccurrences(of: "close now", with: "close"))
                == "t.tcps:2:26: seq= needs a number from 0 to 4294967295")
    }

    /// `FLAGS#K` is one word: `#` starts a comment only at the start of a word.
    @Test func flagSelectorWithOccurrence() throws {
        let scenario = try ScenarioParser.parse("drop c2s ACK#2   # the last ACK\ndup s2c syn,ack#3", fileName: "t.tcps")
        #expect(scenario.script.faultRules.map(\.selector) == [.flags(.ack, occurrence: 2), .flags([.syn, .ack], occurrence: 3)])
    }

    /// The first error wins, and later lines are not looked at.
    @Test func firstErrorWins() {
        #expect(Self.error("set speed 1\nrouter go") == "t.tcps:1:5: unknown setting `speed`; expected latency, msl, profile, seed, variant, isn, mss, loss, duplicate, jitter, faults-until, ports, run-until, max-events, view, autoread, rcvbuf or a Linux sysctl such as tcp_syn_retries")
    }

    /// Columns count characters, not bytes: a Chinese comment or title before the error on the
    /// same line must not shift it.
    @Test func columnsCountCharacters() {
        #expect(Self.error("title.zh 三次握手\n服务器 listen 80")?.hasPrefix("t.tcps:2:1: unknown command `服务器`") == true)
        #expect(Self.error("\tclient\tshout") == "t.tcps:1:9: unknown action `shout`; expected listen, connect, send, read, close, abort or crash")
    }
}
