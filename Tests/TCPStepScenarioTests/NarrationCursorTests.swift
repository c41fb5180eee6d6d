import Testing
import TCPStepCore
import TCPStepNarration
import TCPStepScenario

/// The incremental narrator (the live view's) says exactly what the one that rereads the whole
/// trace says, stepping forward and back.
struct NarrationCursorTests {
    @Test(arguments: ["basic", "lost-last-ack", "half-open", "no-time-wait"])
    func sameAsRereading(name: String) throws {
        let scenario = try #require(try BuiltinScenarios.scenario(named: name))
        let narrator = Narrator(scenario: scenario, language: .chinese, relativeSequenceNumbers: true)
        var stepper = Stepper(simulation: scenario.makeSimulation())
        var cursor = NarrationCursor()
        var positions: [Int] = []
        while stepper.stepForward() {
            let step = try #require(stepper.events.last?.step)
            let fresh = narrator.narrate(step: step, in: stepper.events)
            #expect(narrator.narrate(step: step, in: stepper.events, cursor: &cursor) == fresh, "\(name) step \(step)")
            positions.append(stepper.position)
        }
        // Back to arbitrary earlier positions, then forward again.
        for target in [positions.count / 2, 3, positions.count - 1, 1] where target > 0 {
            stepper.go(to: target)
            let step = try #require(stepper.events.last?.step)
            #expect(narrator.narrate(step: step, in: stepper.events, cursor: &cursor) == narrator.narrate(step: step, in: stepper.events))
        }
    }
}
