import Testing
import TCPStepCore
import TCPStepNarration
import TCPStepScenario

/// The new stories are told in both languages: the tail loss probe, connect()'s ETIMEDOUT, the
/// zero window and its probes, and the RST of a CLOSE that leaves data unread.
struct LinuxNarrationTests {
    /// Every sentence told for a scenario, step by step, in one language.
    private func told(_ text: String, _ language: NarrationLanguage) throws -> [String] {
        let scenario = try ScenarioParser.parse(text, fileName: "t.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: .seconds(200), &log)
        return Narrator(scenario: scenario, language: language).narrateAll(log.events).flatMap(\.sentences)
    }

    /// The server's FIN from LAST_ACK is lost twice (the notes' "re-sends the FIN after ~205 ms").
    private let lostFin = """
        set profile linux
        set latency 100us
        server listen 80
        client connect 80 from 5000
        at 1s client close
        at 1100ms server close
        drop s2c FIN+ACK#1
        drop s2c FIN+ACK#2
        """

    @Test("The probe is named, and so is the RTO after it that does not double")
    func tailLossProbe() throws {
        let english = try told(lostFin, .english)
        #expect(english.contains { $0.contains("a tail loss probe. Linux re-sends the last segment early, FIN,ACK") })
        #expect(english.contains("The probe does not double the timeout: the retransmission timer now runs 200.2 ms, and only if that expires too does the doubling begin."))
        let chinese = try told(lostFin, .chinese)
        #expect(chinese.contains { $0.contains("这是一次尾部丢失探测（TLP）。Linux 提前重发最后一个报文段") })
        #expect(chinese.contains { $0.contains("探测不会让超时时间翻倍") })
    }

    @Test("A connect() that times out says ETIMEDOUT")
    func connectTimesOut() throws {
        let text = "set profile linux\nset tcp_syn_retries 1\nclient connect 80 from 5000\ndrop c2s SYN#1\ndrop c2s SYN#2\ndrop c2s SYN#3"
        #expect(try told(text, .english).contains { $0.contains("connect() fails with ETIMEDOUT") })
        #expect(try told(text, .chinese).contains { $0.contains("connect() 以 ETIMEDOUT") })
    }

    @Test("The zero window and the window probe")
    func zeroWindow() throws {
        let text = """
            set profile linux
            set latency 10ms
            set autoread server off
            set rcvbuf server 1460
            server listen 80
            client connect 80 from 5000
            at 100ms client send 3000
            at 2s server read all
            at 3s server read all
            """
        let english = try told(text, .english)
        #expect(english.contains { $0.contains("its receive buffer is now full. Its acknowledgment ACK") && $0.contains("advertises a zero window") })
        #expect(english.contains { $0.contains("the client's persist timer expires and it sends a window probe") })
        #expect(english.contains { $0.contains("so its window opens again; it tells the client at once with a window update") })
        let chinese = try told(text, .chinese)
        #expect(chinese.contains { $0.contains("通告零窗口") })
        #expect(chinese.contains { $0.contains("发送窗口探测报文") })
    }

    @Test("The reset-by-peer story: RST instead of FIN, and the client's reset")
    func resetByPeer() throws {
        let text = try #require(BuiltinScenarios.text(named: "reset-by-peer"))
        #expect(try told(text, .english).contains { $0.contains("instead of a FIN the server sends RST,ACK") && $0.contains("connection reset by peer") })
        #expect(try told(text, .chinese).contains { $0.contains("不发 FIN，而是发送 RST,ACK") })
    }
}
