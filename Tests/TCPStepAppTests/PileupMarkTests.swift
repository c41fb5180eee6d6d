import TCPStepCore
import TCPStepPileup
import TCPStepRender
import Testing

@testable import TCPStepApp

/// Switching a remedy while the pile-up runs leaves a mark on the chart at that second.
@Suite struct PileupMarkTests {
    @Test func switchingARemedyIsMarkedOnTheChart() {
        var model = PileupAppModel(config: PileupConfig(), duration: .seconds(300), options: AppOptions(),
                                   clock: PileupSpeedTests.fakeClock(step: .milliseconds(100)))
        _ = model.handle(.resize(width: 160, height: 45))
        for _ in 0 ..< 6 { _ = model.handle(nil) }
        _ = model.handle(.key(.character("1")))
        for _ in 0 ..< 6 { _ = model.handle(nil) }
        let text = model.frame().text
        #expect(text.contains(" 1 on "), "\(text)")
        #expect(text.contains("requests shed (503)"))
        // The crawler's one address, blacklisted for 10 minutes from its first second with the limit on.
        #expect(text.contains("blacklisted IPs"))
        #expect(text.contains("next release in"), "\(text)")
    }
}
