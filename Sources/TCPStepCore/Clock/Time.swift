/// Virtual time in microseconds. The core never reads a wall clock: time moves only when the
/// simulation pops its next event.
public typealias Micros = Int64

/// Virtual time has one documented range, 0 to 100 years (`Micros.maximumVirtual`), and two
/// rules keep its arithmetic from ever trapping:
/// 1. Every time that comes from outside (a scenario, a command-line option) is checked against
///    the range where it is read, by `Micros.checked(_:unitMicros:)`, and refused with a message
///    naming the value when it is outside.
/// 2. Where the core adds or multiplies times (a deadline `now + timeout`, 2 × MSL, an arrival
///    `now + latency`) it uses `adding(_:)` / `times(_:)`, which pin the result at the end of
///    `Int64` instead of trapping. With rule 1 the operands are at most a few hundred years, far
///    below `Int64.max` (292,000 years), so the pinning is a guarantee, not a behaviour anyone sees.
public extension Micros {
    /// 100 years of 365 days: the latest virtual time and the longest duration anything may name.
    static let maximumVirtual: Micros = 100 * 365 * 86_400 * 1_000_000
    /// How the range is written in messages.
    static let maximumVirtualText = "100 years"

    /// `value` units of `unitMicros` microseconds each, rounded to a microsecond; nil when the
    /// value is negative, not finite or beyond `maximumVirtual`. The one rule for every unit.
    static func checked(_ value: Double, unitMicros: Double) -> Micros? {
        guard value.isFinite, value >= 0 else { return nil }
        let micros = (value * unitMicros).rounded()
        guard micros <= Double(maximumVirtual) else { return nil }
        return Micros(micros)
    }

    /// `self + other`, pinned at `Int64.max` / `Int64.min` instead of trapping.
    func adding(_ other: Micros) -> Micros {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// `self × factor`, pinned at `Int64.max` / `Int64.min` instead of trapping.
    func times(_ factor: Int64) -> Micros {
        let (product, overflow) = multipliedReportingOverflow(by: factor)
        return overflow ? ((self < 0) == (factor < 0) ? .max : .min) : product
    }

    static func ms(_ value: Int64) -> Micros { value.times(1_000) }
    static func seconds(_ value: Int64) -> Micros { value.times(1_000_000) }

    /// Milliseconds as a number for display and JSON: "1010" or "1010.5".
    var millisecondsText: String {
        if self % 1_000 == 0 { return String(self / 1_000) }
        let whole = self / 1_000, fraction = abs(self % 1_000)
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A human duration: "250 ms", "1 s", "1.5 s", "4 min".
    var durationText: String {
        if self < 1_000_000 { return "\(millisecondsText) ms" }
        if self % 60_000_000 == 0 && self >= 120_000_000 { return "\(self / 60_000_000) min" }
        let tenths = self / 100_000 + (self % 100_000 >= 50_000 ? 1 : 0)
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}
