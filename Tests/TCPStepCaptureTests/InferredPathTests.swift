import TCPStepCapture
import TCPStepCore
import Testing

/// Real connections on the loopback interface, captured by tcpdump: both hosts' inferred paths.
@Suite("Inferred states of real connections")
struct InferredPathTests {
    typealias Path = [TCPState]
    static let activeCloser: Path = [.closed, .synSent, .established, .finWait1, .finWait2, .timeWait]
    static let passiveCloserClient: Path = [.closed, .synSent, .established, .closeWait, .lastAck, .closed]
    static let passiveCloserServer: Path = [.closed, .listen, .synReceived, .established, .closeWait, .lastAck, .closed]
    static let activeCloserServer: Path = [.closed, .listen, .synReceived, .established, .finWait1, .finWait2, .timeWait]

    @Test("The client closes first: client to TIME_WAIT, server through CLOSE_WAIT and LAST_ACK")
    func clientClosesFirst() throws {
        let story = try RealCapture.story("client-closes-first")
        #expect(story.connection.statePath(.client) == Self.activeCloser)
        #expect(story.connection.statePath(.server) == Self.passiveCloserServer)
        #expect(!story.connection.clientIsGuess && !story.connection.joinedLate)
        #expect(story.connection.transitions.allSatisfy { $0.time >= 0 })
    }

    @Test("The server closes first: the mirror image")
    func serverClosesFirst() throws {
        let story = try RealCapture.story("server-closes-first")
        #expect(story.connection.statePath(.client) == Self.passiveCloserClient)
        #expect(story.connection.statePath(.server) == Self.activeCloserServer)
    }

    @Test("Half-close: the server still sends 300 bytes in CLOSE_WAIT, the client receives them in FIN_WAIT_2")
    func halfClose() throws {
        let story = try RealCapture.story("half-close")
        #expect(story.connection.statePath(.client) == Self.activeCloser)
        #expect(story.connection.statePath(.server) == Self.passiveCloserServer)
        let lateData = try #require(story.connection.steps.first { $0.from == .server && $0.packet.payloadLength == 300 })
        let closeWait = try #require(story.connection.transitions.first { $0.host == .server && $0.to == .closeWait })
        #expect(lateData.time >= closeWait.time)
    }

    @Test("SO_LINGER 0 close: the client aborts with RST, the server's connection is reset")
    func reset() throws {
        let story = try RealCapture.story("reset")
        #expect(story.connection.statePath(.client) == [.closed, .synSent, .established, .closed])
        #expect(story.connection.statePath(.server) == [.closed, .listen, .synReceived, .established, .closed])
        let causes = story.connection.transitions.filter { $0.to == .closed }.map { "\($0.host):\($0.cause.rawValue)" }
        #expect(causes == ["client:abort", "server:rcv-rst"])
        #expect(story.connection.steps.last?.label == .reset)
        #expect(story.summary.outcome == .reset)
    }

    @Test("A connect to a closed port: SYN, RST,ACK; the server never had a connection")
    func closedPort() throws {
        let story = try RealCapture.story("closed-port")
        #expect(story.connection.statePath(.client) == [.closed, .synSent, .closed])
        #expect(story.connection.statePath(.server) == [])
        #expect(story.connection.steps.map(\.packet.flags) == [[.syn], [.rst, .ack]])
    }

    @Test("tcpdump -i any (Linux cooked v1 and v2) gives the same paths as the loopback capture")
    func cooked() throws {
        for link in [nil, "LINUX_SLL2"] {
            let story = try RealCapture.story("client-closes-first", .init(iface: "any", link: link))
            #expect(story.connection.statePath(.client) == Self.activeCloser, "\(link ?? "LINUX_SLL")")
            #expect(story.connection.statePath(.server) == Self.passiveCloserServer, "\(link ?? "LINUX_SLL")")
        }
    }

    @Test("IPv6 on ::1, in pcapng, nanosecond and big-endian pcap: the same paths")
    func formats() throws {
        let variants: [RealCapture.Options] = [
            .init(ipv6: true), .init(pcapng: true), .init(ipv6: true, nano: true, pcapng: true), .init(nano: true), .init(bigEndian: true),
        ]
        for options in variants {
            let story = try RealCapture.story("server-closes-first", options)
            #expect(story.connection.statePath(.client) == Self.passiveCloserClient, "\(options)")
            #expect(story.connection.statePath(.server) == Self.activeCloserServer, "\(options)")
            #expect(story.connection.client.address.isIPv6 == options.ipv6)
            #expect(story.summary.packets == 11, "\(options)")
        }
    }
}
