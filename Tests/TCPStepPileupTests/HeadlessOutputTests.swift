import Foundation
import Testing
import TCPStepCore
import TCPStepPileup

/// `tcpstep pileup --headless --json` prints `PileupSample.jsonLine` once per virtual second.
@Suite("Headless JSON output")
struct HeadlessOutputTests {
    /// A short run in which ports run out, with a remedy switched halfway, as JSON lines.
    static let lines: [String] = {
        var pileup = Pileup(config: World.small())
        var lines: [String] = []
        pileup.run(until: .seconds(30)) { lines.append($0.jsonLine) }
        pileup.set(.twReuse, on: true)
        pileup.run(until: .seconds(40)) { lines.append($0.jsonLine) }
        return lines
    }()

    static func decode(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("One valid JSON object per line per second, with the issue's fields")
    func validJSON() throws {
        #expect(Self.lines.count == 40)
        for (index, line) in Self.lines.enumerated() {
            #expect(!line.contains("\n"))
            let object = try Self.decode(line)
            #expect(object["t_s"] as? Int == index + 1)
            let states = try #require(object["states"] as? [String: Int])
            #expect(Set(states.keys) == Set(TCPState.allCases.map(\.name)))
            #expect(object["free_ports"] is Int)
            #expect(object["failed_connects"] is Int)
            #expect(object["predicted_time_wait"] as? Int == (index < 30 ? 6_000 : 6_000))
            #expect(object["remedies"] as? [String] == (index < 30 ? [] : ["tw-reuse"]))
        }
    }

    @Test("Totals are consistent: every connection is in exactly one state or closed")
    func consistentTotals() throws {
        var lastFailed = 0
        for line in Self.lines {
            let object = try Self.decode(line)
            let states = try #require(object["states"] as? [String: Int])
            let opened = try #require(object["connections_opened"] as? Int)
            let closed = try #require(object["connections_closed"] as? Int)
            let live = try #require(object["live_connections"] as? Int)
            let notListening = states.filter { $0.key != "LISTEN" }.values.reduce(0, +)
            #expect(notListening == opened)
            #expect(states["CLOSED"] == closed)
            #expect(live == opened - closed)
            #expect(states["LISTEN"] == 1)
            // Per host, the live states add up to the totals.
            let byHost = try #require(object["by_host"] as? [String: [String: Int]])
            for (name, count) in states where name != "LISTEN" && name != "CLOSED" {
                #expect((byHost["client"]?[name] ?? 0) + (byHost["server"]?[name] ?? 0) == count, "\(name)")
            }
            // Ports: the free ones plus the ones held by the web server's connections.
            let free = try #require(object["free_ports"] as? Int)
            let clientLive = (byHost["client"] ?? [:]).values.reduce(0, +)
            #expect(free + clientLive == World.smallPorts)
            // failed_connects is cumulative.
            let failed = try #require(object["failed_connects"] as? Int)
            #expect(failed >= lastFailed)
            lastFailed = failed
        }
        #expect(lastFailed > 0)
    }

    @Test("The samples themselves keep the same totals in every scenario")
    func totalsInEveryRemedy() {
        for remedy in [nil] + Remedy.allCases.map(Optional.some) {
            let (_, samples) = World.run(World.small(remedy.map { [$0] } ?? []), seconds: 25)
            for sample in samples { checkTotals(sample) }
        }
    }

    @Test("The table form has a row per sample")
    func table() {
        let (_, samples) = World.run(World.small(), seconds: 3)
        #expect(PileupSample.tableHeader.contains("TIME_WAIT"))
        #expect(samples.map(\.tableRow).allSatisfy { !$0.isEmpty })
    }

    @Test("Durations and port ranges as written on the command line")
    func arguments() {
        #expect(PileupArgument.duration("30s") == .micros(.seconds(30)))
        #expect(PileupArgument.duration("3600s") == .micros(.seconds(3600)))
        #expect(PileupArgument.duration("0.5ms") == .micros(500))
        #expect(PileupArgument.duration("2min") == .micros(.seconds(120)))
        #expect(PileupArgument.duration("1h") == .micros(.seconds(3600)))
        #expect(PileupArgument.duration("45") == .micros(.seconds(45)))
        #expect(PileupArgument.duration("fast") == .notADuration)
        #expect(PileupArgument.portRange("32768-60999") == 32768...60999)
        #expect(PileupArgument.portRange("60999-32768") == nil)
        #expect(PileupArgument.portRange("0-10") == nil)
    }

    @Test("The sample history is bounded")
    func boundedHistory() {
        var history = SampleHistory(capacity: 3)
        let (_, samples) = World.run(World.small(), seconds: 5)
        for sample in samples { history.append(sample) }
        #expect(history.count == 3)
        #expect(history.all.map(\.timeS) == [3, 4, 5])
        #expect(history.suffix(2).map(\.timeS) == [4, 5])
    }
}
