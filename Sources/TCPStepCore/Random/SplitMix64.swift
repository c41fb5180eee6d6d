/// The core's only source of randomness: SplitMix64, seeded explicitly, so that the same seed and
/// the same actions always give the same trace (never `SystemRandomNumberGenerator`).
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with the given probability in percent (0–100).
    public mutating func chance(percent: Double) -> Bool {
        guard percent > 0 else { return false }
        return Double(next() >> 11) / Double(1 << 53) * 100 < percent
    }
}
