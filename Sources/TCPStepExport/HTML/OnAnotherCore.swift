import Dispatch

/// A value worked out on another core while the caller goes on with something else: the HTML
/// player's narration (a third of a long export's work) is told while the figure is drawn.
/// Both are pure functions of the trace, so the page is the same byte for byte either way.
final class OnAnotherCore<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before `done.leave()`, read only after `done.wait()`: the
    // group orders the two, which is what makes the unchecked Sendable sound.
    private var result: Value?
    private let done = DispatchGroup()

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = work()
            self.done.leave()
        }
    }

    /// The value, once the other core has it.
    var value: Value {
        done.wait()
        return result!
    }
}
