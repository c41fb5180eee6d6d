import Foundation
import TCPStepCore
import TCPStepScenario
import GoldenFiles
import Testing

@testable import TCPStepRender

/// Scenarios for the diagram tests: the RFC 9293 figures exactly as /work/shared/checks/rfc_figures.py
/// writes them, and a few faults.
enum DiagramScenarios {
    static let rfcHead = "set profile rfc9293\nset latency 10ms\nset msl 30s\n"

    static let figure6 = rfcHead + "set isn client 100\nset isn server 300\nserver listen 80\nclient connect 80 from 5000\nat 500ms client send 10\n"
    static let figure7 = rfcHead + "set isn client 100\nset isn server 300\nclient connect 80 from 5000\nserver connect 5000 from 80\n"
    static let figure8 = rfcHead + "set isn client 100\nset isn server 300\nserver listen 80\nclient connect 80 from 5000\ndelay c2s SYN 300ms\ninject c2s SYN seq=90 sport=5000 dport=80 at 0ms\n"
    static let figure12 = rfcHead + "set isn client 99\nset isn server 299\nserver listen 80\nclient connect 80 from 5000\nat 1000ms client close\nat 1100ms server close\n"
    static let figure13 = rfcHead + "set isn client 99\nset isn server 299\nserver listen 80\nclient connect 80 from 5000\nat 1000ms client close\nat 1000ms server close\n"

    /// The client's last ACK is lost: the server's FIN comes again and 2MSL starts over.
    static let lostLastAck = rfcHead + "set isn client 99\nset isn server 299\nserver listen 80\nclient connect 80 from 5000\nat 1000ms client close\nat 1100ms server close\ndrop c2s 4\n"
    /// The first data segment is held 40 ms: the second, sent 5 ms later, overtakes it.
    static let reordered = rfcHead + "set isn client 100\nset isn server 300\nserver listen 80\nclient connect 80 from 5000\nat 100ms client send 100\nat 105ms client send 100\ndelay c2s 3 40ms\n"
    /// The network delivers the client's data segment twice.
    static let duplicated = rfcHead + "set isn client 100\nset isn server 300\nserver listen 80\nclient connect 80 from 5000\nat 100ms client send 100\ndup c2s 3\n"

    static func scenario(_ text: String, title: String = "test") throws -> Scenario {
        var scenario = try ScenarioParser.parse(text, fileName: "\(title).tcps")
        scenario.title = title
        return scenario
    }

    /// Runs the scenario to quiet, as `tcpstep trace` and `tcpstep render` do.
    static func events(_ text: String) throws -> [TraceEvent] {
        let scenario = try scenario(text)
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        return log.events
    }
}

/// Golden files under Tests/TCPStepRenderTests/Golden.
let golden = GoldenFolder(besides: #filePath)
