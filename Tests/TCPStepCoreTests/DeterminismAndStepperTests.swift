import Foundation
import Testing
import TCPStepCore
import TCPStepScenario

@Suite("Determinism and stepping back")
struct DeterminismAndStepperTests {
    private let lossy = """
        set latency 30ms
        set seed 42
        set loss 20%
        set duplicate 10%
        set jitter 30% 200ms
        set faults-until 20s
        set mss 200
        server listen 80
        client connect 80
        at 200ms client send 5000
        +100ms server send 3000
        at 3s client close
        +500ms server close
        """

    @Test("Same seed and same actions give byte-identical traces")
    func sameSeedSameTrace() throws {
        let first = try Run(lossy).jsonLines
        let second = try Run(lossy).jsonLines
        #expect(first == second)
        #expect(first.count > 1_000)
        let other = try Run(lossy.replacingOccurrences(of: "set seed 42", with: "set seed 43")).jsonLines
        #expect(other != first, "a different seed draws different ISNs and faults")
    }

    @Test("Stepping back restores any earlier step exactly, and redo gives the same events")
    func stepBackExactly() throws {
        let scenario = try ScenarioParser.parse(lossy, fileName: "lossy.tcps")
        var stepper = Stepper(simulation: scenario.makeSimulation())
        var snapshots: [(now: Micros, events: Int, inFlight: [WireSegment], states: [TCPState])] = []
        func snapshot(_ s: Stepper) -> (Micros, Int, [WireSegment], [TCPState]) {
            (s.simulation.now, s.events.count, s.simulation.inFlight,
             HostID.allCases.flatMap { s.simulation.connections(of: $0).map(\.state) })
        }
        snapshots.append(snapshot(stepper))
        while stepper.stepForward() { snapshots.append(snapshot(stepper)) }
        let finalEvents = Array(stepper.events)
        #expect(stepper.position > 2 * Stepper.checkpointInterval)
        for target in [0, 1, 31, 32, 33, 64, stepper.position / 2, stepper.position - 1] {
            stepper.go(to: target)
            let got = snapshot(stepper)
            let want = snapshots[target]
            #expect(got.0 == want.now && got.1 == want.events && got.2 == want.inFlight && got.3 == want.states, "position \(target)")
        }
        stepper.go(to: 10)
        while stepper.stepForward() {}
        #expect(Array(stepper.events) == finalEvents)
    }

    @Test("An intervention after stepping back forgets the undone future")
    func interventionForks() throws {
        let scenario = try ScenarioParser.parse("set latency 10ms\nserver listen 80\nclient connect 80 from 5000\n", fileName: "t.tcps")
        var stepper = Stepper(simulation: scenario.makeSimulation())
        stepper.stepForward()   // listen
        stepper.stepForward()   // connect: SYN in flight
        let syn = try #require(stepper.simulation.inFlight.first)
        let dropped = stepper.intervene(.drop(syn.id))
        #expect(dropped)
        #expect(stepper.simulation.inFlight.isEmpty)
        let droppedAgain = stepper.intervene(.drop(syn.id))
        #expect(!droppedAgain, "dropping it twice does nothing")
        stepper.stepBack()
        #expect(stepper.simulation.inFlight.map(\.id) == [syn.id])
        let delayed = stepper.intervene(.delay(syn.id, by: .ms(100)))
        #expect(delayed)
        #expect(stepper.redoableMoves == 0)
        stepper.runUntilQuiet(limit: .seconds(5))
        let states = stepper.simulation.connections(of: .client).map(\.state)
        #expect(states == [.established])
        #expect(stepper.events.contains { if case .delay(_, .ms(100), _, .user) = $0.kind { true } else { false } })
    }
}
