import Testing
import TCPStepCore
import TCPStepScenario
import TCPStepNarration

/// The narration tables are complete in both languages, every step of every built-in scenario
/// is narrated, and the key moments of the stories say what they should.
struct NarrationTests {
    // MARK: - Tables

    @Test(arguments: NarrationLanguage.allCases)
    func everyRequiredKeyExists(_ language: NarrationLanguage) {
        let table = NarrationTable.standard(language)
        let missing = NarrationKey.required.filter { table[$0] == nil }
        #expect(missing.isEmpty, "missing in the \(language) table: \(missing)")
    }

    /// Refinements are optional, but a refinement written in one language must exist in the
    /// other, or Chinese students would get an English sentence there.
    @Test func bothTablesHaveTheSameKeys() {
        let english = Set(NarrationTable.english.templates.keys), chinese = Set(NarrationTable.chinese.templates.keys)
        #expect(english.subtracting(chinese).sorted() == [], "English keys without a Chinese translation")
        #expect(chinese.subtracting(english).sorted() == [], "Chinese keys without an English original")
    }

    /// A translation may reorder placeholders but must use the same ones: a refinement whose
    /// Chinese text needs a value the English does not would be chosen differently per language.
    @Test func translationsUseTheSamePlaceholders() {
        for (key, english) in NarrationTable.english.templates {
            guard let chinese = NarrationTable.chinese[key] else { continue }
            #expect(placeholders(english) == placeholders(chinese), "\(key)")
        }
    }

    /// A generic key is the last resort when a refinement lacks a value, so it may only use
    /// the placeholders that are always available for its kind of fact.
    @Test func genericKeysUseOnlyGuaranteedPlaceholders() {
        for key in NarrationKey.required {
            guard let allowed = NarrationKey.guaranteedPlaceholders(forGenericKey: key) else { continue }
            for table in [NarrationTable.english, .chinese] {
                guard let template = table[key] else { continue }
                let extra = placeholders(template).subtracting(allowed)
                #expect(extra.isEmpty, "\(table.language) \(key) uses \(extra.sorted())")
            }
        }
    }

    @Test func chineseFallsBackToEnglishKeyByKey() throws {
        var templates = NarrationTable.chinese.templates
        templates["state.passive-open"] = nil
        let partial = NarrationTable(language: .chinese, templates: templates)
        let run = try Run("handshake")
        let narrator = Narrator(scenario: run.scenario, language: .chinese, table: partial)
        let first = try #require(narrator.narrate(step: 1, in: run.events))
        // Only the missing sentence is English, and all of it (host names included).
        #expect(first.sentences == ["The server's application listens on port 80 (a passive open): the server is in LISTEN, sends nothing, and waits for a SYN."])
        #expect(first.authored?.hasPrefix("服务器在 80 端口被动打开") == true)
        // The rest of the story is still Chinese.
        let second = try #require(narrator.narrate(step: 2, in: run.events))
        #expect(second.sentences.allSatisfy(containsChinese))
    }

    // MARK: - Every step of every built-in scenario

    struct Setup: CustomTestStringConvertible, Sendable {
        var name: String
        var profile: ProfileName
        var testDescription: String { "\(name) (\(profile.rawValue))" }
    }

    static let setups: [Setup] = BuiltinScenarios.names.flatMap { name in ProfileName.allCases.map { Setup(name: name, profile: $0) } }

    @Test(arguments: setups)
    func everyStepIsNarrated(_ setup: Setup) throws {
        let run = try Run(setup.name, profile: setup.profile)
        let steps = Set(run.events.map(\.step))
        for language in NarrationLanguage.allCases {
            for relative in [false, true] {
                let narrator = Narrator(scenario: run.scenario, language: language, relativeSequenceNumbers: relative)
                let narration = narrator.narrateAll(run.events)
                #expect(Set(narration.map(\.step)) == steps)
                for step in narration {
                    let where_ = "\(setup.name) \(setup.profile) \(language) step \(step.step)"
                    #expect(!step.sentences.isEmpty && step.sentences.count <= 2, "\(where_): \(step.sentences)")
                    for sentence in step.sentences {
                        #expect(!sentence.isEmpty && !sentence.contains("{") && !sentence.contains("}") && !sentence.contains("\u{1}"), "\(where_): \(sentence)")
                        if language == .chinese { #expect(containsChinese(sentence), "\(where_) is not Chinese: \(sentence)") }
                    }
                }
                // One-step narration agrees with narrating the whole trace.
                if let last = narration.last {
                    #expect(narrator.narrate(step: last.step, in: run.events) == last)
                }
                let headlines = narrator.headlines(run.events)
                #expect(headlines.count == run.events.count)
                #expect(headlines.allSatisfy { !$0.isEmpty && !$0.contains("{") && !$0.hasPrefix("headline.") })
            }
        }
    }

    /// Each scripted command's step carries its author's `say`, in the right language.
    @Test(arguments: BuiltinScenarios.names)
    func authoredNarrationLandsOnItsCommand(_ name: String) throws {
        let run = try Run(name)
        for language in NarrationLanguage.allCases {
            let narrator = Narrator(scenario: run.scenario, language: language)
            let authored = narrator.narrateAll(run.events).compactMap(\.authored)
            let expected = run.scenario.narration.compactMap { said -> (Int, String?)? in
                said.commandIndex.map { ($0, language == .english ? said.english : said.chinese) }
            }.sorted { $0.0 < $1.0 }.compactMap(\.1)
            #expect(authored == expected, "\(name) \(language)")
        }
    }

    // MARK: - What the key moments say

    @Test func handshakeExplainsTheNumbers() throws {
        let run = try Run("handshake")
        let english = Narrator(scenario: run.scenario, language: .english).narrateAll(run.events)
        #expect(english[1].sentences[0].contains("it sends SYN seq=100, whose sequence number is its initial sequence number (ISN)"))
        #expect(english[2].sentences[0].contains("answers SYN,ACK seq=300 ack=101"))
        #expect(english[2].sentences[0].contains("\"your SYN used number 100; send 101 next\""))
        #expect(english[3].sentences[0].contains("It sends ACK seq=101 ack=301, the third segment of the handshake"))
        // Relative numbers, as the diagram shows them by default.
        let relative = Narrator(scenario: run.scenario, language: .english, relativeSequenceNumbers: true).narrateAll(run.events)
        #expect(relative[2].sentences[0].contains("answers SYN,ACK seq=0 ack=1"))
        #expect(relative[3].sentences[0].contains("It sends ACK seq=1 ack=1"))
        let chinese = Narrator(scenario: run.scenario, language: .chinese).narrateAll(run.events)
        #expect(chinese[3].sentences[0].contains("这是三次握手的第三个报文段"))
    }

    @Test func lostLastAckTellsWhyTimeWait() throws {
        let run = try Run("lost-last-ack")
        let narration = Narrator(scenario: run.scenario, language: .english).narrateAll(run.events)
        let resend = try #require(narration.first { $0.time == .ms(1_500) })
        #expect(resend.sentences == [
            "No ACK for the server's FIN came within 1 s: its retransmission timer expires and it sends FIN,ACK seq=301 ack=102 again (try 2).",
            "The timeout doubles to 2 s (exponential backoff): if the network is congested, sending faster would only make it worse.",
        ])
        let answer = try #require(narration.first { $0.time == .ms(1_550) })
        #expect(answer.sentences == [
            "The server's FIN arrives again: the server never got the client's last ACK. The client is still in TIME_WAIT, so it is there to answer.",
            "It answers with the same ACK again (ACK seq=102 ack=302) and restarts its 2MSL wait (4 min). Being there to answer is the first reason the side that closes first waits in TIME_WAIT.",
        ])
        let lost = try #require(narration.first { $0.time == .ms(575) })
        #expect(lost.sentences == ["The client's ACK seq=102 ack=302 is lost in the network (this scenario drops it): the server never receives it."])
        let chinese = Narrator(scenario: run.scenario, language: .chinese).narrateAll(run.events)
        let answerZH = try #require(chinese.first { $0.time == .ms(1_550) })
        #expect(answerZH.sentences[0] == "服务器的 FIN 又来了：服务器没有收到客户端的最后一个 ACK。客户端仍处于 TIME_WAIT，所以还能回应。")
        #expect(answerZH.sentences[1].contains("重新开始 2MSL 计时（4 分钟）"))
    }

    @Test func whyThreeWayTellsTheRejection() throws {
        let run = try Run("why-three-way")
        let narrator = Narrator(scenario: run.scenario, language: .english)
        let narration = narrator.narrateAll(run.events)
        let connect = try #require(narration.first { $0.step == 2 })
        #expect(connect.sentences[1] == "The network holds the client's SYN seq=100 back: it will reach the server 2 s late, at 2.05 s.")
        let refused = try #require(narration.first { $0.time == .ms(2_100) })
        #expect(refused.sentences == [
            "The SYN,ACK seq=300 ack=101 reaches port 5000 of the client, where there is no connection: the client never asked for it, or has given up on it.",
            "It answers RST seq=101: \"this does not belong to any connection of mine\".",
        ])
        let back = try #require(narration.last)
        #expect(back.sentences.first?.contains("SYN_RECEIVED → LISTEN") == true)
        #expect(narrator.epilogue?.contains("why-three-way-two-way") == true)
        #expect(Narrator(scenario: run.scenario, language: .chinese).epilogue?.contains("两次握手") == true)
    }

    @Test func lostSynTellsTheBackoff() throws {
        let run = try Run("lost-syn")
        let narration = Narrator(scenario: run.scenario, language: .chinese).narrateAll(run.events)
        let second = try #require(narration.first { $0.time == .seconds(3) })
        #expect(second.sentences == [
            "客户端在 2 秒内没有收到任何回应：重传计时器超时，于是重传 SYN seq=100（第 3 次发送）。丢失的可能是 SYN，也可能是对它的回答。",
            "超时时间加倍为 4 秒（指数退避）：如果网络拥塞，发得更快只会更糟。",
        ])
        let linux = try Run("lost-syn", profile: .linux)
        let linuxNarration = Narrator(scenario: linux.scenario, language: .english).narrateAll(linux.events)
        let retry = try #require(linuxNarration.first { $0.time == .seconds(1) })
        #expect(retry.sentences.last?.hasPrefix("The timeout stays at 1 s: Linux spaces its first SYN retries evenly") == true)
    }

    @Test func teardownTellsTheHalfClose() throws {
        let run = try Run("teardown")
        let narration = Narrator(scenario: run.scenario, language: .english).narrateAll(run.events)
        let data = try #require(narration.first { $0.time == .ms(950) })
        #expect(data.sentences[0].hasPrefix("200 bytes (PSH,ACK seq=301 ack=202 len=200) reach the client although it has closed"))
        let closeWait = try #require(narration.first { $0.time == .ms(650) })
        #expect(closeWait.sentences[0].contains("enters CLOSE_WAIT; its application is told, and may still send before it closes"))
        let timeWait = try #require(narration.first { $0.time == .ms(1_250) })
        #expect(timeWait.sentences[1].hasPrefix("The client now waits 2MSL (4 min) before it forgets the connection"))
    }

    @Test func halfOpenTellsTheChallengeAck() throws {
        let run = try Run("half-open")
        let narration = Narrator(scenario: run.scenario, language: .english).narrateAll(run.events)
        let challenge = try #require(narration.first { $0.time == .ms(1_050) })
        #expect(challenge.sentences[0].hasPrefix("A SYN (SYN seq=400) arrives for a connection the server holds in ESTABLISHED."))
        #expect(challenge.sentences[1].hasPrefix("It answers with a challenge ACK, ACK seq=301 ack=101"))
        let refused = try #require(narration.first { $0.time == .ms(1_100) })
        #expect(refused.sentences[0].hasPrefix("The client is in SYN_SENT, but this ACK seq=301 ack=101 acknowledges ack=101, which is not its SYN"))
    }

    /// Aborts, resets and crashes, in a scenario of their own (none of the built-ins aborts).
    @Test func abortsResetsAndCrashes() throws {
        let source = """
        set isn client 100
        set isn server 300
        server listen 80
        client connect 80 from 5000
        at 300ms client send 10
        at 400ms client abort
        at 1s client connect 80 from 5001
        at 1200ms server crash
        at 2s client send 10
        +0ms client close
        at 3s inject s2c RST seq=5 sport=80 dport=5001
        """
        let scenario = try ScenarioParser.parse(source, fileName: "misc.tcps")
        var simulation = scenario.makeSimulation()
        var log = TraceLog()
        simulation.runUntilQuiet(limit: scenario.runUntil, &log)
        let narration = Narrator(scenario: scenario, language: .english).narrateAll(log.events)
        func at(_ ms: Int64, _ index: Int = 0) -> [String] { narration.filter { $0.time == .ms(ms) }[index].sentences }
        #expect(at(400) == [
            "The client's application aborts: the connection is deleted at once (ESTABLISHED → CLOSED) and anything still queued is thrown away.",
            "It sends RST seq=111 so that the server deletes the connection too.",
        ])
        // The server's ACK of the data crossed the RST: the client's port answers it with another RST …
        #expect(at(400, 1)[1] == "It answers RST seq=111: \"this does not belong to any connection of mine\".")
        // … which finds only the listener once the first RST closed the connection.
        #expect(at(450, 1) == ["A listener has no connection to reset, so it ignores the RST."])
        #expect(at(1_200)[0].hasPrefix("The server crashes and reboots: its connection on port 80 (ESTABLISHED)"))
        // The crashed server's RST resets the client; the second one finds a closed port.
        #expect(at(2_100)[0].hasSuffix("The client deletes it at once (FIN_WAIT_1 → CLOSED), and its application is told: connection reset."))
        #expect(at(2_100, 1) == ["The RST seq=250301 reaches port 5001 of the client, where there is no connection any more: there is nothing to reset, and a RST is never answered, so it is ignored."])
        #expect(at(3_000) == ["An old RST seq=5, left over from an earlier connection, appears in the network and heads for the client."])
        // Under Linux the abort's RST carries an ACK; the narration follows the segment.
        var linux = scenario
        linux.config.profile = .linux
        var linuxSimulation = linux.makeSimulation()
        var linuxLog = TraceLog()
        linuxSimulation.runUntilQuiet(limit: linux.runUntil, &linuxLog)
        let abort = try #require(Narrator(scenario: linux, language: .chinese).narrateAll(linuxLog.events).first { $0.time == .ms(400) })
        #expect(abort.sentences[1] == "它发送 RST,ACK seq=111 ack=301，让服务器也删除这条连接。")
    }

    // MARK: - Stepping, interventions and step 0

    /// Narration follows a stepped run, including the user's own moves: a drop the user makes is
    /// recorded under the step before it and told as its own sentence, and the author's texts
    /// stay on their commands.
    @Test func interventionsAreNarratedAndDoNotShiftAuthoredText() throws {
        let scenario = try #require(try BuiltinScenarios.scenario(named: "handshake"))
        var stepper = Stepper(simulation: scenario.makeSimulation())
        stepper.stepForward()  // server listen
        stepper.stepForward()  // client connect: the SYN is in flight
        let syn = try #require(stepper.simulation.inFlight.first)
        let dropped = stepper.intervene(.drop(syn.id))
        let called = stepper.intervene(.app(.server, .send(bytes: 10)))  // fails: no foreign socket
        #expect(dropped && called)
        stepper.runUntilQuiet(limit: .seconds(60))
        let narrator = Narrator(scenario: scenario, language: .english)
        let narration = narrator.narrateAll(stepper.events)
        let connect = try #require(narration.first { $0.step == 2 })
        #expect(connect.authored == narrator.authored(commandIndex: 1))
        #expect(connect.sentences.count == 4)
        #expect(connect.sentences[2] == "You dropped the client's SYN seq=100: the server never receives it.")
        #expect(connect.sentences[3] == "The server's call `send 10` fails: foreign socket unspecified.")
        // The data command still gets its own author's text, after the SYN was retransmitted.
        let send = try #require(narration.first { $0.time == .ms(500) })
        #expect(send.authored == narrator.authored(commandIndex: 2))
        // Stepping back and narrating one step gives the same text.
        stepper.go(to: 4)
        #expect(narrator.narrate(step: 2, in: stepper.events) == connect)
    }

    // MARK: - Language selection

    @Test func languageFromEnvironment() {
        #expect(NarrationLanguage.fromEnvironment([:]) == .english)
        #expect(NarrationLanguage.fromEnvironment(["LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(NarrationLanguage.fromEnvironment(["LANG": "zh_TW.UTF-8"]) == .chinese)
        #expect(NarrationLanguage.fromEnvironment(["LANG": "en_US.UTF-8"]) == .english)
        #expect(NarrationLanguage.fromEnvironment(["LANG": "C"]) == .english)
        #expect(NarrationLanguage.fromEnvironment(["LANG": "de_DE.UTF-8"]) == .english)
        // POSIX precedence: LC_ALL over LC_MESSAGES over LANG; empty values do not count.
        #expect(NarrationLanguage.fromEnvironment(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(NarrationLanguage.fromEnvironment(["LC_ALL": "", "LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(NarrationLanguage.fromEnvironment(["LC_MESSAGES": "zh_CN", "LANG": "en_US"]) == .chinese)
        #expect(NarrationLanguage.fromEnvironment(["LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"]) == .english)
    }

    @Test func languageArgument() {
        #expect(NarrationLanguage(argument: "en") == .english)
        #expect(NarrationLanguage(argument: "zh") == .chinese)
        #expect(NarrationLanguage(argument: "ZH") == .chinese)
        #expect(NarrationLanguage(argument: "zh-CN") == .chinese)
        #expect(NarrationLanguage(argument: "chinese") == .chinese)
        #expect(NarrationLanguage(argument: "fr") == nil)
        #expect(NarrationLanguage(argument: "") == nil)
    }

    // MARK: - Helpers

    private func placeholders(_ template: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// At least one CJK ideograph: the sentence really is Chinese, not the English fallback.
func containsChinese(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
}
