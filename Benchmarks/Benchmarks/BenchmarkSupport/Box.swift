/// A value the benchmark closures share and mutate between iterations, made on first use.
public final class Box<Value>: @unchecked Sendable {
    private let make: () -> Value
    private var stored: Value?
    public init(_ make: @escaping () -> Value) { self.make = make }
    public var value: Value {
        get {
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
        set { stored = newValue }
        // In place: a get-then-set would copy the value and make every mutation copy its buffers.
        _modify {
            if stored == nil { stored = make() }
            yield &stored!
        }
    }
}
