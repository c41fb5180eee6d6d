import TCPStepCore

/// Times down the diagram's left edge, never wider than `DiagramColumns.timeWidth`: a time
/// that does not fit is not cut (1000.05 ms once showed as "000.05 ms") but written in the
/// most exact form that fits: milliseconds while they are short ("1010 ms", "12.345 ms"), the
/// same in seconds when that is shorter ("1.00005 s"), then rounded down to fewer digits
/// ("123.45 ms"); from 10 s on seconds ("61.020 s", "3600.0 s"), and hours beyond 10⁷ s.
enum TimeAxisText {
    static func text(_ time: Micros) -> String {
        let width = DiagramColumns.timeWidth
        let time = max(0, time)
        if time < .seconds(10) {
            let exact = ["\(time.millisecondsText) ms", "\(decimal(time, unit: 1_000_000, digits: 6)) s"]
            if let fits = exact.first(where: { $0.count <= width }) { return fits }
            // Rounded down, so a later row never shows an earlier-looking time than the one above.
            let whole = String(time / 1_000)
            let digits = max(0, width - " ms".count - whole.count - 1)
            return "\(decimal(time, unit: 1_000, digits: min(3, digits), trim: false)) ms"
        }
        let seconds = time / 1_000_000
        if time < .seconds(1_000) { return "\(decimal(time, unit: 1_000_000, digits: 3, trim: false)) s" }
        if time < .seconds(100_000) { return "\(decimal(time, unit: 1_000_000, digits: 1, trim: false)) s" }
        if time < .seconds(10_000_000) { return "\(seconds) s" }
        return "\(seconds / 3_600) h"
    }

    /// `value / unit` with `digits` decimals, rounded down; trailing zeros dropped with `trim`.
    private static func decimal(_ value: Micros, unit: Int64, digits: Int, trim: Bool = true) -> String {
        let whole = value / unit
        guard digits > 0 else { return String(whole) }
        var scale: Int64 = 1
        for _ in 0 ..< digits { scale *= 10 }
        // `unit` is a power of ten of at least `scale`: the first `digits` decimals of the rest.
        let fraction = (value % unit) / (unit / scale)
        var text = String(fraction)
        text = String(repeating: "0", count: digits - text.count) + text
        if trim { while text.hasSuffix("0") { text.removeLast() } }
        return text.isEmpty ? String(whole) : "\(whole).\(text)"
    }
}
