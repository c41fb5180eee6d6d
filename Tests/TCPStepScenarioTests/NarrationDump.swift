import Foundation
import Testing
import TCPStepCore
import TCPStepScenario
import TCPStepNarration

/// Not a check: prints the narration of every step of every built-in scenario, in both
/// languages, for reviewing or translating the tables. Runs only when asked:
///
///     DUMP=1 [DUMP_PROFILE=linux] swift test --filter dumpNarration
@Test func dumpNarration() throws {
    let environment = ProcessInfo.processInfo.environment
    guard environment["DUMP"] != nil else { return }
    let profile = environment["DUMP_PROFILE"].flatMap(ProfileName.init(rawValue:))
    for name in BuiltinScenarios.names {
        let run = try Run(name, profile: profile)
        for language in NarrationLanguage.allCases {
            let narrator = Narrator(scenario: run.scenario, language: language)
            print("=== \(name) [\(language)] \(narrator.title)")
            for step in narrator.narrateAll(run.events) {
                print("#\(step.step) \(step.time.millisecondsText)ms" + (step.authored.map { " «\($0)»" } ?? ""))
                for sentence in step.sentences { print("    " + sentence) }
            }
            if let epilogue = narrator.epilogue { print("EPILOGUE: \(epilogue)") }
        }
    }
}
