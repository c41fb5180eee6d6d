import TCPStepCore
import TCPStepNarration
import TCPStepRender
import TCPStepScenario
import Testing

@testable import TCPStepApp

/// The quiz asks about the tail loss probe before Linux sends one, and the lifeline shows it.
struct TailLossProbeQuizTests {
    private func model(language: NarrationLanguage = .english) throws -> AppModel {
        let scenario = try ScenarioParser.parse("""
            set profile linux
            set latency 100us
            server listen 80
            client connect 80 from 5000
            at 1s client close
            drop c2s FIN+ACK#1
            """, fileName: "tlp.tcps")
        var options = AppOptions()
        options.quiz = true
        options.language = language
        var model = AppModel(scenario: scenario, options: options)
        _ = model.update(.resize(width: 100, height: 30))
        return model
    }

    @Test func theQuizAsksWhatLinuxDoesAboutTheLostFin() throws {
        var model = try model()
        // Answer the state questions until the question about the missing ACK comes up.
        var loss: QuizQuestion?
        for _ in 0 ..< 40 {
            model.press(" ")
            guard case .question(let question)? = model.overlay else { continue }
            if !question.actionChoices.isEmpty {
                loss = question
                break
            }
            model.press(Character(String(question.correct + 1)))
        }
        let question = try #require(loss)
        #expect(question.host == .client && question.from == .finWait1 && question.unacknowledged == "FIN,ACK")
        let asking = model.screenText()
        #expect(asking.contains("No ACK has come for the client's FIN,ACK yet."))
        #expect(asking.contains("2  send the last segment again now: a tail loss probe"))
        #expect(asking.contains("answer with 1–4"))

        let before = model.stepper.events.count
        model.press("2")
        #expect(model.overlay == .answer(question, chosen: 1))
        #expect(model.screenText().contains("Right: a tail loss probe re-sends the last segment early"))
        // The step was taken: the probe fired and the FIN went out again.
        #expect(model.events(after: before).contains {
            if case .timer(.client, _, _, .tailLossProbe, .fire, _, _) = $0.kind { true } else { false }
        })
        model.press(" ")
        #expect(model.screenText().contains("TLP fired"))
    }

    @Test func theQuestionAndItsVerdictAreChineseUnderLangZh() throws {
        var model = try model(language: .chinese)
        var asking = ""
        for _ in 0 ..< 40 {
            model.press(" ")
            guard case .question(let question)? = model.overlay else { continue }
            if !question.actionChoices.isEmpty {
                asking = model.screenText()
                break
            }
            model.press(Character(String(question.correct + 1)))
        }
        #expect(asking.contains("客户端的 FIN,ACK 还没有收到 ACK。"), "\(asking)")
        #expect(asking.contains("2  现在就重发最后一个报文段：尾部丢失探测（TLP）"))
        model.press("2")
        let verdict = model.screenText()
        #expect(verdict.contains("答对了：尾部丢失探测提前重发最后一个报文段"))
        for screen in [asking, verdict] {
            #expect(LectureHallTests.englishWords(in: screen).isEmpty, "\(LectureHallTests.englishWords(in: screen))\n\(screen)")
        }
        // The wrong answer's verdict too.
        let question = QuizQuestion(tailLossProbeOf: .server, in: .lastAck, segment: "FIN,ACK")
        #expect(question.actionVerdict(chosen: 0, .chinese) == UIText.chinese(.quizTLPWrong))
        #expect(question.actionPromptLines(.chinese)?.first == "服务器的 FIN,ACK 还没有收到 ACK。")
    }

    @Test func exportWithoutAnExporterSaysSoInChinese() throws {
        var model = try model(language: .chinese)
        model.press("e")
        #expect(model.status == "这里不能导出（e）")
    }
}
