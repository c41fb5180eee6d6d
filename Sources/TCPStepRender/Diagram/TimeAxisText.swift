import TCPStepCore

/// Times down the diagram's left edge, at most `DiagramColumns.timeWidth` wide: milliseconds
/// while they are short ("1010 ms"), then seconds ("61.020 s", "3600.0 s").
enum TimeAxisText {
    static func text(_ time: Micros) -> String {
        if time < .seconds(10) { return "\(time.millisecondsText) ms" }
        let millis = time / 1_000
        let seconds = millis / 1_000, fraction = millis % 1_000
        if time < .seconds(1_000) { return "\(seconds).\(padded(fraction, 3)) s" }
        return "\(seconds).\(fraction / 100) s"
    }

    private static func padded(_ value: Int64, _ digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
