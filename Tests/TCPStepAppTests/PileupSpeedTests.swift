import TCPStepCore
import TCPStepPileup
import TCPStepRender
import Testing
import Synchronization

@testable import TCPStepApp

/// The speed label says what the run achieves, measured with the wall clock the app layer is
/// given (a fake one here, so the test does not depend on the machine's speed).
@Suite struct PileupSpeedTests {
    /// A wall clock that moves `step` each time it is read (each frame reads it once).
    static func fakeClock(step: Duration) -> PileupAppModel.WallClock {
        let now = Mutex(Duration.zero)
        return { now.withLock { $0 += step; return $0 } }
    }

    static func model(frameTime: Duration) -> PileupAppModel {
        var config = PileupConfig()
        config.requestsPerSecond = 50  // light, so the test is quick in a debug build
        var model = PileupAppModel(config: config, duration: .seconds(3_600), options: AppOptions(),
                                   clock: fakeClock(step: frameTime))
        _ = model.handle(.resize(width: 120, height: 30))
        return model
    }

    @Test func framesOnTimeAchieveTheSpeedAskedFor() {
        var model = Self.model(frameTime: .milliseconds(100))
        for _ in 0 ..< 12 { _ = model.handle(nil) }
        #expect(model.speed == 30)
        #expect(abs((model.achievedSpeed ?? 0) - 30) < 1e-9)
        #expect(model.frame().row(0).contains("▶ 30× (achieving 30×)"))
    }

    /// Frames a second apart (a debug build busy simulating) catch up half a second each: 15×.
    @Test func slowFramesShowTheLowerSpeedAchieved() {
        var model = Self.model(frameTime: .seconds(1))
        for _ in 0 ..< 4 { _ = model.handle(nil) }
        #expect(abs((model.achievedSpeed ?? 0) - 15) < 1e-9)
        #expect(model.frame().row(0).contains("▶ 30× (achieving 15×)"))
    }

    @Test func pausedShowsNoSpeedAndResumesWithoutALeap() {
        var model = Self.model(frameTime: .milliseconds(100))
        for _ in 0 ..< 3 { _ = model.handle(nil) }
        _ = model.handle(.key(.character(" ")))
        #expect(model.achievedSpeed == nil)
        #expect(model.frame().row(0).contains("paused"))
        let before = model.pileup.now
        for _ in 0 ..< 50 { _ = model.handle(nil) }  // five seconds paused
        _ = model.handle(.key(.character(" ")))
        _ = model.handle(nil)
        #expect(model.pileup.now - before == .seconds(3))  // one frame's 100 ms at 30×, not 5 s of it
    }
}
