import Testing
import TCPStepCore
import TCPStepScenario

/// The settings of Linux's knobs and of application reads: every message with its position,
/// and what a valid value does to the profile.
struct SysctlParserTests {
    static let errorCases: [ParserErrorTests.Case] = [
        .init(source: "set profile linux\nset tcp_syn_retries many",
              expected: "t.tcps:2:21: `tcp_syn_retries` needs a whole number from 1 to 127, found `many`"),
        .init(source: "set profile linux\nset tcp_syn_retries 0",
              expected: "t.tcps:2:21: `tcp_syn_retries` needs a whole number from 1 to 127, found `0`"),
        .init(source: "set profile linux\nset tcp_synack_retries 256",
              expected: "t.tcps:2:24: `tcp_synack_retries` needs a whole number from 0 to 255, found `256`"),
        .init(source: "set profile linux\nset tcp_fin_timeout 2.5s",
              expected: "t.tcps:2:21: `tcp_fin_timeout` needs a whole number of seconds from 1 to 86400, such as 2s or 30, found `2.5s`"),
        .init(source: "set profile linux\nset tcp_rfc1337 2",
              expected: "t.tcps:2:17: `tcp_rfc1337` needs a whole number from 0 to 1, found `2`"),
        .init(source: "set profile linux\nset tcp_tw_reuse 1 now",
              expected: "t.tcps:2:20: unexpected `now` at the end of the command"),
        .init(source: "set tcp_keepalive_time 7200",
              expected: "t.tcps:1:5: unknown Linux sysctl `tcp_keepalive_time`; tcpstep knows tcp_syn_retries, tcp_synack_retries, tcp_syn_linear_timeouts, tcp_fin_timeout, tcp_rfc1337, tcp_tw_reuse"),
        // Under rfc9293 every one of them is an error at its own name, wherever `set profile` is.
        .init(source: "set tcp_syn_retries 2\nset profile rfc9293",
              expected: "t.tcps:1:5: `tcp_syn_retries` is Linux-only (a Linux sysctl), but the profile is rfc9293; add `set profile linux` or use --profile linux"),
        .init(source: "server listen 80\n  set tcp_fin_timeout 2s",
              expected: "t.tcps:2:7: `tcp_fin_timeout` is Linux-only (a Linux sysctl), but the profile is rfc9293; add `set profile linux` or use --profile linux"),
        .init(source: "set autoread maybe", expected: "t.tcps:1:14: `set autoread` needs on or off, found `maybe`"),
        .init(source: "set autoread server", expected: "t.tcps:1:20: `set autoread server` needs a value, as in `set autoread server off`"),
        .init(source: "set rcvbuf 0", expected: "t.tcps:1:12: `set rcvbuf` needs a number of bytes from 1 to 65535, found `0`"),
        .init(source: "set rcvbuf client 70000", expected: "t.tcps:1:19: `set rcvbuf` needs a number of bytes from 1 to 65535, found `70000`"),
        .init(source: "server read", expected: "t.tcps:1:12: `read` needs a number of bytes or `all`, as in `server read 100`"),
        .init(source: "server read some", expected: "t.tcps:1:13: `read` needs a positive number of bytes or `all`, found `some`"),
        .init(source: "server read all now", expected: "t.tcps:1:17: unexpected `now` at the end of the command"),
    ]

    @Test(arguments: errorCases)
    func rejected(_ test: ParserErrorTests.Case) {
        #expect(ParserErrorTests.error(test.source) == test.expected)
    }

    @Test("Each sysctl changes its setting, whether it comes before or after `set profile linux`")
    func settingsReachTheProfile() throws {
        let scenario = try ScenarioParser.parse("""
            set tcp_syn_retries 2
            set tcp_synack_retries 3
            set tcp_syn_linear_timeouts 0
            set tcp_fin_timeout 2s
            set tcp_rfc1337 1
            set tcp_tw_reuse 1
            set profile linux
            """, fileName: "t.tcps")
        let profile = scenario.config.profile
        #expect(profile.synGiveUpAfter == .seconds(7))
        #expect(profile.synAckRetries == 3)
        #expect(profile.synLinearRetransmissions == 0)
        #expect(profile.finWait2Timeout == .seconds(2))
        #expect(profile.timeWaitRST == .ignored)
        #expect(profile.timeWaitReuse == .everywhere)
        #expect(profile != .linux)
        #expect(scenario.sysctls.count == 6)
    }

    @Test("tcp_syn_retries gives up after (2^(n+1) − 1) s while doubling fits under 120 s, then 120 s more a retry")
    func synGiveUpTimes() throws {
        var profile = Profile.linux
        let expected: [(Int, Int64)] = [(1, 3), (2, 7), (3, 15), (6, 127), (7, 247), (127, 127 + 121 * 120)]
        for (retries, seconds) in expected {
            Sysctl.tcpSynRetries.apply(retries, to: &profile)
            #expect(profile.synGiveUpAfter == .seconds(seconds), "tcp_syn_retries \(retries)")
        }
    }

    @Test("autoread and rcvbuf: both hosts, or the one named")
    func readSettings() throws {
        let both = try ScenarioParser.parse("set autoread off\nset rcvbuf 4000", fileName: "t.tcps")
        #expect(both.config.autoRead == [false, false])
        #expect(both.config.receiveBuffers == [4000, 4000])
        let server = try ScenarioParser.parse("set autoread server off\nset rcvbuf server 2000\nserver read 100\nserver read all", fileName: "t.tcps")
        #expect(server.config.autoRead == [true, false])
        #expect(server.config.receiveBuffers == [65535, 2000])
        #expect(server.script.commands.map(\.kind) == [.app(.server, .read(bytes: 100)), .app(.server, .read(bytes: nil))])
    }

    @Test("A profile override re-applies the file's sysctls, and refuses them under rfc9293")
    func profileOverride() throws {
        var scenario = try ScenarioParser.parse("set profile linux\nset tcp_fin_timeout 5", fileName: "t.tcps")
        try scenario.switchProfile(to: .linux)
        #expect(scenario.config.profile.finWait2Timeout == .seconds(5))
        #expect(throws: SysctlRejection.self) { try scenario.switchProfile(to: .rfc9293) }
    }
}
