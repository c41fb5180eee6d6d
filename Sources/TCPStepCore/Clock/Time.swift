/// Virtual time in microseconds. The core never reads a wall clock: time moves only when the
/// simulation pops its next event.
public typealias Micros = Int64

public extension Micros {
    static func ms(_ value: Int64) -> Micros { value * 1_000 }
    static func seconds(_ value: Int64) -> Micros { value * 1_000_000 }

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
        let tenths = (self + 50_000) / 100_000
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(tenths / 10).\(tenths % 10) s"
    }
}
